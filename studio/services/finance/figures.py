"""The summary's arithmetic: each day's (or whole month's) figures summed in the database
from the totals the register keeps (register/day_totals.py, read through totals.py),
refunds told apart by what they gave back, and weeks, months and rolling averages made
from those rows in Python. Days are the
studio's local days as stored, so a DST change needs no care here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select

from studio.models import CashDayTotal, CashEntry
from studio.services.finance.records import DateRange, Granularity, Summary, SummaryPoint
from studio.services.finance.totals import Part, parts
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
ROLLING = (7, 30)
_FIGURES = ("sales_cents", "tips_cents", "forfeits_cents", "expenses_cents", "refunds_cents", "deposits_cents",
            "vouchers_sold_cents")


def _field_sums(model) -> list:
    """A SUM per SummaryPoint field, each adding the kinds (and refunds of kinds) that
    count to it with their sign, so a period comes back as one row."""
    parts: dict[str, list] = defaultdict(list)
    for kind, (name, sign) in _FIELD_OF.items():
        parts[name].append((model.kind == str(kind), sign))
    for kind, (name, sign) in _REFUND_FIELD_OF.items():
        parts[name].append((and_(model.kind == str(EntryKind.REFUND), model.refund_of == str(kind)), sign))
    return [func.sum(case(*((when, model.total_cents * sign) for when, sign in parts[name]), else_=0))
            for name in _FIGURES]


def _figures(session, part: Part) -> dict[date, SummaryPoint]:
    """Each day (or month, from the month table) of ``part`` with entries, with its figures:
    one row a period, summed in the database over the register's kept totals."""
    rows = session.execute(select(part.period, *_field_sums(part.model)).where(*part.conditions())
                           .group_by(part.period))
    return {start: SummaryPoint(start, *figures) for start, *figures in rows}


def daily(session, first: date, last: date) -> dict[date, SummaryPoint]:
    """Each day from ``first`` to ``last`` that has entries, with its figures (the day
    table's covering index answers it)."""
    return _figures(session, Part(CashDayTotal, first, last))


def period_start(day: date, granularity: Granularity) -> date:
    if granularity == Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity == Granularity.MONTH:
        return day.replace(day=1)
    return day


def summarize(session, span: DateRange, granularity: Granularity) -> Summary:
    """The range's summary (see Summary): one query over the range (and the 29 days before
    it, for the averages, by day); the periods are added up from those daily rows."""
    granularity = Granularity(granularity)
    lookback = max(ROLLING) - 1 if granularity == Granularity.DAY else 0
    if granularity == Granularity.MONTH:  # whole months from the month table, the rest by day
        days = {start: point for part in parts(span.first, span.last) for start, point in _figures(session, part).items()}
    else:
        days = daily(session, span.first - timedelta(days=lookback), span.last)
    sums: dict[date, list[int]] = {}
    for offset in range(span.days):  # every period of the range, those without entries as zeros
        sums.setdefault(period_start(span.first + timedelta(days=offset), granularity), [0] * len(_FIGURES))
    for day, point in days.items():
        if day >= span.first:
            figures = sums[period_start(day, granularity)]
            for i, name in enumerate(_FIGURES):
                figures[i] += getattr(point, name)
    points = tuple(SummaryPoint(start, *sums[start]) for start in sorted(sums))
    totals = SummaryPoint(span.first, *(sum(column) for column in zip(*sums.values())))
    if granularity != Granularity.DAY:
        return Summary(span, granularity, points, totals)
    before = span.first - timedelta(days=lookback)
    running = [0]  # running[i]: net of the i days from ``before`` on
    for i in range(lookback + span.days):
        point = days.get(before + timedelta(days=i))
        running.append(running[-1] + (point.net_cents if point else 0))
    averages = [tuple(mean(running[i + lookback + 1] - running[i + lookback + 1 - n], n) for i in range(span.days))
                for n in ROLLING]
    return Summary(span, granularity, points, totals, averages[0], averages[1])


def mean(total: int, n: int) -> int:
    """``total / n`` in whole cents, halves rounded away from zero."""
    rounded = (abs(total) * 2 + n) // (2 * n)
    return rounded if total >= 0 else -rounded


def entry_span(session) -> DateRange | None:
    """The days from the first entry to the last (None: no entries yet)."""
    first = session.scalar(select(func.min(CashEntry.day)))  # apart: SQLite answers each from the index
    last = session.scalar(select(func.max(CashEntry.day)))
    return DateRange(first, last) if first is not None else None
