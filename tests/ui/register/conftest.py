"""The register's widgets on the scheduling tests' studio (Lisbon, Monday 16 March 2026 09:00,
artists Mia and Leo, the desk Dana, the clients Ana and Ben), in a real main window at
laptop size: the front desk's calendar, whose page lends its host to the dialogs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.register.conftest import finished
from tests.scheduling.conftest import MONDAY, at, studio  # noqa: F401 - the fixture, reused
from tests.ui.calendar.conftest import DEADLINE, calendar, open_calendar, ui_config  # noqa: F401

TUESDAY = MONDAY + timedelta(days=1)

__all__ = ["DEADLINE", "MONDAY", "TUESDAY", "at", "calendar", "finished", "open_calendar", "studio", "ui_config"]


@pytest.fixture
def booked(studio):  # noqa: F811 - the scheduling studio
    """Mia's two-hour session for Ana on Tuesday at noon, 200 € estimated, a 50 € deposit by card."""
    appointment = studio.book(studio.mia, at(TUESDAY, 12), 2, price_cents=20000)
    studio.services.scheduling.record_deposit(studio.desk, appointment.id, 5000, "card")
    return appointment
