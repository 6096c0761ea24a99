"""The week view, driven with the mouse and keys through the real event loop: a slot
opens the new-appointment dialog, a drag moves a block (a clash snaps it back), its edge
resizes it, Ctrl+Z and Ctrl+Shift+Z undo and redo, the keys move the range, a right-click
changes the status, and an artist sees a colleague's block as busy."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from studio.services.scheduling import Status
from studio.ui.calendar.dialog import AppointmentDialog
from tests.ui.calendar.conftest import DEADLINE, MONDAY, at, open_calendar, pick_client
from tests.ui.dialogs import choose_menu_action, find_dialog, focus, press, wait_closed

TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def stored(calendar, appointment_id):
    desk = calendar.studio
    found = desk.services.scheduling.calendar(desk.admin, MONDAY, MONDAY + timedelta(days=6), include_cancelled=True)
    return next(a for a in found.appointments if a.id == appointment_id)


def test_clicking_an_empty_slot_opens_the_dialog_at_that_time_and_saving_books_it(calendar):
    qtbot = calendar.qtbot
    qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.point(1, 11 * 60))
    dialog = find_dialog(qtbot, AppointmentDialog)
    assert dialog.day.date().toPython() == TUESDAY
    assert (dialog.start.currentData(), dialog.end.currentData()) == (11 * 60, 12 * 60)

    pick_client(qtbot, dialog, "Ana")
    assert dialog.client.client_id == calendar.studio.ana_id
    qtbot.keyClicks(dialog.description, "Swallow")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the booking")

    desk = calendar.studio
    booked = desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments
    assert [(a.client_id, a.starts_at, a.ends_at, a.description) for a in booked] == [
        (desk.ana_id, at(TUESDAY, 11), at(TUESDAY, 12), "Swallow")]
    qtbot.waitUntil(lambda: calendar.grid.block_of(booked[0].id) is not None, timeout=DEADLINE)


def test_dragging_a_block_moves_it_and_the_ghost_shows_where(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    calendar.drag(calendar.block_point(appointment.id), calendar.point(2, 17 * 60))
    assert calendar.drag_landing == "16:00–18:00"
    calendar.qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(WEDNESDAY, 16), timeout=DEADLINE)
    assert stored(calendar, appointment.id).ends_at == at(WEDNESDAY, 18)
    calendar.wait_loaded()
    block = calendar.grid.block_of(appointment.id)
    assert block.column == 2 and block.sceneBoundingRect().top() == calendar.grid.minutes_y(16 * 60)


def test_a_drop_onto_a_clash_snaps_back_and_says_why(calendar):
    desk = calendar.studio
    moving = desk.book(start=at(TUESDAY, 12), hours=2)
    desk.book(start=at(WEDNESDAY, 16), hours=2, client_id=desk.ben_id)
    calendar.reload()
    calendar.drag(calendar.block_point(moving.id), calendar.point(2, 17 * 60))
    calendar.qtbot.waitUntil(lambda: calendar.page.banner.isVisible(), timeout=DEADLINE)
    assert "Ben Park" in calendar.page.banner.text()
    assert stored(calendar, moving.id).starts_at == at(TUESDAY, 12)
    block = calendar.grid.block_of(moving.id)
    assert block.column == 1 and block.sceneBoundingRect().top() == calendar.grid.minutes_y(12 * 60)


def test_dragging_the_bottom_edge_changes_the_end(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    calendar.drag(calendar.block_point(appointment.id, "bottom"), calendar.point(1, 14 * 60 + 45))
    calendar.qtbot.waitUntil(lambda: stored(calendar, appointment.id).ends_at == at(TUESDAY, 14, 45), timeout=DEADLINE)
    assert stored(calendar, appointment.id).starts_at == at(TUESDAY, 12)


def test_ctrl_z_undoes_a_move_and_ctrl_shift_z_redoes_it(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    calendar.drag(calendar.block_point(appointment.id), calendar.point(1, 14 * 60))
    qtbot = calendar.qtbot
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(TUESDAY, 13), timeout=DEADLINE)
    calendar.wait_loaded()
    focus(qtbot, calendar.grid)
    qtbot.keyClick(calendar.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(TUESDAY, 12), timeout=DEADLINE)
    calendar.wait_loaded()
    qtbot.keyClick(calendar.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(TUESDAY, 13), timeout=DEADLINE)
    assert stored(calendar, appointment.id).ends_at == at(TUESDAY, 15)


def test_the_keys_move_by_the_views_span_and_switch_views(calendar):
    qtbot, page = calendar.qtbot, calendar.page
    assert page.range_label.text() == "16–22 Mar 2026"
    focus(qtbot, page.grid)
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)
    assert page.range_label.text() == "23–29 Mar 2026"
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)
    assert page.range_label.text() == "9–15 Mar 2026"
    qtbot.keyClick(page.grid, Qt.Key.Key_T)
    assert page.range_label.text() == "16–22 Mar 2026"
    qtbot.keyClick(page.grid, Qt.Key.Key_1)
    assert page.switcher.current() == "day" and page.range_label.text() == "Monday, 16 March 2026"
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)
    assert page.range_label.text() == "Tuesday, 17 March 2026"
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    assert page.switcher.current() == "month" and page.range_label.text() == "March 2026"
    qtbot.keyClick(page.month, Qt.Key.Key_Right)
    assert page.range_label.text() == "April 2026"
    qtbot.keyClick(page.month, Qt.Key.Key_4)
    assert page.switcher.current() == "agenda" and page.stack.currentWidget() is page.agenda
    qtbot.keyClick(page.agenda, Qt.Key.Key_2)
    assert page.switcher.current() == "week" and page.stack.currentWidget() is page.grid
    calendar.wait_loaded()
    assert (page.data.first_day, page.data.last_day) == (page.span())


def test_right_click_check_in_changes_the_status(calendar):
    desk = calendar.studio
    appointment = desk.book(start=at(TUESDAY, 11), hours=2)
    calendar.reload()
    calendar.qtbot.mousePress(calendar.grid.viewport(), Qt.MouseButton.RightButton,
                              pos=calendar.block_point(appointment.id))
    choose_menu_action(calendar.qtbot, "Check in")
    calendar.qtbot.waitUntil(lambda: stored(calendar, appointment.id).status == Status.CHECKED_IN, timeout=DEADLINE)


def test_right_click_saves_the_clients_calendar_file(calendar, tmp_path):
    from icalendar import Calendar

    from tests.ui.dialogs import choose_path

    desk = calendar.studio
    appointment = desk.book(start=at(TUESDAY, 11), hours=2, description="Swallow", notes="nervous about needles")
    calendar.reload()
    calendar.qtbot.mousePress(calendar.grid.viewport(), Qt.MouseButton.RightButton,
                              pos=calendar.block_point(appointment.id))
    choose_menu_action(calendar.qtbot, "Save calendar file for the client…")
    target = tmp_path / "ana.ics"
    choose_path(calendar.qtbot, target)
    calendar.qtbot.waitUntil(target.exists, timeout=DEADLINE)
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == at(TUESDAY, 11) and "Swallow" in str(event.get("description"))
    assert b"nervous" not in target.read_bytes()


def test_the_menu_offers_only_what_the_status_allows(calendar):
    desk = calendar.studio
    appointment = desk.book(start=at(TUESDAY, 11), hours=2)
    record = desk.services.scheduling.set_status(desk.desk, appointment.id, Status.CHECKED_IN,
                                                 version=appointment.version).appointment
    desk.services.scheduling.set_status(desk.desk, record.id, Status.IN_PROGRESS, version=record.version)
    calendar.reload()
    calendar.qtbot.mousePress(calendar.grid.viewport(), Qt.MouseButton.RightButton,
                              pos=calendar.block_point(appointment.id))
    from PySide6.QtWidgets import QMenu

    menu = find_dialog(calendar.qtbot, QMenu)
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    # No cancel, reschedule or check-in any more; the desk may check it out (completing it first)
    # and record what the session used.
    assert labels == ["Edit…", "Check out…", "Record what was used…", "Complete", "Record deposit…"]


def test_an_artist_sees_a_colleagues_block_as_busy_and_cannot_drag_it(qtbot, ctx, settle, studio):
    theirs = studio.book(studio.mia, start=at(TUESDAY, 12), hours=2)
    calendar = open_calendar(qtbot, ctx, settle, studio, studio.leo)
    try:
        assert calendar.grid.block_of(theirs.id) is None  # Leo opens on his own calendar
        box = calendar.page.artist_boxes[studio.mia.staff_id]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        block = calendar.grid.block_of(theirs.id)
        assert block is not None and block.record.busy_only and block.record.client_name == ""
        assert block.tooltip().startswith("Busy")
        calendar.drag(calendar.block_point(theirs.id), calendar.point(2, 16 * 60))
        assert calendar.drag_landing == ""
        settle()
        assert stored(calendar, theirs.id).starts_at == at(TUESDAY, 12)
        assert calendar.grid.block_of(theirs.id).sceneBoundingRect().top() == calendar.grid.minutes_y(12 * 60)
    finally:
        calendar.window.idle.stop()
        calendar.window.close()
        settle()


def test_the_keys_choose_a_block_open_it_and_open_its_menu(calendar):
    desk = calendar.studio
    first = desk.book(start=at(TUESDAY, 11), hours=1)
    second = desk.book(start=at(TUESDAY, 14), hours=1, client_id=desk.ben_id)
    calendar.reload()
    qtbot, grid = calendar.qtbot, calendar.grid
    focus(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selected().record.id == second.id
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.selected().record.id == first.id
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find_dialog(qtbot, AppointmentDialog)
    assert dialog.client.query.text() == "Ana Lima"
    qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog, "Esc")
    focus(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    choose_menu_action(qtbot, "Confirm")
    qtbot.waitUntil(lambda: stored(calendar, first.id).status == Status.CONFIRMED, timeout=DEADLINE)


def test_an_appointment_over_midnight_is_drawn_on_both_days_and_moves_whole(calendar):
    from studio.services.scheduling import AppointmentInput, Kind

    desk = calendar.studio
    late = desk.services.scheduling.book(desk.desk, AppointmentInput(
        client_id=desk.ana_id, artist_id=desk.mia.staff_id, kind=Kind.SESSION, starts_at=at(TUESDAY, 22),
        ends_at=at(WEDNESDAY, 2)), outside_hours_ok=True)
    calendar.reload()
    pieces = [b for b in calendar.grid.blocks if b.record.id == late.id]
    assert [(b.column, b.start, b.lead) for b in pieces] == [(1, 22 * 60, 0), (2, 0, 120)]
    after_midnight = pieces[1].sceneBoundingRect()
    grid = calendar.grid
    grid.ensureVisible(after_midnight, 0, 20)
    start = grid.mapFromScene(after_midnight.center())
    calendar.drag(start, start + QPoint(0, int(grid.minutes_y(60))))  # the morning's piece, an hour later
    press(calendar.qtbot, "Move anyway", title="Outside working hours")
    calendar.qtbot.waitUntil(lambda: stored(calendar, late.id).starts_at == at(TUESDAY, 23), timeout=DEADLINE)
    assert stored(calendar, late.id).ends_at == at(WEDNESDAY, 3)


def test_alt_and_the_arrows_move_the_chosen_block_and_ctrl_z_undoes_it(calendar):
    desk = calendar.studio
    appointment = desk.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    qtbot, grid = calendar.qtbot, calendar.grid
    focus(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selected().record.id == appointment.id
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(TUESDAY, 12, 15), timeout=DEADLINE)
    calendar.wait_loaded()
    qtbot.keyClick(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # the next day, same time
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(WEDNESDAY, 12, 15), timeout=DEADLINE)
    assert stored(calendar, appointment.id).ends_at == at(WEDNESDAY, 14, 15)
    calendar.wait_loaded()
    assert grid.selected() is not None and grid.selected().record.id == appointment.id  # still chosen
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(calendar, appointment.id).starts_at == at(TUESDAY, 12, 15), timeout=DEADLINE)
