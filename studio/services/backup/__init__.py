"""Backup and recovery: verified SQLite snapshots, archives, rotation, schedule, restore.

The only service besides ``studio.db`` allowed to use SQLite directly (ARCHITECTURE.md).

Names load on first use (PEP 562), so ``studio.services.backup.health`` can be imported
by the first window, before the data layer, without pulling SQLAlchemy in with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "studio.services.backup.errors": ("BackupBusy", "BackupCancelled", "BackupFailed", "BackupRefused",
                                      "DiskFull", "PassphraseNeeded"),
    "studio.services.backup.records": ("COMMAND_LINE", "RECOVERY_SCREEN", "SCHEDULER", "STALE_AFTER", "BackupInfo", "BackupKind",
                                       "BackupResult",
                                       "BackupStatus", "ExportResult", "RestoreResult", "System",
                                       "VerifyReport", "CheckReport"),
    "studio.services.backup.service": ("BackupService", "recovery_service"),
    "studio.services.backup.settings": ("BackupSettings", "MIN_PASSPHRASE", "clean_passphrase"),
    "studio.services.backup.health": ("DatabaseProblem", "database_problem", "describe_failure", "raise_if_damaged"),
    "studio.services.backup.schedule": ("BackupScheduler",),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(_MODULE_OF)

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
    from studio.services.backup.settings import MIN_PASSPHRASE, BackupSettings, clean_passphrase  # noqa: F401


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        # A submodule (``from studio.services.backup import rotation``) or a real miss.
        try:
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
