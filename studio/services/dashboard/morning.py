"""The morning view's money figures: today's takings by method, and this week and this
month against the same spans last year. The rule of what counts as takings is the
register's (services/register/takings.py); this module says which days and whose.

Whose figures a role sees (from the permission matrix):
- an artist (VIEW_REGISTER: "their own takings and commission"): their own entries only,
  today's and the year-on-year comparison of their own takings;
- the front desk (VIEW_REGISTER, no VIEW_FINANCE): the studio's takings today, which the
  register page shows them anyway, but not the studio's year-on-year comparison;
- an admin (VIEW_FINANCE): the studio's, both.

The spans compared:
- the week: Monday to today, against the same weekdays 52 weeks (364 days) earlier, so a
  Saturday is set against a Saturday;
- the month: the 1st to today's date, against the same dates a year earlier (29 February
  against the 28th)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from studio.models import Staff
from studio.services.common.permissions import Permission, Role, can
from studio.services.register import Method, takings_by_method, takings_total

WEEKS_BACK = timedelta(days=364)


def sees_year_on_year(role: Role | str) -> bool:
    """Whether ``role`` is shown a year-on-year comparison: the studio's (VIEW_FINANCE) or,
    for an artist, their own."""
    return can(role, Permission.VIEW_FINANCE) or Role(role) == Role.ARTIST


@dataclass(frozen=True)
class TakingsToday:
    day: date  # the studio's today
    by_method: tuple[tuple[Method, int], ...]  # the methods that took something, in the register's order
    total_cents: int
    artist_id: int | None  # whose they are: None for the studio's

    def of(self, method: Method) -> int:
        return dict(self.by_method).get(method, 0)


@dataclass(frozen=True)
class Span:
    """A span's takings against the same span last year."""

    first: date
    last: date
    cents: int
    last_year_first: date
    last_year_last: date
    last_year_cents: int

    @property
    def change(self) -> float | None:
        """(this year − last year) / last year, or None when last year took nothing."""
        if self.last_year_cents <= 0:
            return None
        return (self.cents - self.last_year_cents) / self.last_year_cents


@dataclass(frozen=True)
class TakingsCompared:
    week: Span
    month: Span
    artist_id: int | None  # None for the studio's


def whose(staff: Staff) -> int | None:
    """The artist whose entries ``staff`` may see, or None for the studio's."""
    return staff.id if staff.role == Role.ARTIST else None


def takings_today(session, today: date, artist_id: int | None) -> TakingsToday:
    found = takings_by_method(session, today, today, artist_id)
    by_method = tuple((m, found[m.value]) for m in Method if found.get(m.value))
    return TakingsToday(today, by_method, sum(found.values()), artist_id)


def year_ago(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def takings_compared(session, today: date, artist_id: int | None) -> TakingsCompared:
    monday = today - timedelta(days=today.weekday())
    week = (monday, today, monday - WEEKS_BACK, today - WEEKS_BACK)
    first_of_month = today.replace(day=1)
    month = (first_of_month, today, year_ago(first_of_month), year_ago(today))
    spans = [Span(first, last, takings_total(session, first, last, artist_id),
                  ly_first, ly_last, takings_total(session, ly_first, ly_last, artist_id))
             for first, last, ly_first, ly_last in (week, month)]
    return TakingsCompared(spans[0], spans[1], artist_id)
