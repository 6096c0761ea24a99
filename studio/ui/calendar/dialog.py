"""The appointment dialog: a new booking (pre-filled with the slot chosen on the calendar)
or an existing one to edit, each error under its field, the clash's sentence under the
start, a time outside the artist's hours asked about before it is booked anyway."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget
from shiboken6 import isValid

from studio.services.common import Permission, Role, _, can, money, parse_money
from studio.services.scheduling import (
    AppointmentInput,
    AppointmentRecord,
    ArtistRecord,
    DepositState,
    Kind,
    OutsideHours,
    Status,
)
from studio.ui.calendar.actions import PAYABLE, can_record_use
from studio.ui.calendar.fields import date_edit, day_of, set_minutes, time_combo
from studio.ui.calendar.times import at_minutes, local_minutes
from studio.ui.calendar.waitlist_panel import ClientPicker
from studio.ui.kit import icons
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.prompts import ask, ask_unsaved
from studio.ui.kit.widgets import Field, button, line_edit

# The services' field names → this form's (the rest are the same).
SERVICE_FIELDS = {"price_cents": "price", "client": "client_id", "artist": "artist_id", "project": "project_id"}


class AppointmentDialog(FormDialog):
    """``record`` None: a new appointment at ``starts``–``ends`` (with ``artist_id``)."""

    saved = Signal(object)  # the AppointmentRecord booked, or the ChangeResult of an edit
    deposit_recorded = Signal(object)
    checkout_wanted = Signal(object)  # the AppointmentRecord: the page opens its checkout
    use_wanted = Signal(object)  # the AppointmentRecord: the page opens "Record what was used"

    def __init__(self, host, artists: tuple[ArtistRecord, ...], zone: str, parent: QWidget | None, *,
                 record: AppointmentRecord | None = None, starts: datetime | None = None,
                 ends: datetime | None = None, artist_id: int | None = None) -> None:
        self.host, self.record, self.zone = host, record, ZoneInfo(zone)
        new = record is None
        super().__init__(_("New appointment") if new else _("Edit appointment"), "", parent,
                         save_text=_("Book") if new else _("Save"))
        self.setObjectName("AppointmentDialog")
        self.setMinimumWidth(640)
        starts = record.starts_at if record else starts
        ends = record.ends_at if record else ends
        day, start = local_minutes(starts, self.zone)
        end_day, end = local_minutes(ends, self.zone)
        end += (end_day - day).days * 24 * 60

        self.client = ClientPicker(host)
        self.client.chosen.connect(self._client_chosen)
        self.artist = QComboBox()
        for artist in artists:
            self.artist.addItem(icons.dot(artist.color), artist.name, artist.id)
        chosen_artist = record.artist_id if record else artist_id
        if chosen_artist is None and host.actor.role == Role.ARTIST:
            chosen_artist = host.actor.staff_id
        if chosen_artist is not None and self.artist.findData(chosen_artist) >= 0:
            self.artist.setCurrentIndex(self.artist.findData(chosen_artist))
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData((record.kind if record else Kind.SESSION).value))
        self.day = date_edit(day)
        self.start = time_combo()
        set_minutes(self.start, start)
        self.end = time_combo(15, 24 * 60)
        set_minutes(self.end, end)
        self.start.currentIndexChanged.connect(self._start_moved)
        self._length = end - start
        self.status = QComboBox()
        self.status.addItem(Status.BOOKED.label, Status.BOOKED.value)
        self.status.addItem(Status.REQUESTED.label, Status.REQUESTED.value)
        self.description = line_edit(_("e.g. Fine-line swallow"), max_length=300)
        self.placement = line_edit(_("e.g. Left forearm"), max_length=120)
        self.piece_size = line_edit(_("e.g. 8 cm"), max_length=60)
        self.flash = QComboBox()
        self.flash.addItem(_("Custom"), False)
        self.flash.addItem(_("Flash"), True)
        self.price = line_edit(_("Optional"), max_length=20)
        self.project = QComboBox()
        self.project.addItem(_("No project"), None)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)

        self.add_field("client_id", Field(_("Client"), self.client, required=True), 0, 0, 2)
        self.add_field("artist_id", Field(_("Artist"), self.artist, required=True), 0, 2)
        self.add_field("kind", Field(_("Kind"), self.kind), 1, 0)
        self.add_field("day", Field(_("Date"), self.day, required=True), 1, 1)
        if new:
            self.add_field("status", Field(_("Status"), self.status), 1, 2)
        self.add_field("starts_at", Field(_("Starts"), self.start, required=True), 2, 0)
        self.add_field("ends_at", Field(_("Ends"), self.end, required=True), 2, 1)
        self.add_field("price", Field(_("Price estimate"), self.price), 2, 2)
        self.add_field("description", Field(_("Piece"), self.description), 3, 0, 2)
        self.add_field("flash", Field(_("Design"), self.flash), 3, 2)
        self.add_field("placement", Field(_("Placement"), self.placement), 4, 0)
        self.add_field("size", Field(_("Size"), self.piece_size), 4, 1)
        self.add_field("project_id", Field(_("Project"), self.project), 4, 2)
        self.add_field("notes", Field(_("Notes"), self.notes), 5, 0, 3)
        self.errors.local = self._local_errors

        if record is not None:
            self.client.client_id = record.client_id
            self.client.query.setText(record.client_name)
            self.description.setText(record.description)
            self.placement.setText(record.placement)
            self.piece_size.setText(record.size)
            self.flash.setCurrentIndex(1 if record.flash else 0)
            self.notes.setPlainText(record.notes)
            if record.price_cents is not None:
                self.price.setText(money(record.price_cents, host.settings.currency))
            self._load_projects(record.client_id, record.project_id)
            if record.deposit == DepositState.AWAITING and can(host.actor.role, Permission.RECORD_DEPOSITS):
                self.deposit_button = button(_("Record deposit…"), icon_name="banknote", on_click=self._record_deposit)
                self.deposit_button.setObjectName("RecordDeposit")
                self.buttons.addButton(self.deposit_button, self.buttons.ButtonRole.ActionRole)
            if record.status in PAYABLE and can(host.actor.role, Permission.TAKE_PAYMENTS):
                self.checkout_button = button(_("Check out…"), icon_name="banknote", on_click=self._check_out)
                self.checkout_button.setObjectName("CheckOut")
                self.checkout_button.setAutoDefault(False)
                self.buttons.addButton(self.checkout_button, self.buttons.ButtonRole.ActionRole)
            if can_record_use(record, host.actor.role):
                self.use_button = button(_("Record what was used…"), icon_name="package", on_click=self._record_use)
                self.use_button.setObjectName("RecordUse")
                self.use_button.setAutoDefault(False)
                self.buttons.addButton(self.use_button, self.buttons.ButtonRole.ActionRole)
        self._outside_ok = False
        self._saved_values = self._values()
        self.client.query.setFocus()

    # --- the form ------------------------------------------------------------------------
    def _values(self) -> tuple:
        return (self.client.client_id, self.client.query.text(), self.artist.currentData(), self.kind.currentData(),
                self.day.date(), self.start.currentData(), self.end.currentData(), self.status.currentData(),
                self.description.text(), self.placement.text(), self.piece_size.text(), self.flash.currentData(),
                self.price.text(), self.project.currentData(), self.notes.toPlainText())

    def dirty(self) -> bool:
        return self._values() != self._saved_values

    def _start_moved(self) -> None:
        """The end follows the start, keeping the length."""
        start = self.start.currentData()
        if start is not None:
            set_minutes(self.end, min(start + max(self._length, 15), 24 * 60))

    def _client_chosen(self, client_id: int | None) -> None:
        self._load_projects(client_id, None)

    def _load_projects(self, client_id: int | None, chosen: int | None) -> None:
        while self.project.count() > 1:
            self.project.removeItem(1)
        if client_id is None:
            return

        def loaded(projects) -> None:
            if not isValid(self):
                return  # closed before its projects came
            was_dirty = self.dirty()
            for project in projects:
                if not project.closed or project.id == chosen:
                    self.project.addItem(project.title, project.id)
            if chosen is not None and self.project.findData(chosen) >= 0:
                self.project.setCurrentIndex(self.project.findData(chosen))
            if not was_dirty:
                self._saved_values = self._values()

        self.host.call(lambda s, a: s.projects.client_projects(a, client_id), loaded, lambda _e: None)

    def _price_cents(self) -> int | None:
        text = self.price.text().strip()
        return parse_money(text) if text else None

    def _local_errors(self) -> dict[str, str]:
        errors = {}
        if self.client.client_id is None:
            errors["client_id"] = _("Choose the client from the list (type part of their name).") \
                if self.client.query.text().strip() else _("Choose the client.")
        if self.artist.currentData() is None:
            errors["artist_id"] = _("Choose the artist.")
        if (self.end.currentData() or 0) <= (self.start.currentData() or 0):
            errors["ends_at"] = _("The appointment must end after it starts.")
        try:
            self._price_cents()
        except Exception as error:  # noqa: BLE001 - parse_money's ValidationError carries the sentence
            errors["price"] = getattr(error, "message", str(error))
        return errors

    def _input(self) -> AppointmentInput:
        day = day_of(self.day)
        return AppointmentInput(
            client_id=self.client.client_id, artist_id=self.artist.currentData(), kind=Kind(self.kind.currentData()),
            starts_at=at_minutes(day, self.start.currentData(), self.zone),
            ends_at=at_minutes(day, self.end.currentData(), self.zone),
            description=self.description.text(), placement=self.placement.text(), size=self.piece_size.text(),
            flash=bool(self.flash.currentData()), notes=self.notes.toPlainText(), price_cents=self._price_cents(),
            project_id=self.project.currentData(),
            status=Status(self.status.currentData()) if self.record is None else self.record.status)

    # --- saving -----------------------------------------------------------------------
    def save(self) -> None:
        self.errors.submit(self._send)

    def _send(self) -> None:
        data, outside_ok, record = self._input(), self._outside_ok, self.record
        self.busy(True)
        if record is None:
            call = lambda s, a: s.scheduling.book(a, data, outside_hours_ok=outside_ok)  # noqa: E731
        else:
            call = lambda s, a: s.scheduling.update(a, record.id, data, version=record.version,  # noqa: E731
                                                    outside_hours_ok=outside_ok)
        self.host.call(call, self._done, self._refused, write=True)

    def _done(self, result) -> None:
        self.busy(False)
        self._saved_values = self._values()
        self.saved.emit(result)
        self.accept()

    def _refused(self, error) -> None:
        self.busy(False)
        if isinstance(error, OutsideHours):
            ask(self, _("Outside working hours"), error.message,
                self._book_anyway, yes=_("Book anyway"))
            return
        field = getattr(error, "field", None)
        if field in SERVICE_FIELDS:
            error = type(error)(error.message, field=SERVICE_FIELDS[field])
        self.errors.show(error)  # under its field, or (a stale version, a refusal) the general line

    def _book_anyway(self) -> None:
        self._outside_ok = True
        self._send()

    def reject(self) -> None:
        if self.dirty() and self.save_button.isEnabled():
            ask_unsaved(self, self.save, lambda: FormDialog.reject(self))
            return
        super().reject()

    def _check_out(self) -> None:
        """The edit closes (asking first about unsaved changes) and the checkout opens."""
        self._close_for(self.checkout_wanted)

    def _record_use(self) -> None:
        """The edit closes (asking first about unsaved changes) and "Record what was used" opens."""
        self._close_for(self.use_wanted)

    def _close_for(self, wanted) -> None:
        def go() -> None:
            FormDialog.reject(self)
            wanted.emit(self.record)

        if self.dirty() and self.save_button.isEnabled():
            ask_unsaved(self, self.save, go)
            return
        go()

    # --- the deposit -----------------------------------------------------------------------
    def _record_deposit(self) -> None:
        from studio.ui.calendar.actions import DepositDialog

        dialog = DepositDialog(self.host, self.record, self)
        dialog.saved.connect(self._deposit_saved)
        dialog.open()

    def _deposit_saved(self, deposit) -> None:
        self.deposit_button.setEnabled(False)
        self.host.toast(_("Deposit of {amount} recorded.").format(
            amount=money(deposit.amount_cents, self.host.settings.currency)))
        self.deposit_recorded.emit(deposit)


def default_slot(anchor: date, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Ctrl+N's time: the next quarter hour today, else 10:00 on the day in view."""
    local = now.astimezone(zone)
    if local.date() == anchor:
        minutes = (local.hour * 60 + local.minute + 14) // 15 * 15
        if minutes <= 23 * 60:
            starts = at_minutes(anchor, minutes, zone)
            return starts, starts + timedelta(hours=1)
    starts = at_minutes(anchor, 10 * 60, zone)
    return starts, starts + timedelta(hours=1)
