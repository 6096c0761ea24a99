"""The item form: a new item, or one edited on the version it was read at. The unit is
picked from the usual ones or typed; whether it is stocked by lot follows the category
until the person says otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from studio.services.common import _
from studio.services.inventory import CATEGORY_LABELS, UNITS, Category, ItemInput, ItemRecord, unit_label
from studio.ui.inventory.forms import number_edit, typed_whole
from studio.ui.kit.form_dialog import ServiceFormDialog
from studio.ui.kit.widgets import Field, line_edit


class ItemDialog(ServiceFormDialog):
    """``saved``: the ItemRecord made or changed."""

    def __init__(self, host, item: ItemRecord | None, parent: QWidget | None) -> None:
        title = _("New item") if item is None else _("Edit {name}").format(name=item.name)
        super().__init__(host, title, "", parent, save_text=_("Add item") if item is None else _("Save"))
        self.setObjectName("ItemDialog")
        self.setMinimumWidth(560)
        self.item = item
        self.name = line_edit(_("e.g. Black ink, 30 ml"), max_length=120)
        self.category = QComboBox()
        for category, text in CATEGORY_LABELS.items():
            self.category.addItem(_(text), str(category))
        self.unit = QComboBox()
        self.unit.setEditable(True)
        for unit in UNITS:
            self.unit.addItem(unit_label(unit), unit)
        self.threshold = number_edit("0", name="Threshold")
        self.reorder = number_edit("0", name="Reorder")
        self.supplier = line_edit(max_length=120)
        self.sku = line_edit(max_length=60)
        self.barcode = line_edit(_("Scan or type it"), max_length=64)
        self.by_lot = QCheckBox(_("Stocked by lot (lot number and expiry on each delivery)"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.add_field("name", Field(_("Name"), self.name, required=True), 0, 0, 2)
        self.add_field("category", Field(_("Category"), self.category), 1, 0)
        self.add_field("unit", Field(_("Unit"), self.unit, required=True), 1, 1)
        self.add_field("threshold", Field(_("Low-stock threshold"), self.threshold,
                                          hint=_("Warn when this many or fewer are left.")), 2, 0)
        self.add_field("reorder_quantity", Field(_("Reorder quantity"), self.reorder), 2, 1)
        self.add_field("supplier", Field(_("Supplier"), self.supplier), 3, 0)
        self.add_field("sku", Field(_("SKU"), self.sku), 3, 1)
        self.add_field("barcode", Field(_("Barcode"), self.barcode), 4, 0)
        self.add_field("by_lot", Field("", self.by_lot), 5, 0, 2)
        self.add_field("notes", Field(_("Notes"), self.notes), 6, 0, 2)
        self._lot_chosen = item is not None
        self.by_lot.toggled.connect(lambda _on: setattr(self, "_lot_chosen", True))
        self.category.currentIndexChanged.connect(self._category_chosen)
        if item is not None:
            self._fill(item)
        else:
            self._category_chosen(0)
        self.errors.local = self._local

    def _fill(self, item: ItemRecord) -> None:
        self.name.setText(item.name)
        self.category.setCurrentIndex(self.category.findData(str(item.category)))
        found = self.unit.findData(item.unit)
        if found >= 0:
            self.unit.setCurrentIndex(found)
        else:
            self.unit.setEditText(item.unit)
        self.threshold.setText(str(item.threshold))
        self.reorder.setText(str(item.reorder_quantity))
        self.supplier.setText(item.supplier)
        self.sku.setText(item.sku)
        self.barcode.setText(item.barcode)
        self.by_lot.setChecked(item.by_lot)
        self.notes.setPlainText(item.notes)

    def _category_chosen(self, _index: int) -> None:
        if not self._lot_chosen:  # what goes into skin is stocked by lot, unless the person said otherwise
            blocker = self.by_lot.blockSignals(True)
            self.by_lot.setChecked(Category(self.category.currentData()).traceable)
            self.by_lot.blockSignals(blocker)

    def chosen_unit(self) -> str:
        """The unit as stored: ours in English (shown translated), or what was typed."""
        text = self.unit.currentText().strip()
        index = self.unit.findText(text)
        return self.unit.itemData(index) if index >= 0 and self.unit.itemData(index) else text

    def _local(self) -> dict[str, str]:
        found = {}
        if not self.name.text().strip() and "name" in self.errors.touched:
            found["name"] = _("Type the item's name.")
        if not self.chosen_unit():
            found["unit"] = _("Pick or type the unit it is counted in.")
        for key, edit in (("threshold", self.threshold), ("reorder_quantity", self.reorder)):
            if edit.text().strip():
                error = typed_whole(edit.text(), allow_zero=True)[1]
                if error:
                    found[key] = error
        return found

    def data(self) -> ItemInput:
        return ItemInput(
            name=self.name.text(), category=Category(self.category.currentData()), unit=self.chosen_unit(),
            threshold=typed_whole(self.threshold.text() or "0", allow_zero=True)[0] or 0,
            reorder_quantity=typed_whole(self.reorder.text() or "0", allow_zero=True)[0] or 0,
            supplier=self.supplier.text(), sku=self.sku.text(), barcode=self.barcode.text(),
            notes=self.notes.toPlainText(), by_lot=self.by_lot.isChecked())

    def _send(self) -> None:
        data, item = self.data(), self.item
        if item is None:
            self._call(lambda s, a: s.inventory.create(a, data))
        else:
            self._call(lambda s, a: s.inventory.update(a, item.id, data, version=item.version))



