"""The checkout dialog: an appointment's bill (from the calendar) or a walk-in sale (an
artist, maybe a client, a description) paid in one go — the price, the deposit held, the
client's credit, a voucher, the tip, split payments, the cash handed over — with a live
summary worked out by the register's own arithmetic (take_off, check_payments), then the
receipt with its PDF and the aftercare sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studio.services.common import ValidationError, _, long_date, money
from studio.services.register import (
    Bill,
    CheckoutInput,
    Method,
    Payment,
    ReceiptRecord,
    VoucherRecord,
    check_payments,
    take_off,
)
from studio.ui.kit import icons
from studio.ui.kit.form_checks import FieldChecks, grow_to_fit
from studio.ui.kit.widgets import Field, divider, label, line_edit
from studio.ui.register.checkout_payments import PaymentRows, Summary, amount_edit, method_combo, typed_cents
from studio.ui.register.receipt_panel import ReceiptPanel

# The service's field names are the form's keys: price, voucher_code, voucher_amount, tip,
# payments, tendered, artist_id, description.


@dataclass
class Preview:
    """What the form comes to as typed: the figures, and the sentence of each field wrong."""

    due: int | None = None
    paid: int = 0
    change: int = 0
    payments: tuple[Payment, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return not self.errors and self.due is not None


def _load(services, actor, appointment_id: int | None):
    bill = services.checkout.bill(actor, appointment_id)
    artists = services.scheduling.artists(actor) if appointment_id is None else ()
    return bill, artists


class CheckoutDialog(QDialog):
    """``appointment_id`` None: a walk-in sale. ``checked_out`` carries the ReceiptRecord."""

    checked_out = Signal(object)

    def __init__(self, host, parent: QWidget | None = None, *, appointment_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CheckoutDialog")
        self.setWindowTitle(_("Check out"))
        self.setMinimumWidth(860)
        self.host, self.appointment_id = host, appointment_id
        self.currency = host.settings.currency
        self.bill: Bill | None = None
        self.voucher: VoucherRecord | None = None
        self.receipt: ReceiptRecord | None = None
        self.sending = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        self.heading = label(_("Check out"), "title")
        outer.addWidget(self.heading)
        self.who = label(_("Loading…"), "muted", wrap=True)
        self.who.setObjectName("CheckoutWho")
        outer.addWidget(self.who)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.form = QWidget()
        self.pages.addWidget(self.form)
        self._build_form()
        self.receipt_panel = ReceiptPanel(host, self)
        for widget in self.receipt_panel.buttons():
            widget.setAutoDefault(False)
        self.pages.addWidget(self.receipt_panel)
        self.general = label("", "error", wrap=True)
        self.general.setObjectName("CheckoutError")
        self.general.setVisible(False)
        outer.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.checkout_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.checkout_button.setText(_("Check out"))
        self.checkout_button.setObjectName("CheckoutButton")
        self.checkout_button.setProperty("variant", "primary")
        self.checkout_button.setEnabled(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.buttons.accepted.connect(self.check_out)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.checkout_button.setDefault(True)
        host.call(lambda s, a: _load(s, a, appointment_id), self._loaded, self._load_failed)

    # --- the form -------------------------------------------------------------------------
    def _build_form(self) -> None:
        columns = QHBoxLayout(self.form)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(24)
        left, right = QGridLayout(), QVBoxLayout()
        left.setHorizontalSpacing(12)
        left.setVerticalSpacing(8)
        left.setColumnStretch(0, 1)
        left.setColumnStretch(1, 1)
        right.setSpacing(8)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.fields: dict[str, Field] = {}

        # Walk-in only: who did the work, for whom, and what.
        self.artist = QComboBox()
        self.artist.setObjectName("CheckoutArtist")
        from studio.ui.calendar.waitlist_panel import ClientPicker

        self.client = ClientPicker(self.host)
        self.client.chosen.connect(self._client_chosen)
        self.description = line_edit(_("e.g. Flash piece, small"), max_length=300)
        self.walk_in_fields = [Field(_("Artist"), self.artist, required=True), Field(_("Client"), self.client,
                                                                                      hint=_("Optional")),
                               Field(_("What was done"), self.description)]
        for key, row in (("artist_id", 0), ("client_id", 1), ("description", 2)):
            self.fields[key] = self.walk_in_fields[row]
            left.addWidget(self.walk_in_fields[row], row, 0, 1, 2)
            self.walk_in_fields[row].setVisible(self.appointment_id is None)

        self.price = amount_edit()
        self.price.setObjectName("CheckoutPrice")
        self.fields["price"] = Field(_("Price"), self.price, required=True)
        left.addWidget(self.fields["price"], 3, 0)
        self.deposit = QCheckBox(_("Apply the deposit now"))
        self.deposit.setObjectName("ApplyDeposit")
        self.deposit_note = label("", "small", wrap=True)
        self.credit = QCheckBox(_("Use the client's credit"))
        self.credit.setObjectName("UseCredit")
        held = QVBoxLayout()
        held.setSpacing(2)
        for widget in (self.deposit, self.deposit_note, self.credit):
            held.addWidget(widget)
            widget.setVisible(False)
        left.addLayout(held, 4, 0, 1, 2)

        self.voucher_code = line_edit(_("e.g. ABCD-EFGH"), max_length=20)
        self.voucher_code.setObjectName("VoucherCode")
        self.voucher_code.editingFinished.connect(self._check_voucher)
        self.voucher_code.textEdited.connect(self._voucher_typed)
        self.voucher_amount = amount_edit()
        self.voucher_amount.setObjectName("VoucherAmount")
        self.voucher_amount.setEnabled(False)
        self.fields["voucher_code"] = Field(_("Voucher code"), self.voucher_code)
        self.fields["voucher_amount"] = Field(_("From the voucher"), self.voucher_amount)
        left.addWidget(self.fields["voucher_code"], 5, 0)
        left.addWidget(self.fields["voucher_amount"], 5, 1)

        self.tip = amount_edit()
        self.tip.setObjectName("TipAmount")
        self.tip_method = method_combo()
        self.tip_method.setObjectName("TipMethod")
        self.tip_method.setCurrentIndex(self.tip_method.findData(Method.CARD.value))
        self.fields["tip"] = Field(_("Tip"), self.tip)
        self.fields["tip_method"] = Field(_("Tip paid by"), self.tip_method)
        left.addWidget(self.fields["tip"], 6, 0)
        left.addWidget(self.fields["tip_method"], 6, 1)
        left.setRowStretch(7, 1)

        self.rows = PaymentRows()
        self.rows.changed.connect(self._recompute)
        self.rows.rest_wanted.connect(self._fill_rest)
        self.fields["payments"] = Field(_("Payments"), self.rows)
        right.addWidget(self.fields["payments"])
        self.tendered = amount_edit()
        self.tendered.setObjectName("CashTendered")
        self.fields["tendered"] = Field(_("Cash handed over"), self.tendered,
                                        hint=_("Type it to see the change to give."))
        right.addWidget(self.fields["tendered"])
        right.addWidget(divider())
        self.summary = Summary()
        right.addWidget(self.summary)
        right.addStretch(1)

        for edit in (self.price, self.voucher_amount, self.tip, self.tendered, self.description):
            edit.textChanged.connect(self._recompute)
        for box in (self.deposit, self.credit):
            box.toggled.connect(self._recompute)
        self.tip_method.currentIndexChanged.connect(self._recompute)
        self.artist.currentIndexChanged.connect(self._recompute)
        self.checks = FieldChecks(self, self.fields, local=lambda: self.preview().errors, general=None)
        self.rows.changed.connect(lambda: self.checks.touched.add("payments"))

    # --- loading --------------------------------------------------------------------------
    def _loaded(self, found) -> None:
        if not isValid(self):
            return
        bill, artists = found
        self.bill = bill
        for artist in artists:
            self.artist.addItem(icons.dot(artist.color), artist.name, artist.id)
        if self.appointment_id is not None:
            # The client, the artist, the piece and placement: studio data, joined, not a sentence.
            self.who.setText(" · ".join(p for p in (bill.client_name, bill.artist_name, bill.description,
                                                   bill.placement) if p))
        else:
            self.who.setText(_("A sale without an appointment: choose the artist, and the client if they are one."))
        if bill.price_cents:
            self.price.setText(money(bill.price_cents, self.currency))
        self._show_held(bill)
        self.rows.add(Method.CARD)
        self.tendered.setVisible(False)
        self._recompute()
        (self.price if self.appointment_id is not None else self.artist).setFocus()

    def _load_failed(self, error) -> None:
        if isValid(self):
            self._say(error.message)

    def _show_held(self, bill: Bill) -> None:
        held = bill.deposits_held_cents or bill.deposits_waiting_cents
        self.deposit.setText(_("Apply the deposit now ({amount} held)").format(amount=money(held, self.currency)))
        self.deposit.setChecked(bill.deposits_held_cents > 0)
        self.deposit.setVisible(held > 0)
        self.deposit_note.setText(_("More sessions of this project are to come; the deposit usually waits for the "
                                    "last one.") if bill.deposits_waiting_cents else "")
        self.deposit_note.setVisible(bool(bill.deposits_waiting_cents))
        self.credit.setText(_("Use the client's credit ({amount})").format(
            amount=money(bill.credit_available_cents, self.currency)))
        self.credit.setChecked(bill.credit_available_cents > 0)
        self.credit.setVisible(bill.credit_available_cents > 0)

    def _client_chosen(self, client_id: int | None) -> None:
        """A walk-in's client: their credit, read again."""
        def read(s, a):
            return s.checkout.bill(a, None, client_id=client_id) if client_id is not None else Bill(0, 0, 0, 0, 0)

        def shown(bill: Bill) -> None:
            if isValid(self) and self.client.client_id == client_id:
                self.bill = bill
                self._show_held(bill)
                self._recompute()

        self.host.call(read, shown, lambda error: self._say(error.message))

    # --- the voucher ----------------------------------------------------------------------
    def _voucher_typed(self, _text: str) -> None:
        self.voucher = None
        self.voucher_amount.clear()
        self.voucher_amount.setEnabled(False)
        self.fields["voucher_code"].set_text(_("Voucher code"), "")
        self.fields["voucher_code"].set_error(None)

    def _check_voucher(self) -> None:
        code = self.voucher_code.text().strip()
        if not code or self.voucher is not None:
            return

        def usable(voucher: VoucherRecord) -> None:
            if not isValid(self) or self.voucher_code.text().strip() != code:
                return
            self.voucher = voucher
            expiry = (_("valid until {day}").format(day=long_date(voucher.expires_on)) if voucher.expires_on
                      else _("no expiry"))
            # Translators: a voucher checked at the desk, e.g. "Balance 40,00 €, valid until 1 May 2026".
            self.fields["voucher_code"].set_text(_("Voucher code"), _("Balance {balance}, {expiry}").format(
                balance=money(voucher.balance_cents, self.currency), expiry=expiry))
            self.fields["voucher_code"].set_error(None)
            self.voucher_amount.setEnabled(True)
            preview = self.preview()
            left = (preview.due or 0) - self._tip_cents()
            if left > 0:
                self.voucher_amount.setText(money(min(voucher.balance_cents, left), self.currency))
            self._recompute()

        def refused(error) -> None:
            if isValid(self) and self.voucher_code.text().strip() == code:
                self.fields["voucher_code"].set_error(error.message)
                grow_to_fit(self)

        self.host.call(lambda s, a: s.vouchers.usable(a, code), usable, refused)

    # --- the arithmetic (the register's own) ----------------------------------------------
    def _tip_cents(self) -> int:
        try:
            return typed_cents(self.tip)
        except ValidationError:
            return 0

    def preview(self) -> Preview:
        """The form as typed, through take_off and check_payments: never worked out here."""
        found = Preview()
        if self.bill is None:
            found.errors[""] = _("Loading…")
            return found
        bill, errors = self.bill, found.errors
        amounts = {}
        for key, edit in (("price", self.price), ("voucher_amount", self.voucher_amount), ("tip", self.tip),
                          ("tendered", self.tendered)):
            try:
                amounts[key] = typed_cents(edit)
            except ValidationError as error:
                errors[key] = error.message
        try:
            found.payments = self.rows.payments()
        except ValidationError as error:
            errors["payments"] = error.message
        found.paid = sum(p.amount_cents for p in found.payments)
        if self.appointment_id is None and self.artist.currentData() is None:
            errors["artist_id"] = _("Choose the artist who did the work.")
        if "price" in errors or "voucher_amount" in errors or "tip" in errors:
            return found
        held = bill.deposits_held_cents or bill.deposits_waiting_cents
        try:
            taken = take_off(amounts["price"], deposits_held_cents=held,
                             credit_available_cents=bill.credit_available_cents,
                             apply_deposit=self.deposit.isChecked(), use_credit=self.credit.isChecked(),
                             voucher_cents=amounts["voucher_amount"] if self.voucher else 0,
                             voucher_balance_cents=self.voucher.balance_cents if self.voucher else 0,
                             currency=self.currency)
        except ValidationError as error:
            errors[error.field or "price"] = error.message
            return found
        tip = amounts["tip"]
        found.due = amounts["price"] - taken.deposit_cents - taken.credit_cents - taken.voucher_cents + tip
        if "payments" in errors or "tendered" in errors:
            return found
        cash = self.rows.has_cash()
        tendered = amounts["tendered"] if cash and self.tendered.text().strip() else None
        try:
            found.change = check_payments(found.due, found.payments, tip_cents=tip,
                                          tip_method=Method(self.tip_method.currentData()),
                                          cash_tendered_cents=tendered, currency=self.currency)
        except ValidationError as error:
            errors[error.field or "payments"] = error.message
        return found

    def _recompute(self, *_args) -> None:
        if self.receipt is not None:
            return
        self.tendered.setVisible(self.rows.has_cash())
        self.fields["tendered"].setVisible(self.rows.has_cash())
        preview = self.preview()
        self.summary.show_figures(self.currency, due=preview.due, paid=preview.paid, change=preview.change)
        self.checkout_button.setEnabled(preview.ready and not self.sending)
        self.checks.show_errors(preview.errors, only=self.checks.touched | ({"payments"} if preview.paid else set()))

    def _fill_rest(self, row) -> None:
        """The row's Rest: what is still due goes into it (on top of what it holds)."""
        preview = self.preview()
        if preview.due is None:
            return
        try:
            own = typed_cents(row.amount)
        except ValidationError:
            own = 0
        rest = preview.due - preview.paid + own
        row.amount.setText(money(max(rest, 0), self.currency))
        self.checks.touched.add("payments")
        self._recompute()

    # --- checking out ---------------------------------------------------------------------
    def _input(self, preview: Preview) -> CheckoutInput:
        cash = self.rows.has_cash()
        tendered = typed_cents(self.tendered) if cash and self.tendered.text().strip() else None
        walk_in = self.appointment_id is None
        return CheckoutInput(
            price_cents=typed_cents(self.price), payments=preview.payments, appointment_id=self.appointment_id,
            artist_id=self.artist.currentData() if walk_in else None,
            client_id=self.client.client_id if walk_in else None,
            description=self.description.text() if walk_in else "", tip_cents=typed_cents(self.tip),
            tip_method=Method(self.tip_method.currentData()),
            voucher_code=self.voucher.code if self.voucher else "",
            voucher_cents=typed_cents(self.voucher_amount) if self.voucher else 0,
            use_credit=self.credit.isChecked(), cash_tendered_cents=tendered)

    def check_out(self) -> None:
        if self.receipt is not None:
            self.accept()
            return
        preview = self.preview()
        if not preview.ready or self.sending:
            self.checks.touched = set(self.fields)
            self._recompute()
            return
        data, apply_deposit = self._input(preview), self.deposit.isChecked()
        self.sending = True
        self.checkout_button.setEnabled(False)
        self._say("")
        self.host.call(lambda s, a: s.checkout.checkout(a, data, apply_deposit=apply_deposit), self._done,
                       self._refused, write=True)

    def _refused(self, error) -> None:
        if not isValid(self):
            return
        self.sending = False
        where = getattr(error, "field", None)
        if where in self.fields:
            self.fields[where].set_error(error.message)
            grow_to_fit(self)
        else:
            self._say(error.message)
        self._recompute()

    def _done(self, receipt: ReceiptRecord) -> None:
        if not isValid(self):
            return
        self.receipt = receipt
        self.heading.setText(_("Receipt No. {number}").format(number=receipt.number))
        self.receipt_panel.show_receipt(receipt)
        self.pages.setCurrentWidget(self.receipt_panel)
        self.who.setVisible(False)  # the receipt's own line says who
        self.cancel_button.setVisible(False)
        self.checkout_button.setText(_("Done"))
        self.checkout_button.setEnabled(True)
        self.checked_out.emit(receipt)

    def _say(self, text: str) -> None:
        self.general.setText(text)
        self.general.setVisible(bool(text))
        if text:
            grow_to_fit(self)


def open_checkout(host, parent: QWidget, appointment_id: int | None = None, *, on_done=None) -> CheckoutDialog:
    """Open the checkout (it loads its bill itself); ``on_done(receipt)`` after it went through."""
    dialog = CheckoutDialog(host, parent, appointment_id=appointment_id)
    if on_done is not None:
        dialog.checked_out.connect(on_done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
