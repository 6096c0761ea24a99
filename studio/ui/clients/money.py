"""The History tab's money section, for those who take payments: the client's receipts, the
payments and refunds in the register, their credit and their vouchers with what is left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import N_, _, money, short_date
from studio.services.register import KIND_LABELS, METHOD_LABELS, ClientMoney
from studio.ui.kit.widgets import Segmented, configure_table, label

RECEIPT_COLUMNS = (N_("Receipt"), N_("Date"), N_("Amount"), N_("Artist"))
ENTRY_COLUMNS = (N_("Date"), N_("What"), N_("Paid by"), N_("Amount"))
ROWS_SHOWN = 2  # the table is as tall as its rows up to this many (the tab is short); it scrolls past
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(columns: tuple[str, ...], name: str, amount_column: int) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_(c) for c in columns])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    configure_table(table, {0: 120, 1: 140, 2: 120}, stretch=3)
    table.amount_column = amount_column
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)  # plain text: names come from people
            if c == table.amount_column:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)
    header = table.horizontalHeader().sizeHint().height()
    row = table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(header + row * max(1, min(len(rows), ROWS_SHOWN)) + 2 * table.frameWidth())


class MoneySection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClientMoney")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        heading = QHBoxLayout()
        heading.addWidget(label(_("Money"), "title"))
        self.balance = label("", "muted", wrap=True)
        self.balance.setObjectName("ClientBalance")
        self.balance.setTextFormat(Qt.TextFormat.PlainText)
        heading.addWidget(self.balance, 1)
        # Receipts or payments, one table at a time: the tab is short.
        self.switch = Segmented([("receipts", _("Receipts")), ("payments", _("Payments"))], self._switch)
        self.switch.choose("receipts")
        heading.addWidget(self.switch)
        layout.addLayout(heading)
        self.receipts = _table(RECEIPT_COLUMNS, "ClientReceipts", 2)
        self.entries = _table(ENTRY_COLUMNS, "ClientPayments", 3)
        self.tables = QStackedWidget()
        self.tables.addWidget(self.receipts)
        self.tables.addWidget(self.entries)
        layout.addWidget(self.tables)

    def _switch(self, key: str) -> None:
        self.tables.setCurrentWidget(self.receipts if key == "receipts" else self.entries)

    def show_money(self, found: ClientMoney, currency: str) -> None:
        vouchers = ", ".join(_("{code} ({balance} left)").format(code=v.code, balance=money(v.balance_cents, currency))
                             for v in found.vouchers)
        credit = _("Credit: {amount}").format(amount=money(found.credit_cents, currency))
        # Translators: the client's credit, then their vouchers, e.g. "Credit: 0,00 € · Vouchers: ABCD-EFGH (40,00 € left)".
        self.balance.setText(_("{credit} · Vouchers: {vouchers}").format(credit=credit, vouchers=vouchers)
                             if vouchers else credit)
        _fill(self.receipts, [(_("No. {number}").format(number=r.number), short_date(r.day),
                               money(r.price_cents + r.tip_cents, currency), r.artist_name) for r in found.receipts])
        _fill(self.entries, [(short_date(e.day), _(KIND_LABELS[e.kind]), _(METHOD_LABELS[e.method]),
                              money(e.amount_cents, currency)) for e in found.entries])
        self.tables.setFixedHeight(max(self.receipts.maximumHeight(), self.entries.maximumHeight()))
