"""Fixtures for the backup tests: a real studio on a real SQLite file in a temp data dir,
an injected clock, and helpers to hash files and add rows."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio.config import load_config
from studio.services.accounts import Passwords
from studio.services.core import open_services

ADMIN_EMAIL = "ana@studio.test"
ADMIN_PASSWORD = "violet anchors drift softly 42"
ARTIST_EMAIL = "mara@studio.test"
ARTIST_PASSWORD = "lantern pepper orbit canyon 7"


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 5, 4, 10, 0, 0, tzinfo=UTC))


@pytest.fixture
def config(tmp_path):
    return load_config(tmp_path / "data")


@pytest.fixture
def passwords():
    # Cheap argon2 parameters keep the many sign-ups fast; the hashing is still real argon2.
    from argon2 import PasswordHasher

    return Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def services(config, clock, passwords):
    services = open_services(config.database_url, clock=clock, passwords=passwords, config=config)
    yield services
    services.db.dispose()


@pytest.fixture
def studio(services):
    """A set-up studio with an admin and an artist: (services, admin actor, artist actor)."""
    admin = services.setup.create_studio(
        studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
        admin_name="Ana Ruiz", admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD,
    )
    services.staff.add_staff(admin, name="Mara Okafor", email=ARTIST_EMAIL, role="artist",
                             password=ARTIST_PASSWORD)
    artist = services.auth.login(ARTIST_EMAIL, ARTIST_PASSWORD)
    return services, admin, artist


def add_staff(services, admin, n: int, prefix: str = "p") -> None:
    for i in range(n):
        services.staff.add_staff(admin, name=f"Person {prefix}{i}", email=f"{prefix}{i}@studio.test",
                                 role="front_desk", password=ARTIST_PASSWORD)


def staff_emails(services) -> set[str]:
    from sqlalchemy import select

    from studio.models import Staff

    with services.db.unit_of_work(write=False) as uow:
        return set(uow.session.scalars(select(Staff.email)))


def content_digest(database: Path, *, but_safety_backups: bool = False) -> str:
    """Every table's schema and rows: equal digests mean the same data, whatever the pages.
    ``but_safety_backups`` leaves out the audit rows of backups made (a safety backup taken
    before a restore failed is real, kept and audited; nothing else may change)."""
    conn = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        digest.update(repr(tables).encode())
        for kind, name, _sql in tables:
            if kind == "table":
                where = (" WHERE action NOT IN ('backup.created', 'backup.deleted')"
                         if but_safety_backups and name == "audit_events" else "")
                for row in conn.execute(f'SELECT * FROM "{name}"{where} ORDER BY 1'):
                    digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def live_sha(services, config) -> str:
    """The live database's bytes once every connection is closed (the WAL checkpointed)."""
    services.db.dispose()
    assert not Path(str(config.database_path) + "-wal").exists()
    return sha256_of(config.database_path)


class _FailingFile:
    """A real file whose k-th write fails as a full disk does."""

    def __init__(self, handle, ops) -> None:
        self._handle = handle
        self._ops = ops

    def write(self, data) -> int:
        self._ops.writes += 1
        if self._ops.fail_at is not None and self._ops.writes == self._ops.fail_at:
            import errno
            import os

            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()


def full_disk_ops(fail_at: int | None = None, sqlite_pages: int | None = None):
    """FileOps that fail the ``fail_at``-th write with ENOSPC, or let SQLite write only
    ``sqlite_pages`` pages of the copy (SQLite then reports SQLITE_FULL, as on a full disk)."""
    from studio.services.backup.fileops import FileOps

    class FullDisk(FileOps):
        writes = 0

        def open_write(self, path):
            return _FailingFile(super().open_write(path), self)

        def prepare_sqlite(self, conn) -> None:
            if sqlite_pages is not None:
                conn.execute(f"PRAGMA max_page_count={sqlite_pages}")

        def fsync(self, handle) -> None:
            inner = handle._handle if isinstance(handle, _FailingFile) else handle
            super().fsync(inner)

    ops = FullDisk()
    ops.fail_at = fail_at
    return ops


def older_archive(services, admin, dest: Path, *, revision: str = "0005_search_index",
                  app_version: str = "0.0.9") -> Path:
    """A real backup archive of this studio at an older schema, as an older Linework made it:
    a backup, brought down to ``revision`` with the migrations' own downgrade, zipped with
    its manifest (the backup made on the way stays listed). Importing it is how a person
    gets one into the list."""
    import shutil

    from alembic import command

    from studio.db import alembic_config
    from studio.services.backup import archive as arc

    made = services.backup.back_up_now(admin).backup
    database = dest.parent / "older.db"
    shutil.copyfile(made.path, database)
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{database.as_posix()}")
    command.downgrade(cfg, revision)
    manifest = arc.Manifest(app_version, revision, made.created_at, database.stat().st_size, sha256_of(database), ())
    arc.write_archive(dest, database, manifest, [])
    database.unlink()
    return dest
