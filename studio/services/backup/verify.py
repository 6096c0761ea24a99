"""Is this file a sound Linework database that this build can open?

Checks, in order, each with its own sentence: an SQLite header, PRAGMA integrity_check,
PRAGMA foreign_key_check, the Linework tables (alembic_version and staff), and a schema
revision this build knows (an older one is migrated forward after restore). The SHA-256
check against the recorded hash is the caller's, because integrity_check alone lets about
a third of randomly damaged copies through.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studio.db import SCHEMA_HEAD
from studio.services.backup.errors import BackupRefused

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DatabaseFacts:
    schema_revision: str
    needs_migration: bool


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every schema revision this build's migrations know."""
    from alembic.script import ScriptDirectory  # heavy: only when a backup is checked

    from studio.db import alembic_config

    return frozenset(rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions())


# How a backup's schema stands against this build (BackupInfo.schema_state).
CURRENT, OLDER, NEWER, UNKNOWN = "current", "older", "newer", "unknown"


def schema_state(revision: str | None) -> str:
    """``current``: made at this build's schema; ``older``: a schema this build migrates
    forward when restoring; ``newer``: a schema this build does not know, so a newer Linework
    made it; ``unknown``: the backup records none (its sidecar is missing)."""
    if revision is None:
        return UNKNOWN
    if revision == SCHEMA_HEAD:
        return CURRENT
    return OLDER if revision in known_revisions() else NEWER


def check_database_file(path: Path) -> DatabaseFacts:
    """Raise BackupRefused with the reason, or return what restoring it involves. Opens the
    file read-only and immutable, so checking never writes beside it."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise BackupRefused(f"The backup file could not be read ({exc.strerror}).") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise BackupRefused("This file is not a Linework backup: it is not an SQLite database.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size < 512 or path.stat().st_size < page_size * pages:
        raise BackupRefused("This backup is incomplete: the file is shorter than the database it holds.")
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
        check = conn.execute("PRAGMA integrity_check(20)").fetchall()
        if check != [("ok",)]:
            raise BackupRefused("This backup is damaged: SQLite's integrity check failed.")
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise BackupRefused("This backup is damaged: some records point at records that are missing.")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "staff"} <= tables:
            raise BackupRefused("This file is an SQLite database, but not a Linework one.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupRefused(f"This backup is damaged: SQLite cannot read it ({exc}).") from exc
    finally:
        if conn is not None:
            conn.close()
    if row is None:
        raise BackupRefused("This Linework database has no schema revision; it cannot be restored.")
    revision = row[0]
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise BackupRefused("This backup was made by a newer version of Linework. "
                            "Install that version (or newer) to restore it.")
    return DatabaseFacts(schema_revision=revision, needs_migration=revision != SCHEMA_HEAD)
