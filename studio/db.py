"""The database: engine and SQLite pragmas, sessions, the unit of work, migrate-to-head.

Everything SQLite-specific in the app (pragmas, transaction begin modes) lives here, so a
``STUDIO_DATABASE_URL`` pointing elsewhere needs no change outside this module and the
backup service.
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Callable

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from studio.config import N_, resource_path

log = logging.getLogger(__name__)

# The newest Alembic revision this build knows. Start-up compares the database with it and
# only imports Alembic when they differ, which keeps Alembic off the start-up path; a test
# checks that it matches the head of migrations/versions.
SCHEMA_HEAD = "0012_day_totals"

BUSY_TIMEOUT_MS = 15_000


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer Linework than this one."""


# The sentences below are marked only: the services translate them where they raise them.
NEWER_LINEWORK = N_("This data was saved by a newer version of Linework. Install that version (or newer) to open it.")


class Database:
    """One per process and data dir; every thread opens its own sessions through it."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000} if self.is_sqlite else {}
        self.engine: Engine = create_engine(url, echo=echo, connect_args=connect_args)
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
        # Writers take SQLite's write lock when they begin, so two writers queue on the
        # busy timeout instead of failing half-way through when one upgrades a read lock.
        writer_bind = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._writer = sessionmaker(writer_bind, expire_on_commit=False)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)

    def unit_of_work(self, *, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self._writer if write else self._reader)

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> bool:
        """Bring the schema to head. Returns True when migrations ran.

        Raises SchemaTooNewError when the database comes from a newer Linework.
        """
        current = self.current_revision()
        if current == SCHEMA_HEAD:
            return False
        from alembic import command  # heavy: only when there is something to do
        from alembic.script import ScriptDirectory
        from alembic.util import CommandError

        cfg = alembic_config()
        known = {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}
        if current is not None and current not in known:
            raise SchemaTooNewError(NEWER_LINEWORK)
        log.info("migrating database from %s to head", current or "empty")
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            try:
                command.upgrade(cfg, "head")
            except CommandError as exc:  # pragma: no cover - a broken install
                raise SchemaTooNewError(str(exc)) from exc
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config():
    """Alembic's configuration, built in code so no alembic.ini has to be found at run time."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resource_path("migrations")))
    return cfg


class UnitOfWork:
    """One session for one user action: commit explicitly, roll back and close on exit."""

    session: Session

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._after_commit: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
        done, self._after_commit = self._after_commit, []
        for fn in done:
            fn()

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once this unit of work's commit has succeeded (never if it rolls back):
        telling others of a change that is really saved."""
        self._after_commit.append(fn)


def storage_problem(exc: BaseException) -> str | None:
    """A sentence for database errors a person can act on (English, marked: the services
    translate it), or None for a bug."""
    if not isinstance(exc, OperationalError):
        return None
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "disk is full" in message or "database or disk is full" in message:
        return N_("The disk is full. Free some space, then try again; nothing was saved.")
    if "locked" in message or "busy" in message:
        return N_("The database is busy with another task. Try again in a moment.")
    if "readonly" in message or "read-only" in message:
        return N_("The data folder is read-only. Check its permissions; nothing was saved.")
    return None


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours (below).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 64 MiB of page cache per connection (the default is 2 MiB): search indexes of a
        # large client list stay in memory between keystrokes.
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
