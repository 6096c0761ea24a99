"""Editors the calendar's dialogs share: times of day in quarter hours (in the studio's
way of writing them) and a day. (The client found as you type is the waitlist panel's
ClientPicker.)"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit

from studio.ui.calendar.times import DAY_MINUTES, SNAP_MINUTES, minute_text
from studio.ui.kit.format import date_edit_format


def time_combo(first: int = 0, last: int = DAY_MINUTES - SNAP_MINUTES) -> QComboBox:
    """A time of day in quarter hours; the minutes from midnight are each item's data."""
    combo = QComboBox()
    combo.setMaxVisibleItems(12)
    for minutes in range(first, last + 1, SNAP_MINUTES):
        combo.addItem(minute_text(minutes), minutes)
    return combo


def set_minutes(combo: QComboBox, minutes: int) -> None:
    """Choose ``minutes`` (added in its place when it is off the quarter hours)."""
    index = combo.findData(minutes)
    if index < 0:
        index = next((i for i in range(combo.count()) if combo.itemData(i) > minutes), combo.count())
        combo.insertItem(index, minute_text(minutes), minutes)
    combo.setCurrentIndex(index)


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    date_edit_format(edit)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def day_of(edit: QDateEdit) -> date:
    return edit.date().toPython()


def local_moment(day: date, minutes: int, zone) -> datetime:
    from studio.ui.calendar.times import at_minutes

    return at_minutes(day, minutes, zone)
