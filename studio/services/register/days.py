"""The register's days: the studio's local day of a moment, and the lock a closed day puts
on every write dated in it."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from studio.models import RegisterDay
from studio.services.common.errors import Conflict
from studio.services.common.formats import long_date
from studio.services.common.i18n import _
from studio.services.register.records import DayClose


class DayClosed(Conflict):
    """An entry dated in a closed day, or a day closed twice."""


def ensure_open(session, day: date) -> None:
    """Refuse a write dated in a closed day, saying how to go on."""
    if session.scalar(select(RegisterDay.closed).where(RegisterDay.day == day)):
        raise DayClosed(_("The register for {day} is closed, so nothing can be added to it. "
                          "An admin can reopen the day, giving a reason.").format(day=long_date(day)))


def close_record(row: RegisterDay | None) -> DayClose | None:
    if row is None:
        return None
    counted_by = {int(k): int(v) for k, v in json.loads(row.denominations).items()} if row.denominations else {}
    return DayClose(row.day, row.closed, row.opening_float_cents, row.expected_cents, row.counted_cents,
                    row.note, row.closed_at, row.closed_by_name, counted_by, row.reopened_at,
                    row.reopened_by_name, row.reopen_reason, row.version)
