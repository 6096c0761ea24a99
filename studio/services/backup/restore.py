"""Putting a checked backup in place of the live database, atomically.

The new file is prepared beside the live one (same disk, so the rename is atomic), checked
and, when its schema is older, migrated forward first. ``swap_database`` then closes the
app's connections, empties and removes the live WAL (a stale -wal file would be replayed
onto the new database and corrupt it), and renames the new file over the old one. Until that
rename the live database is untouched; after it, the new one is complete.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from studio.db import Database
from studio.services.backup.errors import BackupFailed
from studio.services.backup.fileops import fsync_dir, remove_quietly

SIDE_FILES = ("-wal", "-shm", "-journal")


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
        raise BackupFailed("Linework is still using the database (another window or command is open). "
                           "Close it, then restore again; nothing was changed.")


def swap_database(db: Database | None, new_file: Path, live: Path) -> None:
    """Replace ``live`` with ``new_file`` (checked, fsynced, same folder). ``db`` is the app's
    Database: its connections are closed first; its engine reconnects to the new file."""
    if db is not None:
        db.dispose()
    if live.exists():
        try:
            settle_journal(live)
        except sqlite3.OperationalError as exc:
            raise BackupFailed("Linework is still using the database (another window or command is "
                               "open). Close it, then restore again; nothing was changed.") from exc
    for suffix in SIDE_FILES:
        extra = side_file(live, suffix)
        if extra.exists() and extra.stat().st_size > 0 and suffix != "-shm":
            raise BackupFailed("The database still has unsaved changes in a side file; restart Linework "
                               "and try again. Nothing was changed.")
        remove_quietly(extra)
    os.replace(new_file, live)
    fsync_dir(live.parent)
