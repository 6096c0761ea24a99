"""Backup and recovery: verified SQLite snapshots, archives, rotation, schedule, restore.

The only service besides ``studio.db`` allowed to use SQLite directly (ARCHITECTURE.md).
"""

from studio.services.backup.errors import (
    BackupBusy,
    BackupCancelled,
    BackupFailed,
    BackupRefused,
    DiskFull,
    PassphraseNeeded,
)
from studio.services.backup.records import (
    COMMAND_LINE,
    SCHEDULER,
    BackupInfo,
    BackupResult,
    BackupStatus,
    ExportResult,
    RestoreResult,
    System,
    VerifyReport,
)
from studio.services.backup.service import BackupService
from studio.services.backup.settings import BackupSettings

__all__ = [
    "COMMAND_LINE", "SCHEDULER", "BackupBusy", "BackupCancelled", "BackupFailed", "BackupInfo",
    "BackupRefused", "BackupResult", "BackupService", "BackupSettings", "BackupStatus", "DiskFull",
    "ExportResult", "PassphraseNeeded", "RestoreResult", "System", "VerifyReport",
]
