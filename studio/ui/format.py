"""How values read on screen: dates and times in the studio's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from studio.clock import utc_now


def local_datetime(moment: datetime | None, timezone: str, *, with_seconds: bool = False) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(timezone))
    return local.strftime("%d %b %Y, %H:%M:%S" if with_seconds else "%d %b %Y, %H:%M")


def greeting(name: str, timezone: str) -> str:
    hour = utc_now().astimezone(ZoneInfo(timezone)).hour
    part = "Good morning" if 5 <= hour < 12 else "Good afternoon" if hour < 18 else "Good evening"
    return f"{part}, {name.split()[0]}"
