"""The client view's History tab lists the lots used in the client's sessions (date, item,
lot, quantity), for everyone who sees the stock — an artist too; before any lot touched
the client it shows no such section."""

from __future__ import annotations

from tests.inventory.conftest import stock  # noqa: F401 - the fixture: a small stock list
from tests.inventory.test_recall import _sessions
from tests.scheduling.conftest import studio  # noqa: F401 - the scheduling studio
from tests.ui.calendar.conftest import ui_config  # noqa: F401 - the calendar's fixture
from tests.ui.register.test_client_money_ui import _close, _history


def test_the_history_lists_the_lots_used_in_the_clients_sessions(qtbot, ctx, settle, stock):
    studio = stock.desk
    _sessions(stock)
    window, dialog = _history(qtbot, ctx, settle, studio, studio.mia)
    lots = dialog.history_panel.lots
    assert lots is not None and lots.isVisible()
    table = lots.table
    shown = [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]
    assert sorted(shown) == sorted([("19 Mar 2026", "Black ink", "A-100", "1"), ("19 Mar 2026", "3RL needles", "N-1", "1"),
                                    ("17 Mar 2026", "Black ink", "A-100", "1"), ("17 Mar 2026", "3RL needles", "N-1", "1")])
    assert shown[0][0] == "19 Mar 2026"  # newest first
    _close(qtbot, window, dialog, settle)


def test_a_client_no_lot_touched_shows_no_lots_section(qtbot, ctx, settle, stock):
    studio = stock.desk
    window, dialog = _history(qtbot, ctx, settle, studio, studio.desk)
    assert dialog.history_panel.lots is not None and not dialog.history_panel.lots.isVisible()
    _close(qtbot, window, dialog, settle)
