"""The calendar page on the scheduling tests' studio (tests/scheduling/conftest.py: Lisbon,
the artists Mia and Leo, a desk, the clients Ana and Ben, the clock on Monday 16 March
2026 at 09:00), in a real main window at laptop size."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from studio.ui.calendar.page import CalendarPage
from studio.ui.calendar.timegrid import TimeGrid
from tests.scheduling.conftest import MONDAY, Desk, at, studio  # noqa: F401 - the fixture, reused
from tests.ui.conftest import open_window

DEADLINE = 10_000


@dataclass
class Calendar:
    qtbot: object
    window: object
    page: CalendarPage
    settle: object
    studio: Desk

    @property
    def grid(self) -> TimeGrid:
        return self.page.grid

    def wait_loaded(self) -> None:
        generation = self.page._generation
        self.qtbot.waitUntil(lambda: self.page._shown_generation == generation, timeout=DEADLINE)
        self.settle()

    def reload(self) -> None:
        self.page.refresh()
        self.wait_loaded()

    def point(self, column: int, minutes: int) -> QPoint:
        """The viewport point of a slot, scrolled into view first."""
        grid = self.grid
        y = grid.minutes_y(minutes)
        grid.ensureVisible(grid.column_x(column), y, 10, 10, 0, 60)
        return grid.slot_point(column, minutes)

    def block_point(self, appointment_id: int, where: str = "middle") -> QPoint:
        block = self.grid.block_of(appointment_id)
        assert block is not None, f"no block for appointment {appointment_id}"
        box = block.sceneBoundingRect()
        self.grid.ensureVisible(box, 0, 20)
        y = {"middle": box.center().y(), "bottom": box.bottom() - 2}[where]
        return self.grid.mapFromScene(QPointF(box.center().x(), y))

    def drag(self, start: QPoint, end: QPoint, *, steps: int = 6) -> None:
        """Press, move in steps and release on the grid's viewport, through the event loop."""
        viewport = self.grid.viewport()
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for n in range(1, steps + 1):
            self.qtbot.mouseMove(viewport, start + (end - start) * n / steps)
            self.qtbot.wait(5)
        self.drag_landing = self.grid.ghost.text if self.grid.ghost.scene() is not None else ""
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def pick_client(qtbot, dialog, typed: str) -> None:
    """Types part of a client's name into the dialog's picker and takes the first match
    from the keyboard (Down, Enter)."""
    picker = dialog.client
    picker.query.setFocus()
    qtbot.keyClicks(picker.query, typed)
    qtbot.waitUntil(lambda: picker.matches.isVisible() and picker.matches.count() > 0, timeout=DEADLINE)
    qtbot.keyClick(picker.query, Qt.Key.Key_Down)
    qtbot.keyClick(picker.matches, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.client_id is not None, timeout=DEADLINE)


def stored(desk: Desk, appointment_id: int):
    """The appointment as the database has it now."""
    return desk.services.scheduling.appointment(desk.admin, appointment_id)


def open_calendar(qtbot, ctx, settle, desk: Desk, actor) -> Calendar:
    window = open_window(qtbot, ctx, settle, desk.services, actor)
    window.resize(1366, 768)
    qtbot.mouseClick(window.nav["calendar"], Qt.MouseButton.LeftButton)
    page = window.findChild(CalendarPage)
    qtbot.waitUntil(lambda: page is not None and page.loaded, timeout=DEADLINE)
    calendar = Calendar(qtbot, window, page, settle, desk)
    settle()
    return calendar


@pytest.fixture
def ui_config(data_dir):
    """The window's data dir is the scheduling studio's (its database is already there)."""
    from studio.config import load_config

    return load_config(data_dir)


@pytest.fixture
def calendar(qtbot, ctx, settle, studio):  # noqa: F811 - the scheduling studio
    """The front desk's calendar, on the week of Monday 16 March 2026."""
    found = open_calendar(qtbot, ctx, settle, studio, studio.desk)
    yield found
    found.window.idle.stop()
    found.window.close()
    settle()
