"""Recording what a session used, driven by keys and clicks on a real studio: a scanner
typing a barcode and Enter adds the line, the artist's last lot comes preselected, an
expired lot is asked about and then recorded as such, using more than is left says how
many are left and saves nothing; the calendar's menu and the appointment dialog open it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from shiboken6 import isValid

from studio.services.inventory import MovementKind, Use
from studio.ui.inventory import UseDialog, open_use
from tests.inventory.conftest import stock  # noqa: F401 - the fixture: a small stock list
from tests.register.conftest import finished
from tests.scheduling.conftest import MONDAY, at, studio  # noqa: F401 - the scheduling studio
from tests.ui.calendar.conftest import DEADLINE, calendar, ui_config  # noqa: F401 - the calendar's fixtures
from tests.ui.dialogs import cancel, choose_menu_action, find_dialog, focus, press

TUESDAY = MONDAY + timedelta(days=1)


def opened(qtbot, calendar, record) -> UseDialog:
    dialog = open_use(calendar.page.host, calendar.page, record)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=DEADLINE)
    calendar.settle()
    return dialog


def scan(qtbot, dialog: UseDialog, code: str) -> None:
    """A USB scanner: the code's keys, then Enter, into the focused scan field."""
    focus(qtbot, dialog.scan)
    qtbot.keyClicks(dialog.scan, code)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)


def closed(dialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def lots_read(line) -> bool:
    return line.lot.isEnabled() and line.lot.currentData() is not None


def test_a_scanned_barcode_adds_the_item_with_the_artists_last_lot_and_saving_records_the_use(
        qtbot, calendar, stock):
    studio = calendar.studio
    booked = studio.book(studio.mia, at(TUESDAY, 12), 2)
    other = finished(studio, studio.book(studio.mia, at(MONDAY + timedelta(days=2), 12), 2))
    studio.services.stock.use(studio.mia, (Use(stock.black, 1, stock.lot_a),), appointment_id=other.id)
    done = finished(studio, booked)
    dialog = opened(qtbot, calendar, done)
    assert not dialog.lines and dialog.empty.isVisible()
    scan(qtbot, dialog, "8400001")
    qtbot.waitUntil(lambda: len(dialog.lines) == 1 and lots_read(dialog.lines[0]), timeout=DEADLINE)
    line = dialog.lines[0]
    assert line.item.name == "Black ink"
    assert line.lot.currentText().startswith("A-100")  # Mia's last lot, though B-200 expires sooner
    assert line.lot.itemText(1).startswith("B-200")
    scan(qtbot, dialog, "8400001")  # the same bottle scanned again: one more on its line
    qtbot.waitUntil(lambda: line.quantity.value() == 2, timeout=DEADLINE)
    scan(qtbot, dialog, "0000000")
    qtbot.waitUntil(dialog.scan_error.isVisible, timeout=DEADLINE)
    assert "No item has the barcode “0000000”" in dialog.scan_error.text() and len(dialog.lines) == 1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=DEADLINE)
    used = studio.services.stock.session_use(studio.desk, done.id)
    assert [(m.kind, m.delta, m.lot_number, m.expired_use) for m in used] == [(MovementKind.USED, -2, "A-100", False)]


def test_a_lots_own_barcode_picks_that_lot_and_the_session_lists_what_it_already_used(qtbot, calendar, stock):
    studio = calendar.studio
    done = finished(studio, studio.book(studio.mia, at(TUESDAY, 12), 2))
    studio.services.stock.use(studio.desk, (Use(stock.gloves, 2),), appointment_id=done.id)
    dialog = opened(qtbot, calendar, done)
    assert dialog.used.isVisible() and dialog.used.rowCount() == 1
    assert [dialog.used.item(0, c).text() for c in range(3)] == ["Nitrile gloves", "—", "2"]
    scan(qtbot, dialog, "LOT-A100")
    qtbot.waitUntil(lambda: len(dialog.lines) == 1 and lots_read(dialog.lines[0]), timeout=DEADLINE)
    assert dialog.lines[0].lot.currentData() == stock.lot_a
    cancel(qtbot, UseDialog)


def test_an_expired_lot_asks_first_and_is_then_recorded_as_an_expired_use(qtbot, calendar, stock):
    studio = calendar.studio
    later = MONDAY + timedelta(days=22)  # a Tuesday: B-200 expired two days before
    done = finished(studio, studio.book(studio.mia, at(later, 12), 2))
    dialog = opened(qtbot, calendar, done)
    scan(qtbot, dialog, "8400001")
    qtbot.waitUntil(lambda: len(dialog.lines) == 1 and lots_read(dialog.lines[0]), timeout=DEADLINE)
    line = dialog.lines[0]
    assert line.lot.currentText().startswith("B-200 · EXPIRED")  # soonest first; marked
    assert "expires" in line.lot.itemText(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    from PySide6.QtWidgets import QMessageBox

    box = find_dialog(qtbot, QMessageBox, title="Expired lot")
    assert "Lot B-200 of Black ink expired on" in box.text()
    assert studio.services.stock.session_use(studio.desk, done.id) == ()  # nothing yet
    press(qtbot, "Use it anyway", title="Expired lot")
    qtbot.waitUntil(lambda: closed(dialog), timeout=DEADLINE)
    used = studio.services.stock.session_use(studio.desk, done.id)
    assert [(m.lot_number, m.delta, m.expired_use) for m in used] == [("B-200", -1, True)]


def test_using_more_than_is_left_says_how_many_are_left_and_saves_nothing(qtbot, calendar, stock):
    studio = calendar.studio
    done = finished(studio, studio.book(studio.mia, at(TUESDAY, 12), 2))
    dialog = opened(qtbot, calendar, done)
    focus(qtbot, dialog.picker)
    index = dialog.picker.findText("Nitrile gloves (Gloves)")
    assert index == dialog.picker.count() - 1  # inks, needles and cartridges come first
    while dialog.picker.currentIndex() < index:
        qtbot.keyClick(dialog.picker, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.lines) == 1, timeout=DEADLINE)
    line = dialog.lines[0]
    assert not line.lot.isEnabled()
    focus(qtbot, line.quantity)
    line.quantity.selectAll()
    qtbot.keyClicks(line.quantity, "9")
    assert line.quantity.value() == 9
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.general.isVisible, timeout=DEADLINE)
    assert dialog.general.text() == "Only 8 of Nitrile gloves are left."
    assert studio.services.stock.session_use(studio.desk, done.id) == ()
    assert studio.services.inventory.item(studio.desk, stock.gloves).item.on_hand == 8
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    cancel(qtbot, UseDialog)


def test_the_calendars_menu_and_the_appointment_dialog_open_it(qtbot, calendar, stock):
    from studio.ui.calendar.dialog import AppointmentDialog

    studio = calendar.studio
    done = finished(studio, studio.book(studio.mia, at(TUESDAY, 12), 2))
    calendar.reload()
    qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.RightButton, pos=calendar.block_point(done.id))
    choose_menu_action(qtbot, "Record what was used…")
    dialog = find_dialog(qtbot, UseDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=DEADLINE)
    assert "Ana Lima" in dialog.findChild(type(dialog.empty), "UseWho").text()
    cancel(qtbot, UseDialog)
    qtbot.mouseDClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.block_point(done.id))
    edit = find_dialog(qtbot, AppointmentDialog)
    qtbot.mouseClick(edit.use_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(qtbot, UseDialog)
    assert not edit.isVisible()
    cancel(qtbot, UseDialog)


def test_an_artist_records_use_from_her_own_session_and_a_colleagues_has_no_such_entry(qtbot, ctx, settle, stock):
    from tests.ui.calendar.conftest import open_calendar

    studio = stock.desk
    booked = studio.book(studio.mia, at(TUESDAY, 12), 2), studio.book(studio.leo, at(TUESDAY, 12), 2,
                                                                        client_id=studio.ben_id)
    mine, theirs = (finished(studio, b) for b in booked)
    mia = open_calendar(qtbot, ctx, settle, studio, studio.mia)
    try:
        qtbot.mouseClick(mia.grid.viewport(), Qt.MouseButton.RightButton, pos=mia.block_point(mine.id))
        choose_menu_action(qtbot, "Record what was used…")
        dialog = find_dialog(qtbot, UseDialog)
        qtbot.waitUntil(lambda: dialog.loaded, timeout=DEADLINE)
        assert dialog.record.id == mine.id
        cancel(qtbot, UseDialog)
        from studio.ui.calendar.actions import can_record_use

        seen = studio.services.scheduling.appointment(studio.mia, theirs.id)
        assert seen.busy_only and not can_record_use(seen, studio.mia.role)
    finally:
        mia.window.idle.stop()
        mia.window.close()
        settle()
