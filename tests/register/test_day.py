"""The register's day: hand-typed entries, refunds and corrections, forfeited deposits,
closing (the drawer's count, the lock) and reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from studio.models import AuditEvent, CashEntry, Deposit
from studio.services.common import Conflict, NotFound, PermissionDenied, ValidationError
from studio.services.register import DayClosed, EntryInput, EntryKind, Method
from studio.services.scheduling import Status
from tests.register.conftest import MONDAY, at, finished, pay

TUESDAY = MONDAY + timedelta(days=1)


def _sale(studio, cents=5000, method=Method.CASH, **more):
    return studio.services.register.record(studio.desk, EntryInput(EntryKind.SALE, method, cents, **more))


def test_entries_are_signed_by_kind_and_the_drawer_expects_float_plus_cash(studio):
    register = studio.services.register
    _sale(studio, 5000)
    _sale(studio, 3000, Method.CARD, artist_id=studio.mia.staff_id)
    register.record(studio.desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 1250, note="Green soap"))
    register.record(studio.desk, EntryInput(EntryKind.CASH_OUT, Method.CASH, 2000, note="To the bank"))
    register.record(studio.desk, EntryInput(EntryKind.CASH_IN, Method.CASH, 500))
    day = register.day(studio.desk)
    assert [e.amount_cents for e in day.entries] == [5000, 3000, -1250, -2000, 500]
    assert day.by_method == {"cash": 2250, "card": 3000}
    assert day.cash_cents == 2250
    assert register.day(studio.desk, method=Method.CARD).count == 1
    assert register.day(studio.desk, kind=EntryKind.EXPENSE).entries[0].note == "Green soap"
    assert register.day(studio.desk, artist_id=studio.mia.staff_id).count == 1


@pytest.mark.parametrize(("entry", "says"), [
    (EntryInput(EntryKind.SALE, Method.CASH, 0), "above zero"),
    (EntryInput(EntryKind.SALE, Method.CASH, -500), "above zero"),
    (EntryInput(EntryKind.EXPENSE, Method.CASH, 500), "Say what the money was for"),
    (EntryInput(EntryKind.CASH_IN, Method.CARD, 500), "always cash"),
    (EntryInput(EntryKind.SALE, Method.VOUCHER, 500), "A voucher pays only at a checkout"),
    (EntryInput(EntryKind.DEPOSIT, Method.CASH, 500), "comes from a checkout"),
])
def test_bad_entries_get_a_sentence_and_change_nothing(studio, entry, says):
    with pytest.raises(ValidationError, match=says):
        studio.services.register.record(studio.desk, entry)
    assert studio.services.register.day(studio.desk).count == 0


def test_artists_see_only_their_own_entries_and_cannot_enter_money(studio):
    _sale(studio, 5000, artist_id=studio.mia.staff_id)
    _sale(studio, 7000, artist_id=studio.leo.staff_id)
    assert [e.amount_cents for e in studio.services.register.day(studio.mia).entries] == [5000]
    with pytest.raises(PermissionDenied):
        studio.services.register.record(studio.mia, EntryInput(EntryKind.SALE, Method.CASH, 100))
    with pytest.raises(NotFound):
        studio.services.register.entry(studio.mia, studio.services.register.day(studio.desk).entries[1].id)
    takings = studio.services.register.artist_takings(studio.mia, MONDAY, MONDAY)
    assert (takings.sales_cents, takings.share_cents) == (5000, 2500)


def test_a_refund_never_exceeds_what_is_left_and_points_at_its_original(studio):
    sale = _sale(studio, 5000, Method.CARD, artist_id=studio.mia.staff_id)
    register = studio.services.register
    first = register.refund(studio.desk, sale.id, 2000, "Client unhappy with the line")
    assert (first.kind, first.method, first.amount_cents, first.refers_to_id) == (
        EntryKind.REFUND, Method.CARD, -2000, sale.id)
    assert register.entry(studio.desk, sale.id).refundable_cents == 3000
    with pytest.raises(ValidationError, match="At most 30,00.€ is left"):
        register.refund(studio.desk, sale.id, 3001, "again")
    register.refund(studio.desk, sale.id, 3000, "the rest", method=Method.CASH)
    with pytest.raises(ValidationError, match="At most 0,00.€"):
        register.refund(studio.desk, sale.id, 1, "nothing left")
    # A refunded sale takes from the artist's sales, and the shares still add up.
    (mia,) = register.day_report(studio.desk, MONDAY).shares
    assert (mia.sales_cents, mia.share_cents, mia.studio_cents) == (0, 0, 0)


def test_a_correction_cancels_a_typed_entry_once_and_checkout_entries_are_refunded_instead(studio, booked):
    register = studio.services.register
    sale = _sale(studio, 4200)
    fix = register.correct(studio.desk, sale.id, "typed twice")
    assert (fix.kind, fix.amount_cents, fix.refers_to_id) == (EntryKind.SALE, -4200, sale.id)
    with pytest.raises(ValidationError, match="already corrected"):
        register.correct(studio.desk, sale.id, "again")
    deposit_entry = register.day(studio.desk, kind=EntryKind.DEPOSIT).entries[0]
    with pytest.raises(ValidationError, match="put right with a refund"):
        register.correct(studio.desk, deposit_entry.id, "no")


def test_a_refunded_deposit_is_no_longer_held(studio, booked):
    register = studio.services.register
    deposit_entry = register.day(studio.desk, kind=EntryKind.DEPOSIT).entries[0]
    with pytest.raises(ValidationError, match="refunded whole"):
        register.refund(studio.desk, deposit_entry.id, 1000, "part")
    register.refund(studio.desk, deposit_entry.id, 5000, "Client moved away")
    with studio.services.db.unit_of_work(write=False) as uow:
        assert [d.state for d in uow.session.scalars(select(Deposit))] == ["refunded"]


def test_a_no_show_moves_the_deposit_to_the_studios_income_that_day(studio, booked):
    studio.clock.now = at(TUESDAY, 12, 40)
    current = studio.services.scheduling.appointment(studio.desk, booked.id)
    studio.services.scheduling.set_status(studio.desk, booked.id, Status.NO_SHOW, version=current.version)
    tuesday = studio.services.register.day(studio.desk)
    assert [(e.kind, e.method, e.amount_cents) for e in tuesday.entries] == [
        (EntryKind.DEPOSIT, Method.CARD, -5000), (EntryKind.FORFEIT, Method.CARD, 5000)]
    report = studio.services.register.day_report(studio.desk, TUESDAY)
    assert report.by_kind == {"deposit": -5000, "forfeit": 5000}
    assert report.shares == ()  # studio income: no artist's sale


def test_closing_counts_the_drawer_and_locks_the_day(studio):
    register = studio.services.register
    _sale(studio, 5000)
    register.record(studio.desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 1000, note="Coffee"))
    with pytest.raises(ValidationError, match="holds 150,00.€, not the 140,00.€ expected"):
        register.close_day(studio.desk, MONDAY, opening_float_cents=10000, counted_cents=15000)
    with pytest.raises(ValidationError, match="can't be negative"):
        register.close_day(studio.desk, MONDAY, opening_float_cents=10000, counted_cents=-1)
    closed = register.close_day(studio.desk, MONDAY, opening_float_cents=10000, counted_cents=13950,
                                note="50 cents short, coin dropped")
    assert (closed.expected_cents, closed.counted_cents, closed.difference_cents, closed.closed_by_name) == (
        14000, 13950, -50, "Dana Desk")
    with pytest.raises(DayClosed, match="is closed, so nothing can be added"):
        _sale(studio, 100)
    with pytest.raises(DayClosed, match="already closed"):
        register.close_day(studio.desk, MONDAY, opening_float_cents=10000, counted_cents=14000)
    assert register.day(studio.desk).count == 2


def test_a_closed_day_refuses_a_deposit_and_the_booking_stays_as_it_was(studio):
    appointment = studio.book(studio.mia, at(TUESDAY, 12), 2)
    studio.services.register.close_day(studio.desk, MONDAY, opening_float_cents=0, counted_cents=0)
    with pytest.raises(DayClosed):
        studio.services.scheduling.record_deposit(studio.desk, appointment.id, 5000, "cash")
    with studio.services.db.unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(Deposit.id)) is None and uow.session.scalar(select(CashEntry.id)) is None


def test_counting_by_denomination_adds_up_the_drawer(studio):
    _sale(studio, 2550)
    closed = studio.services.register.close_day(studio.desk, MONDAY, opening_float_cents=5000,
                                                denominations={2000: 3, 1000: 1, 50: 1, 200: 0},
                                                note="5 € short")
    assert (closed.counted_cents, closed.expected_cents) == (7050, 7550)
    assert closed.denominations == {2000: 3, 1000: 1, 50: 1}


def test_reopening_is_for_admins_with_a_reason_and_is_audited(studio):
    register = studio.services.register
    register.close_day(studio.desk, MONDAY, opening_float_cents=0, counted_cents=0)
    with pytest.raises(PermissionDenied):
        register.reopen_day(studio.desk, MONDAY, "forgot a sale")
    with pytest.raises(ValidationError):
        register.reopen_day(studio.admin, MONDAY, "  ")
    reopened = register.reopen_day(studio.admin, MONDAY, "A card sale was left out")
    assert (reopened.closed, reopened.reopened_by_name) == (False, studio.admin.name)
    _sale(studio, 6000, Method.CARD)
    register.close_day(studio.desk, MONDAY, opening_float_cents=0, counted_cents=0)
    with pytest.raises(ValidationError, match="is not closed"):
        register.reopen_day(studio.admin, MONDAY + timedelta(days=1), "never closed")
    with studio.services.db.unit_of_work(write=False) as uow:
        actions = [a for a in uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))
                   if a.startswith("cash.day")]
        detail = uow.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "cash.day_reopened"))
    assert actions == ["cash.day_closed", "cash.day_reopened", "cash.day_closed"]
    assert detail == "A card sale was left out"


def test_a_day_cannot_be_closed_before_it_begins_nor_a_checkout_land_in_a_closed_day(studio, booked):
    with pytest.raises(ValidationError, match="once it has begun"):
        studio.services.register.close_day(studio.desk, TUESDAY, opening_float_cents=0, counted_cents=0)
    done = finished(studio, booked)
    studio.services.register.close_day(studio.desk, TUESDAY, opening_float_cents=0, counted_cents=0)
    with pytest.raises(Conflict, match="closed"):
        studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id))
