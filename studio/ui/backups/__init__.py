"""Backups: the Backups page and the backup parts of the window — the table model, the
dialogs, the settings card, the in-app scheduler, the status-bar age, the dashboard's
warning card — and the recovery screen shown instead of the sign-in when the database
cannot be read."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("BackupsPage",),
    "runner": ("BackupRunner",),
    "status": ("BackupStatusLabel",),
    "recovery": ("RecoveryScreen",),
    "card": ("BackupCard",),
    "descriptor": ("DESCRIPTOR",),
})
