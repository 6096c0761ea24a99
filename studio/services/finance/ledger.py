"""The ledger's filter as the conditions on cash entries it stands for, and on the daily
totals where those can answer its count and totals."""

from __future__ import annotations

from sqlalchemy import or_, select

from studio.models import CashEntry, Client, Staff
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _
from studio.services.finance.records import LedgerFilter
from studio.services.finance.totals import parts

TEXT_MAX = 100


def conditions(f: LedgerFilter) -> list:
    """The WHERE of ``f`` (an empty filter: every entry). A backwards range is refused."""
    if f.first is not None and f.last is not None and f.first > f.last:
        raise ValidationError(_("The first day comes after the last; swap them."), field="first")
    where = []
    if f.first is not None:
        where.append(CashEntry.day >= f.first)
    if f.last is not None:
        where.append(CashEntry.day <= f.last)
    if f.kind is not None:
        where.append(CashEntry.kind == str(f.kind))
    if f.method is not None:
        where.append(CashEntry.method == str(f.method))
    if f.artist_id is not None:
        where.append(CashEntry.artist_id == f.artist_id)
    if f.client_id is not None:
        where.append(CashEntry.client_id == f.client_id)
    text = (f.text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(_("Search for at most {n} characters.").format(n=TEXT_MAX), field="text")
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(CashEntry.note.ilike(pattern, escape="\\"),
                         CashEntry.entered_by_name.ilike(pattern, escape="\\"),
                         CashEntry.client_id.in_(select(Client.id).where(Client.full_name.ilike(pattern, escape="\\"))),
                         CashEntry.artist_id.in_(select(Staff.id).where(Staff.name.ilike(pattern, escape="\\")))))
    return where


def on_totals(f: LedgerFilter) -> list[tuple[type, list]] | None:
    """The same filter over the register's kept totals, when they can answer its count and
    totals (days, kind, method, artist): each table with its WHERE, whole months from the
    month table. None when it names a client or a text, which only entries hold."""
    if f.client_id is not None or (f.text or "").strip():
        return None
    found = []
    for part in parts(f.first, f.last):
        where = part.conditions()
        if f.kind is not None:
            where.append(part.model.kind == str(f.kind))
        if f.method is not None:
            where.append(part.model.method == str(f.method))
        if f.artist_id is not None:
            where.append(part.model.artist_key == f.artist_id)
        found.append((part.model, where))
    return found
