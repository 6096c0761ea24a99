"""The Finance page on the finance tests' month (tests/finance/conftest.py: the register
tests' studio in Lisbon, March 2026 worked through the real services — a checkout and its
tip, an expense, a voucher sold and redeemed, a forfeited deposit, a refund, sales either
side of midnight on the DST Sunday), in a real main window at laptop size. The studio's
clock ends on Monday 30 March 2026 at 00:30."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt

from studio.services.finance import DateRange
from studio.ui.finance.page import FinancePage
from tests.finance.conftest import DST_SUNDAY, MONDAY, TUESDAY, WEDNESDAY, month, studio  # noqa: F401 - fixtures
from tests.ui.conftest import open_window

DEADLINE = 10_000
TODAY = date(2026, 3, 30)
MARCH_SO_FAR = DateRange(date(2026, 3, 1), TODAY)

__all__ = ["DEADLINE", "DST_SUNDAY", "MARCH_SO_FAR", "MONDAY", "TODAY", "TUESDAY", "WEDNESDAY", "month", "studio"]


@dataclass
class Finance:
    qtbot: object
    window: object
    page: FinancePage
    settle: object
    studio: object

    def wait_shown(self) -> None:
        """Until the page shows the answer to its latest request (and nothing is in flight)."""
        self.qtbot.waitUntil(lambda: not self.page.waiting(), timeout=DEADLINE)
        self.settle()

    def choose(self, preset: str) -> None:
        self.qtbot.mouseClick(self.page.presets.buttons[preset], Qt.MouseButton.LeftButton)
        self.wait_shown()

    def summary(self, span, granularity):
        return self.studio.services.finance.summary(self.studio.admin, span, granularity)


def plain(text: str) -> str:
    """Money as written with ordinary spaces ("36,50 €"; Babel puts a no-break space)."""
    return text.replace("\xa0", " ")


def open_finance(qtbot, ctx, settle, desk, actor) -> Finance:
    window = open_window(qtbot, ctx, settle, desk.services, actor)
    window.resize(1366, 768)
    qtbot.mouseClick(window.nav["finance"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.pages.get("finance"), FinancePage)
                    and window.pages["finance"].loaded, timeout=DEADLINE)
    found = Finance(qtbot, window, window.pages["finance"], settle, desk)
    found.wait_shown()
    return found


@pytest.fixture
def ui_config(data_dir):
    """The window's data dir is the finance studio's (its database is already there)."""
    from studio.config import load_config

    return load_config(data_dir)


@pytest.fixture
def finance(qtbot, ctx, settle, month):  # noqa: F811 - the finance tests' month
    found = open_finance(qtbot, ctx, settle, month.studio, month.studio.admin)
    yield found
    found.window.idle.stop()
    found.window.close()
    found.settle()
