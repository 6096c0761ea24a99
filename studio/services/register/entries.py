"""Writing entries (each checked against the day's lock and its kind's sign) and reading
them back as records, with the names, receipt numbers and voucher codes they show."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from studio.models import CashEntry, Client, Receipt, Staff, Voucher
from studio.services.common.records import Actor
from studio.services.register import day_totals
from studio.services.register.days import ensure_open
from studio.services.register.records import EntryKind, EntryRecord, Method
from studio.services.register.shares import Counted

# Kinds a refund may give money back for, and what a refund of one counts as.
REFUNDABLE = frozenset({EntryKind.SALE, EntryKind.TIP, EntryKind.DEPOSIT, EntryKind.VOUCHER_SOLD})
# Hand-typed kinds a correction may cancel whole (checkout entries are refunded instead).
REVERSIBLE = frozenset({EntryKind.SALE, EntryKind.TIP, EntryKind.EXPENSE, EntryKind.CASH_IN, EntryKind.CASH_OUT})


def add(session, *, day: date, at: datetime, kind: EntryKind, method: Method, amount_cents: int,
        actor: Actor, **links) -> CashEntry:
    """One entry, dated ``day`` (refused when that day is closed). ``amount_cents`` is
    signed already; ``links`` are the optional columns (client_id, artist_id, note…)."""
    ensure_open(session, day)
    entry = CashEntry(day=day, at=at, kind=str(kind), method=str(method), amount_cents=amount_cents,
                      entered_by_id=actor.staff_id, entered_by_name=actor.name, note=links.pop("note", ""), **links)
    session.add(entry)
    session.flush()
    original = session.get(CashEntry, entry.refers_to_id) if kind == EntryKind.REFUND and entry.refers_to_id else None
    day_totals.add(session, day=day, kind=str(kind), method=str(method), artist_id=entry.artist_id,
                   refund_of=original.kind if original else "", amount_cents=amount_cents)
    return entry


def refunded_of(session, entry_id: int) -> int:
    """What refunds and corrections already gave back of an entry (a negative sum, or 0)."""
    return session.scalar(select(func.coalesce(func.sum(CashEntry.amount_cents), 0))
                          .where(CashEntry.refers_to_id == entry_id))


_ARTIST = aliased(Staff)
_CLIENT = aliased(Client)
_ORIGINAL = aliased(CashEntry)


def read(session, where, *, order=None, limit: int | None = None, offset: int = 0) -> list[EntryRecord]:
    """Entries matching ``where`` as records, in the order given (default: by time),
    ``limit`` of them from ``offset`` on when given."""
    back = (select(CashEntry.refers_to_id, func.sum(CashEntry.amount_cents).label("back"))
            .where(CashEntry.refers_to_id.is_not(None)).group_by(CashEntry.refers_to_id).subquery())
    query = (select(CashEntry, _ARTIST.name, _CLIENT.full_name, Receipt.number,
                    Voucher.code, back.c.back)
             .outerjoin(_ARTIST, _ARTIST.id == CashEntry.artist_id)
             .outerjoin(_CLIENT, _CLIENT.id == CashEntry.client_id)
             .outerjoin(Receipt, Receipt.id == CashEntry.receipt_id)
             .outerjoin(Voucher, Voucher.id == CashEntry.voucher_id)
             .outerjoin(back, back.c.refers_to_id == CashEntry.id)
             .where(*where).order_by(*(order or (CashEntry.at, CashEntry.id))))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [_record(e, artist, client, number, code, back or 0)
            for e, artist, client, number, code, back in session.execute(query)]


def _record(e: CashEntry, artist, client, number, code, back: int) -> EntryRecord:
    kind = EntryKind(e.kind)
    refundable = e.amount_cents + back if kind in REFUNDABLE and e.amount_cents > 0 else 0
    return EntryRecord(e.id, e.day, e.at, kind, Method(e.method), e.amount_cents, e.note, e.entered_by_name,
                       e.artist_id, artist or "", e.client_id, client or "", e.appointment_id, number, code or "",
                       e.refers_to_id, max(refundable, 0), e.receipt_id)


def counted(session, where) -> list[Counted]:
    """The entries the shares read: a refund counts as its original's kind, so a refunded
    sale takes from the artist's sales and a refunded tip from their tips."""
    rows = session.execute(select(CashEntry.day, CashEntry.kind, _ORIGINAL.kind, CashEntry.artist_id,
                                  CashEntry.amount_cents)
                           .outerjoin(_ORIGINAL, _ORIGINAL.id == CashEntry.refers_to_id).where(*where))
    return [Counted(day, EntryKind(original if own == EntryKind.REFUND and original else own), artist, amount)
            for day, own, original, artist, amount in rows]


def totals(session, where) -> tuple[dict[str, int], dict[str, int], int]:
    """(by method, by kind, cash) of the matching entries, summed in the database."""
    by_method: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    cash = 0
    rows = session.execute(select(CashEntry.kind, CashEntry.method, func.sum(CashEntry.amount_cents))
                           .where(*where).group_by(CashEntry.kind, CashEntry.method))
    for kind, method, amount in rows:
        by_method[method] = by_method.get(method, 0) + amount
        by_kind[kind] = by_kind.get(kind, 0) + amount
        if method == Method.CASH:
            cash += amount
    return by_method, by_kind, cash
