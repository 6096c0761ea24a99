"""Days off and closed days: the list (whose, first and last day, reason) with Add and
Remove; a day off added takes effect at once (booked appointments on it stay)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from studio.services.common import N_, _
from studio.services.scheduling import ArtistRecord, TimeOffRecord
from studio.ui.kit import prompts
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.format import date_edit_format, short_date
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.kit.widgets import EmptyState, Field, button, configure_table, label, line_edit

STUDIO_CLOSED = N_("Studio closed")
# What the list shows: a month back, two years ahead.
SHOWN_BACK, SHOWN_AHEAD = timedelta(days=31), timedelta(days=2 * 366)


def shown_range(today: date) -> tuple[date, date]:
    return today - SHOWN_BACK, today + SHOWN_AHEAD


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TimeOffModel(RecordTableModel[TimeOffRecord]):
    COLUMNS = (N_("Who"), N_("First day"), N_("Last day"), N_("Reason"))

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[int, str] = {}

    def cell(self, r: TimeOffRecord, column: int):
        if column == 0:
            return _(STUDIO_CLOSED) if r.artist_id is None else self.names.get(r.artist_id, "")
        if column == 1:
            return short_date(r.first_day)
        if column == 2:
            return short_date(r.last_day)
        return r.reason  # as typed


class AddTimeOffDialog(FormDialog):
    added = Signal(object)

    def __init__(self, host, artists: tuple[ArtistRecord, ...], today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Add days off"), _("Booked appointments on those days stay; the calendar shades the days."),
                         parent, save_text=_("Add"))
        self.setObjectName("AddTimeOffDialog")
        self.host = host
        self.who = QComboBox()
        self.who.addItem(_(STUDIO_CLOSED), None)
        for artist in artists:
            self.who.addItem(artist.name, artist.id)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            date_edit_format(edit)
            edit.setCalendarPopup(True)
            edit.setDate(qdate(today))
        self.first.dateChanged.connect(lambda d: self.last.setDate(d) if self.last.date() < d else None)
        self.reason = line_edit(_("Holiday, guest spot, convention…"), max_length=200)
        self.add_field("artist_id", Field(_("Whose"), self.who, required=True), 0, 0, 2)
        self.add_field("first_day", Field(_("First day"), self.first, required=True), 1, 0)
        self.add_field("last_day", Field(_("Last day"), self.last, required=True), 1, 1)
        self.add_field("reason", Field(_("Reason"), self.reason, hint=_("Optional; everyone who sees the calendar "
                                                                        "reads it.")), 2, 0, 2)

    def save(self) -> None:
        self.errors.clear()
        artist_id, first, last = self.who.currentData(), self.first.date().toPython(), self.last.date().toPython()
        reason = self.reason.text()
        self.busy(True)
        self.host.call(lambda s, a: s.hours.add_time_off(a, first, last, artist_id=artist_id, reason=reason),
                       self._done, self.failed, write=True)

    def _done(self, record: TimeOffRecord) -> None:
        self.added.emit(record)
        self.accept()


class TimeOffTab(QWidget):
    """The list with its Add and Remove; ``show_data`` fills it from the dialog's load."""

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimeOffTab")
        self.host = host
        self.artists: tuple[ArtistRecord, ...] = ()
        self.today = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(label(_("Artists' days off and the days the studio is closed, from a month ago on."),
                            "muted", wrap=True), 1)
        self.add_button = button(_("Add days off…"), icon_name="plus", variant="primary", on_click=self.add)
        self.add_button.setObjectName("AddTimeOff")
        self.remove_button = button(_("Remove"), icon_name="trash-2", on_click=self.remove,
                                    # Translators: "Delete" is the key's name on the keyboard.
                                    tooltip=_("Remove the chosen days off (Delete)"))
        self.remove_button.setObjectName("RemoveTimeOff")
        for widget in (self.add_button, self.remove_button):
            widget.setAutoDefault(False)  # Enter saves the dialog around the tab
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        self.model = TimeOffModel()
        self.table = QTableView()
        self.table.setObjectName("TimeOffTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: 200, 1: 130, 2: 130})
        layout.addWidget(self.table, 1)
        self.empty = EmptyState("calendar-days", _("No days off"),
                                _("Add an artist's holiday or a day the studio is closed; the calendar shades it."))
        self.empty.setVisible(False)
        layout.addWidget(self.empty, 1)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self._selection()

    def show_data(self, artists: tuple[ArtistRecord, ...], rows: tuple[TimeOffRecord, ...], today: date) -> None:
        self.artists, self.today = artists, today
        self.model.names = {a.id: a.name for a in artists}
        self.model.set_rows(list(rows))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._selection()

    def reload(self) -> None:
        first, last = shown_range(self.today)
        self.host.call(lambda s, a: s.hours.time_off(a, first, last),
                       lambda rows: self.show_data(self.artists, rows, self.today), self._error)

    def _selection(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None)

    def selected(self) -> TimeOffRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def add(self) -> None:
        dialog = AddTimeOffDialog(self.host, self.artists, self.today, self)
        dialog.added.connect(self._added)
        dialog.open()

    def _added(self, record: TimeOffRecord) -> None:
        self.host.toast(_("Days off added: {first} – {last}.").format(first=short_date(record.first_day),
                                                                      last=short_date(record.last_day)))
        self.reload()

    def remove(self) -> None:
        record = self.selected()
        if record is None:
            return
        who = _(STUDIO_CLOSED) if record.artist_id is None else self.model.names.get(record.artist_id, "")
        # Translators: {who} is an artist's name or "Studio closed"; {first} and {last} are dates.
        prompts.ask(self, _("Remove days off"), _("Remove {who}, {first} – {last}? The calendar opens those days "
                                                  "again.").format(who=who, first=short_date(record.first_day),
                                                                   last=short_date(record.last_day)),
                    lambda: self._remove(record.id), yes=_("Remove"), danger=True)

    def _remove(self, time_off_id: int) -> None:
        self.host.call(lambda s, a: s.hours.remove_time_off(a, time_off_id),
                       lambda _none: (self.host.toast(_("Days off removed.")), self.reload()), self._error, write=True)

    def _error(self, error) -> None:
        prompts.tell(self, _("Days off"), error.message)
