"""Backup and recovery: verified SQLite snapshots, archives, rotation, schedule, restore.

The only service besides ``studio.db`` allowed to use SQLite directly (ARCHITECTURE.md).

Names load on first use (PEP 562), so ``studio.services.backup.health`` can be imported
by the first window, before the data layer, without pulling SQLAlchemy in with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "errors": ("BackupBusy", "BackupCancelled", "BackupFailed", "BackupRefused", "DiskFull", "PassphraseNeeded"),
    "records": ("COMMAND_LINE", "KIND_LABELS", "RECOVERY_SCREEN", "SCHEDULER", "STALE_AFTER", "BackupInfo", "BackupKind", "BackupListing",
                "BackupResult", "BackupStatus", "ExportResult", "RestoreResult", "System", "VerifyReport",
                "CheckReport"),
    "service": ("BackupService", "recovery_service"),
    "settings": ("ARCHIVE_MODE_LABELS", "BackupSettings", "MIN_PASSPHRASE", "clean_passphrase"),
    "health": ("DatabaseProblem", "database_problem", "describe_failure", "raise_if_damaged"),
    "schedule": ("BackupScheduler",),
})

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers
    from studio.services.backup.errors import (  # noqa: F401
        BackupBusy,
        BackupCancelled,
        BackupFailed,
        BackupRefused,
        DiskFull,
        PassphraseNeeded,
    )
    from studio.services.backup.health import (  # noqa: F401
        DatabaseProblem,
        database_problem,
        describe_failure,
        raise_if_damaged,
    )
    from studio.services.backup.records import (  # noqa: F401
        COMMAND_LINE,
        KIND_LABELS,
        SCHEDULER,
        STALE_AFTER,
        BackupInfo,
        BackupKind,
        BackupResult,
        BackupStatus,
        CheckReport,
        ExportResult,
        RestoreResult,
        System,
        VerifyReport,
    )
    from studio.services.backup.records import RECOVERY_SCREEN  # noqa: F401
    from studio.services.backup.service import BackupService, recovery_service  # noqa: F401
    from studio.services.backup.schedule import BackupScheduler  # noqa: F401
    from studio.services.backup.settings import (  # noqa: F401
        ARCHIVE_MODE_LABELS,
        MIN_PASSPHRASE,
        BackupSettings,
        clean_passphrase,
    )
