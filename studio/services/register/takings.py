"""Takings: the money taken from clients over a span of the studio's local days, by method,
net of what was given back. The one place this rule lives (the dashboard's morning view
reads it; the register's day keeps its own drawer totals, which include expenses).

What counts: sales, tips, deposits and vouchers sold, less refunds. A deposit applied at a
checkout, or forfeited, moves as a pair of entries by the same method (deposit −X, sale or
forfeit +X), so it counts once, on the day it was paid. A voucher redeemed is not money taken
(it was, the day the voucher was sold); expenses, cash in and cash out move the drawer, not
the takings. Summed in the database over the covering index (day, kind, method, artist,
amount)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from studio.models import CashEntry
from studio.services.register.records import EntryKind

TAKINGS_KINDS = frozenset({EntryKind.SALE, EntryKind.TIP, EntryKind.DEPOSIT, EntryKind.VOUCHER_SOLD,
                           EntryKind.FORFEIT, EntryKind.REFUND})
_KINDS = tuple(sorted(str(k) for k in TAKINGS_KINDS))


def takings_by_method(session, first: date, last: date, artist_id: int | None = None) -> dict[str, int]:
    """The takings of the days ``first`` … ``last`` (inclusive) by method, in cents (methods
    with no entries are absent); only ``artist_id``'s entries when given."""
    where = [CashEntry.day >= first, CashEntry.day <= last, CashEntry.kind.in_(_KINDS)]
    if artist_id is not None:
        where.append(CashEntry.artist_id == artist_id)
    rows = session.execute(select(CashEntry.method, func.sum(CashEntry.amount_cents))
                           .where(*where).group_by(CashEntry.method))
    return {method: int(amount) for method, amount in rows if amount}


def takings_total(session, first: date, last: date, artist_id: int | None = None) -> int:
    """The takings of the days ``first`` … ``last`` (inclusive), all methods together."""
    where = [CashEntry.day >= first, CashEntry.day <= last, CashEntry.kind.in_(_KINDS)]
    if artist_id is not None:
        where.append(CashEntry.artist_id == artist_id)
    return int(session.scalar(select(func.coalesce(func.sum(CashEntry.amount_cents), 0)).where(*where)))
