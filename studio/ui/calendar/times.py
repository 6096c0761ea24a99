"""The calendar's arithmetic of local time: the studio's wall clock in minutes from a day's
midnight, snapped to the quarter hour, and the spans each view shows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

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
