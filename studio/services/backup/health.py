"""Can the studio's database be opened at all? A quick look before anything else touches it.

``database_problem`` answers in a few milliseconds, from the file system and the first
pages only (no full integrity check), with a sentence that says what is wrong: a folder or
a pipe where the file should be, a file that cannot be read, a 0-byte file in a studio that
has backups, a smashed header, a file shorter than the database it holds, or pages SQLite
cannot read. The app shows its recovery screen and the command line says what to do
instead of failing with a traceback. ``studio check`` runs the full checks.

Only the standard library is imported here, so the first window can ask before the data
layer has loaded (this package's ``__init__`` loads the service lazily for that reason).
With ``pages=False`` it looks at the file alone (no sqlite3 at all): the app does that
before its first window and the full check in the loader thread, before migrating.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# stdlib only, as this module is: the first window imports it before the data layer.
from studio.services.common.i18n import N_, _

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_SUFFIXES = (".db", ".zip")

# A sentence: show it through ``_``.
WHAT_TO_DO = N_("Restore a backup: 'studio backup list', then 'studio backup restore NAME' "
                 "(or open Linework, which offers the newest backups).")


@dataclass(frozen=True)
class DatabaseProblem:
    """Why the live database cannot be used, as one sentence, and whether its bytes can be
    copied aside (a raw copy is kept before a restore replaces it)."""

    path: Path
    reason: str
    copyable: bool = True

    @property
    def message(self) -> str:
        # Translators: {path} is the database file's path; {reason} says what is wrong with it.
        return _("Linework can't read this studio's database ({path}): {reason}").format(
            path=self.path, reason=self.reason)

    @property
    def advice(self) -> str:
        return f"{self.message} {_(WHAT_TO_DO)}"


def has_backups(backups_dir: Path) -> bool:
    try:
        return any(p.suffix in BACKUP_SUFFIXES and not p.name.startswith(".") for p in backups_dir.iterdir())
    except OSError:
        return False


def database_problem(path: Path | None, backups_dir: Path | None = None, *,
                     pages: bool = True) -> DatabaseProblem | None:
    """None when ``path`` is missing (a new studio), or looks like a database SQLite can
    open; else what is wrong. Never writes, never blocks on a pipe. ``pages=False`` skips
    reading the schema and revision through SQLite (the file system and header only)."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return DatabaseProblem(path, _("it cannot be reached ({reason}).").format(reason=exc.strerror),
                               copyable=False)
    if stat.S_ISDIR(info.st_mode):
        return DatabaseProblem(path, _("there is a folder where the database file should be."), copyable=False)
    if not stat.S_ISREG(info.st_mode):
        return DatabaseProblem(path, _("it is not a regular file (a pipe or a device has its name)."),
                               copyable=False)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return DatabaseProblem(path, _("the file cannot be read ({reason}).").format(reason=exc.strerror),
                               copyable=False)
    if not header:
        if backups_dir is not None and has_backups(backups_dir):
            return DatabaseProblem(path, _("the file is empty (0 bytes), though this studio has backups."))
        return None  # an empty file in a folder with no backups: a studio not set up yet
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return DatabaseProblem(path, _("the file is not an SQLite database any more (its first bytes are damaged)."))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    count = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]  # the page count is only kept up when these match
    if page_size < 512 or page_size & (page_size - 1):
        return DatabaseProblem(path, _("the file's header is damaged."))
    if counter_valid and count and info.st_size < page_size * count:
        # Translators: {size} and {full} are numbers of bytes.
        return DatabaseProblem(path, _("the file is shorter than the database it holds ({size} of {full} "
                                       "bytes are there).").format(size=f"{info.st_size:,}",
                                                                   full=f"{page_size * count:,}"))
    return _first_pages_problem(path) if pages else None


def _first_pages_problem(path: Path) -> DatabaseProblem | None:
    """Open it read-only and read the schema and the revision: damage to the first pages
    shows here. Deeper damage is for integrity_check (``studio check``)."""
    import sqlite3

    uris = [f"file:{path.as_posix()}?mode=ro"]
    if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
        # Read-only: SQLite cannot make the -shm file a WAL database needs; look at the file alone.
        uris.append(f"file:{path.as_posix()}?mode=ro&immutable=1")
    last: sqlite3.Error | None = None
    for uri in uris:
        conn = None
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=2)
            conn.execute("SELECT name, sql FROM sqlite_master").fetchall()
            conn.execute("SELECT version_num FROM alembic_version").fetchall()
            return None
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "no such table" in text:
                return DatabaseProblem(path, _("it is an SQLite database, but not a Linework one."))
            if "locked" in text or "busy" in text:
                return None  # another Linework is writing: readable, just not this instant
            last = exc
        except sqlite3.DatabaseError as exc:
            last = exc
        finally:
            if conn is not None:
                conn.close()
    # Translators: {error} is SQLite's own (English) message.
    return DatabaseProblem(path, _("SQLite cannot read it ({error}).").format(error=last))


def describe_failure(exc: BaseException) -> str | None:
    """If ``exc`` (or what caused it) is SQLite saying the file is damaged or not a
    database, a sentence saying so and what to do; None for anything else."""
    reason = damage_of(exc)
    if reason is None:
        return None
    return _("Linework can't read this studio's database: {reason}").format(reason=reason) + " " + _(WHAT_TO_DO)


def raise_if_damaged(exc: BaseException) -> None:
    """Raise DatabaseDamaged (from ``exc``) when ``exc`` is SQLite reporting damage, so a
    caller that shows DomainErrors can show that one too; otherwise return."""
    reason = damage_of(exc)
    if reason is not None:
        from studio.services.common.errors import DatabaseDamaged

        raise DatabaseDamaged(_("Linework can't read this studio's database: {reason}").format(reason=reason),
                              reason=reason) from exc


def damage_of(exc: BaseException) -> str | None:
    """"SQLite says …" when ``exc`` or what caused it is SQLite finding the file damaged or
    not a database; None for anything else."""
    import sqlite3

    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        orig = getattr(current, "orig", None)  # SQLAlchemy wraps the driver's error
        for candidate in (current, orig):
            if isinstance(candidate, sqlite3.DatabaseError):
                text = str(candidate).lower()
                if any(word in text for word in ("malformed", "not a database", "disk i/o", "unable to open",
                                                 "file is encrypted")):
                    # Translators: {error} is SQLite's own (English) message.
                    return _("SQLite says {error}.").format(error=candidate)
        current = current.__cause__ or current.__context__
        seen += 1
    return None
