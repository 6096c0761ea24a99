"""The database layer: SQLite pragmas, the unit of work, and storage faults as sentences."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import DetachedInstanceError

from studio.db import BUSY_TIMEOUT_MS, storage_problem
from studio.models import AuditEvent, Setting
from studio.services.common import Service, StorageError
from tests.support import row_counts, table_snapshot

BUSY = "The database is busy with another task. Try again in a moment."
FULL = "The disk is full. Free some space, then try again; nothing was saved."
READ_ONLY = "The data folder is read-only. Check its permissions; nothing was saved."


def pragma(services, name: str):
    with services.db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(services):
    assert pragma(services, "journal_mode") == "wal"
    assert pragma(services, "foreign_keys") == 1
    assert pragma(services, "busy_timeout") == BUSY_TIMEOUT_MS
    assert pragma(services, "synchronous") == 1  # NORMAL: safe with WAL, far fewer fsyncs


def test_foreign_keys_are_enforced(services):
    with pytest.raises(IntegrityError):
        with services.db.unit_of_work() as uow:
            uow.session.add(AuditEvent(at=datetime.now(UTC), actor_id=4242, actor_name="ghost",
                                       action="test", subject_type="", subject_id="", subject="",
                                       detail=""))
            uow.commit()


def test_a_unit_of_work_commits_only_when_told(services):
    with services.db.unit_of_work() as uow:
        uow.session.add(Setting(key="test.uncommitted", value='"x"'))
        uow.session.flush()
    with services.db.unit_of_work() as uow:
        uow.session.add(Setting(key="test.committed", value='"y"'))
        uow.commit()
    with services.db.unit_of_work(write=False) as uow:
        keys = set(uow.session.scalars(select(Setting.key).where(Setting.key.startswith("test."))))
    assert keys == {"test.committed"}


def test_a_unit_of_work_rolls_back_everything_on_an_error(services, admin):
    before = table_snapshot(services)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with services.db.unit_of_work() as uow:
            uow.session.add(Setting(key="test.first", value='"1"'))
            uow.session.add(AuditEvent(at=datetime.now(UTC), actor_name="test", action="test.half",
                                       subject_type="", subject_id="", subject="", detail=""))
            uow.session.flush()  # both rows are in the database's transaction now
            raise Boom()
    assert table_snapshot(services) == before


def test_a_failing_statement_leaves_earlier_ones_unwritten(services, admin):
    before = row_counts(services)
    with pytest.raises(IntegrityError):
        with services.db.unit_of_work() as uow:
            uow.session.add(Setting(key="test.first", value='"1"'))
            uow.session.flush()
            uow.session.add(Setting(key="test.first", value='"again"'))  # same primary key
            uow.commit()
    assert row_counts(services) == before


def test_orm_rows_do_not_outlive_their_unit_of_work(services, admin):
    """Rule: ORM objects never leave the unit of work. One that does fails loudly on use
    instead of quietly showing stale data or lazy-loading on another thread."""
    with services.db.unit_of_work(write=False) as uow:
        row = uow.session.scalar(select(Setting).where(Setting.key == "studio.name"))
        assert row.value == '"Ink & Iron"'
    with pytest.raises(DetachedInstanceError):
        _ = row.value


# --- storage faults -------------------------------------------------------------------------


def wrapped(message: str) -> OperationalError:
    return OperationalError("INSERT ...", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize("message, sentence", [
    ("database or disk is full", FULL),
    ("disk is full", FULL),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("database is busy", BUSY),
    ("attempt to write a readonly database", READ_ONLY),
    ("no such table: staff", None),
    ('near "SELEC": syntax error', None),
])
def test_storage_problem_names_what_a_person_can_fix(message, sentence):
    assert storage_problem(wrapped(message)) == sentence


def test_storage_problem_is_none_for_other_errors():
    assert storage_problem(ValueError("database is locked")) is None
    assert storage_problem(IntegrityError("INSERT", {}, sqlite3.IntegrityError("locked"))) is None


def test_a_real_lock_is_reported_as_busy(services, admin, data_dir):
    """A second program holds the write lock; a writer with a short timeout gives up."""
    holder = sqlite3.connect(data_dir / "studio.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        impatient = create_engine(services.db.url, connect_args={"timeout": 0.05})
        try:
            with pytest.raises(OperationalError) as caught:
                with impatient.connect() as conn:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
            assert storage_problem(caught.value) == BUSY
        finally:
            impatient.dispose()
    finally:
        holder.rollback()
        holder.close()


def _short_busy_timeout(services) -> None:
    """Give the app's engine a 50 ms busy timeout (after its own pragmas) so a held lock
    fails fast instead of after the real 15 s."""
    services.db.engine.dispose()

    @event.listens_for(services.db.engine, "connect")
    def _impatient(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=50")


def test_a_service_write_blocked_by_a_lock_raises_a_storage_error(services, admin, data_dir):
    _short_busy_timeout(services)
    holder = sqlite3.connect(data_dir / "studio.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError) as caught:
            services.settings.update(admin, name="Locked Out", timezone="UTC", currency="EUR",
                                     idle_lock_minutes=5)
        assert caught.value.message == BUSY
        assert isinstance(caught.value.__cause__, OperationalError)
    finally:
        holder.rollback()
        holder.close()
    # Once the other program lets go, the same call goes through.
    assert services.settings.update(admin, name="Unlocked", timezone="UTC", currency="EUR",
                                    idle_lock_minutes=5).name == "Unlocked"


def test_a_full_database_raises_a_storage_error_and_saves_nothing(services, admin):
    """SQLite's max_page_count makes a real SQLITE_FULL without filling the disk."""
    services.db.engine.dispose()

    @event.listens_for(services.db.engine, "connect")
    def _no_room(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    before = row_counts(services)
    with pytest.raises(StorageError) as caught:
        with Service(services).unit_of_work() as uow:
            uow.session.add(Setting(key="test.big", value="x" * 200_000))
            uow.commit()
    assert caught.value.message == FULL
    assert row_counts(services) == before


def test_readers_and_writers_use_separate_begin_modes(services, admin):
    """Writers take the write lock at BEGIN (IMMEDIATE), so a second writer queues on the busy
    timeout rather than failing half-way; readers (DEFERRED) never wait for a writer."""
    _short_busy_timeout(services)
    with services.db.unit_of_work(write=False) as reader:
        committed = reader.session.scalar(select(func.count()).select_from(Setting))
    with services.db.unit_of_work() as writer:
        writer.session.add(Setting(key="test.pending", value='"1"'))
        writer.session.flush()
        with services.db.unit_of_work(write=False) as reader:  # WAL: reads go on, without the pending row
            assert reader.session.scalar(select(func.count()).select_from(Setting)) == committed
        with pytest.raises(OperationalError) as caught:
            with services.db.unit_of_work() as second_writer:
                second_writer.session.execute(text("SELECT 1"))
        assert storage_problem(caught.value) == BUSY
