"""The checkout dialog's payments: one row per method (the method, the amount, "Rest" to put
what is left to pay into it, remove), "Add a method", and the live summary of what is due,
paid, left and the change to give."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from studio.services.common import _, money, parse_money
from studio.services.register import METHOD_LABELS, MONEY_METHODS, Method, Payment
from studio.ui.kit.widgets import button, card, label, line_edit

MAX_ROWS = len(MONEY_METHODS)  # each method once in a split (check_payments says so too)


def amount_edit(placeholder: str = "") -> QLineEdit:
    edit = line_edit(placeholder, max_length=20)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return edit


def method_combo(methods=MONEY_METHODS) -> QComboBox:
    combo = QComboBox()
    for method in methods:
        combo.addItem(_(METHOD_LABELS[method]), method.value)
    return combo


def typed_cents(edit: QLineEdit) -> int:
    """The amount typed, the studio's way; 0 when the field is empty. ValidationError
    (with its sentence) when it is not an amount."""
    text = edit.text().strip()
    return parse_money(text) if text else 0


class PaymentRow(QWidget):
    """One method and its amount."""

    changed = Signal()

    def __init__(self, method: Method, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaymentRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.method = method_combo()
        self.method.setObjectName("PaymentMethod")
        self.method.setAccessibleName(_("Paid by"))
        self.method.setCurrentIndex(self.method.findData(method.value))
        self.amount = amount_edit()
        self.amount.setObjectName("PaymentAmount")
        self.amount.setAccessibleName(_("Amount"))
        self.rest = button(_("Rest"), variant="secondary", tooltip=_("Put what is left to pay in this row"))
        self.rest.setObjectName("PaymentRest")
        self.remove = button("", icon_name="x", variant="ghost", tooltip=_("Remove this method"))
        self.remove.setObjectName("PaymentRemove")
        for widget in (self.rest, self.remove):
            widget.setAutoDefault(False)  # Enter checks out; it never presses a row's button
        layout.addWidget(self.method, 2)
        layout.addWidget(self.amount, 2)
        layout.addWidget(self.rest)
        layout.addWidget(self.remove)
        self.method.currentIndexChanged.connect(self.changed)
        self.amount.textChanged.connect(self.changed)

    @property
    def method_value(self) -> Method:
        return Method(self.method.currentData())


class PaymentRows(QWidget):
    """The split: ``payments()`` reads it, ``changed`` fires on every edit, ``fill_rest``
    is asked for by a row's Rest button (the dialog knows what is left)."""

    changed = Signal()
    rest_wanted = Signal(object)  # the PaymentRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaymentRows")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        self.add_button = button(_("Add a method"), icon_name="plus", variant="ghost", on_click=self.add)
        self.add_button.setObjectName("AddPaymentMethod")
        self.add_button.setAutoDefault(False)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[PaymentRow] = []

    def add(self, method: Method | None = None) -> PaymentRow:
        used = {row.method_value for row in self.rows}
        method = method or next((m for m in MONEY_METHODS if m not in used), MONEY_METHODS[0])
        row = PaymentRow(method, self)
        row.changed.connect(self.changed)
        row.rest.clicked.connect(lambda: self.rest_wanted.emit(row))
        row.remove.clicked.connect(lambda: self.remove(row))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        row.show()  # a child added to a form already on screen is shown by hand
        self._update()
        self.changed.emit()
        row.amount.setFocus()
        return row

    def remove(self, row: PaymentRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_ROWS)
        for row in self.rows:
            row.remove.setVisible(len(self.rows) > 1)

    def payments(self) -> tuple[Payment, ...]:
        """The rows with an amount (ValidationError when one is not an amount)."""
        parts = ((row.method_value, typed_cents(row.amount)) for row in self.rows)
        return tuple(Payment(method, cents) for method, cents in parts if cents)

    def has_cash(self) -> bool:
        return any(row.method_value == Method.CASH and row.amount.text().strip() for row in self.rows)


class Summary(QWidget):
    """Due, paid, left and the change to give, big and right-aligned (UX: the register)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, inner = card(margins=12, spacing=4)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        inner.addLayout(grid)
        words = {"due": _("Due"), "paid": _("Paid"), "left": _("Left to pay"), "change": _("Change to give")}
        self.values: dict[str, object] = {}
        for row, key in enumerate(words):
            grid.addWidget(label(words[key], "muted"), row, 0)
            value = label("", "display" if key in ("due", "change") else "title")
            value.setObjectName(f"Summary-{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, row, 1)
            self.values[key] = value

    def show_figures(self, currency: str, *, due: int | None, paid: int, change: int) -> None:
        unknown = "—"
        self.values["due"].setText(unknown if due is None else money(due, currency))
        self.values["paid"].setText(money(paid, currency))
        self.values["left"].setText(unknown if due is None else money(max(due - paid, 0), currency))
        self.values["change"].setText(money(change, currency))

    def text_of(self, key: str) -> str:
        return self.values[key].text()
