"""The range bar's presets as spans of the studio's local days, counted from its today."""

from __future__ import annotations

from datetime import date, timedelta

from studio.services.common import N_
from studio.services.finance import DateRange, Granularity

# key, label (shown with _()); "all" is from the first entry to the last.
PRESETS = (("month", N_("This month")), ("quarter", N_("Last 3 months")), ("year", N_("This year")),
           ("last-year", N_("Last year")), ("all", N_("All")))
# Longer ranges than this are drawn by week: a bar a day would be thinner than a pixel or two.
WEEKLY_AFTER_DAYS = 120


def preset_span(key: str, today: date) -> DateRange | None:
    """The preset's days up to today (last year: all of it); None for "all"."""
    if key == "month":
        return DateRange(today.replace(day=1), today)
    if key == "quarter":
        month = today.month - 2
        year = today.year + (month - 1) // 12
        return DateRange(date(year, (month - 1) % 12 + 1, 1), today)
    if key == "year":
        return DateRange(date(today.year, 1, 1), today)
    if key == "last-year":
        return DateRange(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if key == "all":
        return None
    raise ValueError(f"no preset {key!r}")


def granularity_for(span: DateRange) -> Granularity:
    return Granularity.WEEK if span.days > WEEKLY_AFTER_DAYS else Granularity.DAY


def last_full_month(today: date) -> tuple[int, int]:
    """(year, month) of the month before today's."""
    previous = today.replace(day=1) - timedelta(days=1)
    return previous.year, previous.month
