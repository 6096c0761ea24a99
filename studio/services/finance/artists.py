"""Per-artist figures for a range: the money from the register's own commission rules (so
they equal the close-of-day shares of the same days) and the appointments from scheduling's,
over the studio's local days."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from studio.models import Appointment, CashEntry, Receipt, Staff
from studio.services.finance.figures import mean
from studio.services.finance.records import ArtistFigures, DateRange
from studio.services.register import Rates, counted_entries, shares

_COMPLETED = "completed"
_NO_SHOW = "no_show"


def artist_figures(session, span: DateRange, timezone: str) -> tuple[ArtistFigures, ...]:
    """Every artist with money or appointments in the range, by name (sales with no artist last)."""
    names = dict(session.execute(select(Staff.id, Staff.name)).all())
    money = {s.artist_id: s for s in shares(counted_entries(session, [CashEntry.day >= span.first,
                                                                       CashEntry.day <= span.last]),
                                            Rates.read(session), names)}
    zone = ZoneInfo(timezone)
    since = datetime.combine(span.first, time(0), zone)
    until = datetime.combine(span.last + timedelta(days=1), time(0), zone)
    worked: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # appointments, minutes, no-shows
    for artist, status, starts, ends in session.execute(
            select(Appointment.artist_id, Appointment.status, Appointment.starts_at, Appointment.ends_at)
            .where(Appointment.starts_at >= since, Appointment.starts_at < until,
                   Appointment.status.in_((_COMPLETED, _NO_SHOW)))):
        if status == _COMPLETED:
            worked[artist][0] += 1
            worked[artist][1] += int((ends - starts).total_seconds() // 60)
        else:
            worked[artist][2] += 1
    tickets = dict(session.execute(select(Receipt.artist_id, func.count())
                                   .where(Receipt.day >= span.first, Receipt.day <= span.last)
                                   .group_by(Receipt.artist_id)).all())
    found = []
    for artist in set(money) | set(worked):
        share = money.get(artist)
        sales = share.sales_cents if share else 0
        appointments, minutes, no_shows = worked.get(artist, (0, 0, 0))
        n = tickets.get(artist, 0)
        found.append(ArtistFigures(artist, names.get(artist, "") if artist is not None else "", appointments,
                                   minutes, no_shows, sales, share.tips_cents if share else 0,
                                   share.share_cents if share else 0, share.studio_cents if share else 0, n,
                                   mean(sales, n) if n else 0))
    return tuple(sorted(found, key=lambda f: (f.artist_id is None, f.artist_name.casefold(), f.artist_id or 0)))
