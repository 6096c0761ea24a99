"""BackupService: back up, list, verify, export, import and restore; settings and status.

Every public call runs as a signed-in admin (MANAGE_BACKUPS) or as a ``System`` principal
(the scheduler, the command line); ``status`` needs only VIEW_BACKUP_STATUS. Long calls
take ``progress(done_fraction, text)`` and a ``threading.Event`` to cancel, and run on
whatever thread calls them (the UI runs them off the GUI thread).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio import __version__
from studio.clock import Clock, utc_now
from studio.config import Config
from studio.db import Database
from studio.models import AuditEvent
from studio.services.backup import archive as arc
from studio.services.backup import store
from studio.services.backup.errors import DISK_FULL, BackupCancelled, BackupFailed, BackupRefused, DiskFull
from studio.services.backup.fileops import (
    DEFAULT_OPS,
    FileOps,
    Progress,
    copy_file,
    fsync_dir,
    is_disk_full,
    no_progress,
    raise_if_disk_full,
    remove_quietly,
    scaled,
    sha256_file,
)
from studio.services.backup.records import (
    KIND_LABELS,
    STALE_AFTER,
    BackupInfo,
    BackupKind,
    BackupListing,
    BackupResult,
    BackupStatus,
    ExportResult,
    RestoreResult,
    System,
    VerifyReport,
    Who,
)
from studio.services.backup.recovery import Recovery
from studio.services.backup.rotation import Candidate, keep
from studio.services.backup.settings import (
    ARCHIVE_MODE_LABELS,
    FIELD_LABELS,
    BackupSettings,
    clean,
    clean_passphrase,
    read_backup_settings,
    read_passphrase,
    write_backup_settings,
)
from studio.services.backup.snapshot import snapshot_database
from studio.services.backup.verify import schema_state
from studio.services.common import audit_log
from studio.services.common.events import BackupDone
from studio.services.common.audit_log import Nn_, Text, Words
from studio.services.common.base import Service
from studio.services.common.errors import DomainError, NotFound, ValidationError
from studio.services.common.i18n import N_, _, ngettext
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings

log = logging.getLogger(__name__)

DETAIL_MAX = 2000  # characters of a failure's sentence kept in its audit row
# Translators: the subject of an audit row about backups: a failed backup, or the backup settings.
BACKUP_SUBJECT = Words(N_("backup"))
# Translators: the subject of an audit row about a failed copy of a backup to the second folder.
SECOND_FOLDER_SUBJECT = Words(N_("copy to the second folder"))



def _named_modes(settings: BackupSettings) -> BackupSettings:
    """``settings`` with its archive mode as the Backups page names it (for the audit diff)."""
    label = ARCHIVE_MODE_LABELS.get(settings.archive_mode)
    return replace(settings, archive_mode=Words(label)) if label else settings


def _info(entry: store.Entry) -> BackupInfo:
    side = entry.sidecar
    return BackupInfo(
        name=entry.name, created_at=side.created_at if side else None, size=side.size if side else
        (entry.db_path.stat().st_size if entry.db_path else 0), verified=entry.verified,
        schema_revision=side.schema_revision if side else None, sha256=side.sha256 if side else None,
        kind=side.kind if side else "", path=entry.db_path, archive_path=entry.zip_path,
        schema_state=schema_state(side.schema_revision if side else None),
        app_version=(side.app_version or None) if side else None)


class BackupService(Service):
    def __init__(self, services, *, ops: FileOps = DEFAULT_OPS) -> None:
        super().__init__(services)
        self._ops = ops
        self._last_failure: tuple[datetime, Text] | None = None
        # Called with the new BackupSettings after update_settings (the scheduler listens).
        self.settings_listeners: list = []
        self._recovery = Recovery(db=services.db, clock=services.clock, ops=ops, config=lambda: self.config,
                                  live=self._live, entry=self._entry, back_up=self._back_up,
                                  audit=self._audit, studio_tz=self._studio_tz)

    def close(self) -> None:
        """Let go of the database: for a service made by ``recovery_service``, once its
        restore is done (the app's own services close as a whole)."""
        self.services.db.dispose()

    @property
    def ops(self) -> FileOps:
        """The file operations every write goes through (tests swap in ones that fail)."""
        return self._ops

    @ops.setter
    def ops(self, ops: FileOps) -> None:
        self._ops = self._recovery.ops = ops

    # -- who, where ------------------------------------------------------------------------

    @property
    def config(self) -> Config:
        config = getattr(self.services, "config", None)
        if config is None:
            raise BackupFailed(_("Backups need to know the data folder; open Linework with its data folder."))
        return config

    @property
    def folder(self) -> Path:
        return self.config.backups_dir

    def _live(self) -> Path:
        path = self.config.database_path
        if path is None:
            raise BackupFailed(_("Backups work on the built-in database file; this studio uses another "
                               "database server, so back it up with that server's tools."))
        return path

    def _check(self, who: Who, permission: Permission = Permission.MANAGE_BACKUPS) -> None:
        if isinstance(who, System):
            return
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, who, permission)

    def _audit(self, who: Who, action: str, *, subject: Text = "", detail=()) -> None:
        actor = who if isinstance(who, Actor) else None
        name = who.name if isinstance(who, System) else None
        with self.unit_of_work() as uow:
            audit_log.record(uow.session, self.clock(), action, actor=actor, actor_name=name,
                             subject_type="backup", subject=subject, detail=detail)
            uow.commit()

    def _studio_tz(self) -> ZoneInfo:
        with self.unit_of_work(write=False) as uow:
            return ZoneInfo(read_settings(uow.session).timezone)

    # -- listing ---------------------------------------------------------------------------

    def list_backups(self, who: Who) -> list[BackupInfo]:
        """Every backup in <data dir>/backups, newest first. Needs MANAGE_BACKUPS."""
        self._check(who)
        return [_info(e) for e in store.scan(self.folder)]

    def _entry(self, name: str) -> store.Entry:
        for entry in store.scan(self.folder):
            if entry.name == name:
                return entry
        raise NotFound(_("There is no backup named {name}; refresh the list.").format(name=name))

    def check_studio(self, who: Who):
        """The live studio's health, read-only (``studio check``): CheckReport with one
        sentence per problem. Needs MANAGE_BACKUPS; works on a damaged database as System."""
        from studio.services.backup.check import check_studio

        self._check(who)
        return check_studio(self.config)

    def database_problem(self):
        """Why the live database cannot be used (health.DatabaseProblem), or None."""
        from studio.services.backup.health import database_problem

        return database_problem(self.config.database_path, self.folder)

    # -- making a backup -------------------------------------------------------------------

    def back_up_now(self, who: Who, *, progress: Progress = no_progress,
                    cancel: threading.Event | None = None, kind: BackupKind | None = None) -> BackupResult:
        """Make a verified backup now, pack its archive, rotate, copy to the second folder.
        Needs MANAGE_BACKUPS. Raises DiskFull, BackupFailed, BackupCancelled or BackupBusy;
        on any failure no partial file is left and the failure is audited."""
        self._check(who)
        arc.preload()
        with store.FolderLock(self.folder):
            if kind is None:
                kind = who.backup_kind if isinstance(who, System) else BackupKind.MANUAL
            return self._back_up(who, kind, progress, cancel)

    def _back_up(self, who: Who, kind: BackupKind, progress: Progress, cancel) -> BackupResult:
        live = self._live()
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        store.clean_leftovers(folder)
        with self.unit_of_work(write=False) as uow:
            settings = read_backup_settings(uow.session)
            tz = ZoneInfo(read_settings(uow.session).timezone)
            passphrase = read_passphrase(uow.session)
        now = self.clock()
        name = store.free_name(folder, store.stamp(now.astimezone(tz)))
        db_final, zip_final = folder / f"{name}.db", folder / f"{name}.zip"
        db_temp, zip_temp = store.partial_path(db_final), store.partial_path(zip_final)
        try:
            snap = snapshot_database(live, db_temp, ops=self.ops, progress=scaled(progress, 0, 0.5), cancel=cancel)
            sha = sha256_file(db_temp, progress=scaled(progress, 0.5, 0.6), cancel=cancel)
            files = arc.studio_files(self.config.data_dir)
            base = arc.Manifest(__version__, snap.schema_revision, now, snap.size, sha, ())
            manifest = arc.write_archive(zip_temp, db_temp, base, files, ops=self.ops,
                                         progress=scaled(progress, 0.6, 0.95), cancel=cancel)
            sidecar = store.Sidecar(sha256=sha, size=snap.size, schema_revision=snap.schema_revision,
                                    created_at=now, app_version=__version__, kind=kind,
                                    included=tuple(["database"] + sorted({p.split("/")[0] for p, _s, _h in manifest.files})),
                                    archive_sha256=sha256_file(zip_temp, cancel=cancel))
            # Sidecar first, then the archive, then the copy: a crash in between leaves an
            # orphaned sidecar (removed next time), never an unchecked file that looks good.
            store.write_sidecar(folder, name, sidecar, self.ops)
            zip_temp.replace(zip_final)
            if settings.archive_mode == "replace":
                remove_quietly(db_temp)
            else:
                db_temp.replace(db_final)
            fsync_dir(folder)
        except BaseException as exc:
            remove_quietly(db_temp, zip_temp, store.partial_path(store.sidecar_path(folder, name)))
            if not (folder / f"{name}.db").exists() and not zip_final.exists():
                remove_quietly(store.sidecar_path(folder, name))
            self._failed(who, exc, BACKUP_SUBJECT)
            raise_if_disk_full(exc)
            raise
        progress(0.96, _("Backup written"))
        entry = self._entry(name)
        self._audit(who, audit_log.BACKUP_CREATED, subject=name,
                    detail=[Words(KIND_LABELS.get(kind, KIND_LABELS[""])),
                            Words.counted(Nn_("{n} byte", "{n} bytes"), snap.size),
                            # Translators: a backup's database layout version, e.g. "schema 0008_audit_wording".
                            Words(N_("schema {revision}"), revision=snap.schema_revision),
                            f"sha256 {sha}"])
        self._last_failure = None
        deleted = self._rotate(who, settings, tz)
        problem = self._second_folder(who, settings, passphrase, entry, tz, cancel)
        progress(1.0, _("Backup done"))
        done = self._entry(name)
        self.services.events.publish(BackupDone(str(zip_final), zip_final.stat().st_size))
        return BackupResult(_info(done), tuple(deleted), problem)

    def _failed(self, who: Who, exc: BaseException, what: Words, said: Text | None = None) -> None:
        """Remember and audit a failure: ``said`` (what to tell), else the sentence of ``exc``."""
        english_what = audit_log.english(what)
        if isinstance(exc, BackupCancelled):
            log.info("%s cancelled", english_what)
            return
        if said is not None:
            message = said
        elif isinstance(exc, DiskFull) or is_disk_full(exc):
            message = Words(DISK_FULL)
        elif isinstance(exc, DomainError):
            message = exc.message[:DETAIL_MAX]  # said in the language of whoever was acting
        else:
            # Only the backup itself gets here: the second folder's copy reports a DomainError.
            # Translators: {error} is a programming error's name.
            message = Words(N_("The backup failed unexpectedly ({error}); the details are in the log."),
                            error=exc.__class__.__name__)
        log.warning("%s failed: %s", english_what, audit_log.english(message),
                    exc_info=not isinstance(exc, DomainError))
        self._last_failure = (self.clock(), message)
        try:
            self._audit(who, audit_log.BACKUP_FAILED, subject=what, detail=message)
        except Exception:  # the disk may be too full for the audit row too; memory keeps it
            log.warning("could not audit the failed %s", english_what, exc_info=True)

    # -- rotation --------------------------------------------------------------------------

    def _rotate(self, who: Who, settings: BackupSettings, tz: ZoneInfo) -> list[str]:
        entries = store.scan(self.folder)
        kept = keep([Candidate(e.name, self._local_time(e, tz), e.verified) for e in entries],
                    daily=settings.keep_daily, weekly=settings.keep_weekly, monthly=settings.keep_monthly)
        deleted = []
        for entry in entries:
            if entry.name in kept:
                continue
            self._delete_entry(self.folder, entry)
            deleted.append(entry.name)
            self._audit(who, audit_log.BACKUP_DELETED, subject=entry.name,
                        detail=Words(N_("rotation: past the daily/weekly/monthly counts")))
        return deleted

    @staticmethod
    def _local_time(entry: store.Entry, tz: ZoneInfo) -> datetime:
        if entry.sidecar is not None:
            return entry.sidecar.created_at.astimezone(tz)
        match = store.NAME_RE.match(entry.name)
        assert match is not None
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=tz)

    @staticmethod
    def _delete_entry(folder: Path, entry: store.Entry) -> None:
        for path in (entry.db_path, entry.zip_path, store.sidecar_path(folder, entry.name)):
            if path is not None:
                remove_quietly(path)

    def delete_backup(self, who: Who, name: str) -> None:
        """Delete one backup. Needs MANAGE_BACKUPS. Raises Conflict-like BackupRefused for
        the newest verified backup, which is never deleted."""
        self._check(who)
        with store.FolderLock(self.folder):
            entries = store.scan(self.folder)
            entry = self._entry(name)
            newest = next((e for e in entries if e.verified), None)
            if newest is not None and newest.name == name:
                raise BackupRefused(_("This is the newest good backup; it is kept until a newer one exists."))
            self._delete_entry(self.folder, entry)
            self._audit(who, audit_log.BACKUP_DELETED, subject=name, detail=Words(N_("deleted by hand")))

    # -- the second folder -----------------------------------------------------------------

    def _second_folder(self, who: Who, settings: BackupSettings, passphrase: str | None,
                       entry: store.Entry, tz: ZoneInfo, cancel) -> str | None:
        if not settings.second_folder:
            return None
        target = Path(settings.second_folder)
        zip_final = target / f"{entry.name}.zip"
        zip_temp = store.partial_path(zip_final)
        try:
            if not target.is_dir():
                raise BackupFailed(_("The second folder {folder} is not there (is the drive plugged in?).").format(folder=target))
            store.clean_leftovers(target)
            if settings.second_folder_encrypted:
                if not passphrase:
                    raise BackupFailed(_("Set a passphrase for the second folder's encrypted copies."))
                self._recovery.export_archive(entry, zip_temp, passphrase, no_progress, cancel)
            else:
                assert entry.zip_path is not None
                copy_file(entry.zip_path, zip_temp, ops=self.ops, cancel=cancel)
            assert entry.sidecar is not None
            copied = replace(entry.sidecar, archive_sha256=sha256_file(zip_temp, cancel=cancel))
            store.write_sidecar(target, entry.name, copied, self.ops)
            zip_temp.replace(zip_final)
            fsync_dir(target)
            kept = keep([Candidate(e.name, self._local_time(e, tz), e.verified) for e in store.scan(target)],
                        daily=settings.keep_daily, weekly=settings.keep_weekly, monthly=settings.keep_monthly)
            for old in store.scan(target):
                if old.name not in kept:
                    self._delete_entry(target, old)
                    self._audit(who, audit_log.BACKUP_DELETED, subject=old.name,
                                # Translators: {folder} is a folder's path.
                                detail=Words(N_("rotation in the second folder {folder}"), folder=target))
            return None
        except Exception as exc:
            remove_quietly(zip_temp)
            if isinstance(exc, DiskFull) or is_disk_full(exc):
                said = Words(N_("The backup is safe here, but the second folder is full."))
            elif isinstance(exc, DomainError):
                # Translators: {reason} is a sentence saying why the copy failed.
                said = Words(N_("The backup is safe here, but the copy to the second folder failed: {reason}"),
                             reason=exc.message[:DETAIL_MAX])
            else:
                said = Words(N_("The backup is safe here, but the copy to the second folder failed ({error})."),
                             error=str(exc)[:DETAIL_MAX])
            self._failed(who, BackupFailed(said.render()), SECOND_FOLDER_SUBJECT, said)
            return said.render()


    # -- recovery (checked here, done by Recovery) -------------------------------------------

    def verify(self, who: Who, source: str | Path, *, passphrase: str | None = None,
               progress: Progress = no_progress, cancel: threading.Event | None = None) -> VerifyReport:
        """Check a backup (name from the list, or a .db/.zip file): SHA-256 against the recorded
        one, integrity_check, foreign_key_check, a Linework database of a schema this build
        knows. Needs MANAGE_BACKUPS. Returns ok=False with the reason; raises only for
        NotFound, BackupCancelled or a full disk."""
        self._check(who)
        return self._recovery.verify(who, source, passphrase=passphrase, progress=progress, cancel=cancel)

    def restore(self, who: Who, source: str | Path, *, passphrase: str | None = None,
                progress: Progress = no_progress, cancel: threading.Event | None = None) -> RestoreResult:
        """Replace the studio's database (and consent/photo/report files) with a checked backup.

        Needs MANAGE_BACKUPS. The backup is checked in full first; then a safety backup of
        the current database is made (a damaged one is kept as it is, as ``damaged-….db``);
        the new database gets its audit row and is opened as the app opens it; then the
        database is swapped atomically with the app's connections closed, the files are put
        in place and the database is reopened. Raises BackupRefused (with the reason),
        DiskFull, BackupBusy, BackupFailed or BackupCancelled; in every such case, at every
        step (RESTORE_STEPS), the current database and files are left exactly as they were.
        On success every window must sign in again (``sign_in_again``)."""
        self._check(who)
        return self._recovery.restore(who, source, passphrase=passphrase, progress=progress, cancel=cancel)

    def export_backup(self, who: Who, name: str, destination: str | Path, *, passphrase: str | None = None,
                      progress: Progress = no_progress, cancel: threading.Event | None = None) -> ExportResult:
        """Write backup ``name`` as one ZIP at ``destination`` (a file, or a folder to put
        ``<name>.zip`` in); AES-256 encrypted when a passphrase is given. Needs MANAGE_BACKUPS."""
        self._check(who)
        return self._recovery.export_backup(who, name, destination, passphrase=passphrase,
                                            progress=progress, cancel=cancel)

    def import_backup(self, who: Who, archive: str | Path, *, passphrase: str | None = None,
                      progress: Progress = no_progress, cancel: threading.Event | None = None) -> BackupInfo:
        """Check an archive from elsewhere (another PC, a USB drive) and add it to the list,
        so it can be restored. Needs MANAGE_BACKUPS. Raises BackupRefused with the reason."""
        self._check(who)
        name = self._recovery.import_backup(who, archive, passphrase=passphrase, progress=progress, cancel=cancel)
        return _info(self._entry(name))

    # -- settings and status ---------------------------------------------------------------

    def settings(self, who) -> BackupSettings:
        """The schedule, rotation, archive and second-folder settings. Needs MANAGE_BACKUPS."""
        self._check(who)
        with self.unit_of_work(write=False) as uow:
            return read_backup_settings(uow.session)

    def update_settings(self, who, *, second_folder_passphrase: str | None = None, **changes) -> BackupSettings:
        """Change some settings by name (see BackupSettings); each is checked before anything is
        written. Needs MANAGE_BACKUPS. Raises ValidationError (field named)."""
        unknown = set(changes) - set(BackupSettings.__dataclass_fields__)
        if unknown:
            raise ValidationError(_("Unknown backup setting: {names}.").format(names=", ".join(sorted(unknown))))
        if second_folder_passphrase is not None:
            clean_passphrase(second_folder_passphrase)
        self._check(who)
        with self.unit_of_work() as uow:
            old = read_backup_settings(uow.session)
            new = clean(replace(old, **changes))
            write_backup_settings(uow.session, new, second_folder_passphrase)
            diff = audit_log.diff_fields(_named_modes(old), _named_modes(new), FIELD_LABELS)
            if second_folder_passphrase is not None:
                diff.append(Words(N_("second-folder passphrase changed")))
            if diff:
                audit_log.record(uow.session, self.clock(), audit_log.SETTINGS_CHANGED,
                                 actor=who if hasattr(who, "staff_id") else None,
                                 actor_name=None if hasattr(who, "staff_id") else who.name,
                                 subject_type="settings", subject=BACKUP_SUBJECT, detail=diff)
            uow.commit()
        for listener in list(self.settings_listeners):
            listener(new)
        return new

    def status(self, who) -> BackupStatus:
        """For the dashboard and status bar: the newest good backup and the last failure, which
        stays until a backup succeeds after it. Needs VIEW_BACKUP_STATUS."""
        self._check(who, Permission.VIEW_BACKUP_STATUS)
        return self._status(store.scan(self.folder))

    def listing(self, who: Who) -> BackupListing:
        """What the Backups page shows, read together: every backup (newest first), the
        status, and the moment they were read (for "3 h ago"). Needs MANAGE_BACKUPS."""
        self._check(who)
        entries = store.scan(self.folder)
        return BackupListing(tuple(_info(e) for e in entries), self._status(entries), self.clock())

    def _status(self, entries) -> BackupStatus:
        newest = next((e for e in entries if e.verified and e.sidecar), None)
        newest_at = newest.sidecar.created_at if newest and newest.sidecar else None
        with self.unit_of_work(write=False) as uow:
            event = uow.session.scalar(
                select(AuditEvent).where(AuditEvent.action.in_((audit_log.BACKUP_CREATED, audit_log.BACKUP_FAILED)))
                .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1))
            failure = ((event.at, audit_log.shown(event.actor_name, event.subject, event.detail, event.wording,
                                                  row=event.id)[2])
                       if event is not None and event.action == audit_log.BACKUP_FAILED else None)
        if self._last_failure is not None and (failure is None or self._last_failure[0] > failure[0]):
            if newest_at is None or self._last_failure[0] >= newest_at:
                failure = (self._last_failure[0], audit_log.render(self._last_failure[1]))
        now = self.clock()
        warning = None
        if failure is not None:
            # Translators: {reason} is the sentence the failure was reported with.
            warning = _("The last backup failed: {reason}").format(reason=failure[1])
        elif newest_at is None:
            warning = _("There is no backup yet.")
        elif now - newest_at > STALE_AFTER:
            days = (now - newest_at).days
            warning = ngettext("The newest backup is {n} day old.", "The newest backup is {n} days old.",
                               days).format(n=days)
        return BackupStatus(newest_at, failure[0] if failure else None, failure[1] if failure else None, warning)



@dataclass(frozen=True)
class _Standalone:
    """What BackupService needs of the composition root, for a studio whose database
    cannot be opened: the database (never migrated here), its config and a clock."""

    db: Database
    config: Config
    clock: Clock = utc_now

    @property
    def data_dir(self) -> Path:
        return self.config.data_dir


def recovery_service(config: Config) -> BackupService:
    """The backup service of a studio whose database cannot be opened (the recovery screen,
    ``studio backup restore``): nothing is migrated, and listing, verifying and restoring
    never read the live database."""
    return BackupService(_Standalone(Database(config.database_url), config))
