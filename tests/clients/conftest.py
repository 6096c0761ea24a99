"""Fixtures for the client tests: a real SQLite studio per test, cheaply.

Staff are created once per session with real argon2 (the slow part) in a template data
dir; every test gets its own copy of that database file, so tests never see each other's
clients and still run against a real file.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio.db import Database
from studio.services.accounts import Passwords
from studio.services.common import Actor
from studio.services.core import Services

PASSWORD = "correct horse battery staple 42"


class FakeClock:
    """A clock tests move by hand instead of sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@dataclass
class Studio:
    services: Services
    clock: FakeClock
    data_dir: Path
    admin: Actor
    artist: Actor
    desk: Actor

    @property
    def clients(self):
        return self.services.clients

    @property
    def client_rights(self):
        return self.services.client_rights

    def by_role(self, role: str) -> Actor:
        return {"admin": self.admin, "artist": self.artist, "front_desk": self.desk}[role]


START = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)  # 10:30 in Lisbon (WET, UTC+0)


@pytest.fixture(scope="session")
def passwords() -> Passwords:
    return Passwords()


@pytest.fixture(scope="session")
def template(tmp_path_factory, passwords) -> tuple[Path, dict[str, Actor]]:
    folder = tmp_path_factory.mktemp("clients-template")
    db = Database(f"sqlite:///{folder / 'studio.db'}")
    db.migrate()
    services = Services(db, clock=FakeClock(START), passwords=passwords, data_dir=folder)
    admin = services.setup.create_studio(
        studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
        admin_name="Ana Ruiz", admin_email="ana@ink.test", password=PASSWORD,
    )
    actors = {"admin": admin}
    for role, name, email in (("artist", "Mara Okafor", "mara@ink.test"),
                              ("front_desk", "Zoë Martín", "zoe@ink.test")):
        services.staff.add_staff(admin, name=name, email=email, role=role, password=PASSWORD)
        actors[role] = services.auth.login(email, PASSWORD)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return folder / "studio.db", actors


@pytest.fixture
def studio(template, tmp_path, passwords) -> Studio:
    source, actors = template
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(source, data_dir / "studio.db")
    clock = FakeClock(START)
    db = Database(f"sqlite:///{data_dir / 'studio.db'}")
    db.migrate()
    services = Services(db, clock=clock, passwords=passwords, data_dir=data_dir)
    yield Studio(services, clock, data_dir, actors["admin"], actors["artist"], actors["front_desk"])
    db.dispose()
