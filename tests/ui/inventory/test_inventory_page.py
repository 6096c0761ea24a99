"""The Inventory page driven by keys and clicks: the stock list (on hand with its unit, low
stock first and tinted), its search and category filter, a delivery scanned in as a USB
scanner types (an unknown code, a lot received twice), waste and adjustments, a stock-take
of a shelf with its summary, the sidebar's low-stock badge, archiving refused while there
is stock, and an artist's read-only view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.services.inventory import Category, MovementKind, Use
from studio.ui.inventory.model import tint as wash
from studio.ui.inventory.moves import AdjustDialog, WasteDialog
from studio.ui.inventory.receive import ReceiveDialog
from studio.ui.inventory.stock_take import COUNTED, StockTakeDialog
from studio.ui.kit import theme
from tests.ui.dialogs import click_on, find_dialog, focus, wait_closed
from tests.ui.inventory.conftest import DEADLINE


def click(r, widget) -> None:
    click_on(r.qtbot, widget)


def type_into(r, edit, text: str) -> None:
    focus(r.qtbot, edit)
    edit.selectAll()
    r.qtbot.keyClicks(edit, text)


def scan(r, dialog: ReceiveDialog, code: str) -> None:
    """What a USB scanner does: the code's keys, then Enter, into the focused scan field."""
    focus(r.qtbot, dialog.scan)
    r.qtbot.keyClicks(dialog.scan, code)
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)


def open_receive(r) -> ReceiveDialog:
    click(r, r.page.receive_button)
    dialog = find_dialog(r.qtbot, ReceiveDialog)
    r.qtbot.waitUntil(dialog.scan.hasFocus, timeout=DEADLINE)
    return dialog


def test_the_list_shows_on_hand_with_units_and_low_stock_first_and_tinted(shelf):
    r = shelf
    assert r.names() == ["Nitrile gloves", "3RL needles", "Black ink"]
    gloves, needles, black = r.rows()
    assert gloves[1:4] == ("Gloves", "3 box", "3") and black[2] == "15 bottle"
    assert (black[5], black[6]) == ("2", "5 Apr 2026")  # two lots; B-200 expires in 20 days
    model = r.page.model
    tint = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert tint is not None and tint == wash(theme.current().warning)
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is None  # Black ink is not low
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert r.page.low_alert.isVisible() and r.page.low_alert.text() == "1 item low on stock"
    assert r.page.expiring_alert.text() == "1 lot expires soon" and not r.page.expired_alert.isVisible()


def test_search_and_the_category_filter_shrink_the_list(shelf):
    r = shelf
    type_into(r, r.page.search, "dynam")  # Black ink's supplier
    r.qtbot.waitUntil(lambda: r.names() == ["Black ink"], timeout=DEADLINE)
    r.page.search.clear()
    r.qtbot.waitUntil(lambda: len(r.names()) == 3, timeout=DEADLINE)
    combo = r.page.category
    focus(r.qtbot, combo)
    while combo.currentData() != str(Category.NEEDLES):
        r.qtbot.keyClick(combo, Qt.Key.Key_Down)
    r.qtbot.waitUntil(lambda: r.names() == ["3RL needles"], timeout=DEADLINE)
    assert r.page.count_label.text() == "1 item"


def test_choosing_an_item_shows_its_lots_marked_and_its_history(shelf):
    r = shelf
    r.choose("Black ink")
    view = r.page.view
    lots = [tuple(view.lots.data(view.lots.index(row, c)) for c in range(3)) for row in range(view.lots.rowCount())]
    assert lots == [("B-200", "5 Apr 2026 · expires soon", "5 bottle"), ("A-100", "1 Mar 2027", "10 bottle")]
    moves = view.moves
    assert [moves.data(moves.index(row, 2)) for row in range(moves.rowCount())] == ["+5", "+10"]
    assert view.on_hand.text() == "15 bottle"


def test_a_scanned_delivery_is_received_with_enter_on_the_empty_scan_field(shelf):
    r = shelf
    before = r.on_hand(r.stock.black)
    dialog = open_receive(r)
    scan(r, dialog, "8400001")
    r.qtbot.waitUntil(lambda: len(dialog.lines) == 1, timeout=DEADLINE)
    line = dialog.lines[0]
    assert line.name.text() == "Black ink" and dialog.scan.text() == "" and dialog.scan.hasFocus()
    type_into(r, line.quantity, "6")
    type_into(r, line.lot, "C-300")
    r.qtbot.keyClick(line.lot, Qt.Key.Key_Return)  # Enter in a line: back to the scan field
    r.qtbot.waitUntil(dialog.scan.hasFocus, timeout=DEADLINE)
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)  # the empty scan field: the delivery is all there
    wait_closed(r.qtbot, dialog, "Enter on the empty scan field")
    r.wait_loaded()
    assert r.on_hand(r.stock.black) == before + 6
    assert dict((row[0], row[2]) for row in r.rows())["Black ink"] == "21 bottle"
    lots = r.studio.services.inventory.item(r.studio.desk, r.stock.black).lots
    assert "C-300" in {lot.lot_number for lot in lots}


def test_an_unknown_barcode_says_so_and_adds_no_line(shelf):
    r = shelf
    dialog = open_receive(r)
    scan(r, dialog, "999")
    error = dialog.fields["scan"].error
    r.qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert error.text().startswith("No item has the barcode “999”.") and dialog.lines == []
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, dialog, "Esc")


def test_a_lot_received_twice_gets_the_services_sentence_and_nothing_is_saved(shelf):
    r = shelf
    before = r.on_hand(r.stock.black), r.on_hand(r.stock.gloves)
    dialog = open_receive(r)
    scan(r, dialog, "8400001")
    r.qtbot.waitUntil(lambda: len(dialog.lines) == 1, timeout=DEADLINE)
    type_into(r, dialog.lines[0].lot, "A-100")  # on the shelf since Monday
    dialog.pick.setFocus()
    r.qtbot.keyClicks(dialog.pick, "Nitrile")  # the gloves by name, as a person picks them
    r.qtbot.keyClick(dialog.pick, Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: len(dialog.lines) == 2, timeout=DEADLINE)
    click(r, dialog.save_button)
    r.qtbot.waitUntil(dialog.general.isVisible, timeout=DEADLINE)
    assert dialog.general.text().startswith("Lot A-100 of Black ink was received already")
    r.settle()
    assert (r.on_hand(r.stock.black), r.on_hand(r.stock.gloves)) == before
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, dialog, "Esc")


def test_a_by_lot_line_without_its_lot_number_is_refused_under_the_line(shelf):
    r = shelf
    dialog = open_receive(r)
    scan(r, dialog, "8400001")
    r.qtbot.waitUntil(lambda: len(dialog.lines) == 1, timeout=DEADLINE)
    r.qtbot.waitUntil(dialog.scan.hasFocus, timeout=DEADLINE)
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    line = dialog.lines[0]
    r.qtbot.waitUntil(line.error.isVisible, timeout=DEADLINE)
    assert "type the lot number" in line.error.text() and dialog.isVisible()
    r.qtbot.keyClick(dialog.scan, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, dialog, "Esc")


def test_waste_and_an_adjustment_move_stock_and_the_history_shows_them(shelf):
    r = shelf
    r.choose("Black ink")
    click(r, r.page.waste_button)
    waste = find_dialog(r.qtbot, WasteDialog)
    waste.lot.setCurrentIndex(waste.lot.findData(r.stock.lot_b))
    type_into(r, waste.quantity, "2")
    type_into(r, waste.reason, "Bottle dropped")
    r.qtbot.keyClick(waste.reason, Qt.Key.Key_Return)
    wait_closed(r.qtbot, waste, "Enter")
    r.wait_loaded()
    assert r.on_hand(r.stock.black) == 13

    r.choose("Nitrile gloves")
    click(r, r.page.adjust_button)
    adjust = find_dialog(r.qtbot, AdjustDialog)
    assert adjust.lot is None  # gloves are not stocked by lot
    type_into(r, adjust.quantity, "two")
    type_into(r, adjust.reason, "Counted the shelf")
    r.qtbot.keyClick(adjust.reason, Qt.Key.Key_Return)
    error = adjust.fields["counted"].error
    r.qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert error.text() == "Type the quantity as a whole number."
    type_into(r, adjust.quantity, "7")
    r.qtbot.keyClick(adjust.quantity, Qt.Key.Key_Return)
    wait_closed(r.qtbot, adjust, "Enter")
    r.wait_loaded()
    assert r.on_hand(r.stock.gloves) == 7
    r.qtbot.waitUntil(lambda: r.page.view.detail.item.on_hand == 7, timeout=DEADLINE)
    moves = r.page.view.moves
    assert (moves.data(moves.index(0, 1)), moves.data(moves.index(0, 2)), moves.data(moves.index(0, 4))) == (
        "Adjusted", "+4", "Counted the shelf")


def type_count(r, table, row: int, text: str) -> None:
    index = table.model().index(row, COUNTED)
    table.setCurrentIndex(index)
    focus(r.qtbot, table)
    r.qtbot.keyClick(table, Qt.Key.Key_F2)
    r.qtbot.waitUntil(lambda: QApplication.focusWidget() is not table, timeout=DEADLINE)
    editor = QApplication.focusWidget()
    r.qtbot.keyClicks(editor, text)
    r.qtbot.keyClick(editor, Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: table.model().rows[row].counted == text, timeout=DEADLINE)


def test_a_stock_take_of_a_shelf_writes_adjustments_and_says_how_many(shelf):
    r = shelf
    click(r, r.page.stock_take_button)
    dialog = find_dialog(r.qtbot, StockTakeDialog)
    r.qtbot.waitUntil(lambda: dialog.loaded_category == Category.INK, timeout=DEADLINE)
    rows = dialog.model.rows
    assert [(line.item.name, line.lot.lot_number) for line in rows] == [("Black ink", "B-200"),
                                                                        ("Black ink", "A-100")]
    type_count(r, dialog.table, 0, "5")   # as on hand
    type_count(r, dialog.table, 1, "8")   # two bottles short
    click(r, dialog.save_button)
    box = find_dialog(r.qtbot, QMessageBox, title="Stock-take saved")
    assert box.text() == "1 line adjusted, 1 unchanged"
    r.qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_closed(r.qtbot, box, "Enter")
    r.wait_loaded()
    assert r.on_hand(r.stock.black) == 13
    moves = r.studio.services.inventory.item(r.studio.desk, r.stock.black).movements
    assert (moves[0].kind, moves[0].delta, moves[0].reason) == (MovementKind.ADJUSTED, -2, "Stock-take")


def test_the_sidebar_badge_counts_low_stock_and_follows_a_use(shelf):
    r = shelf
    badge = r.window.nav["inventory"].badge
    r.qtbot.waitUntil(lambda: badge.isVisible() and badge.text() == "1", timeout=DEADLINE)
    # A session's use recorded elsewhere (the calendar's dialog): the page's F5 reads it.
    r.studio.services.stock.use(r.studio.desk, (Use(r.stock.black, 10, r.stock.lot_a),
                                                Use(r.stock.black, 2, r.stock.lot_b)))
    focus(r.qtbot, r.page.table)
    r.qtbot.keyClick(r.window, Qt.Key.Key_F5)
    r.qtbot.waitUntil(lambda: badge.text() == "2", timeout=DEADLINE)
    r.wait_loaded()  # the badge can follow before the list's own reload lands
    assert r.names()[:2] == ["Black ink", "Nitrile gloves"]  # both low now, by name
    # Waste on the page: four boxes of needles, two left, at their threshold: low too.
    r.choose("3RL needles")
    click(r, r.page.waste_button)
    waste = find_dialog(r.qtbot, WasteDialog)
    type_into(r, waste.quantity, "4")
    type_into(r, waste.reason, "Packs opened")
    r.qtbot.keyClick(waste.reason, Qt.Key.Key_Return)
    wait_closed(r.qtbot, waste, "Enter")
    r.qtbot.waitUntil(lambda: badge.text() == "3", timeout=DEADLINE)


def test_archiving_an_item_with_stock_is_refused_with_the_services_sentence(admin_shelf):
    r = admin_shelf
    r.choose("Nitrile gloves")
    assert r.page.archive_button.isVisible()
    click(r, r.page.archive_button)
    box = find_dialog(r.qtbot, QMessageBox, title="Archive item")
    assert box.text() == "Nitrile gloves still has 3 on hand. Use, waste or adjust it to zero before archiving it."
    r.qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_closed(r.qtbot, box, "Enter")
    r.settle()
    assert not r.studio.services.inventory.item(r.studio.desk, r.stock.gloves).item.archived


def test_the_desk_manages_stock_but_may_not_archive(shelf):
    shelf.choose("Black ink")
    assert shelf.page.receive_button.isVisible() and shelf.page.waste_button.isVisible()
    assert not shelf.page.archive_button.isVisible()


def test_an_artist_sees_the_list_but_no_manage_buttons(artist_shelf):
    r = artist_shelf
    assert r.names() == ["Nitrile gloves", "3RL needles", "Black ink"]
    r.choose("Black ink")  # the item's view: its lots and history, no actions
    page = r.page
    for widget in (page.receive_button, page.new_button, page.stock_take_button, page.edit_button,
                   page.waste_button, page.return_button, page.adjust_button, page.archive_button,
                   page.recall_button):
        assert not widget.isVisible()


def test_the_purchase_list_is_saved_from_the_lists_menu_and_read_back(shelf, tmp_path):
    import csv
    import io

    from tests.ui.dialogs import choose_menu_action, choose_path

    r = shelf
    assert not r.page.recall_button.isHidden() and not r.page.lists_button.isHidden()
    r.qtbot.mouseClick(r.page.lists_button, Qt.MouseButton.LeftButton)
    choose_menu_action(r.qtbot, "Purchase list (CSV)…")
    target = tmp_path / "to-order.csv"
    choose_path(r.qtbot, target)
    r.qtbot.waitUntil(target.exists, timeout=DEADLINE)
    r.settle()
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert any("Nitrile gloves" in row for row in rows), rows  # at its threshold: on the list


def test_recall_opens_the_recall_search_for_the_desk(shelf):
    from studio.ui.inventory.recall_dialog import RecallDialog
    from tests.ui.dialogs import cancel

    r = shelf
    r.qtbot.mouseClick(r.page.recall_button, Qt.MouseButton.LeftButton)
    find_dialog(r.qtbot, RecallDialog)
    cancel(r.qtbot, RecallDialog)


def test_the_warning_days_before_expiry_are_set_on_the_page_and_the_alert_follows(shelf):
    r = shelf
    spin = r.page.warn_days
    assert spin.isVisible() and spin.value() == 30
    assert r.page.expiring_alert.isVisible() and r.page.expiring_alert.text() == "1 lot expires soon"  # B-200
    focus(r.qtbot, spin)
    spin.lineEdit().selectAll()
    r.qtbot.keyClicks(spin.lineEdit(), "5")
    r.qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: r.page.alerts.days == 5, timeout=DEADLINE)
    r.settle()
    assert r.studio.services.inventory.alerts(r.studio.desk).days == 5
    assert not r.page.expiring_alert.isVisible()  # B-200 expires in 20 days: no longer "soon"
