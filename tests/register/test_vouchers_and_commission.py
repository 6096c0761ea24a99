"""Gift vouchers (sold, looked up, redeemed in part, expired, over-spent) and commission
rates versioned by day, with the split's rounding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.services.common import NotFound, PermissionDenied, ValidationError
from studio.services.register import EntryInput, EntryKind, Method, normal_code, split
from tests.register.conftest import MONDAY, pay


def test_a_voucher_sold_is_money_in_and_its_code_finds_it_however_it_is_typed(studio):
    voucher = studio.services.vouchers.sell(studio.desk, 10000, Method.CASH, for_name="Zoë",
                                            expires_on=MONDAY + timedelta(days=365))
    assert len(voucher.code) == 9 and voucher.code[4] == "-" and voucher.balance_cents == 10000
    typed = voucher.code.replace("-", " ").lower()
    assert studio.services.vouchers.lookup(studio.desk, typed) == voucher
    day = studio.services.register.day(studio.desk)
    assert [(e.kind, e.amount_cents, e.voucher_code) for e in day.entries] == [
        (EntryKind.VOUCHER_SOLD, 10000, voucher.code)]


def test_a_voucher_pays_part_of_a_bill_and_keeps_the_rest(studio):
    voucher = studio.services.vouchers.sell(studio.desk, 10000, Method.CARD)
    receipt = studio.services.checkout.checkout(studio.desk, pay(
        6000, artist_id=studio.mia.staff_id, voucher_code=voucher.code, voucher_cents=6000))
    assert (receipt.voucher_cents, receipt.paid_cents, receipt.voucher_code) == (6000, 0, voucher.code)
    assert studio.services.vouchers.lookup(studio.desk, voucher.code).balance_cents == 4000
    with pytest.raises(ValidationError, match="has only 40,00.€ left"):
        studio.services.checkout.checkout(studio.desk, pay(
            9000, (Method.CASH, 4000), artist_id=studio.mia.staff_id, voucher_code=voucher.code, voucher_cents=5000))
    studio.services.checkout.checkout(studio.desk, pay(
        9000, (Method.CASH, 5000), artist_id=studio.mia.staff_id, voucher_code=voucher.code, voucher_cents=4000))
    with pytest.raises(ValidationError, match="spent in full"):
        studio.services.vouchers.usable(studio.desk, voucher.code)
    # What the voucher paid counts as Mia's sales; the voucher's sale itself did not.
    (mia,) = studio.services.register.day_report(studio.desk, MONDAY).shares
    assert mia.sales_cents == 6000 + 9000


def test_unknown_and_expired_vouchers_are_refused_with_a_sentence(studio):
    with pytest.raises(ValidationError, match="No voucher has the code “ZZZZ-ZZZZ”"):
        studio.services.checkout.checkout(studio.desk, pay(
            1000, artist_id=studio.mia.staff_id, voucher_code="ZZZZ-ZZZZ", voucher_cents=1000))
    with pytest.raises(NotFound):
        studio.services.vouchers.lookup(studio.desk, "nope")
    voucher = studio.services.vouchers.sell(studio.desk, 5000, Method.CASH, expires_on=MONDAY + timedelta(days=1))
    studio.clock.advance(days=2)
    with pytest.raises(ValidationError, match="expired on"):
        studio.services.vouchers.usable(studio.desk, voucher.code)
    with pytest.raises(ValidationError, match="after today"):
        studio.services.vouchers.sell(studio.desk, 5000, Method.CASH, expires_on=MONDAY)


def test_refunding_a_voucher_sale_takes_it_off_the_balance(studio):
    voucher = studio.services.vouchers.sell(studio.desk, 5000, Method.CASH)
    entry = studio.services.register.day(studio.desk).entries[0]
    studio.services.register.refund(studio.desk, entry.id, 2000, "Bought the wrong amount")
    assert studio.services.vouchers.lookup(studio.desk, voucher.code).balance_cents == 3000


def test_codes_read_the_same_typed_any_way():
    assert normal_code("abcd efgh") == normal_code("ABCD-EFGH") == "ABCD-EFGH"


def test_a_new_rate_starts_today_or_later_and_past_days_keep_theirs(studio):
    commission = studio.services.commission
    register = studio.services.register
    register.record(studio.desk, EntryInput(EntryKind.SALE, Method.CARD, 10001, artist_id=studio.mia.staff_id))
    with pytest.raises(ValidationError, match="past days keep the rate"):
        commission.set_rate(studio.admin, studio.mia.staff_id, 4000, MONDAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="at most 100"):
        commission.set_rate(studio.admin, studio.mia.staff_id, 10001, MONDAY)
    with pytest.raises(PermissionDenied):
        commission.set_rate(studio.desk, studio.mia.staff_id, 4000, MONDAY)
    tuesday = MONDAY + timedelta(days=1)
    commission.set_rate(studio.admin, studio.mia.staff_id, 4000, tuesday)
    commission.set_rate(studio.admin, None, 6000, tuesday)
    (monday,) = register.day_report(studio.desk, MONDAY).shares
    assert (monday.rate_bp, monday.share_cents, monday.studio_cents) == (5000, 5000, 5001)  # the odd cent: studio's
    studio.clock.advance(days=1)
    register.record(studio.desk, EntryInput(EntryKind.SALE, Method.CARD, 10000, artist_id=studio.mia.staff_id))
    register.record(studio.desk, EntryInput(EntryKind.SALE, Method.CARD, 10000, artist_id=studio.leo.staff_id))
    shares = {s.artist_name: (s.rate_bp, s.share_cents) for s in register.day_report(studio.desk, tuesday).shares}
    assert shares == {"Mia": (4000, 4000), "Leo": (6000, 6000)}
    assert [r.rate_bp for r in commission.rates(studio.admin)] == [6000, 4000]


def test_tips_go_whole_to_the_artist(studio):
    studio.services.register.record(studio.desk, EntryInput(EntryKind.TIP, Method.CASH, 1500,
                                                            artist_id=studio.leo.staff_id))
    (leo,) = studio.services.register.day_report(studio.desk, MONDAY).shares
    assert (leo.tips_cents, leo.share_cents, leo.sales_cents) == (1500, 0, 0)


@given(st.integers(-10**9, 10**9), st.integers(0, 10000))
def test_the_split_always_adds_up_and_the_artist_never_gets_the_odd_cent(sales, rate):
    artist, studio_part = split(sales, rate)
    assert artist + studio_part == sales
    assert abs(artist) * 10000 <= abs(sales) * rate  # rounded toward zero: the remainder is the studio's


def test_rates_read_back_with_who_set_them(studio):
    studio.services.commission.set_rate(studio.admin, studio.leo.staff_id, 4250, date(2026, 4, 1))
    (rate,) = studio.services.commission.rates(studio.admin)
    assert (rate.artist_id, rate.rate_bp, rate.valid_from, rate.set_by_name) == (
        studio.leo.staff_id, 4250, date(2026, 4, 1), studio.admin.name)
