"""The waitlist as a panel the calendar page places: who waits (client, artist or any, kind
of work, window of days, notes), putting someone on it, taking them off, and booking one
into a slot (the service's Clash and OutsideHours sentences under the start; outside the
hours it asks and books anyway when told to).

Self-contained: ``WaitlistPanel(host)``, ``refresh()``, and ``booked(AppointmentRecord)``
when someone was booked from it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from studio.clock import utc_now
from studio.services.common import N_, Permission, _, can, ngettext
from studio.services.scheduling import KIND_LABELS, ArtistRecord, Kind, OutsideHours, WaitlistRecord
from studio.ui.kit import prompts
from studio.ui.kit.form_checks import grow_to_fit
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.format import date_edit_format, short_date, time_edit_format
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.kit.widgets import (
    SEARCH_DELAY_MS,
    EmptyState,
    Field,
    button,
    configure_table,
    label,
    line_edit,
    plain_tip,
)

# Lengths offered when booking, in minutes; each kind of work starts on its usual one.
LENGTHS = (30, 60, 90, 120, 150, 180, 240, 300, 360, 480)
USUAL_LENGTH = {Kind.CONSULTATION: 30, Kind.SESSION: 180, Kind.TOUCH_UP: 60}
CLIENT_MATCHES = 8


def length_text(minutes: int) -> str:
    """"30 minutes", "2 hours", "1 h 30 min"."""
    if minutes < 60:
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    if minutes % 60 == 0:
        return ngettext("{n} hour", "{n} hours", minutes // 60).format(n=minutes // 60)
    # Translators: a length of time, e.g. "1 h 30 min".
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


def window_text(first: date, last: date) -> str:
    if first == last:
        return short_date(first)
    # Translators: a window of days, e.g. "2 Dec 2026 – 20 Jan 2027".
    return _("{first} – {last}").format(first=short_date(first), last=short_date(last))


def studio_today(timezone: str) -> date:
    return utc_now().astimezone(ZoneInfo(timezone)).date()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_field(day: date) -> QDateEdit:
    edit = QDateEdit()
    date_edit_format(edit)
    edit.setCalendarPopup(True)
    edit.setDate(qdate(day))
    return edit


def artist_combo(artists: tuple[ArtistRecord, ...], *, any_artist: bool, chosen: int | None = None) -> QComboBox:
    combo = QComboBox()
    if any_artist:
        combo.addItem(_("Any artist"), None)
    for artist in artists:
        combo.addItem(artist.name, artist.id)
    if chosen is not None:
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
    return combo


class WaitlistModel(RecordTableModel[WaitlistRecord]):
    COLUMNS = (N_("Client"), N_("Artist"), N_("Kind"), N_("Window"), N_("Notes"))

    def cell(self, r: WaitlistRecord, column: int):
        if column == 0:
            return r.client_name  # as typed
        if column == 1:
            return r.artist_name  # a name, or "Any artist" (translated by the service)
        if column == 2:
            return r.kind.label
        if column == 3:
            return window_text(r.first_day, r.last_day)
        return " ".join(r.notes.split())

    def cell_role(self, r: WaitlistRecord, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and r.notes:
            return plain_tip(r.notes)
        return None


class ClientPicker(QWidget):
    """A name, phone or email typed; the matching clients listed as the person types (the
    clients search, off the GUI thread); one chosen by a click, or Down and Enter."""

    chosen = Signal(object)  # the client's id, or None when the typing changed it

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.client_id: int | None = None
        self.generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.query = line_edit(_("Type a name, phone or email"), max_length=120)
        self.query.setObjectName("ClientQuery")
        self.query.textEdited.connect(self._typed)
        self.query.installEventFilter(self)
        layout.addWidget(self.query)
        self.matches = QListWidget()
        self.matches.setObjectName("ClientMatches")
        self.matches.setAccessibleName(_("Matching clients"))
        self.matches.setFixedHeight(112)
        self.matches.itemActivated.connect(self._choose)
        self.matches.itemClicked.connect(self._choose)
        self.matches.setVisible(False)
        self.matches.installEventFilter(self)
        layout.addWidget(self.matches)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._search)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if (watched is self.query and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
                and self.matches.count()):
            self.matches.setFocus()
            self.matches.setCurrentRow(0)
            return True
        # Enter chooses the match and stops there: the list view would pass the key on to
        # the dialog's default button, which would save the form half filled.
        matches = getattr(self, "matches", None)  # events reach the filter while it is being built
        if (event.type() == QEvent.Type.KeyPress and watched is matches and matches is not None
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and matches.currentItem() is not None):
            self._choose(self.matches.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _typed(self, _text: str) -> None:
        if self.client_id is not None:
            self.client_id = None
            self.chosen.emit(None)
        self.timer.start()

    def _search(self) -> None:
        self.generation += 1
        generation, query = self.generation, self.query.text().strip()
        if not query:
            self._show(generation, [])
            return
        self.host.call(lambda s, a: s.clients.search(a, query, limit=CLIENT_MATCHES).rows,
                       lambda rows: self._show(generation, rows), lambda error: self._failed(generation, error))

    def _show(self, generation: int, rows) -> None:
        if generation != self.generation:
            return  # the person typed on meanwhile: a newer search answers
        self.matches.clear()
        for row in rows:
            contact = row.phone_display or row.email
            # Translators: a client in the picker's list, e.g. "Ana Lima · +351 912 345 678".
            item = QListWidgetItem(_("{name} · {contact}").format(name=row.full_name, contact=contact) if contact
                                   else row.full_name)
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.full_name))
            self.matches.addItem(item)
        if not rows and self.query.text().strip():
            item = QListWidgetItem(_("No client matches; add them on the Clients page first."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.matches.addItem(item)
        self.matches.setVisible(self.matches.count() > 0)
        grow_to_fit(self.window())  # the dialog makes room for the list rather than squeezing the rest

    def _failed(self, generation: int, error) -> None:
        if generation == self.generation:
            self._show(generation, [])

    def _choose(self, item: QListWidgetItem) -> None:
        found = item.data(Qt.ItemDataRole.UserRole)
        if not found:
            return
        self.client_id, name = found
        self.query.setText(name)
        self.matches.setVisible(False)
        self.chosen.emit(self.client_id)
        self.query.setFocus()


class AddToWaitlistDialog(FormDialog):
    added = Signal(object)

    def __init__(self, host, artists: tuple[ArtistRecord, ...], parent: QWidget | None = None) -> None:
        super().__init__(_("Add to waitlist"), _("Who is waiting, for whom, and between which days; the calendar "
                                                 "offers them when a slot frees."), parent, save_text=_("Add"))
        self.setObjectName("AddToWaitlistDialog")
        self.host = host
        today = studio_today(host.settings.timezone)
        self.client = ClientPicker(host)
        self.artist = artist_combo(artists, any_artist=True)
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(_(KIND_LABELS[kind]), kind)
        self.kind.setCurrentIndex(self.kind.findData(Kind.SESSION))
        self.first = date_field(today)
        self.last = date_field(today + timedelta(days=30))
        self.first.dateChanged.connect(lambda d: self.last.setDate(d) if self.last.date() < d else None)
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(72)
        self.notes.setPlaceholderText(_("What they want, when they can come…"))
        client_field = Field(_("Client"), self.client.query, required=True)
        client_field.layout().insertWidget(2, self.client.matches)  # the matches under the query
        self.add_field("client_id", client_field, 0, 0, 2)
        self.add_field("artist_id", Field(_("Artist"), self.artist, required=True), 1, 0)
        self.add_field("kind", Field(_("Kind"), self.kind, required=True), 1, 1)
        self.add_field("first_day", Field(_("From"), self.first, required=True), 2, 0)
        self.add_field("last_day", Field(_("Until"), self.last, required=True), 2, 1)
        self.add_field("notes", Field(_("Notes"), self.notes), 3, 0, 2)
        self.errors.local = self._local
        self.client.chosen.connect(lambda _id: self.errors.left("client_id"))

    def _local(self) -> dict[str, str]:
        return {} if self.client.client_id is not None else {"client_id": _("Choose a client from the list.")}

    def save(self) -> None:
        self.errors.submit(self._send)

    def _send(self) -> None:
        client_id, artist_id, kind = self.client.client_id, self.artist.currentData(), self.kind.currentData()
        first, last, notes = self.first.date().toPython(), self.last.date().toPython(), self.notes.toPlainText()
        self.busy(True)
        self.host.call(lambda s, a: s.waitlist.add(a, client_id, kind, first, last, artist_id=artist_id, notes=notes),
                       self._done, self.failed, write=True)

    def _done(self, entry: WaitlistRecord) -> None:
        self.added.emit(entry)
        self.accept()


class SlotFields:
    """Artist, day, start and length: a slot to book, as FormDialog fields keyed as the
    booking services name them (artist_id, starts_at, ends_at; "day" the form's own)."""

    def __init__(self, host, artists: tuple[ArtistRecord, ...], *, artist_id: int | None, day: date,
                 kind: Kind) -> None:
        self.zone = ZoneInfo(host.settings.timezone)
        self.artist = artist_combo(artists, any_artist=False, chosen=artist_id)
        self.day = date_field(day)
        self.start = QTimeEdit()
        time_edit_format(self.start)
        self.start.setTime(QTime(12, 0))
        self.length = QComboBox()
        for minutes in LENGTHS:
            self.length.addItem(length_text(minutes), minutes)
        self.length.setCurrentIndex(self.length.findData(USUAL_LENGTH[kind]))

    def add_to(self, dialog: FormDialog, row: int) -> None:
        dialog.add_field("artist_id", Field(_("Artist"), self.artist, required=True), row, 0)
        dialog.add_field("day", Field(_("Day"), self.day, required=True), row, 1)
        dialog.add_field("starts_at", Field(_("Start"), self.start, required=True), row + 1, 0)
        dialog.add_field("ends_at", Field(_("Length"), self.length, required=True), row + 1, 1)

    def set_artists(self, artists: tuple[ArtistRecord, ...]) -> None:
        for artist in artists:
            self.artist.addItem(artist.name, artist.id)

    def slot(self) -> tuple[int, datetime, datetime]:
        """(artist id, start, end), the start on the chosen day in the studio's zone."""
        day, at = self.day.date().toPython(), self.start.time().toPython()
        starts_at = datetime.combine(day, at, self.zone)
        return self.artist.currentData(), starts_at, starts_at + timedelta(minutes=self.length.currentData())


class BookFromWaitlistDialog(FormDialog):
    """Artist, day, start and length for a waiting client; the entry stops waiting once
    booked."""

    booked = Signal(object)

    def __init__(self, host, entry: WaitlistRecord, artists: tuple[ArtistRecord, ...],
                 parent: QWidget | None = None) -> None:
        # Translators: the waiting client, the kind of work ("Tattoo session") and the days they can come.
        super().__init__(_("Book from the waitlist"), _("{name} · {kind} · {window}").format(
            name=entry.client_name, kind=entry.kind.label, window=window_text(entry.first_day, entry.last_day)),
            parent, save_text=_("Book"))
        self.setObjectName("BookFromWaitlistDialog")
        self.host = host
        self.entry = entry
        self.when = SlotFields(host, artists, artist_id=entry.artist_id, kind=entry.kind,
                               day=max(entry.first_day, studio_today(host.settings.timezone)))
        self.when.add_to(self, 0)

    def save(self, outside_hours_ok: bool = False) -> None:
        self.errors.clear()
        artist_id, starts_at, ends_at = self.when.slot()
        entry_id = self.entry.id
        self.busy(True)
        self.host.call(lambda s, a: s.waitlist.book(a, entry_id, artist_id, starts_at, ends_at,
                                                    outside_hours_ok=outside_hours_ok),
                       self._done, self._refused, write=True)

    def _refused(self, error) -> None:
        self.failed(error)  # the sentence under the field it names
        if isinstance(error, OutsideHours):
            prompts.ask(self, _("Outside working hours"), error.message, lambda: self.save(outside_hours_ok=True),
                        yes=_("Book anyway"))

    def _done(self, appointment) -> None:
        self.booked.emit(appointment)
        self.accept()


class WaitlistPanel(QWidget):
    """The waitlist with its actions; loads off the GUI thread on ``refresh()``."""

    booked = Signal(object)  # the AppointmentRecord made from an entry

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WaitlistPanel")
        self.host = host
        self.artists: tuple[ArtistRecord, ...] = ()
        self.may_manage = can(host.actor.role, Permission.MANAGE_WAITLIST)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.heading = label(_("Waitlist"), "title")
        bar.addWidget(self.heading)
        bar.addStretch(1)
        self.add_button = button(_("Add to waitlist…"), icon_name="user-plus", on_click=self.add)
        self.add_button.setObjectName("AddToWaitlist")
        self.book_button = button(_("Book…"), icon_name="calendar-days", variant="primary", on_click=self.book,
                                  tooltip=_("Book the chosen client into a slot"))
        self.book_button.setObjectName("BookFromWaitlist")
        self.remove_button = button("", icon_name="trash-2", variant="ghost", on_click=self.remove,
                                    # Translators: "Delete" is the key's name on the keyboard.
                                    tooltip=_("Take the chosen client off the waitlist (Delete)"))
        self.remove_button.setAccessibleName(_("Remove from waitlist"))
        self.remove_button.setObjectName("RemoveFromWaitlist")
        for widget in (self.add_button, self.book_button, self.remove_button):
            widget.setVisible(self.may_manage)
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.model = WaitlistModel()
        self.table = QTableView()
        self.table.setObjectName("WaitlistTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: 160, 1: 120, 2: 130, 3: 230}, stretch=4)
        self.table.doubleClicked.connect(lambda _i: self.book())
        layout.addWidget(self.table, 1)
        self.empty = EmptyState("users", _("Nobody is waiting"),
                                _("Add a client who wants an earlier slot; the calendar offers them when one frees.")
                                if self.may_manage else _("Clients waiting for an earlier slot appear here."))
        self.empty.setVisible(False)
        layout.addWidget(self.empty, 1)
        self.error = label("", "error", wrap=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self._selection()

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.host.call(lambda s, a: (s.waitlist.entries(a), s.scheduling.artists(a)), self._loaded, self._error)

    def _loaded(self, found) -> None:
        entries, self.artists = found
        self.model.set_rows(list(entries))
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.error.setVisible(False)
        self._selection()

    def _error(self, error) -> None:
        self.error.setText(error.message)
        self.error.setVisible(True)

    def _selection(self) -> None:
        chosen = self.selected() is not None
        self.book_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def selected(self) -> WaitlistRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    # --- actions --------------------------------------------------------------------------
    def add(self) -> None:
        if not self.may_manage:
            return
        dialog = AddToWaitlistDialog(self.host, self.artists, self)
        dialog.added.connect(self._added)
        dialog.open()

    def _added(self, entry: WaitlistRecord) -> None:
        self.host.toast(_("{name} is on the waitlist.").format(name=entry.client_name))
        self.refresh()

    def book(self) -> None:
        entry = self.selected()
        if entry is None or not self.may_manage:
            return
        dialog = BookFromWaitlistDialog(self.host, entry, self.artists, self)
        dialog.booked.connect(self._booked)
        dialog.open()

    def _booked(self, appointment) -> None:
        from studio.services.common import time_range

        # Translators: e.g. "Booked Ana Lima with Mia, 14:00–17:00 on 3 Dec 2026."
        self.host.toast(_("Booked {client} with {artist}, {time} on {date}.").format(
            client=appointment.client_name, artist=appointment.artist_name,
            time=time_range(appointment.starts_at, appointment.ends_at, self.host.settings.timezone),
            date=short_date(appointment.starts_at.astimezone(ZoneInfo(self.host.settings.timezone)).date())))
        self.booked.emit(appointment)
        self.refresh()

    def remove(self) -> None:
        entry = self.selected()
        if entry is None or not self.may_manage:
            return
        prompts.ask(self, _("Remove from waitlist"),
                    _("Take {name} off the waitlist?").format(name=entry.client_name),
                    lambda: self._remove(entry), yes=_("Remove"), danger=True)

    def _remove(self, entry: WaitlistRecord) -> None:
        self.host.call(lambda s, a: s.waitlist.remove(a, entry.id),
                       lambda _none: (self.host.toast(_("{name} is off the waitlist.").format(name=entry.client_name)),
                                      self.refresh()),
                       self._error, write=True)


__all__ = ["AddToWaitlistDialog", "BookFromWaitlistDialog", "ClientPicker", "SlotFields", "WaitlistPanel",
           "studio_today"]
