"""What a right-click on a block offers (only the steps the status machine allows), and
the small dialogs behind some of them: cancel with a reason, reschedule, record a deposit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from studio.services.common import N_, Permission, _, can, money, parse_money
from studio.services.scheduling import DEPOSIT_METHODS, TRANSITIONS, AppointmentRecord, DepositState, Status
from studio.ui.calendar.fields import date_edit, day_of, set_minutes, time_combo
from studio.ui.calendar.times import at_minutes, local_minutes
from studio.ui.kit import icons
from studio.ui.kit.form_dialog import ServiceFormDialog
from studio.ui.kit.widgets import Field, line_edit

# The menu's word for each step of the status machine, in the order the day goes.
STEPS = (
    (Status.BOOKED, N_("Book request"), "check"),
    (Status.CONFIRMED, N_("Confirm"), "check"),
    (Status.CHECKED_IN, N_("Check in"), "user-check"),
    (Status.IN_PROGRESS, N_("Start session"), "sparkles"),
    (Status.COMPLETED, N_("Complete"), "circle-check"),
    (Status.NO_SHOW, N_("No-show"), "user-x"),
)
# The appointments the desk can check out (one in progress is marked completed first).
PAYABLE = (Status.IN_PROGRESS, Status.COMPLETED)
METHOD_LABELS = {"cash": N_("Cash"), "card": N_("Card"), "transfer": N_("Bank transfer"), "other": N_("Other")}


def fill_menu(menu: QMenu, record: AppointmentRecord, role, *, open_: Callable[[], None],
              step: Callable[[Status], None], cancel: Callable[[], None], reschedule: Callable[[], None],
              deposit: Callable[[], None], calendar_file: Callable[[], None],
              checkout: Callable[[], None] | None = None, receipt=None,
              show_receipt: Callable[[], None] | None = None, record_use: Callable[[], None] | None = None) -> None:
    """The block's actions for ``role``: open, the client's calendar file, the status steps
    TRANSITIONS allows from its status, reschedule and cancel while it is not final, a
    deposit when one is awaited; for those who take payments, "Check out…" on a session in
    progress or done and not paid yet (``checkout``), or its ``receipt`` once paid; "Record
    what was used…" on a session in progress or done (``record_use``; an artist's own)."""
    menu.addAction(icons.icon("pencil"), _("Edit…"), open_)
    if can(role, Permission.TAKE_PAYMENTS) and record.status in PAYABLE:
        if receipt is not None and show_receipt is not None:
            menu.addAction(icons.icon("printer"), _("Receipt No. {number}").format(number=receipt.number),
                           show_receipt).setObjectName("receipt")
        elif checkout is not None:
            menu.addAction(icons.icon("banknote"), _("Check out…"), checkout).setObjectName("checkout")
    if record_use is not None and can_record_use(record, role):
        menu.addAction(icons.icon("package"), _("Record what was used…"), record_use).setObjectName("record-use")
    if record.status in (Status.REQUESTED, Status.BOOKED, Status.CONFIRMED):  # still to come
        menu.addAction(icons.icon("calendar-days"), _("Save calendar file for the client…"),
                       calendar_file).setObjectName("calendar-file")
    allowed = TRANSITIONS[record.status]
    if not can(role, Permission.BOOK_APPOINTMENTS):
        return
    steps = [(status, text, icon) for status, text, icon in STEPS if status in allowed]
    if steps:
        menu.addSeparator()
    for status, text, icon in steps:
        action = menu.addAction(icons.icon(icon), _(text), lambda s=status: step(s))
        action.setObjectName(f"step-{status.value}")
    if not record.status.is_final:
        menu.addSeparator()
        if record.status not in (Status.CHECKED_IN, Status.IN_PROGRESS):
            menu.addAction(icons.icon("calendar-days"), _("Reschedule…"), reschedule)
        if record.deposit == DepositState.AWAITING and can(role, Permission.RECORD_DEPOSITS):
            menu.addAction(icons.icon("banknote"), _("Record deposit…"), deposit)
        if Status.CANCELLED in allowed:
            menu.addAction(icons.icon("x"), _("Cancel…"), cancel)


def can_record_use(record: AppointmentRecord, role) -> bool:
    """A session in progress or done, seen in full (an artist sees only their own so)."""
    return can(role, Permission.RECORD_USE) and record.status in PAYABLE and not record.busy_only


def start_checkout(host, parent: QWidget, record: AppointmentRecord, *, refresh: Callable[[], None],
                   failed: Callable[[str], None], done: Callable[[object], None]) -> None:
    """Open the appointment's checkout (the register's dialog); a session still in progress
    is marked completed first (``refresh`` then shows it so), a refusal goes to ``failed``."""
    from shiboken6 import isValid

    from studio.ui.register import open_checkout

    def open_(result=None) -> None:
        if not isValid(parent):
            return
        parent.checkout_dialog = open_checkout(host, parent, record.id, on_done=done)
        if result is not None:
            refresh()

    if record.status == Status.IN_PROGRESS:
        host.call(lambda s, a: s.scheduling.set_status(a, record.id, Status.COMPLETED, version=record.version),
                  open_, lambda error: failed(error.message), write=True)
    else:
        open_()


class CancelDialog(ServiceFormDialog):
    """Why the appointment is cancelled, and whether the client or the studio cancelled
    (``saved``: the ChangeResult)."""

    def __init__(self, host, record: AppointmentRecord, parent: QWidget | None) -> None:
        super().__init__(host, _("Cancel appointment"), _("{client}, {when}").format(
            client=record.client_name, when=_when(record, host.settings.timezone)), parent,
            save_text=_("Cancel appointment"))
        self.setObjectName("CancelDialog")
        self.record = record
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(_("Keep it"))
        self.reason = line_edit(_("e.g. The client is ill"), max_length=300)
        self.who = QComboBox()
        self.who.addItem(_("The client cancelled"), True)
        self.who.addItem(_("The studio cancelled"), False)
        self.add_field("reason", Field(_("Reason"), self.reason, required=True), 0)
        self.add_field("by", Field(_("Who cancelled"), self.who), 1)
        self.errors.local = lambda: {} if self.reason.text().strip() else {"reason": _("Say why it is cancelled.")}

    def _send(self) -> None:
        record, reason, by_client = self.record, self.reason.text(), bool(self.who.currentData())
        self._call(lambda s, a: s.scheduling.cancel(a, record.id, reason, version=record.version,
                                                     by_client=by_client))


class RescheduleDialog(ServiceFormDialog):
    """The client asked for another time: it counts against the policy's reschedules
    (``saved``: the ChangeResult)."""

    def __init__(self, host, record: AppointmentRecord, parent: QWidget | None) -> None:
        super().__init__(host, _("Reschedule"), _("The client asked for another time. The studio's policy says "
                                                  "how many reschedules keep the deposit."), parent,
                         save_text=_("Reschedule"))
        self.setObjectName("RescheduleDialog")
        self.record = record
        self.zone = ZoneInfo(host.settings.timezone)
        day, start = local_minutes(record.starts_at, self.zone)
        self.day = date_edit(day)
        self.start = time_combo()
        set_minutes(self.start, start)
        self.add_field("day", Field(_("New date"), self.day, required=True), 0)
        self.add_field("starts_at", Field(_("Starts"), self.start, required=True), 0, 1)
        self._outside_ok = False

    def _send(self) -> None:
        record, outside_ok = self.record, self._outside_ok
        starts = at_minutes(day_of(self.day), self.start.currentData(), self.zone)
        ends = starts + timedelta(minutes=record.minutes)
        self._call(lambda s, a: s.scheduling.move(a, record.id, starts, ends, version=record.version,
                                                   reschedule=True, outside_hours_ok=outside_ok),
                   on_error=self._refused)

    def _refused(self, error) -> None:
        from studio.services.scheduling import OutsideHours
        from studio.ui.kit.prompts import ask

        self.busy(False)
        if isinstance(error, OutsideHours):
            ask(self, _("Outside working hours"), error.message, self._anyway, yes=_("Book anyway"))
        else:
            self.failed(error)  # a clash's sentence goes under the start (its field)

    def _anyway(self) -> None:
        self._outside_ok = True
        self._send()


class DepositDialog(ServiceFormDialog):
    """A deposit paid for the booking: how much and how (``saved``: the DepositRecord)."""

    def __init__(self, host, record: AppointmentRecord, parent: QWidget | None) -> None:
        super().__init__(host, _("Record deposit"), record.client_name, parent, save_text=_("Record deposit"))
        self.setObjectName("DepositDialog")
        self.record = record
        self.amount = line_edit(money(5000, host.settings.currency), max_length=20)
        self.method = QComboBox()
        for method in DEPOSIT_METHODS:
            self.method.addItem(_(METHOD_LABELS.get(method, method)), method)
        self.add_field("amount", Field(_("Amount"), self.amount, required=True), 0)
        self.add_field("method", Field(_("Paid by"), self.method), 0, 1)
        self.errors.local = self._local_errors

    def _local_errors(self) -> dict[str, str]:
        try:
            if parse_money(self.amount.text()) <= 0:
                return {"amount": _("Enter the amount paid.")}
        except Exception as error:  # noqa: BLE001 - parse_money's ValidationError carries the sentence
            return {"amount": getattr(error, "message", str(error))}
        return {}

    def _send(self) -> None:
        record, cents, method = self.record, parse_money(self.amount.text()), self.method.currentData()
        self._call(lambda s, a: s.scheduling.record_deposit(a, record.id, cents, method))


def _when(record: AppointmentRecord, zone: str) -> str:
    from studio.services.common import date_time

    return date_time(record.starts_at, zone)
