"""Editors the calendar's dialogs share: times of day in quarter hours (in the studio's
way of writing them), a day, and a client found as you type."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit

from studio.services.common import _
from studio.ui.calendar.times import DAY_MINUTES, SNAP_MINUTES, minute_text
from studio.ui.kit.format import date_edit_format
from studio.ui.kit.widgets import SEARCH_DELAY_MS

CLIENT_MATCHES = 12


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


class ClientPicker(QLineEdit):
    """A client's name, searched as it is typed (the clients search service); choosing a
    match from the list sets ``client_id``. Typing again forgets the choice."""

    chosen = Signal(object)  # the client id, or None once the text no longer names one

    def __init__(self, host, parent=None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("ClientPicker")
        self.setPlaceholderText(_("Type a name, phone or email"))
        self.client_id: int | None = None
        self._names: dict[str, int] = {}
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.activated[str].connect(self._picked)
        self.setCompleter(self._completer)
        self._generation = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._search)
        self.textEdited.connect(self._typed)

    @property
    def popup(self):
        return self._completer.popup()

    def set_client(self, client_id: int | None, name: str) -> None:
        self.client_id = client_id
        self.setText(name)

    def _typed(self, _text: str) -> None:
        if self.client_id is not None:
            self.client_id = None
            self.chosen.emit(None)
        self._debounce.start()

    def _search(self) -> None:
        text = self.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._model.setStringList([])
            return
        self.host.call(lambda s, a: s.clients.search(a, text, CLIENT_MATCHES),
                       lambda found: self._found(generation, found), lambda _e: None)

    def _found(self, generation: int, found) -> None:
        if generation != self._generation or not self.isVisible():
            return
        labels, self._names = [], {}
        for row in found.rows:
            # Two clients of one name are told apart by their phone or email.
            text = row.full_name if row.full_name not in self._names else \
                f"{row.full_name} · {row.phone_display or row.email}"
            self._names[text] = row.id
            labels.append(text)
        self._model.setStringList(labels)
        if labels and self.hasFocus():
            self._completer.complete()
        if len(labels) == 1 and labels[0].casefold() == self.text().strip().casefold():
            self._picked(labels[0])

    def _picked(self, text: str) -> None:
        client_id = self._names.get(text)
        if client_id is None:
            return
        self.client_id = client_id
        name = text.split(" · ")[0]
        self.setText(name)
        self.chosen.emit(client_id)
