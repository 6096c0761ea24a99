"""Fixtures for the scheduling tests: a studio in Lisbon (the ``admin`` fixture's) with two
artists, a front desk, two clients, and the clock on a Monday morning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from studio.services.clients import ClientInput
from studio.services.common import Actor, Role
from studio.services.core import Services
from studio.services.scheduling import AppointmentInput, Kind, Status
from tests.support import FakeClock

LISBON = ZoneInfo("Europe/Lisbon")
# Monday 16 March 2026, 09:00 in Lisbon (UTC+0 until the 29th).
MONDAY = date(2026, 3, 16)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in the studio's zone."""
    return datetime.combine(day, time(hour, minute), LISBON)


@dataclass
class Desk:
    services: Services
    clock: FakeClock
    admin: Actor
    desk: Actor
    mia: Actor
    leo: Actor
    ana_id: int
    ben_id: int

    def book(self, artist: Actor | None = None, start: datetime | None = None, hours: float = 2, *,
             client_id: int | None = None, actor: Actor | None = None, kind: Kind = Kind.SESSION,
             status: Status = Status.BOOKED, **more):
        artist = artist or self.mia
        start = start or at(MONDAY + timedelta(days=1), 12)
        data = AppointmentInput(client_id=client_id or self.ana_id, artist_id=artist.staff_id, kind=kind,
                                starts_at=start, ends_at=start + timedelta(hours=hours), status=status, **more)
        return self.services.scheduling.book(actor or self.desk, data)


@pytest.fixture
def studio(services, admin, make_staff, clock) -> Desk:
    clock.now = at(MONDAY, 9)
    desk = make_staff(Role.FRONT_DESK, name="Dana Desk")
    mia = make_staff(Role.ARTIST, name="Mia", color="#E11D48")
    leo = make_staff(Role.ARTIST, name="Leo", color="#2563EB")
    ana = services.clients.create(admin, ClientInput(full_name="Ana Lima", phone="+351912345678"))
    ben = services.clients.create(admin, ClientInput(full_name="Ben Park", email="ben@example.test"))
    return Desk(services, clock, admin, desk, mia, leo, ana.id, ben.id)
