"""The clients migration: up from the foundation, down again, and in step with the models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from studio.db import alembic_config
from studio.models import Base


def test_upgrade_downgrade_and_no_drift(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "0001_foundation")
    command.upgrade(cfg, "head")  # through 0002_clients and whatever came after it
    engine = create_engine(url)
    with engine.connect() as conn:
        assert {"clients", "client_search_terms"} <= set(inspect(conn).get_table_names())
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    command.downgrade(cfg, "0001_foundation")
    with engine.connect() as conn:
        assert "clients" not in inspect(conn).get_table_names()
    engine.dispose()
