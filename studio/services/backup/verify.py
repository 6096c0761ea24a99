"""Is this file a sound Linework database that this build can open?

Checks, in order, each with its own sentence: an SQLite header, PRAGMA integrity_check,
PRAGMA foreign_key_check, the Linework tables (alembic_version and staff), a schema
revision this build knows (an older one is migrated forward after restore), and then that
the schema *is* that revision's: its tables, columns, indexes, triggers and views equal what
the migrations make for that revision in an empty database, nothing more and nothing less.
(A look-alike holding two tables, an extra trigger that deletes login failures or aborts
every audit row, a view in place of a table: each is refused, naming the first difference.)
The SHA-256 check against the recorded hash is the caller's, because integrity_check alone
lets about a third of randomly damaged copies through.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studio.db import SCHEMA_HEAD
from studio.services.backup.errors import BackupRefused
from studio.services.common.i18n import _

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
        raise BackupRefused(_("The backup file could not be read ({reason}).").format(reason=exc.strerror)) from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise BackupRefused(_("This file is not a Linework backup: it is not an SQLite database."))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size < 512 or path.stat().st_size < page_size * pages:
        raise BackupRefused(_("This backup is incomplete: the file is shorter than the database it holds."))
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
        check = conn.execute("PRAGMA integrity_check(20)").fetchall()
        if check != [("ok",)]:
            raise BackupRefused(_("This backup is damaged: SQLite's integrity check failed."))
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise BackupRefused(_("This backup is damaged: some records point at records that are missing."))
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "staff"} <= tables:
            raise BackupRefused(_("This file is an SQLite database, but not a Linework one."))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        # Translators: {error} is SQLite's own (English) message.
        raise BackupRefused(_("This backup is damaged: SQLite cannot read it ({error}).").format(error=exc)) from exc
    finally:
        if conn is not None:
            conn.close()
    if row is None:
        raise BackupRefused(_("This Linework database has no schema revision; it cannot be restored."))
    revision = row[0]
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise BackupRefused(_("This backup was made by a newer version of Linework. "
                            "Install that version (or newer) to restore it."))
    difference = schema_difference(path, revision, immutable=True)
    if difference is not None:
        # Translators: {revision} is a schema revision code; {difference} says what differs.
        raise BackupRefused(_("This is not a Linework database of schema {revision}: {difference} "
                              "It was refused.").format(revision=revision, difference=difference))
    return DatabaseFacts(schema_revision=revision, needs_migration=revision != SCHEMA_HEAD)


# --- the schema, compared with what the migrations make ---------------------------------

Schema = dict[str, tuple[str, str, str]]  # name -> (type, table it belongs to, normalised SQL)


_QUOTED_NAME = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"')


def _normal_sql(sql: str | None) -> str:
    """Whitespace collapsed and plain names unquoted: a table Alembic's batch mode rebuilt is
    stored as CREATE TABLE "name" (…), the same table made directly as CREATE TABLE name (…)."""
    return _QUOTED_NAME.sub(r"\1", " ".join((sql or "").split()))


def read_schema(conn: sqlite3.Connection) -> tuple[Schema, dict[str, tuple]]:
    """sqlite_master (SQLite's own ``sqlite_…`` entries left out) and, per table and index,
    PRAGMA table_xinfo / index_list / index_xinfo."""
    entries: Schema = {}
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        if name.startswith("sqlite_"):
            continue
        entries[name] = (kind, table, _normal_sql(sql))
    details: dict[str, tuple] = {}
    for name, (kind, _table, _sql) in entries.items():
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            if kind == "table":
                details[name] = (tuple(conn.execute(f"PRAGMA table_xinfo({quoted})")),
                                 tuple(sorted(conn.execute(f"PRAGMA index_list({quoted})"))))
            elif kind == "index":
                details[name] = tuple(conn.execute(f"PRAGMA index_xinfo({quoted})"))
        except sqlite3.DatabaseError as exc:
            details[name] = ("unreadable", str(exc))
    return entries, details


_reference_lock = threading.Lock()


@lru_cache(maxsize=8)
def reference_schema(revision: str) -> tuple[Schema, dict[str, tuple]]:
    """What this build's migrations make for ``revision``, in an empty database in a temp
    folder; once per revision and process."""
    from alembic import command  # heavy: only when a backup is checked

    from studio.db import alembic_config

    with _reference_lock, tempfile.TemporaryDirectory(prefix="linework-schema-") as folder:
        path = Path(folder) / "reference.db"
        cfg = alembic_config()
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path.as_posix()}")
        command.upgrade(cfg, revision)
        conn = sqlite3.connect(path)
        try:
            return read_schema(conn)
        finally:
            conn.close()


def _kind(kind: str) -> str:
    return {"table": "table", "index": "index", "trigger": "trigger", "view": "view"}.get(kind, kind)


def schema_difference(path: Path, revision: str, *, immutable: bool = False) -> str | None:
    """The first way the schema of the database at ``path`` differs from ``revision``'s, as
    a sentence; None when they are the same."""
    uri = f"file:{path.as_posix()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True)
    try:
        found, found_details = read_schema(conn)
    finally:
        conn.close()
    return compare_schemas(reference_schema(revision), (found, found_details))


def compare_schemas(expected: tuple[Schema, dict[str, tuple]], found: tuple[Schema, dict[str, tuple]]) -> str | None:
    want, want_details = expected
    have, have_details = found
    for name in sorted(want):
        kind = want[name][0]
        if name not in have:
            return f"it lacks the {_kind(kind)} {name}."
        if have[name][0] != kind:
            return f"{name} is a {_kind(have[name][0])} in it, where Linework has a {_kind(kind)}."
    for name in sorted(have):
        if name not in want:
            return f"it has a {_kind(have[name][0])} {name} that Linework's schema does not have."
    for name in sorted(want):
        if have[name] != want[name] or have_details.get(name) != want_details.get(name):
            kind = want[name][0]
            return f"its {_kind(kind)} {name} is not defined as Linework defines it."
    return None
