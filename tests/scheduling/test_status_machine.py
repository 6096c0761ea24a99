"""The appointment's status machine: every allowed step and every refused one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio.services.common import Conflict, ValidationError
from studio.services.scheduling import Status
from tests.scheduling.conftest import MONDAY, at

S = Status
# Written out here rather than read from the code, so a wrong table there fails here.
ALLOWED = {
    S.REQUESTED: {S.BOOKED, S.CANCELLED},
    S.BOOKED: {S.CONFIRMED, S.CHECKED_IN, S.CANCELLED, S.NO_SHOW},
    S.CONFIRMED: {S.CHECKED_IN, S.CANCELLED, S.NO_SHOW},
    S.CHECKED_IN: {S.IN_PROGRESS, S.CANCELLED},
    S.IN_PROGRESS: {S.COMPLETED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
    S.NO_SHOW: set(),
}
# How to bring a fresh booking to each status.
PATHS = {
    S.REQUESTED: [], S.BOOKED: [], S.CONFIRMED: [S.CONFIRMED], S.CHECKED_IN: [S.CHECKED_IN],
    S.IN_PROGRESS: [S.CHECKED_IN, S.IN_PROGRESS], S.COMPLETED: [S.CHECKED_IN, S.IN_PROGRESS, S.COMPLETED],
    S.CANCELLED: ["cancel"], S.NO_SHOW: [S.NO_SHOW],
}
STEPS = [(old, new) for old in S for new in S if new != old]


def _bring_to(studio, status):
    # Booked for today 10:00, and the clock after the start so a no-show is possible.
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2,
                         status=S.REQUESTED if status == S.REQUESTED else S.BOOKED)
    studio.clock.now = at(MONDAY + timedelta(days=1), 12, 45)
    for step in PATHS[status]:
        if step == "cancel":
            record = studio.services.scheduling.cancel(studio.desk, record.id, "flu", version=record.version).appointment
        else:
            record = studio.services.scheduling.set_status(studio.desk, record.id, step, version=record.version).appointment
    assert record.status == status
    return record


@pytest.mark.parametrize("old, new", STEPS, ids=[f"{o.value}->{n.value}" for o, n in STEPS])
def test_each_step_is_allowed_or_refused_as_the_machine_says(studio, old, new):
    record = _bring_to(studio, old)
    scheduling = studio.services.scheduling

    def step():
        if new == S.CANCELLED:
            return scheduling.cancel(studio.desk, record.id, "changed plans", version=record.version)
        return scheduling.set_status(studio.desk, record.id, new, version=record.version)

    if new in ALLOWED[old]:
        assert step().appointment.status == new
    else:
        with pytest.raises(Conflict) as refused:
            step()
        if ALLOWED[old]:
            assert refused.value.message == (f"An appointment that is {old.label.lower()} can't become "
                                             f"{new.label.lower()}.")
        else:
            assert refused.value.message == f"This appointment is {old.label.lower()}; it can't change any more."
        assert scheduling.appointment(studio.desk, record.id).status == old


def test_a_completed_appointment_can_not_be_moved_or_edited(studio):
    record = _bring_to(studio, S.COMPLETED)
    with pytest.raises(Conflict, match="completed; it can't change any more"):
        studio.services.scheduling.move(studio.desk, record.id, record.starts_at + timedelta(hours=1),
                                        record.ends_at + timedelta(hours=1), version=record.version)


def test_a_no_show_is_only_possible_once_the_appointment_has_started(studio):
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)
    with pytest.raises(ValidationError, match="only once the appointment has started"):
        studio.services.scheduling.set_status(studio.desk, record.id, S.NO_SHOW, version=record.version)


def test_cancelling_records_who_why_and_how_long_before_the_start(studio):
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)  # 27 h from now
    cancelled = studio.services.scheduling.cancel(studio.desk, record.id, "  moved to Porto ", version=record.version)
    assert cancelled.appointment.status == S.CANCELLED and cancelled.appointment.cancel_reason == "moved to Porto"
    from sqlalchemy import select

    from studio.models import Appointment

    with studio.services.db.unit_of_work(write=False) as uow:
        row = uow.session.scalar(select(Appointment).where(Appointment.id == record.id))
        assert (row.cancelled_by_name, row.cancel_notice_minutes) == ("Dana Desk", 27 * 60)


def test_a_cancel_needs_a_reason(studio):
    record = studio.book(studio.mia)
    with pytest.raises(ValidationError, match="Enter a reason"):
        studio.services.scheduling.cancel(studio.desk, record.id, "   ", version=record.version)


def test_a_client_later_than_the_lateness_limit_is_offered_as_a_no_show(studio):
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)
    week = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6))
    assert week.lateness_minutes == 30
    assert not record.is_late(at(MONDAY + timedelta(days=1), 12, 29), week.lateness_minutes)
    assert record.is_late(at(MONDAY + timedelta(days=1), 12, 30), week.lateness_minutes)
    studio.clock.now = at(MONDAY + timedelta(days=1), 12, 10)
    checked_in = studio.services.scheduling.set_status(studio.desk, record.id, S.CHECKED_IN,
                                                       version=record.version).appointment
    assert not checked_in.is_late(at(MONDAY + timedelta(days=1), 13), week.lateness_minutes)
