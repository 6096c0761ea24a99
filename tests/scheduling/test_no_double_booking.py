"""Whatever the desk does, in whatever order, no artist is ever in two live appointments at
once: random sequences of bookings, moves, resizes and cancels (hypothesis)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from studio.models import Appointment, AuditEvent
from studio.services.common import DomainError
from studio.services.scheduling import AppointmentInput, Kind, Status
from tests.scheduling.conftest import MONDAY, at

SLOT = timedelta(minutes=15)
LIVE = [s.value for s in Status if s.holds_time]

times = st.tuples(st.integers(0, 2), st.integers(0, 40), st.integers(1, 24))  # day, start slot, length in slots
steps = st.lists(st.one_of(
    st.tuples(st.just("book"), st.integers(0, 1), times),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 1), times),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
    st.tuples(st.just("request"), st.integers(0, 1), times),
    st.tuples(st.just("confirm"), st.integers(0, 30)),
), min_size=1, max_size=25)


def _span(day, slot, length):
    start = at(MONDAY + timedelta(days=1 + day), 9) + slot * SLOT
    return start, start + length * SLOT


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_no_sequence_of_changes_double_books_an_artist(studio, sequence):
    services = studio.services
    artists = [studio.mia.staff_id, studio.leo.staff_id]
    with services.db.unit_of_work() as uow:
        uow.session.execute(delete(Appointment))
        uow.session.execute(delete(AuditEvent))
        uow.commit()
    ids: list[int] = []
    for step in sequence:
        try:
            if step[0] in ("book", "request"):
                _, artist, span = step
                start, end = _span(*span)
                status = Status.BOOKED if step[0] == "book" else Status.REQUESTED
                ids.append(services.scheduling.book(studio.desk, AppointmentInput(
                    studio.ana_id, artists[artist], Kind.SESSION, start, end, status=status),
                    outside_hours_ok=True).id)
            elif ids and step[0] == "move":
                _, pick, artist, span = step
                current = services.scheduling.appointment(studio.desk, ids[pick % len(ids)])
                start, end = _span(*span)
                services.scheduling.move(studio.desk, current.id, start, end, version=current.version,
                                         artist_id=artists[artist], outside_hours_ok=True)
            elif ids and step[0] == "cancel":
                current = services.scheduling.appointment(studio.desk, ids[step[1] % len(ids)])
                services.scheduling.cancel(studio.desk, current.id, "test", version=current.version)
            elif ids and step[0] == "confirm":
                current = services.scheduling.appointment(studio.desk, ids[step[1] % len(ids)])
                services.scheduling.set_status(studio.desk, current.id, Status.BOOKED, version=current.version)
        except DomainError:
            pass  # refused: it must have changed nothing, which the check below sees
    with services.db.unit_of_work(write=False) as uow:
        rows = uow.session.execute(select(Appointment.artist_id, Appointment.starts_at, Appointment.ends_at)
                                   .where(Appointment.status.in_(LIVE))).all()
    for i, (artist, start, end) in enumerate(rows):
        for other_artist, other_start, other_end in rows[i + 1:]:
            assert not (artist == other_artist and start < other_end and other_start < end), rows
