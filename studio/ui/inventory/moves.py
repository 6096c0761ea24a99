"""Waste (or a return to the supplier) and an adjustment to what was counted: one item,
one lot of it when it is stocked by lot, a whole number and the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from studio.services.common import _
from studio.services.inventory import ItemRecord, LotRecord
from studio.ui.inventory.forms import number_edit, typed_whole
from studio.ui.inventory.model import amount_of
from studio.ui.kit.form_dialog import ServiceFormDialog
from studio.ui.kit.format import short_date
from studio.ui.kit.widgets import Field, line_edit


def lot_combo(lots: tuple[LotRecord, ...], unit: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("LotChoice")
    for lot in lots:
        # Translators: a lot to choose: its number, what is left of it and its expiry ("A-100 · 8 bottle · 1 Mar 2027").
        combo.addItem(_("{lot} · {left} · {expires}").format(lot=lot.lot_number, left=amount_of(lot.on_hand, unit),
                                                              expires=short_date(lot.expires_on)), lot.id)
    return combo


class _MoveDialog(ServiceFormDialog):
    """An item's quantity (and lot) with a reason."""

    def __init__(self, host, item: ItemRecord, lots: tuple[LotRecord, ...], parent: QWidget | None, *,
                 title: str, intro: str, save_text: str, quantity_label: str, allow_zero: bool,
                 reason_hint: str) -> None:
        super().__init__(host, title, intro, parent, save_text=save_text)
        self.item = item
        self.allow_zero = allow_zero
        self.quantity = number_edit(name="Quantity")
        self.reason = line_edit(reason_hint, max_length=300)
        self.reason.setObjectName("Reason")
        self.lot = lot_combo(lots, item.unit) if item.by_lot else None
        row = 0
        if self.lot is not None:
            self.add_field("lot_id", Field(_("Lot"), self.lot, required=True), row, 0, 2)
            row += 1
        self.add_field(self.quantity_key, Field(quantity_label, self.quantity, required=True), row, 0)
        self.add_field("reason", Field(_("Reason"), self.reason, required=True), row + 1, 0, 2)
        self.errors.local = self._local

    quantity_key = "quantity"

    def lot_id(self) -> int | None:
        return self.lot.currentData() if self.lot is not None else None

    def _local(self) -> dict[str, str]:
        found = {}
        error = typed_whole(self.quantity.text(), allow_zero=self.allow_zero)[1]
        if error and (self.quantity.text().strip() or self.quantity_key in self.errors.touched):
            found[self.quantity_key] = error
        if not self.reason.text().strip() and "reason" in self.errors.touched:
            found["reason"] = _("Say why, so the history explains it.")
        if self.lot is not None and self.lot.count() == 0:
            found["lot_id"] = _("No lot of {name} has stock left.").format(name=self.item.name)
        return found


class WasteDialog(_MoveDialog):
    """Thrown away, or ``returned`` to the supplier (``saved``: the movement)."""

    def __init__(self, host, item: ItemRecord, lots: tuple[LotRecord, ...], parent: QWidget | None, *,
                 returned: bool = False) -> None:
        left = amount_of(item.on_hand, item.unit)
        super().__init__(
            host, item, lots, parent,
            title=(_("Return {name}") if returned else _("Waste {name}")).format(name=item.name),
            intro=(_("Stock sent back to the supplier; {left} on hand now.") if returned
                   else _("Stock thrown away: dropped, opened, past its date; {left} on hand now.")).format(left=left),
            save_text=_("Return") if returned else _("Waste"), quantity_label=_("Quantity"), allow_zero=False,
            reason_hint=_("e.g. Wrong colour sent") if returned else _("e.g. Bottle dropped"))
        self.setObjectName("ReturnDialog" if returned else "WasteDialog")
        self.returned = returned

    def _send(self) -> None:
        item_id, n, reason, lot_id, returned = (self.item.id, typed_whole(self.quantity.text())[0],
                                                self.reason.text(), self.lot_id(), self.returned)
        self._call(lambda s, a: s.stock.waste(a, item_id, n, reason, lot_id=lot_id, returned=returned))


class AdjustDialog(_MoveDialog):
    """Set what is on hand to what was counted (``saved``: the adjustment)."""

    quantity_key = "counted"

    def __init__(self, host, item: ItemRecord, lots: tuple[LotRecord, ...], parent: QWidget | None) -> None:
        super().__init__(
            host, item, lots, parent, title=_("Adjust {name}").format(name=item.name),
            intro=_("Type what is on the shelf; {left} is on hand now.").format(left=amount_of(item.on_hand,
                                                                                               item.unit)),
            save_text=_("Adjust"), quantity_label=_("Counted"), allow_zero=True,
            reason_hint=_("e.g. Counted the shelf"))
        self.setObjectName("AdjustDialog")

    def _send(self) -> None:
        item_id, n, reason, lot_id = (self.item.id, typed_whole(self.quantity.text(), allow_zero=True)[0],
                                      self.reason.text(), self.lot_id())
        self._call(lambda s, a: s.stock.adjust(a, item_id, n, reason, lot_id=lot_id))
