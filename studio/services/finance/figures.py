"""The summary's arithmetic: each day's figures summed in the database over the covering
index (day, kind, method, artist, amount), refunds told apart by what they gave back, and
weeks, months and rolling averages made from those daily rows in Python. Days are the
studio's local days as stored, so a DST change needs no care here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from studio.models import CashEntry
from studio.services.finance.records import DateRange, Granularity, Summary, SummaryPoint
from studio.services.register import EntryKind

# Which SummaryPoint field each kind adds to, with the sign that makes outgoing money positive.
_FIELD_OF = {
    EntryKind.SALE: ("sales_cents", 1), EntryKind.VOUCHER_REDEEMED: ("sales_cents", 1),
    EntryKind.TIP: ("tips_cents", 1), EntryKind.FORFEIT: ("forfeits_cents", 1),
    EntryKind.EXPENSE: ("expenses_cents", -1), EntryKind.DEPOSIT: ("deposits_cents", 1),
    EntryKind.VOUCHER_SOLD: ("vouchers_sold_cents", 1),
}
# A refund of one of these counts as: a refund of the work (sales, tips), or money handed
# back of what was held for the client (a deposit, a voucher).
_REFUND_FIELD_OF = {
    EntryKind.SALE: ("refunds_cents", -1), EntryKind.TIP: ("refunds_cents", -1),
    EntryKind.DEPOSIT: ("deposits_cents", 1), EntryKind.VOUCHER_SOLD: ("vouchers_sold_cents", 1),
}
_ORIGINAL = aliased(CashEntry)
ROLLING = (7, 30)


def daily(session, first: date, last: date) -> dict[date, SummaryPoint]:
    """Each day from ``first`` to ``last`` that has entries, with its figures."""
    sums: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.execute(select(CashEntry.day, CashEntry.kind, func.sum(CashEntry.amount_cents))
                           .where(CashEntry.day >= first, CashEntry.day <= last)
                           .group_by(CashEntry.day, CashEntry.kind))
    for day, kind, amount in rows:
        if kind in _FIELD_OF:
            name, sign = _FIELD_OF[EntryKind(kind)]
            sums[day][name] += sign * amount
    refunds = session.execute(select(CashEntry.day, _ORIGINAL.kind, func.sum(CashEntry.amount_cents))
                              .join(_ORIGINAL, _ORIGINAL.id == CashEntry.refers_to_id)
                              .where(CashEntry.day >= first, CashEntry.day <= last,
                                     CashEntry.kind == str(EntryKind.REFUND))
                              .group_by(CashEntry.day, _ORIGINAL.kind))
    for day, kind, amount in refunds:
        if kind in _REFUND_FIELD_OF:
            name, sign = _REFUND_FIELD_OF[EntryKind(kind)]
            sums[day][name] += sign * amount
    return {day: SummaryPoint(day, **figures) for day, figures in sums.items()}


def period_start(day: date, granularity: Granularity) -> date:
    if granularity == Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity == Granularity.MONTH:
        return day.replace(day=1)
    return day


def added(a: SummaryPoint, b: SummaryPoint, start: date) -> SummaryPoint:
    return SummaryPoint(start, *(getattr(a, f) + getattr(b, f) for f in _FIGURES))


_FIGURES = ("sales_cents", "tips_cents", "forfeits_cents", "expenses_cents", "refunds_cents", "deposits_cents",
            "vouchers_sold_cents")


def summarize(session, span: DateRange, granularity: Granularity) -> Summary:
    """The range's summary (see Summary): one query over the range (and the 29 days before
    it, for the averages, by day)."""
    granularity = Granularity(granularity)
    lookback = max(ROLLING) - 1 if granularity == Granularity.DAY else 0
    days = daily(session, span.first - timedelta(days=lookback), span.last)
    periods: dict[date, SummaryPoint] = {}
    totals = SummaryPoint(span.first)
    for offset in range(span.days):
        day = span.first + timedelta(days=offset)
        start = period_start(day, granularity)
        point = days.get(day, SummaryPoint(day))
        periods[start] = added(periods.get(start, SummaryPoint(start)), point, start)
        totals = added(totals, point, span.first)
    points = tuple(periods[start] for start in sorted(periods))
    if granularity != Granularity.DAY:
        return Summary(span, granularity, points, totals)
    net = [days[d].net_cents if d in days else 0
           for d in (span.first - timedelta(days=lookback - i) for i in range(lookback + span.days))]
    averages = [tuple(mean(sum(net[i + lookback - n + 1:i + lookback + 1]), n) for i in range(span.days))
                for n in ROLLING]
    return Summary(span, granularity, points, totals, averages[0], averages[1])


def mean(total: int, n: int) -> int:
    """``total / n`` in whole cents, halves rounded away from zero."""
    rounded = (abs(total) * 2 + n) // (2 * n)
    return rounded if total >= 0 else -rounded


def entry_span(session) -> DateRange | None:
    """The days from the first entry to the last (None: no entries yet)."""
    first, last = session.execute(select(func.min(CashEntry.day), func.max(CashEntry.day))).one()
    return DateRange(first, last) if first is not None else None
