"""The calendar's arithmetic of local time: the studio's wall clock in minutes from a day's
midnight, snapped to the quarter hour, and the spans each view shows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from studio.services.common import current_locale, short_time, time_range

SNAP_MINUTES = 15
DAY_MINUTES = 24 * 60
VIEWS = ("day", "week", "month", "agenda")


def snap(minutes: float) -> int:
    """To the nearest quarter hour."""
    return int(round(minutes / SNAP_MINUTES)) * SNAP_MINUTES


def local_minutes(moment: datetime, zone: ZoneInfo) -> tuple[date, int]:
    """The studio's local day of ``moment`` and its wall-clock minutes from that day's midnight."""
    local = moment.astimezone(zone)
    return local.date(), local.hour * 60 + local.minute


def at_minutes(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """The aware moment at ``minutes`` of wall-clock time on ``day`` (24:00 is the next midnight)."""
    extra, minutes = divmod(minutes, DAY_MINUTES)
    return datetime.combine(day + timedelta(days=extra), time(minutes // 60, minutes % 60), zone)


def week_start(day: date) -> date:
    """Weeks run Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def span(view: str, anchor: date) -> tuple[date, date]:
    """The first and last day ``view`` shows around ``anchor``: the day, its week, the
    month's grid of six weeks, or (agenda) the week."""
    if view == "day":
        return anchor, anchor
    if view == "month":
        first = week_start(anchor.replace(day=1))
        return first, first + timedelta(days=41)
    first = week_start(anchor)
    return first, first + timedelta(days=6)


def step(view: str, anchor: date, direction: int) -> date:
    """The anchor one span further (``direction`` +1) or back (-1)."""
    if view == "day":
        return anchor + timedelta(days=direction)
    if view == "month":
        month = anchor.month - 1 + direction
        return date(anchor.year + month // 12, month % 12 + 1, 1)
    return anchor + timedelta(days=7 * direction)


def minute_text(minutes: int) -> str:
    """A time of day as the region writes it ("14:15", "2:15 PM"), remembered: the grid
    writes 24 of them on every paint and Babel takes a while for each."""
    return _minute_text(current_locale(), minutes % DAY_MINUTES)


@lru_cache(maxsize=2048)
def _minute_text(locale: str, minutes: int) -> str:
    return short_time(time(minutes // 60, minutes % 60), locale=locale)


_SAMPLE_DAY = date(2000, 1, 4)


def range_text(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """``time_range`` of two moments in the studio's zone, remembered by their wall-clock
    times (a week of 200 blocks repeats few); one ending on another day is written anew."""
    day, start = local_minutes(starts_at, zone)
    end_day, end = local_minutes(ends_at, zone)
    if end_day != day:
        return time_range(starts_at, ends_at, zone.key)
    return _range_text(current_locale(), start, end)


@lru_cache(maxsize=4096)
def _range_text(locale: str, start: int, end: int) -> str:
    zone = ZoneInfo("UTC")  # the text depends only on the wall-clock times
    return time_range(at_minutes(_SAMPLE_DAY, start, zone), at_minutes(_SAMPLE_DAY, end, zone), "UTC", locale=locale)
