"""Long lists people scroll through (submissions, consents, the audit log): newest first, a
page at a time, by keyset, so rows that arrive or leave between two pages are neither
repeated nor skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import and_, or_

R = TypeVar("R")

PAGE_LIMIT = 100
PAGE_LIMIT_MAX = 1_000


def page_limit(limit: int) -> int:
    return max(1, min(int(limit), PAGE_LIMIT_MAX))


def newer_first_after(moment, row_id, before: tuple[datetime, int]):
    """The condition for rows after ``before`` (a row's time and id) in newest-first order
    with ties by id: plain comparisons, not a row value, so any database runs it."""
    at, last_id = before
    return or_(moment < at, and_(moment == at, row_id < last_id))


@dataclass(frozen=True)
class RowsPage(Generic[R]):
    """The first rows of a list and how many there are in all; the rest come by keyset
    (``before=`` the last row's time and id)."""

    total: int
    rows: tuple[R, ...]
