"""The ledger's filter as the conditions on cash entries it stands for, and on the daily
totals where those can answer its count and totals."""

from __future__ import annotations


from dataclasses import dataclass

from studio.models import CashEntry
from studio.services.clients import client_ids_named
from studio.services.common.errors import ValidationError
from studio.services.common.sql_kit import contains_text
from studio.services.common.i18n import _
from studio.services.finance.records import LedgerFilter
from studio.services.finance.totals import parts

TEXT_MAX = 100
IDS_AT_ONCE = 900  # ids in one IN (well under any engine's limit on parameters)


def conditions(f: LedgerFilter) -> list:
    """The WHERE of ``f`` over the entries, its text aside (see text_arms); an empty filter:
    every entry. A backwards range is refused."""
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
    return where


@dataclass(frozen=True)
class TextMatch:
    """A filter with a text, as WHEREs over the entries: ``notes``, its other conditions and
    the note holding the text (any case), which the partial index of the entries that have
    a note answers alone; and ``clients``, one condition each naming a few hundred of the
    clients whose name starts with the text's words (found first through the clients' own
    search index), which the client index answers. The entries matched are those of
    ``notes`` and of each ``[*base, c]``; only the notes' can share entries with a clients'
    one (two of clients never do). Each is a scan of an index; the one OR of them would read
    every entry."""

    base: list
    notes: list
    clients: list

    @property
    def arms(self) -> list[list]:
        return [self.notes, *([*self.base, c] for c in self.clients)]

    @property
    def signed_arms(self) -> list[tuple[int, list]]:
        """The arms to add up, and what the notes' shares with each clients' to take off."""
        return [(1, arm) for arm in self.arms] + [(-1, [*self.notes, c]) for c in self.clients]


def text_match(session, f: LedgerFilter) -> TextMatch | None:
    """``f`` as a TextMatch; None without a text. Too long a text is refused."""
    base = conditions(f)
    text = (f.text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(_("Search for at most {n} characters.").format(n=TEXT_MAX), field="text")
    if not text:
        return None
    named = client_ids_named(session, text)
    clients = sorted(session.scalars(named)) if named is not None else []
    return TextMatch(base, [*base, CashEntry.note != "", contains_text(session, CashEntry.note, text)],
                     [CashEntry.client_id.in_(clients[start:start + IDS_AT_ONCE])
                      for start in range(0, len(clients), IDS_AT_ONCE)])


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
