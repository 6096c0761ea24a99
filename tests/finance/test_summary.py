"""The finance summary against hand-computed figures of the fixture's month (a refund, a
forfeited deposit, a voucher sold and redeemed, sales either side of local midnight on the
DST change), weeks and months made from the days, and the rolling averages against a
computation of their own here."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.services.common import PermissionDenied, ValidationError
from studio.services.finance import DateRange, Granularity, LedgerFilter, SummaryPoint
from tests.finance.conftest import DST_SUNDAY, MONDAY, TUESDAY, WEDNESDAY

MARCH = DateRange(date(2026, 3, 1), date(2026, 3, 31))


def test_each_day_holds_its_hand_computed_figures(month):
    studio = month.studio
    summary = studio.services.finance.summary(studio.admin, MARCH, Granularity.DAY)
    assert len(summary.points) == 31 and summary.points[0] == SummaryPoint(date(2026, 3, 1))
    days = {p.start: p for p in summary.points}
    assert days[MONDAY] == SummaryPoint(MONDAY, sales_cents=10000, tips_cents=1000, expenses_cents=2000,
                                        deposits_cents=5000, vouchers_sold_cents=5000)
    assert days[MONDAY].net_cents == 9000  # 100 + 10 − 20; the deposit and the voucher are owed, not income
    assert days[TUESDAY] == SummaryPoint(TUESDAY, forfeits_cents=5000, deposits_cents=-5000)
    assert days[TUESDAY].net_cents == 5000
    # The voucher counts as a sale when it pays (50 €) with the 30 € cash; 20 € of Monday's sale given back.
    assert days[WEDNESDAY] == SummaryPoint(WEDNESDAY, sales_cents=8000, refunds_cents=2000)
    assert days[WEDNESDAY].net_cents == 6000
    # Sunday 23:30 Lisbon is 22:30 UTC; Monday 00:30 Lisbon (UTC+1 since the change) is Sunday 23:30 UTC.
    assert days[DST_SUNDAY].sales_cents == 4000
    assert days[DST_SUNDAY + timedelta(days=1)].sales_cents == 1500
    totals = summary.totals
    assert (totals.sales_cents, totals.tips_cents, totals.forfeits_cents, totals.expenses_cents,
            totals.refunds_cents, totals.deposits_cents, totals.vouchers_sold_cents) == (
        23500, 1000, 5000, 2000, 2000, 0, 5000)
    assert totals.net_cents == 25500 == sum(p.net_cents for p in summary.points)


def test_weeks_start_on_monday_and_months_sum_their_days(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    weeks = finance.summary(admin, MARCH, Granularity.WEEK)
    assert [p.start for p in weeks.points] == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9),
                                               MONDAY, date(2026, 3, 23), date(2026, 3, 30)]
    assert [p.net_cents for p in weeks.points] == [0, 0, 0, 20000, 4000, 1500]
    months = finance.summary(admin, None, Granularity.MONTH)
    assert [(p.start, p.net_cents) for p in months.points] == [(date(2026, 3, 1), 25500)]
    assert weeks.totals.net_cents == months.totals.net_cents == 25500
    assert weeks.rolling_7_cents == () and months.rolling_30_cents == ()


def _half_up(total: int, n: int) -> int:
    return int((Decimal(total) / n).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_rolling_averages_match_an_independent_computation(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    # Each day's net from the ledger's rows, the refund counted by what it gave back.
    rows = finance.ledger(admin, LedgerFilter(), limit=1000).rows
    kinds = {r.id: r.kind for r in rows}
    net: dict[date, int] = {}
    for r in rows:
        kind = kinds[r.refers_to_id] if r.kind == "refund" else r.kind
        counts = kind in ("sale", "voucher_redeemed", "tip", "forfeit", "expense")
        net[r.day] = net.get(r.day, 0) + (r.amount_cents if counts else 0)
    span = DateRange(date(2026, 3, 18), date(2026, 4, 20))  # the window reaches back before the range
    summary = finance.summary(admin, span, Granularity.DAY)
    days = [span.first + timedelta(days=i) for i in range(span.days)]
    for n, averages in ((7, summary.rolling_7_cents), (30, summary.rolling_30_cents)):
        expected = [_half_up(sum(net.get(d - timedelta(days=k), 0) for k in range(n)), n) for d in days]
        assert list(averages) == expected
    assert summary.rolling_7_cents[0] == _half_up(20000, 7) == 2857
    assert summary.rolling_30_cents[-1] == _half_up(5500, 30) == 183  # 20 April: only the DST weekend's sales


def test_only_admins_see_finance_and_a_backwards_range_is_refused(month):
    studio = month.studio
    for actor in (studio.desk, studio.mia):
        with pytest.raises(PermissionDenied, match="ask someone who is admin"):
            studio.services.finance.summary(actor, MARCH)
    with pytest.raises(ValidationError, match="swap them"):
        studio.services.finance.summary(studio.admin, DateRange(MARCH.last, MARCH.first))


def test_an_empty_studio_summarises_as_zeros(studio):
    summary = studio.services.finance.summary(studio.admin, None, Granularity.MONTH)
    assert summary.totals.net_cents == 0 and [p.start for p in summary.points] == [date(2026, 3, 1)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.dates(date(2026, 2, 1), date(2026, 4, 30)), length=st.integers(0, 70))
def test_weeks_and_months_sum_exactly_the_days_of_any_range(month, first, length):
    finance, admin = month.studio.services.finance, month.studio.admin
    span = DateRange(first, first + timedelta(days=length))
    days = finance.summary(admin, span, Granularity.DAY)
    for granularity in (Granularity.WEEK, Granularity.MONTH):
        grouped = finance.summary(admin, span, granularity)
        assert grouped.totals == days.totals
        for p in grouped.points:
            inside = [d for d in days.points if (d.start - timedelta(days=d.start.weekday()) if granularity ==
                                                 Granularity.WEEK else d.start.replace(day=1)) == p.start]
            assert (p.sales_cents, p.net_cents, p.refunds_cents) == (
                sum(d.sales_cents for d in inside), sum(d.net_cents for d in inside),
                sum(d.refunds_cents for d in inside))
