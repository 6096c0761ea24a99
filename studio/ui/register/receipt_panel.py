"""A receipt as the desk sees it after a checkout (and again from the calendar): its lines,
and the receipt and the aftercare sheet to print or save as PDF. Printing opens the PDF in
the PC's viewer, which prints it (Qt alone cannot draw a PDF); without a viewer the desk
is offered to save it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from studio.services.common import _, date_time, money
from studio.services.register import METHOD_LABELS, ReceiptRecord
from studio.ui.kit import prompts
from studio.ui.kit.saving import save_made
from studio.ui.kit.widgets import Role, button, button_box, card, label


def receipt_lines(receipt: ReceiptRecord, currency: str) -> list[tuple[str, str]]:
    """(what, amount) lines: the price, what came off it, the tip, each payment, the change."""
    lines = [(_("Price"), money(receipt.price_cents, currency))]
    for text, cents in ((_("Deposit applied"), receipt.deposit_cents), (_("Credit used"), receipt.credit_cents),
                        (_("Voucher"), receipt.voucher_cents)):
        if cents:
            lines.append((text, "−" + money(cents, currency)))
    if receipt.tip_cents:
        lines.append((_("Tip"), money(receipt.tip_cents, currency)))
    for payment in receipt.payments:
        # Translators: a line of the receipt, e.g. "Paid by card".
        lines.append((_("Paid by {method}").format(method=_(METHOD_LABELS[payment.method]).lower()),
                      money(payment.amount_cents, currency)))
    if receipt.tendered_cents:
        lines.append((_("Cash handed over"), money(receipt.tendered_cents, currency)))
        lines.append((_("Change given"), money(receipt.change_cents, currency)))
    return lines


class ReceiptPanel(QWidget):
    """``show_receipt`` fills it; its buttons reach the receipt's and the sheet's PDFs."""

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptPanel")
        self.host = host
        self.receipt: ReceiptRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.intro = label("", "muted", wrap=True)
        layout.addWidget(self.intro)
        frame, inner = card(margins=16, spacing=4)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        inner.addLayout(self.grid)
        layout.addWidget(frame)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.print_receipt = button(_("Print receipt"), icon_name="printer", variant="primary",
                                    on_click=lambda: self._print("receipt"))
        self.save_receipt = button(_("Save receipt PDF…"), icon_name="download",
                                   on_click=lambda: self._save("receipt"))
        self.print_sheet = button(_("Print aftercare sheet"), icon_name="printer",
                                  on_click=lambda: self._print("aftercare"))
        self.save_sheet = button(_("Save aftercare sheet…"), icon_name="download",
                                 on_click=lambda: self._save("aftercare"))
        for widget in (self.print_receipt, self.save_receipt, self.print_sheet, self.save_sheet):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def buttons(self):
        return (self.print_receipt, self.save_receipt, self.print_sheet, self.save_sheet)

    def show_receipt(self, receipt: ReceiptRecord) -> None:
        self.receipt = receipt
        currency, zone = self.host.settings.currency, self.host.settings.timezone
        # Under the receipt's number: when, for whom, by which artist (data, joined).
        self.intro.setText(" · ".join(p for p in (date_time(receipt.at, zone), receipt.client_name,
                                                  receipt.artist_name, receipt.description) if p))
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row, (what, amount) in enumerate(receipt_lines(receipt, currency)):
            self.grid.addWidget(label(what, "muted"), row, 0)
            value = label(amount, "title")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(value, row, 1)
        self.print_sheet.setVisible(bool(receipt.client_id))
        self.save_sheet.setVisible(bool(receipt.client_id))

    def _pdf(self, what: str) -> Callable:
        receipt_id = self.receipt.id
        if what == "receipt":
            return lambda s, a: s.checkout.receipt_pdf(a, receipt_id)
        return lambda s, a: s.aftercare.sheet_pdf(a, receipt_id)

    def _name(self, what: str) -> str:
        return f"{'receipt' if what == 'receipt' else 'aftercare'}-{self.receipt.number}.pdf"

    def _print(self, what: str) -> None:
        make, name = self._pdf(what), self._name(what)

        def write(s, a) -> Path:
            folder = Path(tempfile.mkdtemp(prefix="linework-print-"))
            path = folder / name
            path.write_bytes(make(s, a))
            return path

        def opened(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                prompts.offer(self, _("Print"), _("This PC has no program that opens PDF files, so Linework cannot "
                                                  "print it. Save it and print it from another program."),
                              {_("Save PDF…"): lambda: self._save(what)})

        self.host.call(write, opened, self._failed)

    def _save(self, what: str) -> None:
        title = _("Save receipt PDF") if what == "receipt" else _("Save aftercare sheet")
        save_made(self, self.host, title, self._name(what), _("PDF files (*.pdf)"), self._pdf(what),
                  on_failed=self._failed)

    def _failed(self, error) -> None:
        prompts.tell(self, _("Receipt"), error.message)


class ReceiptDialog(QDialog):
    """A receipt shown again (the calendar's "Receipt No. N"), to reprint or save."""

    def __init__(self, host, receipt: ReceiptRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptDialog")
        self.setWindowTitle(_("Receipt No. {number}").format(number=receipt.number))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(self.windowTitle(), "title"))
        self.panel = ReceiptPanel(host, self)
        self.panel.show_receipt(receipt)
        layout.addWidget(self.panel, 1)
        close = button(_("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(button_box((close, Role.RejectRole)))


def open_receipt(host, parent: QWidget, receipt: ReceiptRecord) -> ReceiptDialog:
    dialog = ReceiptDialog(host, receipt, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
