"""What finance takes and returns: a range of the studio's local days, how to group it,
the figures of a period (and the one definition of net), the per-artist figures, and a
page of the ledger with the totals of exactly the rows its filter matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from studio.services.register import EntryKind, EntryRecord, Method


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"    # weeks start on Monday
    MONTH = "month"


@dataclass(frozen=True)
class DateRange:
    """The studio's local days from ``first`` to ``last``, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def net_cents(sales: int, tips: int, forfeits: int, expenses: int, refunds: int) -> int:
    """The studio's net: what the work brought in (sales, vouchers redeemed among them),
    tips and the deposits kept after a no-show, less expenses and what was given back of
    sales and tips. Deposits held and vouchers sold are money owed to clients until used,
    so they are not income; cash put in or taken out of the drawer is no income either."""
    return sales + tips + forfeits - expenses - refunds


@dataclass(frozen=True)
class SummaryPoint:
    """A period's figures, in cents. Outgoing money (expenses, refunds) is a positive
    number here; ``deposits_cents`` is deposits taken less those applied, kept or refunded."""

    start: date
    sales_cents: int = 0            # sales and vouchers redeemed, before refunds
    tips_cents: int = 0
    forfeits_cents: int = 0         # deposits kept (no-show, late cancel)
    expenses_cents: int = 0
    refunds_cents: int = 0          # given back of sales and tips
    deposits_cents: int = 0
    vouchers_sold_cents: int = 0    # less vouchers refunded

    @property
    def net_cents(self) -> int:
        return net_cents(self.sales_cents, self.tips_cents, self.forfeits_cents, self.expenses_cents,
                         self.refunds_cents)


@dataclass(frozen=True)
class Summary:
    """A range grouped by ``granularity``: every period in it (gaps as zeros), the range's
    totals, and, by day, the 7- and 30-day trailing averages of net (cents, rounded half
    away from zero) for each point — the days before the range count, days without entries
    as zero."""

    range: DateRange
    granularity: Granularity
    points: tuple[SummaryPoint, ...]
    totals: SummaryPoint
    rolling_7_cents: tuple[int, ...] = ()
    rolling_30_cents: tuple[int, ...] = ()


@dataclass(frozen=True)
class ArtistFigures:
    """An artist's range: appointments completed and their hours, no-shows, sales (net of
    refunds, as the register's close of day counts them), tips, the artist's commission and
    the studio's share (they add up to the sales), and the average ticket (sales over the
    checkouts made for them; 0 without one). ``artist_id`` None: sales with no artist."""

    artist_id: int | None
    artist_name: str
    appointments: int
    minutes: int
    no_shows: int
    sales_cents: int
    tips_cents: int
    commission_cents: int
    studio_cents: int
    tickets: int
    average_ticket_cents: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class LedgerFilter:
    """Which entries the ledger shows: days ``first``..``last`` (either open), a kind, a
    method, an artist, a client, and a text: found in the note (any case), or the client's
    name, email or phone starting with its words, as the clients list finds them. (The
    artist has a filter of their own.)"""

    first: date | None = None
    last: date | None = None
    kind: EntryKind | None = None
    method: Method | None = None
    artist_id: int | None = None
    client_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class LedgerPage:
    """``rows`` (newest first) from ``offset`` of the ``count`` entries the filter matches,
    and the totals of all of those ``count`` entries (not only the page's)."""

    rows: tuple[EntryRecord, ...]
    offset: int
    count: int
    total_cents: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_method: dict[str, int] = field(default_factory=dict)
