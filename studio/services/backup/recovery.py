"""The recovery half of the backups: verify, restore, export and import.

BackupService holds one Recovery, checks the caller's permission and delegates to it; what
Recovery needs of the service (where the backups are, making a safety backup, writing an
audit row) it is given when it is made."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio.clock import Clock
from studio.config import Config
from studio.db import SCHEMA_HEAD, Database
from studio.services.backup import archive as arc
from studio.services.backup import store
from studio.services.backup.errors import BackupCancelled, BackupFailed, BackupRefused
from studio.services.backup.fileops import (
    FileOps,
    Progress,
    copy_file,
    fsync_dir,
    no_progress,
    raise_if_disk_full,
    scaled,
    remove_quietly,
    sha256_file,
)
from studio.services.backup.health import database_problem, describe_failure
from studio.services.backup.records import BackupKind, BackupResult, ExportResult, RestoreResult, VerifyReport, Who
from studio.services.backup.restore import SIDE_FILES, Swap, migrate_forward, settle_journal, side_file
from studio.services.backup.settings import clean_passphrase, read_backup_settings
from studio.services.backup.verify import DatabaseFacts, check_database_file
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.errors import DomainError, NotFound, ValidationError
from studio.services.common.i18n import N_, _

log = logging.getLogger(__name__)

# A sentence: raise and show it through ``_``.
DAMAGED_ARCHIVE = N_("This archive is damaged; it was refused.")


@dataclass(frozen=True)
class Prepared:
    name: str
    database: Path  # a checked copy, ready to be put in place
    facts: DatabaseFacts
    manifest: arc.Manifest
    reader: arc.ArchiveReader | None


@dataclass(frozen=True)
class _Damaged:
    keep_as: Path  # where the damaged database's bytes are kept after the swap


def _clean_restore_leftovers(data_dir: Path) -> None:
    """What a restore killed half-way left in the data folder (the live file is never one)."""
    for path in data_dir.glob(".restore-*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            remove_quietly(path)


def _open_as_the_app_does(path: Path) -> None:
    """Open a prepared database the way start-up and sign-in will (the schema revision, the
    studio's settings, the staff), so one that cannot be used fails before it goes live."""
    from sqlalchemy import func

    from studio.models import Staff
    from studio.services.common.settings_store import read_settings

    db = Database(f"sqlite:///{path}")
    try:
        if db.current_revision() != SCHEMA_HEAD:
            raise BackupRefused(_("The backup did not come up to this version's schema; nothing was changed."))
        with db.unit_of_work(write=False) as uow:
            read_settings(uow.session)
            read_backup_settings(uow.session)
            uow.session.scalar(select(func.count()).select_from(Staff))
    except BackupRefused:
        raise
    except Exception as exc:
        # Translators: {error} is the (English) error from the database.
        raise BackupRefused(_("The backup's database could not be opened as Linework opens it ({error}); "
                              "nothing was changed.").format(error=exc)) from exc
    finally:
        db.dispose()
    settle_journal(path)


class _PlacedFiles:
    """The backup's consent, photo and report files put in place, each file the data folder
    already has under that name moved aside first, so ``undo`` puts everything back."""

    def __init__(self, data_dir: Path, staging: Path) -> None:
        self.data_dir = data_dir
        self.new = staging / "new"
        self.aside = staging / "old"
        self._done: list[tuple[Path, Path | None]] = []  # (target, where the old file went)

    def place(self, files: list[str]) -> None:
        for name in files:
            parts = name.split("/")
            target = self.data_dir.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            old = None
            if target.is_dir() and not target.is_symlink():
                raise BackupFailed(_("There is a folder at {path} where the backup puts a file; move it "
                                     "elsewhere, then restore again. Nothing was changed.").format(path=target))
            if os.path.lexists(target):
                old = self.aside.joinpath(*parts)
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, old)
            self._done.append((target, old))
            os.replace(self.new.joinpath(*parts), target)

    def undo(self) -> None:
        for target, old in reversed(self._done):
            remove_quietly(target)
            if old is not None:
                os.replace(old, target)
        self._done.clear()

    def commit(self) -> None:
        self._done.clear()


def _untrusted(exc: Exception) -> Exception:
    """Whatever a damaged archive makes the ZIP code raise becomes a refusal with a reason."""
    if isinstance(exc, DomainError) or isinstance(exc, (KeyboardInterrupt, MemoryError)):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None and not isinstance(exc, FileNotFoundError):
        return exc
    if isinstance(exc, FileNotFoundError):
        return NotFound(_("The file {path} is not there.").format(path=exc.filename))
    return BackupRefused(_(DAMAGED_ARCHIVE))


class Recovery:
    """Verify, restore, export and import, for BackupService (which checks permissions)."""

    def __init__(self, *, db: Database, clock: Clock, ops: FileOps, config: Callable[[], Config],
                 live: Callable[[], Path], entry: Callable[[str], store.Entry],
                 back_up: Callable[[Who, BackupKind, Progress, threading.Event | None], BackupResult],
                 audit: Callable[..., None], studio_tz: Callable[[], ZoneInfo]) -> None:
        self.db = db  # the live database, whose connections a restore closes and reopens
        self.clock = clock
        self.ops = ops
        self._config = config
        self._live = live
        self._entry = entry
        self._back_up = back_up
        self._audit = audit
        self._studio_tz = studio_tz

    @property
    def folder(self) -> Path:
        return self._config().backups_dir

    # -- locating and checking a backup ----------------------------------------------------

    def _source(self, source: str | Path) -> store.Entry | Path:
        """A backup name from the list, or a .db (with its sidecar) / .zip file anywhere."""
        text = str(source)
        if store.NAME_RE.match(text):
            return self._entry(text)
        path = Path(text).expanduser()
        if not path.is_file():
            raise NotFound(_("The file {path} is not there.").format(path=path))
        if path.parent.resolve() == self.folder.resolve() and store.NAME_RE.match(path.stem):
            return self._entry(path.stem)
        return path

    @contextmanager
    def _prepare(self, source: store.Entry | Path, passphrase: str | None, dest: Path,
                 progress: Progress, cancel, *, in_place: bool = False) -> Iterator[Prepared]:
        """Check ``source`` fully and leave a checked copy of its database at ``dest``; with
        ``in_place`` a plain .db backup is checked where it is (for read-only uses)."""
        with ExitStack() as stack:
            stack.callback(remove_quietly, dest)
            try:
                yield self._prepare_inner(source, passphrase, dest, progress, cancel, stack, in_place)
            except Exception as exc:
                converted = _untrusted(exc)
                if converted is exc:
                    raise
                raise converted from exc

    def _prepare_inner(self, source, passphrase, dest: Path, progress, cancel, stack, in_place) -> Prepared:
        if isinstance(source, Path) and source.suffix.lower() == ".zip":
            zip_path, sidecar, db_path, name = source, None, None, source.stem
        elif isinstance(source, Path):
            sidecar = store.read_sidecar(source.with_suffix(".json"))
            if sidecar is None:
                raise BackupRefused(_("This database file has no recorded SHA-256 beside it, so it cannot be "
                                    "checked; restore the backup's ZIP archive instead."))
            zip_path, db_path, name = None, source, source.stem
        else:
            sidecar, db_path, name = source.sidecar, source.db_path, source.name
            zip_path = source.zip_path
            if sidecar is None:
                raise BackupRefused(_("This backup has no recorded SHA-256 (it was never finished), so it "
                                    "cannot be trusted; choose another one."))
        reader = None
        if zip_path is not None:
            if sidecar is not None and sidecar.archive_sha256 is not None:
                if sha256_file(zip_path, cancel=cancel) != sidecar.archive_sha256:
                    raise BackupRefused(_("This backup's archive does not match the SHA-256 recorded when it "
                                        "was made; it is damaged and was refused."))
            reader = stack.enter_context(arc.ArchiveReader(zip_path, passphrase, free_space_of=dest.parent))
            if sidecar is not None and reader.manifest.sha256 != sidecar.sha256:
                raise BackupRefused(_("This backup's archive and its recorded SHA-256 disagree; it was refused."))
            reader.check_files(cancel)
        if db_path is not None:
            assert sidecar is not None
            if in_place:
                dest = db_path
                size = db_path.stat().st_size
                sha = sha256_file(db_path, progress=progress, cancel=cancel, label="Checking the backup")
            else:
                size, sha = copy_file(db_path, dest, ops=self.ops, progress=progress, cancel=cancel,
                                      label="Checking the backup")
            if size != sidecar.size or sha != sidecar.sha256:
                raise BackupRefused(_("This backup does not match the SHA-256 recorded when it was made; "
                                    "it is damaged and was refused."))
            manifest = reader.manifest if reader else arc.Manifest(
                sidecar.app_version, sidecar.schema_revision, sidecar.created_at, size, sha, ())
        else:
            assert reader is not None
            reader.extract_database(dest, ops=self.ops, progress=progress, cancel=cancel)
            manifest = reader.manifest
        facts = check_database_file(dest)
        return Prepared(name, dest, facts, manifest, reader)

    def _temp_in(self, folder: Path, *, read_only_ok: bool = False) -> Path:
        """A temporary name in ``folder``; with ``read_only_ok`` (checks that keep nothing) the
        system's temp folder when ``folder`` cannot be written (a read-only data folder)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            writable = os.access(folder, os.W_OK)
        except OSError:
            if not read_only_ok:
                raise
            writable = False
        if not writable and read_only_ok:
            import tempfile

            folder = Path(tempfile.gettempdir())
        return folder / f".check-{uuid.uuid4().hex}.db{store.PARTIAL_SUFFIX}"

    def verify(self, who, source: str | Path, *, passphrase: str | None = None,
               progress: Progress = no_progress, cancel: threading.Event | None = None) -> VerifyReport:
        """BackupService.verify, once the caller's permission is checked."""
        located = self._source(source)
        label = located.name if isinstance(located, store.Entry) else str(located)
        try:
            with self._prepare(located, passphrase, self._temp_in(self.folder, read_only_ok=True), progress,
                               cancel, in_place=True) as ready:
                progress(1.0, _("Backup checked"))
                return VerifyReport(label, True, None, ready.facts.schema_revision, ready.manifest.sha256,
                                    ready.facts.needs_migration, bool(ready.reader and ready.reader.encrypted))
        except BackupRefused as exc:
            return VerifyReport(label, False, exc.message)

    # -- restore ---------------------------------------------------------------------------

    def restore(self, who, source: str | Path, *, passphrase: str | None = None,
                progress: Progress = no_progress, cancel: threading.Event | None = None) -> RestoreResult:
        """BackupService.restore, once the caller's permission is checked."""
        live = self._live()
        located = self._source(source)
        step = self.ops.step
        with store.FolderLock(self.folder):
            _clean_restore_leftovers(live.parent)
            temp = live.with_name(f".restore-{uuid.uuid4().hex}.db{store.PARTIAL_SUFFIX}")
            staging = live.parent / f".restore-files-{uuid.uuid4().hex}{store.PARTIAL_SUFFIX}"
            placed = _PlacedFiles(self._config().data_dir, staging)
            swap = None
            try:
                with self._prepare(located, passphrase, temp, lambda d, t: progress(0.4 * d, t), cancel) as ready:
                    step("checked")
                    files: list[str] = []
                    if ready.reader is not None and ready.manifest.files:
                        files = ready.reader.extract_files(staging / "new", ops=self.ops, cancel=cancel)
                    step("unpacked")
                    if ready.facts.needs_migration:
                        progress(0.45, _("Bringing the backup up to this version"))
                        migrate_forward(temp)
                    step("migrated")
                    if cancel is not None and cancel.is_set():
                        raise BackupCancelled(_("Cancelled; nothing was changed."))
                    safety, damaged = self._safety_copy(who, live, lambda d, t: progress(0.5 + 0.4 * d, t), cancel)
                    step("safety backup")
                    progress(0.9, _("Preparing the restored database"))
                    kept = damaged.keep_as if damaged is not None else None
                    # Translators: {name} is the name of the backup made just before the restore.
                    kept_words = (Words(N_("safety backup {name}"), name=safety.backup.name) if safety else
                                  # Translators: {file} is the name the damaged database file was kept under.
                                  Words(N_("the damaged database kept as {file}"), file=kept.name) if kept else
                                  # Translators: no safety backup was made: there was no database to copy.
                                  Words(N_("none (no database)")))
                    # Into the restored database, before it goes live: the actor may not exist
                    # in it, so the name is kept.
                    self._audit_into(temp, who, subject=ready.name, detail=[
                        # Translators: {name} is a backup's name (its date and time), {sha} its checksum.
                        Words(N_("restored from {name} (sha256 {sha})"), name=ready.name, sha=ready.manifest.sha256),
                        kept_words, Words.counted(Nn_("{n} file", "{n} files"), len(files))])
                    step("audited")
                    _open_as_the_app_does(temp)
                    step("opened")
                    progress(0.92, _("Putting the backup in place"))
                    swap = Swap(self.db, temp, live, damaged=damaged is not None, keep_as=kept)
                    swap.run()
                    step("swapped")
                    placed.place(files)
                    step("files placed")
                    if self.db.current_revision() != SCHEMA_HEAD:
                        raise BackupFailed(_("The restored database did not open at this version's schema; "
                                           "nothing was changed."))
                    step("reopened")
                    kept = swap.commit()
                    swap = None
                    placed.commit()
            except BaseException as exc:
                undo_failed = None
                for undo in (placed.undo, swap.undo if swap is not None else None):
                    if undo is None:
                        continue
                    try:
                        undo()
                    except Exception as err:  # pragma: no cover - the disk vanished under us
                        undo_failed = err
                        log.error("undoing a failed restore failed", exc_info=True)
                if undo_failed is not None:  # pragma: no cover
                    raise BackupFailed(_("The restore failed and could not be fully undone; the studio's "
                                       "previous database is in the data folder as .restore-old-…; "
                                       "contact support before using Linework.")) from exc
                if isinstance(exc, Exception) and not isinstance(exc, BackupCancelled):
                    log.warning("restore from %s refused: %s", located, getattr(exc, "message", exc))
                if isinstance(exc, Exception):
                    raise_if_disk_full(exc)
                    if not isinstance(exc, DomainError) and isinstance(exc, OSError):
                        raise BackupFailed(_("The restore could not write in the data folder ({reason}); "
                                             "nothing was changed.").format(reason=exc.strerror)) from exc
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
                remove_quietly(temp, *(side_file(temp, s) for s in SIDE_FILES))
        name = ready.name
        progress(1.0, _("Restored"))
        return RestoreResult(name, safety.backup.name if safety else None,
                             ready.facts.schema_revision if ready.facts.needs_migration else None, len(files),
                             damaged_copy=kept)

    def _safety_copy(self, who, live: Path, progress: Progress, cancel):
        """A safety backup of the live database through SQLite, or, when SQLite cannot read
        it, a ``_Damaged`` note: its bytes are kept as they are by the swap. (None, None)
        when there is no database."""
        if not os.path.lexists(live):
            return None, None  # recovering onto a new PC
        damaged_at = self.folder / f"damaged-{store.stamp(self.clock())}-{uuid.uuid4().hex[:6]}.db"
        problem = database_problem(live, self.folder)
        if problem is None:
            try:
                return self._back_up(who, BackupKind.SAFETY, progress, cancel), None
            except Exception as exc:
                cause = exc.__cause__ if isinstance(exc, BackupFailed) else exc
                if describe_failure(cause or exc) is None and not isinstance(cause, sqlite3.DatabaseError):
                    raise
                log.warning("the live database is damaged (%s); keeping its bytes as they are", cause)
        self.folder.mkdir(parents=True, exist_ok=True)
        return None, _Damaged(damaged_at)

    def _audit_into(self, path: Path, who, *, subject: str, detail: list) -> None:
        label = who.name if not hasattr(who, "email") else f"{who.name} <{who.email}>"
        db = Database(f"sqlite:///{path}")
        try:
            with db.unit_of_work() as uow:
                audit_log.record(uow.session, self.clock(), audit_log.BACKUP_RESTORED, actor_name=label,
                                 subject_type="backup", subject=subject, detail=detail)
                uow.commit()
        finally:
            db.dispose()
        settle_journal(path)

    # -- export and import -----------------------------------------------------------------

    def export_backup(self, who, name: str, destination: str | Path, *, passphrase: str | None = None,
                      progress: Progress = no_progress, cancel: threading.Event | None = None) -> ExportResult:
        """BackupService.export_backup, once the caller's permission is checked."""
        if passphrase is not None:
            clean_passphrase(passphrase)
        entry = self._entry(name)
        dest = Path(destination).expanduser()
        if dest.is_dir():
            dest = dest / f"{name}.zip"
        if dest.suffix.lower() != ".zip":
            raise ValidationError(_("Export to a file whose name ends in .zip."), field="destination")
        temp = store.partial_path(dest)
        remove_quietly(temp)
        try:
            self.export_archive(entry, temp, passphrase, progress, cancel)
            temp.replace(dest)
            fsync_dir(dest.parent)
        except BaseException as exc:
            remove_quietly(temp)
            raise_if_disk_full(exc)
            raise
        self._audit(who, audit_log.BACKUP_EXPORTED, subject=name,
                    # Translators: where a backup was exported: a file's path.
                    detail=Words(N_("to {path} (encrypted)") if passphrase else N_("to {path}"), path=dest))
        return ExportResult(dest, dest.stat().st_size, passphrase is not None)

    def export_archive(self, entry: store.Entry, dest: Path, passphrase: str | None,
                        progress: Progress, cancel) -> None:
        """Write ``entry`` as a checked archive at ``dest`` (encrypted when a passphrase is given)."""
        if passphrase is None and entry.zip_path is not None:
            copy_file(entry.zip_path, dest, ops=self.ops, progress=progress, cancel=cancel)
            return
        staging = self.folder / f".export-{uuid.uuid4().hex}{store.PARTIAL_SUFFIX}"
        try:
            with self._prepare(entry, None, self._temp_in(self.folder), scaled(progress, 0, 0.4), cancel,
                               in_place=True) as ready:
                files = []
                if ready.reader is not None and ready.manifest.files:
                    names = ready.reader.extract_files(staging, ops=self.ops, cancel=cancel)
                    files = [(staging.joinpath(*n.split("/")), n) for n in names]
                arc.write_archive(dest, ready.database, ready.manifest, files, passphrase=passphrase,
                                  ops=self.ops, progress=scaled(progress, 0.4, 1.0), cancel=cancel)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def import_backup(self, who, archive: str | Path, *, passphrase: str | None = None,
                      progress: Progress = no_progress, cancel: threading.Event | None = None):
        """Check an archive from elsewhere (another PC, a USB drive) and add it to the list
        under a new name, which is returned. Raises BackupRefused with the reason."""
        path = Path(archive).expanduser()
        if not path.is_file():
            raise NotFound(_("The file {path} is not there.").format(path=path))
        tz = self._studio_tz()
        folder = self.folder
        with store.FolderLock(folder):
            staging = folder / f".import-{uuid.uuid4().hex}{store.PARTIAL_SUFFIX}"
            zip_temp = None
            try:
                with self._prepare(path, passphrase, self._temp_in(folder), scaled(progress, 0, 0.5),
                                   cancel) as ready:
                    files = []
                    if ready.reader is not None and ready.manifest.files:
                        names = ready.reader.extract_files(staging, ops=self.ops, cancel=cancel)
                        files = [(staging.joinpath(*n.split("/")), n) for n in names]
                    name = store.free_name(folder, store.stamp(ready.manifest.created_at.astimezone(tz)))
                    zip_final = folder / f"{name}.zip"
                    zip_temp = store.partial_path(zip_final)
                    # Kept unencrypted here, like every local backup, so rotation and restore
                    # need no passphrase; copies that leave the PC are encrypted again.
                    arc.write_archive(zip_temp, ready.database, ready.manifest, files, ops=self.ops,
                                      progress=scaled(progress, 0.5, 0.95), cancel=cancel)
                    sidecar = store.Sidecar(sha256=ready.manifest.sha256, size=ready.manifest.size,
                                            schema_revision=ready.facts.schema_revision,
                                            created_at=ready.manifest.created_at,
                                            app_version=ready.manifest.app_version, kind=BackupKind.IMPORTED,
                                            included=tuple(["database"] + sorted({n.split("/")[0] for _p, n in files})),
                                            archive_sha256=sha256_file(zip_temp))
                    store.write_sidecar(folder, name, sidecar, self.ops)
                    zip_temp.replace(zip_final)
                    fsync_dir(folder)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
                if zip_temp is not None:
                    remove_quietly(zip_temp)
        # Translators: where an imported backup came from: a file's path.
        self._audit(who, audit_log.BACKUP_IMPORTED, subject=name, detail=Words(N_("from {path}"), path=path))
        progress(1.0, _("Imported"))
        return name
