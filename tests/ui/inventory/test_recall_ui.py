"""The recall search on screen: a lot typed (or picked) finds the clients it touched with
how to reach them; an unknown lot says so under the field; an item between two days finds
every lot's sessions; the CSV and the PDF are written where the desk chooses."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt

from studio.ui.inventory import RecallDialog, open_recall
from tests.inventory.conftest import stock  # noqa: F401 - the fixture: a small stock list
from tests.inventory.test_recall import _sessions
from tests.scheduling.conftest import studio  # noqa: F401 - the scheduling studio
from tests.ui.calendar.conftest import DEADLINE, calendar, ui_config  # noqa: F401 - the calendar's fixtures
from tests.ui.dialogs import cancel, choose_path, focus


def opened(qtbot, calendar) -> RecallDialog:
    dialog = open_recall(calendar.page.host, calendar.page)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=DEADLINE)
    calendar.settle()
    return dialog


def rows(dialog: RecallDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def search_lot(qtbot, dialog: RecallDialog, typed: str) -> None:
    edit = dialog.lot.lineEdit()
    focus(qtbot, edit)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_typed_lot_shows_the_clients_it_touched_and_the_csv_is_written_where_chosen(
        qtbot, calendar, stock, tmp_path):
    studio = calendar.studio
    _sessions(stock)
    dialog = opened(qtbot, calendar)
    assert not dialog.csv_button.isEnabled()
    search_lot(qtbot, dialog, "a-100")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=DEADLINE)
    assert [(r[0], r[1], r[4], r[5], r[6], r[7]) for r in rows(dialog)] == [
        ("Ana Lima", "+351 912 345 678", "Mia", "Black ink", "A-100", "1")] * 2
    assert dialog.summary.text() == "2 sessions, 1 client"
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "recall.csv"
    choose_path(qtbot, target)
    qtbot.waitUntil(target.exists, timeout=DEADLINE)
    calendar.settle()
    written = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert written[0][:3] == ["Client", "Phone", "Email"]
    assert [(r[0], r[7], r[8]) for r in written[1:]] == [("Ana Lima", "A-100", "1")] * 2
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "recall.pdf"
    choose_path(qtbot, pdf)
    qtbot.waitUntil(pdf.exists, timeout=DEADLINE)
    calendar.settle()
    assert pdf.read_bytes().startswith(b"%PDF")
    cancel(qtbot, RecallDialog)


def test_an_unknown_lot_says_so_under_the_field_and_an_item_finds_every_lots_sessions(qtbot, calendar, stock):
    studio = calendar.studio
    _sessions(stock)
    dialog = opened(qtbot, calendar)
    search_lot(qtbot, dialog, "Z-999")
    qtbot.waitUntil(dialog.lot_field.error.isVisible, timeout=DEADLINE)
    assert dialog.lot_field.error.text() == "No lot has the number “Z-999”."
    assert dialog.table.rowCount() == 0
    qtbot.mouseClick(dialog.mode.buttons["item"], Qt.MouseButton.LeftButton)
    assert dialog.item.isVisible() and dialog.item.currentText() == "3RL needles"
    focus(qtbot, dialog.item)
    qtbot.keyClick(dialog.item, Qt.Key.Key_Down)  # Black ink
    assert dialog.item.currentText() == "Black ink"
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=DEADLINE)
    assert sorted(r[6] for r in rows(dialog)) == ["A-100", "A-100", "B-200"]
    assert dialog.summary.text() == "3 sessions, 2 clients"
    cancel(qtbot, RecallDialog)
