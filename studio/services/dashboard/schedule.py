"""The dashboard's view of the calendar: today's appointments per artist and the hours
booked this week (the studio's local Monday to Sunday). An artist sees their own only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio.models import Appointment, Client, Staff
from studio.services.common.permissions import Role
from studio.services.common.settings_store import read_settings
from studio.services.scheduling import Kind, Status

# What counts as booked time: a request is not booked yet, a cancel or no-show freed it.
_BOOKED = tuple(s.value for s in Status if s.holds_time)
_SHOWN_TODAY = tuple(s.value for s in Status if s != Status.CANCELLED)


@dataclass(frozen=True)
class TodayItem:
    appointment_id: int
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    kind: Kind
    status: Status
    client_name: str
    description: str


@dataclass(frozen=True)
class ArtistDay:
    artist_id: int
    name: str
    color: str
    today: tuple[TodayItem, ...]
    week_minutes: int  # booked this week


@dataclass(frozen=True)
class ScheduleOverview:
    day: date  # the studio's today
    week_start: date  # its Monday
    artists: tuple[ArtistDay, ...]

    @property
    def week_minutes(self) -> int:
        return sum(a.week_minutes for a in self.artists)

    @property
    def today_count(self) -> int:
        return sum(len(a.today) for a in self.artists)


def schedule_overview(session, staff: Staff, now: datetime) -> ScheduleOverview:
    """Read inside the caller's unit of work, which has checked VIEW_DASHBOARD and
    VIEW_CALENDAR for ``staff``."""
    zone = ZoneInfo(read_settings(session).timezone)
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    day_start = datetime.combine(today, datetime.min.time(), zone)
    day_end = datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    week_start = datetime.combine(monday, datetime.min.time(), zone)
    week_end = datetime.combine(monday + timedelta(days=7), datetime.min.time(), zone)
    artists = select(Staff.id, Staff.name, Staff.color).where(Staff.role == Role.ARTIST, Staff.active.is_(True))
    if staff.role == Role.ARTIST:
        artists = artists.where(Staff.id == staff.id)
    artists = session.execute(artists.order_by(Staff.name, Staff.id)).all()
    ids = [a.id for a in artists]
    a = Appointment
    # Appointments are at most 12 hours long: one that could reach into the week starts after this.
    rows = session.execute(
        select(a.id, a.artist_id, a.starts_at, a.ends_at, a.kind, a.status, a.description, Client.full_name)
        .outerjoin(Client, Client.id == a.client_id)
        .where(a.artist_id.in_(ids), a.starts_at >= week_start - timedelta(hours=12), a.starts_at < week_end,
               a.ends_at > week_start, a.status.in_(_SHOWN_TODAY))
        .order_by(a.starts_at, a.id)).all() if ids else []
    today_of: dict[int, list[TodayItem]] = {i: [] for i in ids}
    minutes: dict[int, int] = dict.fromkeys(ids, 0)
    for r in rows:
        if r.status in _BOOKED:
            start, end = max(r.starts_at, week_start), min(r.ends_at, week_end)
            minutes[r.artist_id] += max(0, int((end - start).total_seconds() // 60))
        if r.starts_at < day_end and r.ends_at > day_start:
            today_of[r.artist_id].append(TodayItem(r.id, r.starts_at, r.ends_at, Kind(r.kind), Status(r.status),
                                                   r.full_name or "", r.description))
    return ScheduleOverview(today, monday, tuple(
        ArtistDay(x.id, x.name, x.color, tuple(today_of[x.id]), minutes[x.id]) for x in artists))
