"""When each artist works: the week's hours (the studio's or their own), less their time off
and the studio's closed days, for any range of the studio's local days; and whether a
stretch of time falls inside them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from studio.models import TimeOff
from studio.services.scheduling.records import DayHours, TimeOffRecord
from studio.services.scheduling.settings import read_artist_hours, read_studio_hours


class Availability:
    """The working hours of ``artist_ids`` over ``first_day`` … ``last_day``, read once."""

    def __init__(self, session, artist_ids, first_day: date, last_day: date) -> None:
        self.first_day, self.last_day = first_day, last_day
        studio = read_studio_hours(session)
        own = read_artist_hours(session)
        self.weeks = {artist: own.get(artist, studio) for artist in artist_ids}
        rows = session.scalars(select(TimeOff).where(
            TimeOff.first_day <= last_day, TimeOff.last_day >= first_day,
            or_(TimeOff.artist_id.is_(None), TimeOff.artist_id.in_(list(artist_ids)))))
        self.closed: dict[date, str] = {}
        self.away: set[tuple[int, date]] = set()
        for row in rows:
            for day in _days(max(row.first_day, first_day), min(row.last_day, last_day)):
                if row.artist_id is None:
                    self.closed.setdefault(day, row.reason)
                else:
                    self.away.add((row.artist_id, day))

    def hours(self, artist_id: int, day: date) -> DayHours:
        """The artist's working intervals on ``day`` (empty when off, away or closed)."""
        if day in self.closed or (artist_id, day) in self.away or artist_id not in self.weeks:
            return ()
        return self.weeks[artist_id][day.weekday()]

    def by_day(self) -> dict[tuple[int, date], DayHours]:
        return {(artist, day): self.hours(artist, day)
                for artist in self.weeks for day in _days(self.first_day, self.last_day)}

    def covers(self, artist_id: int, starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> bool:
        """Whether the whole stretch lies inside one of the artist's working intervals."""
        start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        if start.date() != end.date():
            return False  # working hours never run past midnight
        return any(begin <= start.time() and end.time() <= finish
                   for begin, finish in self.hours(artist_id, start.date()))


def availability_for(session, artist_id: int, starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> Availability:
    first = starts_at.astimezone(zone).date()
    return Availability(session, [artist_id], first, ends_at.astimezone(zone).date())


def time_off_record(row: TimeOff) -> TimeOffRecord:
    return TimeOffRecord(row.id, row.artist_id, row.first_day, row.last_day, row.reason)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
