"""The split of a range into whole months (the month table) and edge days (the day table):
every day of the range exactly once, none outside it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from studio.models import CashDayTotal
from studio.services.finance.totals import month_end, parts

WORLD = (date(2024, 1, 1), date(2027, 12, 31))  # the days open ends stand for here
days = st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 12, 31)))


def _days_of(part) -> list[date]:
    low, high = part.low or WORLD[0], part.high or WORLD[1]
    if part.model is not CashDayTotal:
        high = part.high or WORLD[1].replace(day=1)
        assert low.day == 1 and high.day == 1  # month rows are keyed by their first day
        high = month_end(high)
    return [low + timedelta(days=n) for n in range((high - low).days + 1)]


@given(days, days)
def test_the_parts_cover_the_range_once(first, last):
    covered = [day for part in parts(first, last) for day in _days_of(part)]
    low, high = first or WORLD[0], last or WORLD[1]
    expected = [low + timedelta(days=n) for n in range((high - low).days + 1)] if low <= high else []
    assert sorted(covered) == expected


def test_whole_months_come_from_the_month_table():
    found = parts(date(2026, 1, 15), date(2026, 6, 30))
    assert [(p.model.__name__, p.low, p.high) for p in found] == [
        ("CashDayTotal", date(2026, 1, 15), date(2026, 1, 31)),
        ("CashMonthTotal", date(2026, 2, 1), date(2026, 6, 1))]
    assert [p.model.__name__ for p in parts(None, None)] == ["CashMonthTotal"]
