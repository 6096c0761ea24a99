"""The studio's clock face: time zones and local days."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def local_timezone_name() -> str:
    """This PC's IANA time zone name, or UTC when it cannot be told."""
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:  # noqa: BLE001 - any failure here just means "unknown"
        return "UTC"


def to_local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def local_day(moment: datetime, timezone: str) -> date:
    """The studio's day ``moment`` falls on (a report's "day" is the studio's local day)."""
    return to_local(moment, timezone).date()
