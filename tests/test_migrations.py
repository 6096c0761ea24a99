"""Alembic: empty to head, head is a no-op, the models and the migrations agree."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from studio.db import SCHEMA_HEAD, Database, SchemaTooNewError, alembic_config
from studio.models import Base
from studio.services.common import IncompatibleData
from studio.services.core import open_services
from tests.support import sqlite_url

FOUNDATION_TABLES = {"staff", "login_throttle", "audit_events", "settings"}


@pytest.fixture
def db(data_dir):
    database = Database(sqlite_url(data_dir / "studio.db"))
    yield database
    database.dispose()


def table_names(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def test_an_empty_database_is_upgraded_to_head(db):
    assert db.current_revision() is None
    assert table_names(db) == set()
    assert db.migrate() is True
    assert db.current_revision() == SCHEMA_HEAD
    assert table_names(db) == set(Base.metadata.tables) | {"alembic_version"}
    assert FOUNDATION_TABLES <= set(Base.metadata.tables)


def test_migrate_at_head_does_nothing(db):
    db.migrate()
    with db.engine.connect() as conn:
        schema_before = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name")).all()
    assert db.migrate() is False
    reopened = Database(db.url)
    try:
        assert reopened.migrate() is False
        with reopened.engine.connect() as conn:
            assert conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name")).all() == schema_before
    finally:
        reopened.dispose()


def test_schema_head_is_the_newest_migration():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [SCHEMA_HEAD]  # one head, and it is the one the app expects


def diff_against_models(db: Database, metadata: sa.MetaData = Base.metadata) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        return compare_metadata(context, metadata)


def test_autogenerate_finds_no_difference_between_models_and_migrations(db):
    db.migrate()
    assert diff_against_models(db) == []


def test_the_comparison_does_see_a_difference(db):
    """Proof that the check above can fail: a model column the migrations never made."""
    db.migrate()
    changed = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["staff"].append_column(sa.Column("nickname", sa.String(40), nullable=True))
    diff = diff_against_models(db, changed)
    assert [(d[0], d[3].name) for d in diff if d[0] == "add_column"] == [("add_column", "nickname")]


def test_downgrade_to_base_and_up_again(db):
    db.migrate()
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert table_names(db) == {"alembic_version"}
    assert db.current_revision() is None
    assert db.migrate() is True
    assert diff_against_models(db) == []


def stamp_future(db: Database) -> None:
    db.migrate()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))


def test_a_database_from_a_newer_linework_is_refused(db):
    stamp_future(db)
    with pytest.raises(SchemaTooNewError, match="newer version of Linework"):
        db.migrate()
    assert db.current_revision() == "9999_from_the_future"


def test_open_services_turns_a_newer_schema_into_a_sentence(db):
    stamp_future(db)
    with pytest.raises(IncompatibleData) as caught:
        open_services(db.url)
    assert "newer version of Linework" in caught.value.message
    assert db.current_revision() == "9999_from_the_future"
