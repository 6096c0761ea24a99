"""`studio demo`'s year of the register: every completed appointment checked out once, the
receipts numbered without a gap, every past day closed after its entries, and the figures
the close-of-day report shows equal to sums of the entries taken here independently."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select

from studio.models import Appointment, CashEntry, Deposit, Receipt, RegisterDay, Voucher
from studio.services.register import EntryInput, EntryKind, Method
from studio.services.common.localtime import local_day
from studio.services.register.days import DayClosed
from studio.services.system.demo import DEMO_STEPS
from studio.services.system.demo_register import add_demo_register
from studio.services.system.demo_schedule import add_demo_schedule
from tests.support import DEMO_NOW

NOW = DEMO_NOW
STEP_TEXT = "Adding a year of takings to the cash register…"


@pytest.fixture(scope="module")
def demo(demo_studio):
    """The session's demo (tests/conftest.py), its register rows read once for the module."""
    with demo_studio.services.db.unit_of_work(write=False) as uow:
        rows = _Rows(uow.session)
    return demo_studio.services, demo_studio.admin, rows, demo_studio.seconds[STEP_TEXT]


class _Rows:
    """The rows the demo wrote, read as plain values."""

    def __init__(self, session):
        self.entries = list(session.scalars(select(CashEntry).order_by(CashEntry.id)))
        self.receipts = list(session.scalars(select(Receipt).order_by(Receipt.number)))
        self.days = {d.day: d for d in session.scalars(select(RegisterDay))}
        self.deposits = list(session.scalars(select(Deposit)))
        self.vouchers = list(session.scalars(select(Voucher)))
        self.appointments = list(session.scalars(select(Appointment)))
        session.expunge_all()
        self.by_id = {e.id: e for e in self.entries}
        self.today = local_day(NOW, "Europe/Lisbon")


def test_the_register_is_a_demo_step_after_the_schedule():
    assert DEMO_STEPS.index(add_demo_register) > DEMO_STEPS.index(add_demo_schedule)


def test_the_register_step_is_quick(demo):
    _services, _admin, rows, seconds = demo
    assert len(rows.entries) > 2000 and len(rows.receipts) > 500
    assert seconds < 3, f"the demo's register took {seconds:.1f} s"


def test_every_past_day_with_entries_is_closed_after_its_last_entry(demo):
    _services, _admin, rows, _s = demo
    last: dict = {}
    for e in rows.entries:
        last[e.day] = max(last.get(e.day, e.at), e.at)
        assert e.day == local_day(e.at, "Europe/Lisbon")
    past = [day for day in last if day < rows.today]
    assert len(past) > 250
    for day in past:
        close = rows.days.get(day)
        assert close is not None and close.closed, f"{day} is not closed"
        assert close.closed_at >= last[day]
    assert all(day < rows.today for day in rows.days)  # today stays open
    assert {d.weekday() for d in rows.days} >= {1, 2, 3, 4, 5}


def test_receipt_numbers_run_from_one_without_a_gap_in_the_order_taken(demo):
    _services, _admin, rows, _s = demo
    assert len(rows.receipts) > 500
    assert [r.number for r in rows.receipts] == list(range(1, len(rows.receipts) + 1))
    assert [r.at for r in rows.receipts] == sorted(r.at for r in rows.receipts)


def test_every_completed_appointment_with_a_price_has_exactly_one_receipt(demo):
    _services, _admin, rows, _s = demo
    receipts = Counter(r.appointment_id for r in rows.receipts)
    status = {a.id: a for a in rows.appointments}
    priced = [a for a in rows.appointments if a.status == "completed" and a.price_cents]
    assert len(priced) > 400
    assert all(receipts[a.id] == 1 for a in priced)
    assert set(receipts.values()) == {1}
    assert all(status[r.appointment_id].status == "completed" and r.at >= status[r.appointment_id].ends_at
               for r in rows.receipts)


def test_each_receipt_adds_up_as_a_checkout_does(demo):
    _services, _admin, rows, _s = demo
    per_receipt = defaultdict(list)
    for e in rows.entries:
        if e.receipt_id is not None and e.kind != EntryKind.REFUND:
            per_receipt[e.receipt_id].append(e)
    tipped = split = applied = 0
    for r in rows.receipts:
        mine = per_receipt[r.id]
        assert sum(e.amount_cents for e in mine if e.kind in ("sale", "voucher_redeemed")) == r.price_cents
        assert sum(e.amount_cents for e in mine if e.kind == "tip") == r.tip_cents
        assert sum(e.amount_cents for e in mine if e.kind == "deposit") == -(r.deposit_cents + r.credit_cents)
        paid = [e for e in mine if e.kind in ("sale", "tip") and e.deposit_id is None]
        assert sum(e.amount_cents for e in paid) == (r.price_cents - r.deposit_cents - r.credit_cents
                                                     - r.voucher_cents + r.tip_cents)
        cash = sum(e.amount_cents for e in paid if e.method == "cash")
        assert r.tendered_cents - r.change_cents == cash and r.change_cents >= 0
        tipped += bool(r.tip_cents)
        split += len({e.method for e in paid if e.kind == "sale"}) > 1
        applied += bool(r.deposit_cents)
    assert 0.5 < tipped / len(rows.receipts) < 0.7
    assert split > 20 and applied > 100
    assert any(r.credit_cents for r in rows.receipts) and any(r.change_cents for r in rows.receipts)


def test_deposits_are_in_the_register_as_their_state_says(demo):
    _services, _admin, rows, _s = demo
    by_deposit = defaultdict(list)
    for e in rows.entries:
        if e.deposit_id is not None:
            by_deposit[e.deposit_id].append(e)
    states = Counter()
    for d in rows.deposits:
        mine = by_deposit[d.id]
        paid = rows.by_id[d.cash_entry_id]
        assert (paid.kind, paid.amount_cents, paid.method, paid.deposit_id) == (
            "deposit", d.amount_cents, d.method, d.id)
        kept = sum(e.amount_cents for e in mine if e.kind == "deposit")
        states[d.state] += 1
        if d.state in ("held", "credited"):
            assert kept == d.amount_cents and len(mine) == 1
        elif d.state == "applied":
            (sale,) = [e for e in mine if e.kind == "sale"]
            assert kept == 0 and sale.amount_cents == d.amount_cents and sale.receipt_id is not None
            assert d.settled_reason in ("applied", "credit_applied") and d.settled_at == sale.at
        elif d.state == "forfeited":
            (kept_by_studio,) = [e for e in mine if e.kind == "forfeit"]
            assert kept == 0 and kept_by_studio.amount_cents == d.amount_cents and d.settled_reason
        else:
            (refund,) = [e for e in mine if e.kind == "refund"]
            assert d.state == "refunded" and refund.amount_cents == -d.amount_cents
            assert refund.refers_to_id == d.cash_entry_id
    assert {"held", "applied", "forfeited", "credited", "refunded"} <= set(states)


def test_signs_refunds_expenses_and_the_drawer_are_as_the_services_write_them(demo):
    _services, _admin, rows, _s = demo
    kinds = Counter(e.kind for e in rows.entries)
    assert {"sale", "tip", "deposit", "forfeit", "refund", "voucher_sold", "voucher_redeemed", "expense",
            "cash_in", "cash_out"} <= set(kinds)
    for e in rows.entries:
        assert e.amount_cents != 0
        if e.kind in ("refund", "expense", "cash_out"):
            assert e.amount_cents < 0
        elif e.kind != "deposit":
            assert e.amount_cents > 0
        if e.kind in ("expense", "cash_out", "refund"):
            assert e.note
        if e.kind in ("cash_in", "cash_out"):
            assert e.method == "cash"
        assert (e.method == "voucher") == (e.kind == "voucher_redeemed")
    refunds = [e for e in rows.entries if e.kind == "refund"]
    assert len(refunds) >= 3
    for refund in refunds:
        original = rows.by_id[refund.refers_to_id]
        back = sum(e.amount_cents for e in rows.entries if e.refers_to_id == original.id)
        assert original.at < refund.at and 0 < -back <= original.amount_cents
        assert refund.method == original.method and refund.receipt_id == original.receipt_id


def test_voucher_balances_are_what_is_left_after_their_redemptions(demo):
    _services, _admin, rows, _s = demo
    used = defaultdict(int)
    sold = {}
    for e in rows.entries:
        if e.kind == "voucher_redeemed":
            used[e.voucher_id] += e.amount_cents
        if e.kind == "voucher_sold":
            sold[e.voucher_id] = e
    assert len(rows.vouchers) >= 5
    for v in rows.vouchers:
        assert v.balance_cents == v.initial_cents - used[v.id] >= 0
        assert sold[v.id].amount_cents == v.initial_cents and sold[v.id].at == v.sold_at
        redeemed = [e for e in rows.entries if e.kind == "voucher_redeemed" and e.voucher_id == v.id]
        assert all(e.at > v.sold_at and (v.expires_on is None or e.day <= v.expires_on) for e in redeemed)
    assert any(v.balance_cents == 0 for v in rows.vouchers)
    assert any(0 < v.balance_cents < v.initial_cents for v in rows.vouchers)
    assert sum(1 for v in rows.vouchers if used[v.id]) >= 5
    assert any(v.balance_cents == v.initial_cents for v in rows.vouchers)


def test_some_days_were_counted_off_and_say_why(demo):
    _services, _admin, rows, _s = demo
    off = [d for d in rows.days.values() if d.counted_cents != d.expected_cents]
    assert 3 <= len(off) <= 10 and all(d.note for d in off)
    assert all(abs(d.counted_cents - d.expected_cents) <= 2000 for d in off)
    assert all(not d.note for d in rows.days.values() if d.counted_cents == d.expected_cents)
    assert all(d.opening_float_cents > 0 and d.counted_cents >= 0 for d in rows.days.values())


def test_the_close_of_day_report_agrees_with_the_entries_summed_here(demo):
    services, admin, rows, _s = demo
    by_day = defaultdict(list)
    for e in rows.entries:
        by_day[e.day].append(e)
    wanted = {kind: next(d for d in sorted(by_day) if d < rows.today and any(e.kind == kind for e in by_day[d]))
              for kind in ("refund", "forfeit", "voucher_redeemed", "cash_out")}
    wanted["off"] = next(d.day for d in rows.days.values() if d.counted_cents != d.expected_cents)
    days = {*wanted.values(), *random.Random(14).sample([d for d in rows.days if by_day[d]], 5)}
    for day in days:
        mine = by_day[day]
        report = services.register.day_report(admin, day)
        by_method, by_kind = defaultdict(int), defaultdict(int)
        sales, tips = defaultdict(int), defaultdict(int)
        for e in mine:
            by_method[e.method] += e.amount_cents
            by_kind[e.kind] += e.amount_cents
            kind = rows.by_id[e.refers_to_id].kind if e.kind == "refund" else e.kind
            if kind in ("sale", "voucher_redeemed"):
                sales[e.artist_id] += e.amount_cents
            elif kind == "tip":
                tips[e.artist_id] += e.amount_cents
        cash = by_method.get("cash", 0)
        close = rows.days[day]
        assert [e.id for e in report.entries] == [e.id for e in sorted(mine, key=lambda e: (e.at, e.id))]
        assert report.by_method == dict(by_method) and report.by_kind == dict(by_kind)
        assert report.cash_cents == cash
        assert report.expected_cash_cents == close.opening_float_cents + cash == close.expected_cents
        assert report.close.counted_cents == close.counted_cents and report.close.closed
        shown = {s.artist_id: s for s in report.shares}
        assert {a: s.sales_cents for a, s in shown.items() if s.sales_cents} == {a: v for a, v in sales.items() if v}
        assert {a: s.tips_cents for a, s in shown.items() if s.tips_cents} == {a: v for a, v in tips.items() if v}
        for artist, share in shown.items():
            expected_share = abs(share.sales_cents) * 5000 // 10000 * (1 if share.sales_cents >= 0 else -1)
            assert share.share_cents == (expected_share if artist is not None else 0)
            assert share.share_cents + share.studio_cents == share.sales_cents


def test_the_register_goes_on_from_the_demo(demo):
    services, admin, rows, _s = demo
    yesterday = max(rows.days)
    with pytest.raises(DayClosed):
        services.register.close_day(admin, yesterday, opening_float_cents=15000, counted_cents=15000)
    entry = services.register.record(admin, EntryInput(EntryKind.EXPENSE, Method.CASH, 350, note="Milk for the coffee"))
    assert entry.day == rows.today
    assert services.register.day(admin, rows.today).count >= 1
    assert services.register.day(admin, sorted(rows.days)[-2]).close.closed
