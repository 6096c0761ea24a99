"""The appointment dialog and the block's actions on the real page: editing, errors under
their fields, the clash's sentence under the start, times outside working hours asked
about, unsaved changes, the deposit, and a cancel that offers the waitlist's client."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.services.scheduling import DepositState, Kind, Status
from studio.ui.calendar.actions import CancelDialog, DepositDialog
from studio.ui.calendar.dialog import AppointmentDialog
from tests.ui.calendar.conftest import DEADLINE, MONDAY, at, pick_client, stored
from tests.ui.dialogs import choose_menu_action, find_dialog, press, wait_closed

TUESDAY = MONDAY + timedelta(days=1)


def open_slot(calendar, column: int, minutes: int) -> AppointmentDialog:
    calendar.qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton,
                              pos=calendar.point(column, minutes))
    return find_dialog(calendar.qtbot, AppointmentDialog)


def test_double_clicking_a_block_edits_it(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2, description="Rose")
    calendar.reload()
    qtbot = calendar.qtbot
    qtbot.mouseDClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.block_point(appointment.id))
    dialog = find_dialog(qtbot, AppointmentDialog)
    assert dialog.description.text() == "Rose" and dialog.client.query.text() == "Ana Lima"
    dialog.description.selectAll()
    qtbot.keyClicks(dialog.description, "Peony")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the save")
    assert stored(calendar.studio, appointment.id).description == "Peony"


def test_a_clash_shows_its_sentence_under_the_start(calendar):
    desk = calendar.studio
    desk.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    dialog = open_slot(calendar, 1, 14 * 60)  # just after Ana's session with Mia
    qtbot = calendar.qtbot
    pick_client(qtbot, dialog, "Ben")
    dialog.artist.setCurrentIndex(dialog.artist.findData(desk.mia.staff_id))
    for _quarter in range(4):  # an hour earlier, from the keyboard
        qtbot.keyClick(dialog.start, Qt.Key.Key_Up)
    assert (dialog.start.currentData(), dialog.end.currentData()) == (13 * 60, 14 * 60)
    calendar.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.fields["starts_at"].error
    calendar.qtbot.waitUntil(lambda: error.isVisible(), timeout=DEADLINE)
    assert error.text() == "Mia is with Ana Lima 12:00–14:00."
    dialog.done(0)
    assert len(desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments) == 1


def test_an_empty_client_and_a_bad_price_are_told_under_their_fields(calendar):
    dialog = open_slot(calendar, 1, 11 * 60)
    qtbot = calendar.qtbot
    qtbot.keyClicks(dialog.price, "twelve")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields["client_id"].error.isVisible(), timeout=DEADLINE)
    assert dialog.fields["client_id"].error.text() == "Choose the client."
    assert "is not an amount" in dialog.fields["price"].error.text()
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "120")
    pick_client(qtbot, dialog, "Ana")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the booking")
    desk = calendar.studio
    booked = desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments
    assert [a.price_cents for a in booked] == [12000]


def test_a_time_outside_working_hours_is_asked_about_then_booked(calendar):
    dialog = open_slot(calendar, 1, 19 * 60)  # the studio closes at 19:00
    pick_client(calendar.qtbot, dialog, "Ana")
    calendar.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = find_dialog(calendar.qtbot, QMessageBox, title="Outside working hours")
    assert "outside" in box.text()
    press(calendar.qtbot, "Book anyway")
    wait_closed(calendar.qtbot, dialog, "the booking")
    desk = calendar.studio
    booked = desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments
    assert [(a.starts_at, a.outside_hours) for a in booked] == [(at(TUESDAY, 19), True)]


def test_closing_with_changes_asks_first(calendar):
    dialog = open_slot(calendar, 1, 11 * 60)
    qtbot = calendar.qtbot
    qtbot.keyClicks(dialog.description, "Swallow")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)
    press(qtbot, "Keep editing")
    assert dialog.isVisible() and dialog.description.text() == "Swallow"
    qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)
    press(qtbot, "Discard changes")
    wait_closed(qtbot, dialog, "discarding")
    desk = calendar.studio
    assert desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments == ()


def test_record_deposit_from_the_dialog(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2)
    assert appointment.deposit == DepositState.AWAITING
    calendar.reload()
    qtbot = calendar.qtbot
    qtbot.mouseDClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.block_point(appointment.id))
    dialog = find_dialog(qtbot, AppointmentDialog)
    qtbot.mouseClick(dialog.deposit_button, Qt.MouseButton.LeftButton)
    deposit = find_dialog(qtbot, DepositDialog)
    qtbot.keyClicks(deposit.amount, "50")
    qtbot.mouseClick(deposit.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, deposit, "the deposit")
    assert stored(calendar.studio, appointment.id).deposit == DepositState.HELD
    qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog, "Esc")


def test_a_drop_outside_working_hours_asks_and_moves_once_confirmed(calendar):
    appointment = calendar.studio.book(start=at(TUESDAY, 12), hours=2)
    calendar.reload()
    calendar.drag(calendar.block_point(appointment.id), calendar.point(1, 19 * 60))  # → 18:00–20:00, past closing
    press(calendar.qtbot, "Move anyway", title="Outside working hours")
    calendar.qtbot.waitUntil(lambda: stored(calendar.studio, appointment.id).starts_at == at(TUESDAY, 18),
                             timeout=DEADLINE)
    assert stored(calendar.studio, appointment.id).outside_hours


def test_cancelling_offers_the_waitlist_and_books_in_one_click(calendar):
    desk = calendar.studio
    appointment = desk.book(start=at(TUESDAY, 12), hours=2)
    desk.services.waitlist.add(desk.desk, desk.ben_id, Kind.SESSION, MONDAY, MONDAY + timedelta(days=10),
                               artist_id=desk.mia.staff_id)
    calendar.reload()
    qtbot = calendar.qtbot
    qtbot.mousePress(calendar.grid.viewport(), Qt.MouseButton.RightButton, pos=calendar.block_point(appointment.id))
    choose_menu_action(qtbot, "Cancel…")
    dialog = find_dialog(qtbot, CancelDialog)
    qtbot.keyClicks(dialog.reason, "Ill")
    dialog.who.setCurrentIndex(1)  # the studio cancelled
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the cancel")
    cancelled = stored(desk, appointment.id)
    assert (cancelled.status, cancelled.cancel_reason) == (Status.CANCELLED, "Ill")
    box = find_dialog(qtbot, QMessageBox, title="Waitlist")
    assert "Ben Park" in box.text()
    press(qtbot, "Book Ben Park")
    qtbot.waitUntil(lambda: any(a.client_id == desk.ben_id for a in
                                desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments),
                    timeout=DEADLINE)
    booked = [a for a in desk.services.scheduling.calendar(desk.admin, TUESDAY, TUESDAY).appointments
              if a.client_id == desk.ben_id]
    assert [(a.artist_id, a.starts_at, a.ends_at) for a in booked] == [(desk.mia.staff_id, at(TUESDAY, 12),
                                                                        at(TUESDAY, 14))]
