"""The register's small dialogs, each one service call: refund part of an entry, correct a
hand-typed one, reopen a closed day (admins), sell a gift voucher, look one up by code."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QWidget

from studio.services.common import _, amount, long_date, money, parse_money
from studio.services.register import KIND_LABELS, METHOD_LABELS, MONEY_METHODS, EntryRecord, Method, VoucherRecord
from studio.ui.kit import prompts
from studio.ui.kit.form_dialog import FormDialog, ServiceFormDialog
from studio.ui.kit.format import date_edit_format, local_date, short_date
from studio.ui.kit.widgets import Field, label, line_edit, set_variant


def typed_cents(text: str, *, allow_zero: bool = False) -> tuple[int | None, str | None]:
    """A typed amount as (cents, None), or (None, the sentence saying what is wrong)."""
    try:
        cents = parse_money(text)
    except Exception as error:  # noqa: BLE001 - parse_money's ValidationError carries the sentence
        return None, getattr(error, "message", str(error))
    if cents < 0 or (cents == 0 and not allow_zero):
        return None, _("An amount can't be negative.") if allow_zero else _("Type an amount above zero.")
    return cents, None


def amount_error(text: str) -> str | None:
    """The sentence for a typed amount that is not one above zero, or None."""
    return typed_cents(text)[1]


def amount_text(cents: int) -> str:
    """An amount as the region writes it, without the currency sign, ready to edit: "12.50"."""
    return amount(cents)


def method_combo(methods=MONEY_METHODS, chosen: Method | None = None) -> QComboBox:
    combo = QComboBox()
    for method in methods:
        combo.addItem(_(METHOD_LABELS[method]), str(method))
    if chosen is not None and combo.findData(str(chosen)) >= 0:
        combo.setCurrentIndex(combo.findData(str(chosen)))
    return combo


class RegisterDialog(ServiceFormDialog):
    """A small form that makes one service call: checked, sent (``_send``), the result
    emitted as ``saved`` and the dialog closed."""


class RefundDialog(RegisterDialog):
    """Give back part or all of an entry: what is left of it, prefilled (``saved``: the refund)."""

    def __init__(self, host, entry: EntryRecord, parent: QWidget | None) -> None:
        currency = host.settings.currency
        super().__init__(host, _("Refund"), _("{kind} of {amount}; at most {left} is left to refund.").format(
            kind=_(KIND_LABELS[entry.kind]), amount=money(entry.amount_cents, currency),
            left=money(entry.refundable_cents, currency)), parent, save_text=_("Refund"))
        self.setObjectName("RefundDialog")
        self.entry = entry
        self.amount = line_edit(max_length=20)
        self.amount.setText(amount_text(entry.refundable_cents))
        self.method = method_combo(chosen=entry.method if entry.method != Method.VOUCHER else Method.CASH)
        self.reason = line_edit(_("e.g. The client changed their mind"), max_length=300)
        self.add_field("amount", Field(_("Amount"), self.amount, required=True), 0)
        self.add_field("method", Field(_("Give back by"), self.method), 0, 1)
        self.add_field("reason", Field(_("Reason"), self.reason, required=True), 1, 0, 2)
        self.errors.local = self._local

    def _local(self) -> dict[str, str]:
        found = {}
        if error := amount_error(self.amount.text()):
            found["amount"] = error
        if not self.reason.text().strip():
            found["reason"] = _("Say why the money is given back.")
        return found

    def _send(self) -> None:
        entry_id, cents, reason = self.entry.id, parse_money(self.amount.text()), self.reason.text()
        method = Method(self.method.currentData())
        self._call(lambda s, a: s.register.refund(a, entry_id, cents, reason, method=method))


class CorrectDialog(RegisterDialog):
    """Cancel an entry typed by mistake: an entry of the opposite amount (``saved``: it)."""

    def __init__(self, host, entry: EntryRecord, parent: QWidget | None) -> None:
        super().__init__(host, _("Correct entry"), _(
            "An entry of {amount} cancels this {kind}. The original stays in the register, as every "
            "entry does.").format(amount=money(-entry.amount_cents, host.settings.currency),
                                  kind=_(KIND_LABELS[entry.kind])), parent, save_text=_("Correct"))
        self.setObjectName("CorrectDialog")
        self.entry = entry
        self.reason = line_edit(_("e.g. Typed twice"), max_length=300)
        self.add_field("reason", Field(_("Reason"), self.reason, required=True), 0)
        self.errors.local = lambda: {} if self.reason.text().strip() else {"reason": _("Say what was wrong.")}

    def _send(self) -> None:
        entry_id, reason = self.entry.id, self.reason.text()
        self._call(lambda s, a: s.register.correct(a, entry_id, reason))


class ReopenDialog(RegisterDialog):
    """Unlock a closed day, giving a reason; it is audited (``saved``: the DayClose)."""

    def __init__(self, host, day: date, parent: QWidget | None) -> None:
        super().__init__(host, _("Reopen day"), _(
            "Reopening {day} unlocks it: entries can be added to it again, and it must be closed again "
            "afterwards. The audit log records who reopened it and why.").format(day=long_date(day)),
            parent, save_text=_("Reopen day"))
        self.setObjectName("ReopenDialog")
        set_variant(self.save_button, "danger")
        self.day = day
        self.reason = line_edit(_("e.g. A card payment was missed"), max_length=300)
        self.add_field("reason", Field(_("Reason"), self.reason, required=True), 0)
        self.errors.local = lambda: {} if self.reason.text().strip() else {
            "reason": _("Say why the day is reopened.")}

    def _send(self) -> None:
        day, reason = self.day, self.reason.text()
        self._call(lambda s, a: s.register.reopen_day(a, day, reason))


class SellVoucherDialog(RegisterDialog):
    """A gift voucher sold: its worth, how it was paid, who it is for, an optional expiry
    (``saved``: the VoucherRecord, whose card the page then offers to save)."""

    def __init__(self, host, today: date, parent: QWidget | None) -> None:
        super().__init__(host, _("Sell voucher"), _("The voucher gets a code printed on its card; its balance "
                                                    "pays at a checkout."), parent, save_text=_("Sell voucher"))
        self.setObjectName("SellVoucherDialog")
        self.amount = line_edit(amount_text(5000), max_length=20)
        self.method = method_combo()
        self.for_name = line_edit(_("e.g. Maria Silva"), max_length=120)
        self.expires = QCheckBox(_("Expires"))
        self.expiry = QDateEdit()
        self.expiry.setCalendarPopup(True)
        date_edit_format(self.expiry)
        later = today + timedelta(days=365)
        self.expiry.setDate(QDate(later.year, later.month, later.day))
        self.expiry.setEnabled(False)
        self.expires.toggled.connect(self.expiry.setEnabled)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.expires)
        row.addWidget(self.expiry, 1)
        self.add_field("amount", Field(_("Worth"), self.amount, required=True), 0)
        self.add_field("method", Field(_("Paid by"), self.method), 0, 1)
        self.add_field("for_name", Field(_("For"), self.for_name), 1)
        self.add_field("expires_on", Field(_("Expiry"), holder), 1, 1)
        self.errors.local = lambda: {"amount": e} if (e := amount_error(self.amount.text())) else {}

    def _send(self) -> None:
        cents, method, name = parse_money(self.amount.text()), Method(self.method.currentData()), self.for_name.text()
        expires = self.expiry.date().toPython() if self.expires.isChecked() else None
        self._call(lambda s, a: s.vouchers.sell(a, cents, method, for_name=name, expires_on=expires))


def offer_card(host, voucher: VoucherRecord, parent: QWidget) -> None:
    """After a sale: the code, and saving its printable card."""
    def save() -> None:
        def chosen(path: str) -> None:
            host.call(lambda s, a: Path(path).write_bytes(s.vouchers.card_pdf(a, voucher.id)),
                      lambda _n: host.toast(_("Voucher card saved to {path}.").format(path=path)),
                      lambda e: prompts.tell(parent, _("Voucher"), getattr(e, "message", str(e))))

        prompts.choose_save_path(parent, _("Save the voucher card"), f"voucher-{voucher.code}.pdf",
                                 _("PDF files (*.pdf)"), chosen)

    prompts.offer(parent, _("Voucher sold"), _("Voucher {code} is worth {amount}. Save its card to print it.").format(
        code=voucher.code, amount=money(voucher.initial_cents, host.settings.currency)),
        {_("Save card…"): save})


class VoucherLookupDialog(FormDialog):
    """A code typed in → the voucher's balance, expiry and state. Stays open for the next."""

    def __init__(self, host, today: date, parent: QWidget | None) -> None:
        super().__init__(_("Voucher lookup"), _("Type the code printed on the card."), parent,
                         save_text=_("Look up"))
        self.setObjectName("VoucherLookupDialog")
        self.host, self.today = host, today
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(_("Close"))
        self.code = line_edit(_("e.g. ABCD-EFGH"), max_length=20)
        self.add_field("voucher_code", Field(_("Code"), self.code, required=True), 0)
        self.result = label("", "title")
        self.result.setObjectName("VoucherBalance")
        self.details = label("", "muted", wrap=True)
        self.details.setObjectName("VoucherDetails")
        for widget in (self.result, self.details):
            widget.setVisible(False)
            self.layout_.insertWidget(self.layout_.count() - 2, widget)
        self.errors.local = lambda: {} if self.code.text().strip() else {"voucher_code": _("Type the code.")}

    def save(self) -> None:
        self.errors.submit(self._look)

    def _look(self) -> None:
        code = self.code.text()
        self.busy(True)
        self.host.call(lambda s, a: s.vouchers.lookup(a, code), self._found, self._not_found)

    def _not_found(self, error) -> None:
        self.busy(False)
        for widget in (self.result, self.details):
            widget.setVisible(False)
        self.fields["voucher_code"].set_error(getattr(error, "message", str(error)))
        self.code.selectAll()

    def _found(self, voucher: VoucherRecord) -> None:
        self.busy(False)
        self.errors.clear()
        currency = self.host.settings.currency
        self.result.setText(_("{code}: {balance} left").format(code=voucher.code,
                                                                balance=money(voucher.balance_cents, currency)))
        if voucher.expires_on is not None and voucher.expires_on < self.today:
            state = _("Expired on {day}.").format(day=short_date(voucher.expires_on))
        elif voucher.balance_cents <= 0:
            state = _("Spent in full.")
        elif voucher.expires_on is not None:
            state = _("Usable until {day}.").format(day=short_date(voucher.expires_on))
        else:
            state = _("Usable; it does not expire.")
        lines = [_("Sold for {amount} on {day} by {who}.").format(
            amount=money(voucher.initial_cents, currency), day=local_date(voucher.sold_at, self.host.settings.timezone),
            who=voucher.sold_by_name), state]
        if voucher.for_name:
            lines.insert(0, _("For {name}.").format(name=voucher.for_name))
        self.details.setText("\n".join(lines))
        for widget in (self.result, self.details):
            widget.setVisible(True)
        self.code.selectAll()
