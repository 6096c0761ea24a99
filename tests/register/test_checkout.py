"""Checkout: the bill's arithmetic (deposit applied, credit, voucher, tip, split payments,
change), the entries it writes in one transaction, its numbered receipt, and its refusals."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from studio.models import CashEntry, Deposit, Receipt
from studio.services.common import Conflict, PermissionDenied, ValidationError
from studio.services.register import CheckoutInput, EntryKind, Method, Payment
from studio.services.scheduling import Status
from tests.register.conftest import MONDAY, at, finished, pay

TUESDAY = MONDAY + timedelta(days=1)


def _entries(studio, **where):
    with studio.services.db.unit_of_work(write=False) as uow:
        query = select(CashEntry.kind, CashEntry.method, CashEntry.amount_cents).order_by(CashEntry.id)
        for column, value in where.items():
            query = query.where(getattr(CashEntry, column) == value)
        return [tuple(r) for r in uow.session.execute(query)]


def test_a_deposit_taken_at_booking_lands_in_the_register_as_a_deposit_entry(studio, booked):
    day = studio.services.register.day(studio.desk)
    assert [(e.kind, e.method, e.amount_cents, e.client_name) for e in day.entries] == [
        (EntryKind.DEPOSIT, Method.CARD, 5000, "Ana Lima")]
    assert day.by_method == {"card": 5000}


def test_checkout_applies_the_deposit_splits_cash_and_card_with_a_tip_and_gives_change(studio, booked):
    done = finished(studio, booked)
    bill = studio.services.checkout.bill(studio.desk, done.id)
    assert (bill.price_cents, bill.deposit_cents, bill.client_name, bill.artist_name) == (20000, 5000, "Ana Lima", "Mia")
    # 200 € − 50 € deposit + 20 € tip = 170 €: 100 € on the card (tip included), 70 € cash from a 100 € note.
    receipt = studio.services.checkout.checkout(studio.desk, pay(
        20000, (Method.CARD, 10000), (Method.CASH, 7000), appointment_id=done.id, tip_cents=2000,
        tip_method=Method.CARD, cash_tendered_cents=10000))
    assert receipt.number == 1
    assert (receipt.price_cents, receipt.deposit_cents, receipt.tip_cents) == (20000, 5000, 2000)
    assert (receipt.tendered_cents, receipt.change_cents) == (10000, 3000)
    assert {p.method: p.amount_cents for p in receipt.payments} == {Method.CARD: 10000, Method.CASH: 7000}
    assert _entries(studio, receipt_id=receipt.id) == [
        ("sale", "card", 8000), ("sale", "cash", 7000), ("tip", "card", 2000),
        ("deposit", "card", -5000), ("sale", "card", 5000)]
    # The money taken today is what was paid now (the deposit came on Monday; its move into
    # the sale nets to nothing on the card); the sales are the whole price.
    day = studio.services.register.day(studio.desk)
    assert day.by_method == {"card": 10000, "cash": 7000}
    report = studio.services.register.day_report(studio.desk, day.day)
    (mia,) = report.shares
    assert (mia.artist_name, mia.sales_cents, mia.tips_cents, mia.share_cents, mia.studio_cents) == (
        "Mia", 20000, 2000, 10000, 10000)
    with studio.services.db.unit_of_work(write=False) as uow:
        assert [d.state for d in uow.session.scalars(select(Deposit))] == ["applied"]


def test_a_split_that_does_not_add_up_is_refused_and_changes_nothing(studio, booked):
    done = finished(studio, booked)
    before = _entries(studio)
    with pytest.raises(ValidationError, match="add up to 140,00.€, but 150,00.€ is due"):
        studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 10000), (Method.CASH, 4000),
                                                           appointment_id=done.id))
    with pytest.raises(ValidationError, match="less than the 50,00.€ paid in cash"):
        studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 10000), (Method.CASH, 5000),
                                                           appointment_id=done.id, cash_tendered_cents=2000))
    with pytest.raises(ValidationError, match="above zero"):
        studio.services.checkout.checkout(studio.desk, pay(0, appointment_id=done.id))
    assert _entries(studio) == before
    with studio.services.db.unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(Receipt.id)) is None
        assert [d.state for d in uow.session.scalars(select(Deposit))] == ["held"]


def test_only_a_completed_appointment_is_checked_out_and_only_once(studio, booked):
    with pytest.raises(Conflict, match="completed before checking it out"):
        studio.services.checkout.checkout(studio.desk, pay(15000, (Method.CARD, 15000), appointment_id=booked.id))
    done = finished(studio, booked)
    first = studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id))
    with pytest.raises(Conflict, match=f"already checked out \\(receipt No. {first.number}\\)"):
        studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CASH, 20000), appointment_id=done.id))


def test_artists_may_not_take_payments(studio, booked):
    done = finished(studio, booked)
    with pytest.raises(PermissionDenied):
        studio.services.checkout.checkout(studio.mia, pay(20000, (Method.CARD, 15000), appointment_id=done.id))


def test_a_walk_in_sale_needs_no_appointment_and_counts_for_its_artist(studio):
    receipt = studio.services.checkout.checkout(studio.desk, pay(
        8000, (Method.CASH, 8000), artist_id=studio.leo.staff_id, description="Flash heart"))
    assert (receipt.artist_name, receipt.description, receipt.client_name) == ("Leo", "Flash heart", "")
    report = studio.services.register.day_report(studio.desk, MONDAY)
    assert [(s.artist_name, s.sales_cents, s.share_cents) for s in report.shares] == [("Leo", 8000, 4000)]


def test_a_cancelled_in_time_deposit_is_credit_taken_off_the_clients_next_bill(studio):
    first = studio.book(studio.mia, at(MONDAY + timedelta(days=4), 12), 2)  # Friday, 99 h ahead
    studio.services.scheduling.record_deposit(studio.desk, first.id, 5000, "cash")
    current = studio.services.scheduling.appointment(studio.desk, first.id)
    studio.services.scheduling.cancel(studio.desk, first.id, "moved abroad for a month", version=current.version)
    again = studio.book(studio.mia, at(TUESDAY, 12), 2, price_cents=12000)
    done = finished(studio, again)
    bill = studio.services.checkout.bill(studio.desk, done.id)
    assert (bill.credit_available_cents, bill.credit_cents, bill.deposit_cents) == (5000, 5000, 0)
    receipt = studio.services.checkout.checkout(studio.desk, pay(12000, (Method.CARD, 7000), appointment_id=done.id))
    assert receipt.credit_cents == 5000
    assert studio.services.register.client_money(studio.desk, studio.ana_id).credit_cents == 0


def test_a_deposit_larger_than_the_bill_leaves_the_rest_held(studio):
    appointment = studio.book(studio.mia, at(TUESDAY, 12), 1, price_cents=3000)
    studio.services.scheduling.record_deposit(studio.desk, appointment.id, 5000, "transfer")
    done = finished(studio, appointment)
    receipt = studio.services.checkout.checkout(studio.desk, pay(3000, appointment_id=done.id))
    assert (receipt.deposit_cents, receipt.paid_cents) == (3000, 0)
    with studio.services.db.unit_of_work(write=False) as uow:
        assert sorted((d.state, d.amount_cents) for d in uow.session.scalars(select(Deposit))) == [
            ("applied", 3000), ("held", 2000)]


def test_a_projects_deposit_waits_for_its_last_session(studio):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Back piece")
    one = studio.book(studio.mia, at(TUESDAY, 12), 2, project_id=project.id, price_cents=30000)
    studio.book(studio.mia, at(TUESDAY + timedelta(days=14), 12), 2, project_id=project.id)
    studio.services.scheduling.record_deposit(studio.desk, one.id, 10000, "card")
    done = finished(studio, one)
    bill = studio.services.checkout.bill(studio.desk, done.id)
    assert (bill.deposit_cents, bill.deposits_held_cents) == (0, 0)
    assert bill.deposits_waiting_cents == 10000  # the desk is told, and may still apply it now
    studio.services.checkout.checkout(studio.desk, pay(30000, (Method.CARD, 30000), appointment_id=done.id),
                                      apply_deposit=False)
    with studio.services.db.unit_of_work(write=False) as uow:
        assert [d.state for d in uow.session.scalars(select(Deposit))] == ["held"]


def test_receipt_numbers_stay_gapless_when_two_desks_check_out_at_once(studio):
    booked = [studio.book(artist, at(TUESDAY, 12), 2) for artist in (studio.mia, studio.leo)]
    done = [finished(studio, appointment) for appointment in booked]
    results, errors = [], []
    barrier = threading.Barrier(2, timeout=10)

    def desk(appointment):
        barrier.wait()
        try:
            results.append(studio.services.checkout.checkout(
                studio.desk, pay(10000, (Method.CARD, 10000), appointment_id=appointment.id)).number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(a,)) for a in done]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors and sorted(results) == [1, 2]
    # A refused checkout in between leaves no hole.
    with pytest.raises(ValidationError):
        studio.services.checkout.checkout(studio.desk, pay(5000, (Method.CARD, 1), artist_id=studio.mia.staff_id))
    third = studio.services.checkout.checkout(studio.desk, pay(5000, (Method.CARD, 5000), artist_id=studio.mia.staff_id))
    assert third.number == 3


def test_two_desks_checking_out_the_same_appointment_make_one_checkout(studio, booked):
    done = finished(studio, booked)
    outcomes = []
    barrier = threading.Barrier(2, timeout=10)

    def desk():
        barrier.wait()
        try:
            outcomes.append(studio.services.checkout.checkout(
                studio.desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id)).number)
        except Conflict as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert 1 in outcomes and any("already checked out" in str(o) for o in outcomes)
    assert len([k for k, _m, _a in _entries(studio) if k == "sale"]) == 2  # 150 € card + the 50 € deposit


def test_the_receipt_is_read_back_with_its_payments(studio, booked):
    done = finished(studio, booked)
    receipt = studio.services.checkout.checkout(studio.desk, pay(
        20000, (Method.CASH, 15000), appointment_id=done.id, cash_tendered_cents=20000))
    again = studio.services.checkout.receipt(studio.desk, receipt.id)
    assert again == receipt
    assert studio.services.checkout.receipt_of(studio.mia, done.id).number == receipt.number
    assert studio.services.scheduling.appointment(studio.desk, done.id).status == Status.COMPLETED
    assert CheckoutInput(price_cents=1, payments=(Payment(Method.CASH, 1),)).tip_cents == 0
