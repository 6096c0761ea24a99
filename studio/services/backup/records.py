"""Plain, frozen values the backup service returns; a UI holds these, never files or rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from studio.services.common.audit_log import SYSTEM_ACTOR, Text, Words
from studio.services.common.i18n import N_, _, pgettext
from studio.services.common.records import Actor


class BackupKind(StrEnum):
    """Why a backup was made, as its sidecar records it (the list shows it)."""

    MANUAL = "manual"  # by hand: the backups page or ``studio backup now``
    SCHEDULED = "scheduled"  # the daily schedule
    SAFETY = "safety"  # of the live database, just before a restore replaces it
    IMPORTED = "imported"  # an archive from elsewhere added to the list


# How each kind reads (the backups list, the recovery screen, the audit log); "" is a backup
# whose sidecar is missing. Marked: translate where shown.
KIND_LABELS = {"manual": N_("By hand"), "scheduled": N_("Scheduled"), "safety": N_("Safety (before a restore)"),
               "imported": N_("Imported"), "": N_("Unknown")}


@dataclass(frozen=True)
class System:
    """Who acts when no one is signed in: the scheduler, or the command line on this PC
    (whoever can run commands there can read the data folder anyway). ``name`` is who the
    audit log says acted; ``backup_kind`` is what a backup it makes is recorded as."""

    name: Text
    backup_kind: BackupKind = BackupKind.MANUAL


Who = Actor | System

# Translators: who acted in an audit row written by the daily backup schedule.
SCHEDULER = System(Words(N_("scheduled backup")), BackupKind.SCHEDULED)
COMMAND_LINE = System(SYSTEM_ACTOR)
# The app's recovery screen, shown before sign-in when the database cannot be read: no one
# can be checked against a damaged database; the restored backup's passwords apply after.
# Translators: who acted in an audit row written by the recovery screen (before anyone signs in).
RECOVERY_SCREEN = System(Words(N_("recovery screen")))


@dataclass(frozen=True)
class BackupInfo:
    name: str  # YYYYMMDD-HHMMSS in the studio's time zone
    created_at: datetime | None  # UTC; None when the sidecar is missing
    size: int  # bytes of the database copy
    verified: bool  # checked when made and unchanged in size; verify() re-hashes
    schema_revision: str | None
    sha256: str | None
    kind: str  # a BackupKind value, or "" when unknown
    path: Path | None  # the .db, if kept
    archive_path: Path | None  # the .zip, if made
    # Against this build: "current", "older" (restorable: migrated forward), "newer" (needs
    # a newer Linework) or "unknown" (no sidecar); see verify.schema_state.
    schema_state: str = "unknown"
    app_version: str | None = None  # the Linework that made it, when recorded

    @property
    def version_text(self) -> str:
        """Whether this Linework can restore it as it is, in words (the Backups page's
        Version column, ``studio backup list``)."""
        made_by = f"Linework {self.app_version}" if self.app_version else ""
        # Translators: {made_by} is "Linework" and a version number, e.g. "Linework 1.4.0".
        if self.schema_state == "current":
            return _("Current · {made_by}").format(made_by=made_by) if made_by else _("Current")
        if self.schema_state == "older":
            return _("Older, restorable · {made_by}").format(made_by=made_by) if made_by else _("Older, restorable")
        if self.schema_state == "newer":
            return (_("Newer — needs {made_by}").format(made_by=made_by) if made_by
                    else _("Newer — needs an update of Linework"))
        return pgettext("backup version", "Unknown")


@dataclass(frozen=True)
class BackupResult:
    backup: BackupInfo
    deleted: tuple[str, ...] = ()  # names removed by rotation
    second_folder_problem: str | None = None  # the backup is fine; the extra copy is not


@dataclass(frozen=True)
class VerifyReport:
    source: str
    ok: bool
    problem: str | None  # the sentence to show when not ok
    schema_revision: str | None = None
    sha256: str | None = None
    needs_migration: bool = False
    encrypted: bool = False


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    safety_backup: str | None  # the backup taken of the database it replaced (None: there was none)
    migrated_from: str | None  # the older schema revision that was brought forward
    files_restored: int
    # The database under the app changed: every window must sign in again.
    sign_in_again: bool = True
    # When the replaced database was damaged (SQLite could not copy it): its bytes, kept as
    # they were, in the backups folder (``damaged-….db``, never listed or rotated).
    damaged_copy: Path | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int
    encrypted: bool


# A newest good backup older than this is a warning (the dashboard, the status bar).
STALE_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class BackupStatus:
    newest_verified_at: datetime | None
    last_failure_at: datetime | None
    last_failure: str | None  # plain words, until a backup succeeds after it
    warning: str | None  # what the dashboard / status bar shows, or None when all is well


@dataclass(frozen=True)
class CheckReport:
    """``studio check``: what is wrong with the live studio, one sentence each (empty: all well)."""

    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupListing:
    """The Backups page's refresh: the backups, newest first, their status, and when."""

    backups: tuple[BackupInfo, ...]
    status: BackupStatus
    read_at: datetime
