"""The Inventory page on the inventory tests' studio (tests/inventory/conftest.py: Lisbon,
Monday 16 March 2026 09:00, the desk Dana, the artists Mia and Leo; Black ink in two lots,
3RL needles, Nitrile gloves), in a real main window at laptop size. Five boxes of gloves
were used, so three are left: at their threshold, low."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from studio.services.inventory import Use
from studio.ui.inventory.page import InventoryPage
from tests.inventory.conftest import Stock, stock  # noqa: F401 - the fixture, reused
from tests.scheduling.conftest import MONDAY, Desk, at, studio  # noqa: F401 - the fixture, reused
from tests.ui.calendar.conftest import DEADLINE
from tests.ui.conftest import open_window

__all__ = ["DEADLINE", "MONDAY", "at", "stock", "studio"]


@dataclass
class Shelf:
    qtbot: object
    window: object
    page: InventoryPage
    settle: object
    studio: Desk
    stock: Stock

    def wait_loaded(self) -> None:
        self.qtbot.waitUntil(lambda: self.page._shown_generation == self.page._generation, timeout=DEADLINE)
        self.settle()

    def rows(self) -> list[tuple[str, ...]]:
        model = self.page.model
        return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
                for r in range(model.rowCount())]

    def names(self) -> list[str]:
        return [row[0] for row in self.rows()]

    def choose(self, name: str) -> None:
        """Clicks the item's row; its view (lots and history) is read and shown."""
        row = self.names().index(name)
        table = self.page.table
        rect = table.visualRect(self.page.model.index(row, 0))
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        view = lambda: self.page.view  # noqa: E731 - built when the first item is chosen
        self.qtbot.waitUntil(lambda: view() is not None and view().isVisible() and view().detail is not None
                             and view().detail.item.name == name, timeout=DEADLINE)
        self.settle()

    def on_hand(self, item_id: int) -> int:
        return self.studio.services.inventory.item(self.studio.desk, item_id).item.on_hand


def open_inventory(qtbot, ctx, settle, shelf_stock: Stock, actor) -> Shelf:
    window = open_window(qtbot, ctx, settle, shelf_stock.desk.services, actor)
    window.resize(1366, 768)
    qtbot.mouseClick(window.nav["inventory"], Qt.MouseButton.LeftButton)
    page = window.findChild(InventoryPage)
    qtbot.waitUntil(lambda: page is not None and page.loaded and page.alerts is not None, timeout=DEADLINE)
    settle()
    return Shelf(qtbot, window, page, settle, shelf_stock.desk, shelf_stock)


@pytest.fixture
def ui_config(data_dir):
    """The window's data dir is the scheduling studio's (its database is already there)."""
    from studio.config import load_config

    return load_config(data_dir)


@pytest.fixture
def low_gloves(stock):  # noqa: F811 - the inventory tests' stock
    stock.desk.services.stock.use(stock.desk.desk, (Use(stock.gloves, 5),))
    return stock


def _closing(found: Shelf):
    yield found
    found.window.idle.stop()
    found.window.close()
    found.settle()


@pytest.fixture
def shelf(qtbot, ctx, settle, low_gloves):
    """The front desk's Inventory page."""
    yield from _closing(open_inventory(qtbot, ctx, settle, low_gloves, low_gloves.desk.desk))


@pytest.fixture
def admin_shelf(qtbot, ctx, settle, low_gloves):
    yield from _closing(open_inventory(qtbot, ctx, settle, low_gloves, low_gloves.desk.admin))


@pytest.fixture
def artist_shelf(qtbot, ctx, settle, low_gloves):
    yield from _closing(open_inventory(qtbot, ctx, settle, low_gloves, low_gloves.desk.mia))
