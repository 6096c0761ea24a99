"""How values read on screen: dates and times in the studio's time zone, in one house
format ("09 Sep 1999", "09 Sep 1999, 14:05") whatever the PC's locale says."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from studio.clock import utc_now

# The app speaks English; month names never follow the PC's locale (strftime's %b would
# after Qt has called setlocale), so the day reads the same on every screen and printout.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The same format for a QDateEdit (see date_edit_format), whose month names come from its
# QLocale: set to English there for the same reason.
QT_DATE_FORMAT = "dd MMM yyyy"


def short_date(day: date | None) -> str:
    """"09 Sep 1999"; "—" for no date."""
    if day is None:
        return "—"
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def iso_date(text: str) -> str:
    """A stored ISO date ("1999-09-09") in the house format; text that is not one, as is."""
    try:
        return short_date(date.fromisoformat(text)) if text else ""
    except ValueError:
        return text


def local_date(moment: datetime | None, timezone: str) -> str:
    """The studio's local day of ``moment``: "12 Mar 2026"."""
    return short_date(moment.astimezone(ZoneInfo(timezone)).date()) if moment is not None else "—"


def local_datetime(moment: datetime | None, timezone: str, *, with_seconds: bool = False) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{short_date(local.date())}, {local:%H:%M:%S}" if with_seconds \
        else f"{short_date(local.date())}, {local:%H:%M}"


def date_edit_format(edit) -> None:
    """A QDateEdit in the house format, with English month names (not the PC's locale)."""
    from PySide6.QtCore import QLocale

    edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    edit.setDisplayFormat(QT_DATE_FORMAT)


def greeting(name: str, timezone: str) -> str:
    hour = utc_now().astimezone(ZoneInfo(timezone)).hour
    part = "Good morning" if 5 <= hour < 12 else "Good afternoon" if hour < 18 else "Good evening"
    return f"{part}, {name.split()[0]}"
