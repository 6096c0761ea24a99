"""Commission: which entries are an artist's sales and tips, the rate in force on a day,
and the split of sales between artist and studio. The one place these rules live: the
register's day, its reports and finance all read them from here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from studio.models import CommissionRate
from studio.services.register.records import ArtistShare, EntryKind

DEFAULT_RATE_BP = 5000  # 50 %, until the studio sets its own default
# What counts as an artist's sales: the work paid for (by any method, by a voucher, or by a
# deposit or credit applied at the checkout). Tips go whole to the artist.
SALES_KINDS = frozenset({EntryKind.SALE, EntryKind.VOUCHER_REDEEMED})
TIP_KINDS = frozenset({EntryKind.TIP})


def split(sales_cents: int, rate_bp: int) -> tuple[int, int]:
    """(artist's share, studio's share) of ``sales_cents`` at ``rate_bp``: the artist's share
    is rounded toward zero to the cent, the remainder goes to the studio, so the two always
    add up to the sales (a negative day — refunds over sales — splits the same way)."""
    artist = abs(sales_cents) * rate_bp // 10000
    artist = artist if sales_cents >= 0 else -artist
    return artist, sales_cents - artist


@dataclass(frozen=True)
class Rates:
    """The rate rows, to answer "which rate held for this artist on this day"."""

    rows: tuple[tuple[int | None, date, int], ...]  # (artist_id, valid_from, rate_bp), newest first

    @classmethod
    def read(cls, session) -> Rates:
        rows = session.execute(select(CommissionRate.artist_id, CommissionRate.valid_from, CommissionRate.rate_bp)
                               .order_by(CommissionRate.valid_from.desc(), CommissionRate.id.desc()))
        return cls(tuple(tuple(r) for r in rows))

    def default_on(self, day: date) -> int:
        return next((bp for artist, since, bp in self.rows if artist is None and since <= day), DEFAULT_RATE_BP)

    def on(self, artist_id: int | None, day: date) -> int:
        """The artist's own rate on ``day``, else the studio's default on that day."""
        own = next((bp for artist, since, bp in self.rows if artist == artist_id and since <= day), None)
        return own if own is not None and artist_id is not None else self.default_on(day)


@dataclass(frozen=True)
class Counted:
    """An entry as the shares read it: its day, kind (a refund's is its original's),
    artist and signed amount."""

    day: date
    kind: EntryKind
    artist_id: int | None
    amount_cents: int


def shares(entries, rates: Rates, names: dict[int, str]) -> tuple[ArtistShare, ...]:
    """Each artist's sales, tips and share over ``entries`` (Counted), the split made per
    artist per day at that day's rate, so a new rate never rewrites a past day."""
    per_day: dict[tuple[int | None, date], list[int]] = defaultdict(lambda: [0, 0])
    for e in entries:
        if e.kind in SALES_KINDS:
            per_day[e.artist_id, e.day][0] += e.amount_cents
        elif e.kind in TIP_KINDS:
            per_day[e.artist_id, e.day][1] += e.amount_cents
    totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for (artist, day), (sales, tips) in per_day.items():
        rate = rates.on(artist, day) if artist is not None else 0
        artist_part, studio_part = split(sales, rate)
        t = totals[artist]
        t[0] += sales
        t[1] += tips
        t[2] += artist_part
        t[3] += studio_part
        t[4] = rate
    return tuple(ArtistShare(artist, names.get(artist, "") if artist is not None else "", *t[:4], t[4])
                 for artist, t in sorted(totals.items(), key=lambda kv: (kv[0] is None, names.get(kv[0], ""))))
