"""The backup service's errors. Each carries a sentence the admin can act on."""

from __future__ import annotations

from studio.services.common.errors import DomainError, StorageError
from studio.services.common.i18n import N_


class BackupRefused(DomainError):
    """A backup file (or archive) failed a check; nothing was changed."""


class PassphraseNeeded(BackupRefused):
    """The archive is encrypted and no passphrase, or the wrong one, was given."""


class BackupFailed(DomainError):
    """A backup, export or restore could not be completed; nothing was left half-written."""


class BackupCancelled(DomainError):
    """The admin cancelled; every temporary file was removed."""


class BackupBusy(DomainError):
    """Another backup or restore is running for this data folder."""


class DiskFull(StorageError):
    """The destination disk ran out of space; the partial file was removed."""


# A sentence: raise and show it through ``_``.
DISK_FULL = N_("The disk is full, so the backup could not be written. Free some space, then try again.")
