"""The clients table's "Last visit" and "Next appointment", filled by scheduling."""

from __future__ import annotations

from datetime import UTC, timedelta

from studio.services.scheduling import Status
from tests.scheduling.booking import book_any_time as book
from tests.scheduling.conftest import MONDAY, at


def complete(studio, appointment):
    s = studio.services.scheduling
    for status in (Status.CHECKED_IN, Status.IN_PROGRESS, Status.COMPLETED):
        appointment = s.set_status(studio.desk, appointment.id, status, version=appointment.version).appointment
    return appointment


def row_of(rows, client_id):
    return next(r for r in rows if r.id == client_id)


def test_rows_show_the_last_completed_visit_and_the_next_live_appointment(studio):
    studio.clock.now = at(MONDAY - timedelta(days=30), 9)
    old = book(studio, studio.mia, at(MONDAY - timedelta(days=29), 12))
    recent = book(studio, studio.leo, at(MONDAY - timedelta(days=8), 12))
    missed = book(studio, studio.mia, at(MONDAY - timedelta(days=2), 12))
    studio.clock.now = at(MONDAY - timedelta(days=29), 13)
    complete(studio, old)
    studio.clock.now = at(MONDAY - timedelta(days=8), 13)
    complete(studio, recent)
    studio.clock.now = at(MONDAY - timedelta(days=2), 13)
    studio.services.scheduling.set_status(studio.desk, missed.id, Status.NO_SHOW, version=missed.version)
    studio.clock.now = at(MONDAY, 9)
    later = book(studio, studio.mia, at(MONDAY + timedelta(days=9), 12))
    soon = book(studio, studio.leo, at(MONDAY + timedelta(days=2), 15))
    dropped = book(studio, studio.mia, at(MONDAY + timedelta(days=1), 12))
    studio.services.scheduling.cancel(studio.desk, dropped.id, "moved away", version=dropped.version)

    found = studio.services.clients.search(studio.desk, "").rows
    ana, ben = row_of(found, studio.ana_id), row_of(found, studio.ben_id)
    assert ana.last_visit == recent.starts_at.astimezone(UTC)
    assert ana.next_appointment == soon.starts_at.astimezone(UTC) != later.starts_at
    assert (ben.last_visit, ben.next_appointment) == (None, None)
    paged = row_of(studio.services.clients.page(studio.desk, "ana"), studio.ana_id)
    assert (paged.last_visit, paged.next_appointment) == (ana.last_visit, ana.next_appointment)
    assert ana.last_visit.tzinfo is not None
