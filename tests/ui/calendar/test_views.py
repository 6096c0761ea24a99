"""The day, month and agenda views, the legend's filter and Ctrl+N, on the real page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from studio.ui.calendar.dialog import AppointmentDialog
from tests.ui.calendar.conftest import DEADLINE, MONDAY, at, stored
from tests.ui.dialogs import cancel, find_dialog, focus

TUESDAY = MONDAY + timedelta(days=1)
CTRL = Qt.KeyboardModifier.ControlModifier


def day_view_on_tuesday(calendar) -> None:
    focus(calendar.qtbot, calendar.grid)
    calendar.qtbot.keyClick(calendar.grid, Qt.Key.Key_1)
    calendar.qtbot.keyClick(calendar.grid, Qt.Key.Key_Right)
    calendar.wait_loaded()
    assert [c.title for c in calendar.grid.columns] == ["Leo", "Mia"]


def test_the_day_view_has_a_column_per_artist_and_a_drag_across_changes_the_artist(calendar):
    desk = calendar.studio
    appointment = desk.book(desk.mia, start=at(TUESDAY, 12), hours=2)
    day_view_on_tuesday(calendar)
    assert calendar.grid.block_of(appointment.id).column == 1
    calendar.drag(calendar.block_point(appointment.id), calendar.point(0, 13 * 60))
    calendar.qtbot.waitUntil(lambda: stored(desk, appointment.id).artist_id == desk.leo.staff_id, timeout=DEADLINE)
    assert stored(desk, appointment.id).starts_at == at(TUESDAY, 12)


def test_a_click_in_an_artists_column_books_with_that_artist(calendar):
    desk = calendar.studio
    day_view_on_tuesday(calendar)
    calendar.qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.point(1, 16 * 60))
    dialog = find_dialog(calendar.qtbot, AppointmentDialog)
    assert dialog.artist.currentData() == desk.mia.staff_id
    assert (dialog.start.currentData(), dialog.end.currentData()) == (16 * 60, 17 * 60)
    cancel(calendar.qtbot, AppointmentDialog)


def test_a_drag_across_empty_time_proposes_that_span(calendar):
    start, end = calendar.point(2, 12 * 60), calendar.point(2, 14 * 60 + 20)
    calendar.drag(start, end)
    assert calendar.drag_landing == "12:00–14:30"
    dialog = find_dialog(calendar.qtbot, AppointmentDialog)
    assert dialog.day.date().toPython() == MONDAY + timedelta(days=2)
    assert (dialog.start.currentData(), dialog.end.currentData()) == (12 * 60, 14 * 60 + 30)
    cancel(calendar.qtbot, AppointmentDialog)


def test_the_month_view_counts_each_day_and_a_click_opens_it(calendar):
    desk = calendar.studio
    desk.book(desk.mia, start=at(TUESDAY, 12), hours=2)
    desk.book(desk.leo, start=at(TUESDAY, 16), hours=1.5)
    focus(calendar.qtbot, calendar.grid)
    calendar.qtbot.keyClick(calendar.grid, Qt.Key.Key_3)
    calendar.wait_loaded()
    month = calendar.page.month
    assert month.summary(TUESDAY) == "2 appointments\n3,5 h"  # en_PT writes a decimal comma and month.summary(MONDAY) == ""
    calendar.qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=month.day_point(TUESDAY))
    calendar.wait_loaded()
    assert calendar.page.switcher.current() == "day" and calendar.page.range_label.text() == "Tuesday, 17 March 2026"
    assert len(calendar.grid.blocks) == 2


def test_the_agenda_lists_the_week_and_a_double_click_opens_one(calendar):
    desk = calendar.studio
    desk.book(desk.mia, start=at(TUESDAY, 12), hours=2, description="Swallow")
    calendar.qtbot.mouseClick(calendar.page.switcher.buttons["agenda"], Qt.MouseButton.LeftButton)
    calendar.wait_loaded()
    table, model = calendar.page.agenda, calendar.page.agenda_model
    assert [model.data(model.index(0, c)) for c in range(6)] == [
        "Tue, 17 Mar", "12:00–14:00", "Mia", "Ana Lima", "Swallow", "Booked · awaiting deposit"]
    rect = table.visualRect(model.index(0, 3))
    calendar.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    calendar.qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = find_dialog(calendar.qtbot, AppointmentDialog)
    assert dialog.description.text() == "Swallow"
    cancel(calendar.qtbot, AppointmentDialog)


def test_the_legend_hides_and_shows_an_artist(calendar):
    desk = calendar.studio
    appointment = desk.book(desk.mia, start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    box = calendar.page.artist_boxes[desk.mia.staff_id]
    calendar.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert calendar.grid.block_of(appointment.id) is None
    calendar.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert calendar.grid.block_of(appointment.id) is not None


def test_ctrl_n_opens_a_new_appointment(calendar):
    focus(calendar.qtbot, calendar.grid)
    calendar.qtbot.keyClick(calendar.grid, Qt.Key.Key_N, CTRL)
    dialog = find_dialog(calendar.qtbot, AppointmentDialog)
    assert dialog.windowTitle() == "New appointment"
    assert (dialog.day.date().toPython(), dialog.start.currentData()) == (MONDAY, 9 * 60)  # the next quarter hour
    cancel(calendar.qtbot, AppointmentDialog)


def test_every_view_and_the_dialog_fit_a_laptop_screen(calendar):
    from tests.ui.geometry import problems

    desk = calendar.studio
    desk.book(desk.mia, start=at(TUESDAY, 12), hours=2, description="A long piece: koi and peonies over the shoulder")
    assert calendar.window.size().width() == 1366 and calendar.window.size().height() == 768
    for key in ("day", "week", "month", "agenda"):
        calendar.qtbot.mouseClick(calendar.page.switcher.buttons[key], Qt.MouseButton.LeftButton)
        calendar.wait_loaded()
        window = calendar.window
        assert (window.width(), window.height()) == (1366, 768), key  # the page did not push the window wider
        assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 768, key
        assert problems(window) == [], key
    calendar.qtbot.mouseClick(calendar.page.new_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(calendar.qtbot, AppointmentDialog)
    calendar.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    calendar.qtbot.waitUntil(lambda: dialog.fields["client_id"].error.isVisible(), timeout=DEADLINE)
    assert dialog.height() <= 768 - 40 and problems(dialog) == []
    cancel(calendar.qtbot, AppointmentDialog)


def test_the_waitlist_button_shows_who_waits_and_a_view_brings_the_calendar_back(calendar):
    from studio.services.scheduling import Kind

    desk = calendar.studio
    desk.services.waitlist.add(desk.desk, desk.ben_id, Kind.SESSION, MONDAY, MONDAY + timedelta(days=10))
    page = calendar.page
    calendar.qtbot.mouseClick(page.waitlist_button, Qt.MouseButton.LeftButton)
    panel = page.waitlist_panel
    calendar.qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=DEADLINE)
    assert page.stack.currentWidget() is panel and panel.model.rows[0].client_name == "Ben Park"
    calendar.qtbot.mouseClick(page.switcher.buttons["week"], Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.grid and not page.waitlist_button.isChecked()
