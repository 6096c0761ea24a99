"""The waitlist panel on its own, driven like a person: a client found as the desk types and
put on the list, then booked from it (a clash's sentence under the start, a day outside the
hours asked about and booked anyway), gone from the list once booked; and taken off."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from studio.services.scheduling import AppointmentInput, Kind
from tests.intake.conftest import ui  # noqa: F401 - a fixture: a page host on the studio
from tests.scheduling.conftest import LISBON
from tests.ui.dialogs import find_dialog, focus, press, wait_closed

TUESDAY, MONDAY = date(2027, 1, 5), date(2027, 1, 4)  # the studio opens Tuesday to Saturday


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_panel(qtbot, host):
    from studio.ui.calendar.waitlist_panel import WaitlistPanel

    panel = WaitlistPanel(host)
    qtbot.addWidget(panel)
    panel.resize(900, 360)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.empty.isVisible() or panel.model.rowCount() > 0, timeout=10_000)
    return panel


def add_ana(qtbot, panel, artist: str = "Mia") -> None:
    from studio.ui.calendar.waitlist_panel import AddToWaitlistDialog

    click(qtbot, panel.add_button)
    dialog = find_dialog(qtbot, AddToWaitlistDialog)
    focus(qtbot, dialog.client.query)
    qtbot.keyClicks(dialog.client.query, "ana li")
    matches = dialog.client.matches
    qtbot.waitUntil(lambda: matches.isVisible() and matches.count() == 1
                    and bool(matches.item(0).flags()), timeout=10_000)
    assert matches.item(0).text() == "Ana Lima · 912 345 678"
    click(qtbot, dialog.save_button)  # chosen nobody yet: the picker says so
    qtbot.waitUntil(lambda: dialog.fields["client_id"].error.text() == "Choose a client from the list.",
                    timeout=5_000)
    qtbot.mouseClick(matches.viewport(), Qt.MouseButton.LeftButton, pos=matches.visualItemRect(matches.item(0)).center())
    qtbot.waitUntil(lambda: dialog.client.client_id is not None, timeout=5_000)
    dialog.artist.setCurrentIndex(dialog.artist.findText(artist))
    dialog.first.setDate(QDate(2027, 1, 1))
    dialog.last.setDate(QDate(2027, 1, 31))
    focus(qtbot, dialog.notes)
    qtbot.keyClicks(dialog.notes, "Evenings only")
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog, "Add", timeout=10_000)


def test_a_client_is_added_booked_past_a_clash_and_leaves_the_list(qtbot, studio, ui):  # noqa: F811
    from studio.ui.calendar.waitlist_panel import BookFromWaitlistDialog

    host_for, toasts = ui
    start = datetime.combine(TUESDAY, time(13), LISBON)
    studio.services.scheduling.book(studio.desk, AppointmentInput(studio.ben_id, studio.mia.staff_id, Kind.SESSION,
                                                                  start, start.replace(hour=16)))
    panel = open_panel(qtbot, host_for(studio.desk))
    assert panel.empty.isVisible() and not panel.book_button.isEnabled()
    add_ana(qtbot, panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    assert [panel.model.index(0, c).data() for c in range(5)] == [
        "Ana Lima", "Mia", "Tattoo session", "1 Jan 2027 – 31 Jan 2027", "Evenings only"]
    [entry] = studio.services.waitlist.entries(studio.desk)
    assert (entry.client_id, entry.artist_id, entry.kind) == (studio.ana_id, studio.mia.staff_id, Kind.SESSION)

    panel.table.selectRow(0)
    click(qtbot, panel.book_button)
    book = find_dialog(qtbot, BookFromWaitlistDialog)
    assert book.when.artist.currentText() == "Mia" and book.when.length.currentText() == "3 hours"
    book.when.day.setDate(QDate(2027, 1, 5))
    book.when.start.setTime(QTime(12, 0))
    click(qtbot, book.save_button)
    error = book.fields["starts_at"].error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "Mia is with Ben Park" in error.text()
    assert studio.services.waitlist.entries(studio.desk) != ()

    book.when.day.setDate(QDate(2027, 1, 4))  # a Monday: the studio is closed
    click(qtbot, book.save_button)
    question = find_dialog(qtbot, QMessageBox, title="Outside working hours")
    assert "outside Mia's working hours" in question.text()
    with qtbot.waitSignal(panel.booked, timeout=10_000) as booked:
        press(qtbot, "Book anyway", title="Outside working hours")
    wait_closed(qtbot, book, "Book anyway")
    appointment = booked.args[0]
    assert (appointment.client_id, appointment.outside_hours, appointment.minutes) == (studio.ana_id, True, 180)
    assert appointment.starts_at == datetime.combine(MONDAY, time(12), LISBON)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
    assert studio.services.waitlist.entries(studio.desk) == ()
    assert any(t.startswith("Booked Ana Lima with Mia") for t in toasts)


def test_a_client_is_taken_off_the_list(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    panel = open_panel(qtbot, host_for(studio.desk))
    add_ana(qtbot, panel, artist="Any artist")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    assert panel.model.index(0, 1).data() == "Any artist"
    panel.table.selectRow(0)
    focus(qtbot, panel.table)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    press(qtbot, "Remove", title="Remove from waitlist")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
    assert panel.empty.isVisible() and studio.services.waitlist.entries(studio.desk) == ()


def test_an_artist_sees_the_list_without_its_actions(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    studio.services.waitlist.add(studio.desk, studio.ana_id, Kind.TOUCH_UP, date(2027, 1, 1), date(2027, 1, 9))
    panel = open_panel(qtbot, host_for(studio.mia))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    assert not any(b.isVisible() for b in (panel.add_button, panel.book_button, panel.remove_button))
