"""One item beside the stock list: its details, its lots (expired and expiring ones marked)
and its movements, newest first. Read when the item is chosen, never before."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTableView, QVBoxLayout

from studio.services.common import _, number
from studio.services.inventory import CATEGORY_LABELS, ItemDetail, unit_label
from studio.ui.inventory.model import ExpiryMarks, LotTableModel, MovementTableModel, amount_of
from studio.ui.kit.widgets import button, configure_table, label


def detail_lines(detail: ItemDetail) -> list[str]:
    item = detail.item
    lines = [_("{category} · counted in {unit}").format(category=_(CATEGORY_LABELS[item.category]),
                                                        unit=unit_label(item.unit))]
    if item.threshold:
        lines.append(_("Low at {n} or fewer · reorder {reorder}").format(
            n=number(item.threshold), reorder=number(item.reorder_quantity)))
    codes = [text for text in (item.supplier, item.sku and _("SKU {sku}").format(sku=item.sku),
                               item.barcode and _("barcode {code}").format(code=item.barcode)) if text]
    if codes:
        lines.append(" · ".join(codes))
    lines.append(_("Stocked by lot") if item.by_lot else _("Not stocked by lot"))
    return lines


class ItemView(QFrame):
    """The chosen item; ``closed`` when the person closes the panel."""

    closed = Signal()

    def __init__(self, timezone: str) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.detail: ItemDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.heading = label("", "title")
        self.heading.setObjectName("ItemName")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.heading, 1)
        self.on_hand = label("", "figure")
        self.on_hand.setObjectName("ItemOnHand")
        top.addWidget(self.on_hand)
        close = button("", icon_name="x", variant="ghost", tooltip=_("Close"), on_click=self.closed.emit)
        close.setObjectName("CloseItem")
        top.addWidget(close)
        layout.addLayout(top)
        self.details = label("", "muted", wrap=True)
        self.details.setObjectName("ItemDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.details)
        self.notes = label("", "small", wrap=True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.notes)
        self.actions = QHBoxLayout()  # the page puts the item's actions here
        self.actions.setSpacing(4)
        layout.addLayout(self.actions)
        self.lots_heading = label(_("Lots"), "fieldLabel")
        layout.addWidget(self.lots_heading)
        self.lots = LotTableModel()
        self.lots_table = QTableView()
        self.lots_table.setObjectName("LotsTable")
        self.lots_table.setModel(self.lots)
        configure_table(self.lots_table, {0: 120, 1: 120, 2: 90, 3: 120, 4: 100})
        layout.addWidget(self.lots_table, 2)
        layout.addWidget(label(_("History"), "fieldLabel"))
        self.moves = MovementTableModel(timezone)
        self.moves_table = QTableView()
        self.moves_table.setObjectName("MovementsTable")
        self.moves_table.setModel(self.moves)
        configure_table(self.moves_table, {0: 150, 1: 80, 2: 80, 3: 110, 4: 160, 5: 100, 6: 100})
        layout.addWidget(self.moves_table, 3)

    def show_detail(self, detail: ItemDetail, marks: ExpiryMarks) -> None:
        self.detail = detail
        item = detail.item
        self.heading.setText(item.name)
        self.on_hand.setText(amount_of(item.on_hand, item.unit))
        self.on_hand.setProperty("role", "figure")
        self.details.setText("\n".join(detail_lines(detail)))
        self.notes.setText(item.notes)
        self.notes.setVisible(bool(item.notes))
        self.lots_heading.setVisible(item.by_lot)
        self.lots_table.setVisible(item.by_lot)
        self.lots.show(detail.lots, marks, item.unit)
        self.moves.set_rows(list(detail.movements))
