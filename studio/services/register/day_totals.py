"""The totals finance reads (models.CashDayTotal and CashMonthTotal): every entry added
through entries.add moves its day's row and its month's row in the same transaction, by one
upsert each; ``rebuild`` makes them again from the entries (after a bulk load such as the
demo's); ``differences`` is what tests and `studio check` compare.

A refund's row carries the kind it gave back, so finance can tell a refunded sale from a
deposit handed back without reading the entries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import case, delete, func, insert, literal, select
from sqlalchemy.orm import aliased

from studio.models import CashDayTotal, CashEntry, CashMonthTotal
from studio.services.common.sql_kit import upsert

_ORIGINAL = aliased(CashEntry)
_KEY = ("kind", "method", "artist_key", "refund_of")
_TOTALS = ((CashDayTotal, "day"), (CashMonthTotal, "month"))


def month_of(day: date) -> date:
    return day.replace(day=1)


def add(session, *, day: date, kind: str, method: str, artist_id: int | None, refund_of: str,
        amount_cents: int) -> None:
    """Count one entry in its day's and its month's rows (made on the first entry of a key)."""
    for model, period in _TOTALS:
        values = {period: day if period == "day" else month_of(day), "kind": kind, "method": method,
                  "artist_key": artist_id or 0, "refund_of": refund_of, "total_cents": amount_cents, "entries": 1}
        upsert(session, model.__table__, values, (period, *_KEY), ("total_cents", "entries"))


def _from_entries():
    """The day totals as the entries make them: (day, kind, method, artist_key, refund_of, total, count)."""
    refund_of = case((CashEntry.kind == "refund", func.coalesce(_ORIGINAL.kind, literal(""))), else_=literal(""))
    artist_key = func.coalesce(CashEntry.artist_id, literal(0))
    return (select(CashEntry.day, CashEntry.kind, CashEntry.method, artist_key.label("artist_key"),
                   refund_of.label("refund_of"), func.sum(CashEntry.amount_cents).label("total_cents"),
                   func.count().label("entries"))
            .outerjoin(_ORIGINAL, _ORIGINAL.id == CashEntry.refers_to_id)
            .group_by(CashEntry.day, CashEntry.kind, CashEntry.method, artist_key, refund_of))


def _by_month(day_rows) -> dict[tuple, list[int]]:
    months: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for day, *key, total, n in day_rows:
        figures = months[(month_of(day), *key)]
        figures[0] += total
        figures[1] += n
    return months


def rebuild(session) -> None:
    """Every day and month total again from the entries (in the caller's transaction)."""
    session.execute(delete(CashDayTotal))
    session.execute(delete(CashMonthTotal))
    session.execute(insert(CashDayTotal).from_select(["day", *_KEY, "total_cents", "entries"], _from_entries()))
    months = _by_month(session.execute(select(CashDayTotal.day, *(getattr(CashDayTotal, k) for k in _KEY),
                                              CashDayTotal.total_cents, CashDayTotal.entries)))
    if months:
        session.execute(insert(CashMonthTotal), [dict(zip(("month", *_KEY), key), total_cents=total, entries=n)
                                                 for key, (total, n) in months.items()])


def _kept(session, model, period: str) -> dict[tuple, tuple]:
    columns = (getattr(model, period), *(getattr(model, k) for k in _KEY), model.total_cents, model.entries)
    return {tuple(row[:5]): tuple(row[5:]) for row in session.execute(select(*columns))}


def differences(session) -> list[tuple]:
    """The (period start, kind, method, artist_key, refund_of) keys whose kept total or count
    differs from the entries', with both figures (empty when they agree)."""
    made_days = {tuple(row[:5]): tuple(row[5:]) for row in session.execute(_from_entries())}
    made_months = {key: tuple(v) for key, v in _by_month((*k, *v) for k, v in made_days.items()).items()}
    found = []
    for (model, period), made in zip(_TOTALS, (made_days, made_months)):
        kept = _kept(session, model, period)
        found += [(period, key, kept.get(key), made.get(key)) for key in sorted(kept.keys() | made.keys())
                  if kept.get(key) != made.get(key)]
    return found
