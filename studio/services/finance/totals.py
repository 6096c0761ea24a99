"""Reading the register's kept totals (models.CashDayTotal, CashMonthTotal) over a range of
days: whole months from the month table, the days at either end that do not fill a month
from the day table, so years cost a few rows a month and no range reads an entry."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from studio.models import CashDayTotal, CashMonthTotal


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: date) -> date:
    return month_end(day) + timedelta(days=1)


def previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class Part:
    """One table's share of a range: its period column between ``low`` and ``high`` (either
    None: open on that side)."""

    model: type
    low: date | None
    high: date | None

    @property
    def period(self):
        return self.model.day if self.model is CashDayTotal else self.model.month

    def conditions(self) -> list:
        where = []
        if self.low is not None:
            where.append(self.period >= self.low)
        if self.high is not None:
            where.append(self.period <= self.high)
        return where


def parts(first: date | None, last: date | None) -> list[Part]:
    """The parts that cover the days ``first``..``last`` exactly once (None: from the first
    entry / to the last)."""
    if first is not None and last is not None:
        if first > last:
            return []
        if (first.year, first.month) == (last.year, last.month) and (first.day != 1 or last != month_end(last)):
            return [Part(CashDayTotal, first, last)]
    found = []
    months_from = first
    if first is not None and first.day != 1:
        found.append(Part(CashDayTotal, first, month_end(first)))
        months_from = next_month(first)
    months_to = None if last is None else last.replace(day=1)
    if last is not None and last != month_end(last):
        found.append(Part(CashDayTotal, last.replace(day=1), last))
        months_to = previous_month(last)
    if months_from is None or months_to is None or months_from <= months_to:
        found.append(Part(CashMonthTotal, months_from, months_to))
    return found
