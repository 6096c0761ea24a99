"""Settings → Scheduling, driven like a person: the booking policy (a bad value's sentence
under its field, nothing saved), the studio's week (a stretch added, a day closed), an
artist on their own hours, and days off added and removed — each read back through the
services afterwards."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt
import shiboken6
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from studio.services.scheduling import SchedulingPolicy
from tests.intake.conftest import ui  # noqa: F401 - a fixture: a page host on the studio
from tests.ui.dialogs import find_dialog, focus, press, wait_closed

TUESDAY, WEDNESDAY, SATURDAY = 1, 2, 5
ELEVEN_TO_SEVEN = ((time(11), time(19)),)


def open_dialog(qtbot, host):
    from studio.ui.settings.scheduling import SchedulingSettingsDialog

    dialog = SchedulingSettingsDialog(host)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    return dialog


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tab(qtbot, dialog, title: str) -> None:
    bar = dialog.tabs.tabBar()
    index = next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: dialog.tabs.currentIndex() == index, timeout=5_000)


def retype(qtbot, edit, text: str) -> None:
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def save_and_close(qtbot, dialog) -> None:
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog, "Save", timeout=10_000)


def test_the_policy_is_saved_and_read_back_and_a_bad_value_saves_nothing(qtbot, studio, ui):  # noqa: F811
    host_for, toasts = ui
    dialog = open_dialog(qtbot, host_for(studio.admin))
    form = dialog.policy_form
    assert dialog.tabs.tabText(0) == "Booking policy" and form.amount.text() == "50,00\u00a0€"

    retype(qtbot, form.late_cancel, "1000")  # over the service's 30 days
    click(qtbot, dialog.save_button)
    error = form.fields["late_cancel_hours"].error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "The late-cancel window must be between 0 and 720 hours."
    assert studio.services.hours.policy(studio.admin) == SchedulingPolicy()
    assert dialog.isVisible()

    retype(qtbot, form.late_cancel, "lots")  # not a number: the form's own sentence
    qtbot.keyClick(form.late_cancel, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "whole number" in error.text(), timeout=5_000)

    retype(qtbot, form.late_cancel, "48")
    retype(qtbot, form.amount, "75,50")
    retype(qtbot, form.reschedules, "2")
    retype(qtbot, form.lateness, "20")
    form.outcome.setCurrentIndex(form.outcome.findData(True))
    focus(qtbot, form.lateness)
    qtbot.keyClick(form.lateness, Qt.Key.Key_Return)  # Enter saves
    wait_closed(qtbot, dialog, "Enter", timeout=10_000)
    assert studio.services.hours.policy(studio.admin) == SchedulingPolicy(
        deposit_cents=7550, late_cancel_hours=48, reschedules_kept=2, keep_as_credit=True, lateness_minutes=20)
    assert toasts == ["Scheduling settings saved."]

    again = open_dialog(qtbot, host_for(studio.admin))
    again.policy_form.deposit_kind.setCurrentIndex(1)
    retype(qtbot, again.policy_form.percent, "30")
    save_and_close(qtbot, again)
    saved = studio.services.hours.policy(studio.admin)
    assert (saved.deposit_percent, saved.deposit_cents) == (30, 7550)


def test_the_studio_week_gets_a_stretch_and_a_closed_day(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    dialog = open_dialog(qtbot, host_for(studio.desk))  # the front desk: no policy tab
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Working hours", "Days off"]
    tuesday, wednesday = dialog.hours_tab.editor.days[TUESDAY], dialog.hours_tab.editor.days[WEDNESDAY]
    click(qtbot, tuesday.add)
    qtbot.waitUntil(lambda: len(tuesday.stretches) == 2, timeout=5_000)
    click(qtbot, wednesday.open)
    qtbot.waitUntil(lambda: not wednesday.open.isChecked(), timeout=5_000)
    save_and_close(qtbot, dialog)

    week, own = studio.services.hours.hours(studio.admin)
    assert week[TUESDAY] == ((time(11), time(19)), (time(20), time(21)))
    assert week[WEDNESDAY] == () and week[SATURDAY] == ELEVEN_TO_SEVEN and own == {}


def test_an_artist_gets_their_own_hours_and_back(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    dialog = open_dialog(qtbot, host_for(studio.admin))
    tab(qtbot, dialog, "Working hours")
    hours = dialog.hours_tab
    hours.whose.setCurrentIndex(hours.whose.findText("Mia"))
    assert hours.same.isChecked() and not hours.editor.days[SATURDAY].open.isEnabled()
    click(qtbot, hours.own)
    qtbot.waitUntil(lambda: hours.editor.days[SATURDAY].open.isEnabled(), timeout=5_000)
    click(qtbot, hours.editor.days[SATURDAY].open)  # Mia keeps her Saturdays
    save_and_close(qtbot, dialog)

    studio_week, own = studio.services.hours.hours(studio.admin)
    assert set(own) == {studio.mia.staff_id}
    assert own[studio.mia.staff_id][SATURDAY] == () and own[studio.mia.staff_id][TUESDAY] == ELEVEN_TO_SEVEN
    assert studio_week[SATURDAY] == ELEVEN_TO_SEVEN

    again = open_dialog(qtbot, host_for(studio.admin))
    tab(qtbot, again, "Working hours")
    again.hours_tab.whose.setCurrentIndex(again.hours_tab.whose.findText("Mia"))
    assert again.hours_tab.own.isChecked()
    click(qtbot, again.hours_tab.same)
    save_and_close(qtbot, again)
    assert studio.services.hours.hours(studio.admin)[1] == {}


def test_unsaved_hours_ask_before_closing(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    dialog = open_dialog(qtbot, host_for(studio.admin))
    tab(qtbot, dialog, "Working hours")
    click(qtbot, dialog.hours_tab.editor.days[TUESDAY].open)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    box = find_dialog(qtbot, QMessageBox, title="Unsaved changes")
    press(qtbot, "Discard changes", title="Unsaved changes")
    wait_closed(qtbot, dialog, "Discard changes")
    qtbot.waitUntil(lambda: not shiboken6.isValid(box), timeout=5_000)  # the question is gone for good
    assert studio.services.hours.hours(studio.admin)[0][TUESDAY] == ELEVEN_TO_SEVEN


def test_days_off_are_added_and_removed(qtbot, studio, ui):  # noqa: F811
    from studio.ui.settings.time_off import AddTimeOffDialog

    host_for, toasts = ui
    dialog = open_dialog(qtbot, host_for(studio.desk))
    tab(qtbot, dialog, "Days off")
    days_off = dialog.time_off_tab
    assert days_off.empty.isVisible() and not days_off.remove_button.isEnabled()
    click(qtbot, days_off.add_button)
    add = find_dialog(qtbot, AddTimeOffDialog)
    add.who.setCurrentIndex(add.who.findText("Mia"))
    add.first.setDate(QDate(2026, 12, 24))
    add.last.setDate(QDate(2026, 12, 31))
    focus(qtbot, add.reason)
    qtbot.keyClicks(add.reason, "Holidays")
    click(qtbot, add.save_button)
    wait_closed(qtbot, add, "Add")
    qtbot.waitUntil(lambda: days_off.model.rowCount() == 1, timeout=10_000)
    assert [days_off.model.index(0, c).data() for c in range(4)] == ["Mia", "24 Dec 2026", "31 Dec 2026", "Holidays"]
    [record] = studio.services.hours.time_off(studio.admin, date(2026, 12, 1), date(2026, 12, 31))
    assert (record.artist_id, record.first_day, record.last_day) == (studio.mia.staff_id, date(2026, 12, 24),
                                                                     date(2026, 12, 31))

    days_off.table.selectRow(0)
    focus(qtbot, days_off.table)
    qtbot.keyClick(days_off.table, Qt.Key.Key_Delete)
    press(qtbot, "Remove", title="Remove days off")
    qtbot.waitUntil(lambda: days_off.model.rowCount() == 0, timeout=10_000)
    assert studio.services.hours.time_off(studio.admin, date(2026, 12, 1), date(2026, 12, 31)) == ()
    assert "Days off removed." in toasts
    click(qtbot, next(b for b in dialog.buttons.findChildren(QAbstractButton) if b.text() == "Cancel"))
    wait_closed(qtbot, dialog, "Cancel")
