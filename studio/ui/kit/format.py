"""How values read on screen: the Qt side of the one formatting module.

Dates, times, numbers and money are written by studio.services.common's formats (Babel):
in the current locale (the signed-in person's language in the studio's region — a Lisbon
studio writing English reads "9 Sept 1999", a Madrid one in Spanish "9 sept 1999") and, for
moments, in the studio's time zone. This module adds what widgets need on top: "—" for no
value, the QDateEdit display format of the same locale, and ``apply_locale``, which makes
Qt's own locale (QLocale.setDefault) the same one.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from studio.clock import utc_now
from studio.services.common import _, current_locale, date_time
from studio.services.common import short_date as _locale_date

NO_VALUE = "—"


def short_date(day: date | None) -> str:
    """"9 Sept 1999" (en_PT), "Sep 9, 1999" (en_US), "9 sept 1999" (es_ES); "—" for no date."""
    return NO_VALUE if day is None else _locale_date(day)


def iso_date(text: str) -> str:
    """A stored ISO date ("1999-09-09") as short_date writes it; text that is not one, as is."""
    try:
        return short_date(date.fromisoformat(text)) if text else ""
    except ValueError:
        return text


def local_date(moment: datetime | None, timezone: str) -> str:
    """The studio's local day of ``moment``: "12 Mar 2026"."""
    return _locale_date(moment, timezone) if moment is not None else NO_VALUE


def local_datetime(moment: datetime | None, timezone: str, *, with_seconds: bool = False) -> str:
    """``moment`` in the studio's zone: "12 Mar 2026, 14:05" (en_PT), "Mar 12, 2026, 2:05 PM" (en_US)."""
    return date_time(moment, timezone, with_seconds=with_seconds) if moment is not None else NO_VALUE


def qt_date_format(locale: str | None = None) -> str:
    """short_date's pattern as a QDateEdit display format ("d MMM yyyy", "d 'de' MMM 'de' yyyy").

    CLDR and Qt share the letters d, M and quoted literals; CLDR's "y" (the whole year) is
    Qt's "yyyy"."""
    import re

    from babel import Locale

    pattern = Locale.parse(locale or current_locale()).date_formats["medium"].pattern
    return re.sub(r"(?<!y)y(?!y)", "yyyy", pattern)


def qlocale(locale: str | None = None):
    """The QLocale of ``locale`` (default: the current one)."""
    from PySide6.QtCore import QLocale

    return QLocale(locale or current_locale())


def date_edit_format(edit) -> None:
    """A QDateEdit that reads like short_date: the current locale's month names and order."""
    edit.setLocale(qlocale())
    edit.setDisplayFormat(qt_date_format())


def time_edit_format(edit) -> None:
    """A QTimeEdit that reads like short_time: "14:00" or "2:00 PM", as the locale writes it."""
    from PySide6.QtCore import QLocale

    found = qlocale()
    edit.setLocale(found)
    edit.setDisplayFormat(found.timeFormat(QLocale.FormatType.ShortFormat))


def apply_locale() -> str:
    """Qt's default locale (what new widgets, QDateEdit month names and Qt's number parsing
    use) becomes the current one; call after set_language/set_region. Returns its name."""
    from PySide6.QtCore import QLocale

    found = qlocale()
    QLocale.setDefault(found)
    return found.name()


def greeting(name: str, timezone: str) -> str:
    """"Good morning, Ana" by the studio's clock, in the current language."""
    hour = utc_now().astimezone(ZoneInfo(timezone)).hour
    first = name.split()[0] if name.split() else name
    if 5 <= hour < 12:
        # Translators: the dashboard's title; {name} is the staff member's first name.
        return _("Good morning, {name}").format(name=first)
    if 12 <= hour < 18:
        return _("Good afternoon, {name}").format(name=first)
    return _("Good evening, {name}").format(name=first)
