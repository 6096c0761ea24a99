"""Deposits and the studio's booking policy: what is asked, what follows a project, and what
a late cancel, a no-show or one reschedule too many does to the deposit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from studio.services.common import PermissionDenied, ValidationError
from studio.services.scheduling import DepositState, Kind, SchedulingPolicy, Status
from tests.scheduling.conftest import MONDAY, at

THURSDAY = MONDAY + timedelta(days=3)  # Thursday 12:00 is 75 h after "now" (Monday 09:00)
FRIDAY = MONDAY + timedelta(days=4)


def _states(studio):
    from sqlalchemy import select

    from studio.models import Deposit

    with studio.services.db.unit_of_work(write=False) as uow:
        return [(d.state, d.amount_cents) for d in uow.session.scalars(select(Deposit).order_by(Deposit.id))]


def test_a_session_without_its_deposit_awaits_one_and_a_consultation_needs_none(studio):
    session = studio.book(studio.mia, at(THURSDAY, 12), 2)
    consult = studio.book(studio.leo, at(THURSDAY, 12), 1, kind=Kind.CONSULTATION)
    assert session.deposit == DepositState.AWAITING and consult.deposit == DepositState.NOT_NEEDED
    studio.services.scheduling.record_deposit(studio.desk, session.id, 5000, "card")
    assert studio.services.scheduling.appointment(studio.desk, session.id).deposit == DepositState.HELD


def test_the_policy_can_ask_a_percentage_of_the_quote_or_nothing(studio):
    hours = studio.services.hours
    hours.set_policy(studio.admin, replace(SchedulingPolicy(), deposit_percent=20))
    quoted = studio.book(studio.mia, at(THURSDAY, 12), 2, price_cents=30000)
    assert quoted.deposit == DepositState.AWAITING
    hours.set_policy(studio.admin, replace(SchedulingPolicy(), deposit_cents=0))
    assert studio.services.scheduling.appointment(studio.desk, quoted.id).deposit == DepositState.NOT_NEEDED


def test_a_project_deposit_follows_its_sessions_to_another_day_and_artist(studio):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Japanese sleeve", quote_cents=120000)
    first = studio.book(studio.mia, at(THURSDAY, 11), 4, project_id=project.id)
    second = studio.book(studio.mia, at(THURSDAY + timedelta(days=7), 11), 4, project_id=project.id)
    studio.services.scheduling.record_deposit(studio.desk, first.id, 20000, "cash")
    moved = studio.services.scheduling.move(studio.desk, second.id, at(FRIDAY + timedelta(days=7), 12),
                                            at(FRIDAY + timedelta(days=7), 16), version=second.version,
                                            artist_id=studio.leo.staff_id).appointment
    assert moved.deposit == DepositState.HELD and moved.artist_id == studio.leo.staff_id
    record = studio.services.projects.project(studio.desk, project.id)
    assert [d.amount_cents for d in record.deposits] == [20000]
    assert [a.id for a in record.appointments] == [first.id, second.id]


def test_a_late_cancel_by_the_client_forfeits_the_deposit(studio):
    record = studio.book(studio.mia, at(THURSDAY, 12), 2)  # 75 h away: outside the 72 h window
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    studio.clock.advance(hours=4)  # now 71 h before: a late cancel
    result = studio.services.scheduling.cancel(studio.desk, record.id, "can't make it", version=record.version)
    assert result.deposit.state == "forfeited" and result.deposit.amount_cents == 5000
    assert result.deposit.sentence == "The deposit of 50,00\u00a0€ is forfeited to the studio."
    assert _states(studio) == [("forfeited", 5000)]


def test_a_cancel_in_time_keeps_the_deposit_as_the_clients_credit(studio):
    record = studio.book(studio.mia, at(THURSDAY, 12), 2)
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    result = studio.services.scheduling.cancel(studio.desk, record.id, "moving", version=record.version)
    assert result.deposit.state == "credited"
    assert _states(studio) == [("credited", 5000)]


def test_the_studio_cancelling_never_costs_the_client_their_deposit(studio):
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)  # 27 h away: late
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    result = studio.services.scheduling.cancel(studio.desk, record.id, "artist ill", version=record.version,
                                               by_client=False)
    assert result.deposit.state == "credited"


def test_a_late_cancel_keeps_the_deposit_as_credit_when_the_policy_says_so(studio):
    studio.services.hours.set_policy(studio.admin, replace(SchedulingPolicy(), keep_as_credit=True))
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    result = studio.services.scheduling.cancel(studio.desk, record.id, "late", version=record.version)
    assert result.deposit.sentence == "The deposit of 50,00\u00a0€ stays with the client as credit."


def test_a_no_show_costs_the_deposit(studio):
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    studio.clock.now = at(MONDAY + timedelta(days=1), 12, 31)
    result = studio.services.scheduling.set_status(studio.desk, record.id, Status.NO_SHOW, version=record.version)
    assert result.deposit.state == "forfeited"


def test_one_reschedule_keeps_the_deposit_and_the_second_costs_it(studio):
    record = studio.book(studio.mia, at(THURSDAY, 12), 2)
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    first = studio.services.scheduling.move(studio.desk, record.id, at(FRIDAY, 12), at(FRIDAY, 14),
                                            version=record.version, reschedule=True)
    assert first.deposit.state == "" and first.appointment.reschedules == 1
    assert first.appointment.deposit == DepositState.HELD
    # A move by the desk (a drag to fix a slip) is not the client's reschedule.
    moved = studio.services.scheduling.move(studio.desk, record.id, at(FRIDAY, 13), at(FRIDAY, 15),
                                            version=first.appointment.version)
    assert moved.appointment.reschedules == 1
    second = studio.services.scheduling.move(studio.desk, record.id, at(FRIDAY + timedelta(days=1), 12),
                                             at(FRIDAY + timedelta(days=1), 14), version=moved.appointment.version,
                                             reschedule=True)
    assert second.deposit.state == "forfeited" and second.appointment.reschedules == 2
    assert second.appointment.deposit == DepositState.SETTLED


@pytest.mark.parametrize("change, field", [
    ({"late_cancel_hours": -1}, "late_cancel_hours"),
    ({"deposit_percent": 0}, "deposit_percent"),
    ({"deposit_percent": 101}, "deposit_percent"),
    ({"reschedules_kept": 11}, "reschedules_kept"),
    ({"lateness_minutes": 2}, "lateness_minutes"),
    ({"deposit_cents": -100}, "deposit_cents"),
])
def test_a_policy_out_of_range_is_refused_and_the_old_one_stays(studio, change, field):
    with pytest.raises(ValidationError) as refused:
        studio.services.hours.set_policy(studio.admin, replace(SchedulingPolicy(), **change))
    assert refused.value.field == field
    assert studio.services.hours.policy(studio.desk) == SchedulingPolicy()


def test_only_admins_set_the_policy_and_only_the_desk_records_deposits(studio):
    with pytest.raises(PermissionDenied):
        studio.services.hours.set_policy(studio.desk, SchedulingPolicy())
    record = studio.book(studio.mia, at(THURSDAY, 12), 2)
    with pytest.raises(PermissionDenied):
        studio.services.scheduling.record_deposit(studio.mia, record.id, 5000, "cash")


@pytest.mark.parametrize("amount, method, sentence", [
    (0, "cash", "Enter the amount paid."), (-5, "cash", "Enter the amount paid."),
    (5000, "bitcoin", "Choose how the deposit was paid."),
])
def test_a_deposit_needs_an_amount_and_a_method(studio, amount, method, sentence):
    record = studio.book(studio.mia, at(THURSDAY, 12), 2)
    with pytest.raises(ValidationError, match=sentence):
        studio.services.scheduling.record_deposit(studio.desk, record.id, amount, method)
    assert _states(studio) == []
