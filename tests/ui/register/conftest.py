"""The register page on the scheduling tests' studio (tests/scheduling/conftest.py: Lisbon,
the artists Mia and Leo, the desk Dana, the clients Ana and Ben, the clock on Monday 16
March 2026 at 09:00), in a real main window at laptop size, with a morning's entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from studio.services.register import EntryInput, EntryKind, Method
from studio.ui.register.page import RegisterPage
from tests.register.conftest import finished
from tests.scheduling.conftest import MONDAY, Desk, at, studio  # noqa: F401 - the fixture, reused
from tests.ui.calendar.conftest import DEADLINE, calendar, open_calendar  # noqa: F401 - the calendar's fixture
from tests.ui.conftest import open_window

TUESDAY = MONDAY + timedelta(days=1)

__all__ = ["DEADLINE", "MONDAY", "TUESDAY", "at", "calendar", "finished", "open_calendar", "studio"]


@dataclass
class Register:
    qtbot: object
    window: object
    page: RegisterPage
    settle: object
    studio: Desk

    def wait_loaded(self) -> None:
        generation = self.page._generation
        self.qtbot.waitUntil(lambda: self.page._shown_generation == generation, timeout=DEADLINE)
        self.settle()

    def rows(self) -> list[tuple[str, ...]]:
        model = self.page.model
        return [tuple(plain(model.data(model.index(r, c))) for c in range(model.columnCount()))
                for r in range(model.rowCount())]

    def total(self, key: str) -> str:
        return plain(self.page.totals[key].amount.text())


def plain(text: str) -> str:
    """Money as written with ordinary spaces ("36,50 €"; Babel puts a no-break space)."""
    return text.replace("\xa0", " ") if isinstance(text, str) else text


def morning(desk: Desk) -> None:
    """A float top-up, a sale by card for Mia, a cash tip for Leo, an expense."""
    register = desk.services.register
    register.record(desk.desk, EntryInput(EntryKind.CASH_IN, Method.CASH, 5000, note="Change from the bank"))
    register.record(desk.desk, EntryInput(EntryKind.SALE, Method.CARD, 12000, note="Flash piece",
                                          artist_id=desk.mia.staff_id, client_id=desk.ana_id))
    register.record(desk.desk, EntryInput(EntryKind.TIP, Method.CASH, 1000, artist_id=desk.leo.staff_id))
    register.record(desk.desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 2350, note="Needles"))


def open_register(qtbot, ctx, settle, desk: Desk, actor) -> Register:
    window = open_window(qtbot, ctx, settle, desk.services, actor)
    window.resize(1366, 768)
    qtbot.mouseClick(window.nav["register"], Qt.MouseButton.LeftButton)
    page = window.findChild(RegisterPage)
    qtbot.waitUntil(lambda: page is not None and page.loaded and page.view is not None, timeout=DEADLINE)
    settle()
    return Register(qtbot, window, page, settle, desk)


@pytest.fixture
def ui_config(data_dir):
    """The window's data dir is the scheduling studio's (its database is already there)."""
    from studio.config import load_config

    return load_config(data_dir)


def _closing(found: Register):
    yield found
    found.window.idle.stop()
    found.window.close()
    found.settle()


@pytest.fixture
def register(qtbot, ctx, settle, studio):  # noqa: F811 - the scheduling studio
    """The front desk's register on Monday, with the morning's entries."""
    morning(studio)
    yield from _closing(open_register(qtbot, ctx, settle, studio, studio.desk))


@pytest.fixture
def admin_register(qtbot, ctx, settle, studio):  # noqa: F811
    morning(studio)
    yield from _closing(open_register(qtbot, ctx, settle, studio, studio.admin))


@pytest.fixture
def artist_register(qtbot, ctx, settle, studio):  # noqa: F811
    """Mia's register: she sees her own sale only."""
    morning(studio)
    yield from _closing(open_register(qtbot, ctx, settle, studio, studio.mia))


@pytest.fixture
def booked(studio):  # noqa: F811 - the scheduling studio
    """Mia's two-hour session for Ana on Tuesday at noon, 200 € estimated, a 50 € deposit by card."""
    appointment = studio.book(studio.mia, at(TUESDAY, 12), 2, price_cents=20000)
    studio.services.scheduling.record_deposit(studio.desk, appointment.id, 5000, "card")
    return appointment
