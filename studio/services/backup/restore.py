"""Putting a checked backup in place of the live database, so that a failure at any step
changes nothing.

The new file is prepared beside the live one (same disk, so the rename is atomic): checked,
migrated forward when its schema is older, given its audit row, and opened as the app will
open it, all before the live database is touched. ``Swap`` then closes the app's
connections, settles the live WAL (a stale -wal file would be replayed onto the new database
and corrupt it), keeps the old file under a second name (a hard link: no moment without a
studio.db), and renames the new file over the live one. Until ``Swap.commit`` every step can
be undone: ``Swap.undo`` puts the old file (and its side files) back. A damaged live
database cannot be settled or copied through SQLite; its bytes are kept exactly as they
were, under ``backups/damaged-….db``.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import uuid
from pathlib import Path

from studio.db import Database
from studio.services.backup.errors import BackupFailed
from studio.services.common.i18n import N_, _
from studio.services.backup.fileops import fsync_dir, remove_quietly

SIDE_FILES = ("-wal", "-shm", "-journal")
# A sentence: raise and show it through ``_``.
STILL_IN_USE = N_("Linework is still using the database (another window or command is open). "
                  "Close it, then restore again; nothing was changed.")


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def migrate_forward(path: Path) -> None:
    """Bring an older backup's schema to this build's head, then leave it WAL-free."""
    db = Database(f"sqlite:///{path}")
    try:
        db.migrate()
    finally:
        db.dispose()
    settle_journal(path)


def settle_journal(path: Path) -> None:
    """Checkpoint and leave ``path`` in rollback-journal mode with no -wal/-shm beside it.
    Fails (database is locked) while any other connection has it open."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise BackupFailed(_(STILL_IN_USE))


def _keep(source: Path, kept: Path) -> None:
    """``kept`` becomes a second name of ``source`` (a hard link), or a copy of it where the
    disk has no hard links; ``source`` stays where it is."""
    try:
        os.link(source, kept)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        import shutil

        shutil.copyfile(source, kept)


class Swap:
    """Replace ``live`` with ``new_file``, reversibly until ``commit``.

    ``keep_as`` is where the old database is kept after a successful swap (the damaged
    copy), or None to drop it (a safety backup was taken through SQLite instead)."""

    def __init__(self, db: Database | None, new_file: Path, live: Path, *, damaged: bool,
                 keep_as: Path | None) -> None:
        self.db = db
        self.new_file = new_file
        self.live = live
        self.damaged = damaged
        self.keep_as = keep_as
        self._old = live.with_name(f".restore-old-{uuid.uuid4().hex}.db.partial")
        self._moved: list[tuple[Path, Path]] = []  # (where it was, where it is now)
        self._had_live = False
        self._swapped = False

    def run(self) -> None:
        if self.db is not None:
            self.db.dispose()
        live = self.live
        self._had_live = os.path.lexists(live)
        if self._had_live and not self.damaged:
            try:
                settle_journal(live)
            except sqlite3.OperationalError as exc:
                raise BackupFailed(_(STILL_IN_USE)) from exc
            for suffix in SIDE_FILES:
                extra = side_file(live, suffix)
                if extra.exists() and extra.stat().st_size > 0 and suffix != "-shm":
                    raise BackupFailed(_("The database still has unsaved changes in a side file; restart "
                                       "Linework and try again. Nothing was changed."))
        # Side files (a damaged database's -wal may hold its last changes) move with the old file.
        for suffix in SIDE_FILES:
            extra = side_file(live, suffix)
            if os.path.lexists(extra):
                self._move(extra, side_file(self._old, suffix))
        if self._had_live:
            if live.is_dir() and not live.is_symlink():
                self._move(live, self._old)  # a folder in the way: no hard link; moved aside
            else:
                _keep(live, self._old)
        os.replace(self.new_file, live)
        self._swapped = True
        fsync_dir(live.parent)

    def _move(self, source: Path, dest: Path) -> None:
        os.replace(source, dest)
        self._moved.append((source, dest))

    def undo(self) -> None:
        """Put everything back as it was before ``run``."""
        if self.db is not None:
            self.db.dispose()
        if self._swapped:
            if self._had_live and os.path.lexists(self._old):
                os.replace(self._old, self.live)
            elif not self._had_live:
                remove_quietly(self.live)
            self._swapped = False
        elif os.path.lexists(self._old) and not any(dest == self._old for _s, dest in self._moved):
            remove_quietly(self._old)  # only the second name was made
        for source, dest in reversed(self._moved):
            if os.path.lexists(dest) and not os.path.lexists(source):
                os.replace(dest, source)
        for suffix in SIDE_FILES:  # files SQLite made while the new database was open
            extra = side_file(self.live, suffix)
            if os.path.lexists(extra) and not any(source == extra for source, _d in self._moved):
                remove_quietly(extra)
        self._moved.clear()
        fsync_dir(self.live.parent)

    def commit(self) -> Path | None:
        """The swap stands: keep the old database as ``keep_as`` (returned), or drop it."""
        kept = None
        if self._had_live and os.path.lexists(self._old):
            if self.keep_as is not None:
                try:
                    os.replace(self._old, self.keep_as)
                    for suffix in SIDE_FILES:
                        if os.path.lexists(side_file(self._old, suffix)):
                            os.replace(side_file(self._old, suffix), side_file(self.keep_as, suffix))
                    kept = self.keep_as
                except OSError:  # another disk: keep it beside the live file rather than lose it
                    kept = self._old.with_name(self.keep_as.name)
                    os.replace(self._old, kept)
            else:
                if self._old.is_dir() and not self._old.is_symlink():
                    import shutil

                    shutil.rmtree(self._old, ignore_errors=True)
                remove_quietly(self._old, *(side_file(self._old, s) for s in SIDE_FILES))
        fsync_dir(self.live.parent)
        return kept
