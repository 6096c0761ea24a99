"""A delivery received: scan, scan, scan, Enter. A USB scanner types the barcode and then
Enter into the scan field; the item it names gets a line (scanned again, its quantity goes
up). Each line says how many, and for an item stocked by lot its lot number and expiry.
Enter in a line goes back to the scan field; Enter on the empty scan field (or Receive)
saves the whole delivery in one service call, or nothing when a line is refused."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from studio.services.common import N_, _, ngettext
from studio.services.inventory import Delivery, ItemRecord, unit_label
from studio.ui.inventory.forms import number_edit, typed_whole
from studio.ui.kit.form_dialog import ServiceFormDialog
from studio.ui.kit.format import date_edit_format
from studio.ui.kit.widgets import Field, button, label, line_edit

NO_EXPIRY = QDate(2000, 1, 1)  # the date edit's minimum, shown as "No expiry"
HEADERS = (N_("Item"), N_("Quantity"), N_("Lot number"), N_("Expires"), N_("Supplier"), "")


class DeliveryLine:
    """One line's widgets: the item, how many, its lot and expiry, the supplier, its error."""

    def __init__(self, dialog: ReceiveDialog, item: ItemRecord) -> None:
        self.item = item
        self.name = QLabel(item.name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.quantity = number_edit(name="LineQuantity")
        self.quantity.setText("1")
        self.quantity.setMaximumWidth(80)
        self.unit = label(unit_label(item.unit), "small")
        self.lot = line_edit(_("On the label") if item.by_lot else _("Not by lot"), max_length=60)
        self.lot.setObjectName("LineLot")
        self.lot.setEnabled(item.by_lot)
        self.expires = QDateEdit()
        self.expires.setObjectName("LineExpiry")
        date_edit_format(self.expires)
        self.expires.setMinimumDate(NO_EXPIRY)
        self.expires.setSpecialValueText(_("No expiry"))
        self.expires.setDate(NO_EXPIRY)
        self.expires.setCalendarPopup(True)
        self.expires.setEnabled(item.by_lot)
        self.supplier = line_edit(item.supplier or _("Supplier"), max_length=120)
        self.supplier.setObjectName("LineSupplier")
        self.remove = button("", icon_name="x", variant="ghost", tooltip=_("Remove this line"),
                             on_click=lambda: dialog.remove_line(self))
        self.remove.setAccessibleName(_("Remove {name}").format(name=item.name))
        self.error = label("", "error", wrap=True)
        self.error.setVisible(False)
        for edit in (self.quantity, self.lot, self.supplier):
            edit.returnPressed.connect(dialog.back_to_scan)

    def widgets(self) -> tuple[QWidget, ...]:
        quantity = QWidget()
        row = QHBoxLayout(quantity)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.quantity)
        row.addWidget(self.unit)
        return self.name, quantity, self.lot, self.expires, self.supplier, self.remove

    def expiry(self) -> date | None:
        day = self.expires.date()
        return None if day == NO_EXPIRY else day.toPython()

    def problem(self) -> str:
        """The line's own error ("" when it is fine)."""
        error = typed_whole(self.quantity.text())[1]
        if error:
            return error
        if self.item.by_lot and not self.lot.text().strip():
            return _("{name} is stocked by lot: type the lot number on the label.").format(name=self.item.name)
        return ""

    def delivery(self) -> Delivery:
        return Delivery(self.item.id, typed_whole(self.quantity.text())[0], self.lot.text().strip(), self.expiry(),
                        self.supplier.text().strip())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class ReceiveDialog(ServiceFormDialog):
    """``saved``: the delivery's movements. ``items``: the stock list, to add a line by name."""

    def __init__(self, host, items: tuple[ItemRecord, ...], parent: QWidget | None) -> None:
        super().__init__(host, _("Receive a delivery"), _(
            "Scan each item's barcode (or type it and press Enter). Press Enter on the empty scan field to "
            "receive the whole delivery."), parent, save_text=_("Receive"))
        self.setObjectName("ReceiveDialog")
        self.setMinimumWidth(880)
        # Enter belongs to the scan field and the lines, never to a default button.
        for widget in self.buttons.buttons():
            widget.setAutoDefault(False)
            widget.setDefault(False)
        self.scan = line_edit(_("Scan a barcode"), max_length=64)
        self.scan.setObjectName("ScanField")
        self.scan.returnPressed.connect(self.scanned)
        self.pick = QComboBox()
        self.pick.setObjectName("PickItem")
        self.pick.addItem(_("Or add an item by name…"), None)
        for item in items:
            if not item.archived:
                self.pick.addItem(item.name, item.id)
        self.items = {item.id: item for item in items}
        self.pick.activated.connect(self._picked)
        self.add_field("scan", Field(_("Scan"), self.scan), 0, 0)
        self.add_field("pick", Field(_("Item"), self.pick), 0, 1)
        self.grid_holder = QWidget()
        self.grid_holder.setObjectName("DeliveryLines")
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        for column, text in enumerate(HEADERS):
            self.grid.addWidget(label(_(text) if text else "", "fieldLabel"), 0, column)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(4, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_holder)
        self.scroll.setMinimumHeight(200)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form.addWidget(self.scroll, 1, 0, 1, 2)
        self.empty = label(_("No lines yet: scan the first item."), "muted")
        self.empty.setObjectName("DeliveryEmpty")
        self.form.addWidget(self.empty, 2, 0, 1, 2)
        self.note = line_edit(_("e.g. Invoice 2026-118"), max_length=300)
        self.note.setObjectName("DeliveryNote")
        self.add_field("note", Field(_("Note"), self.note), 3, 0, 2)
        self.count = label("", "muted")
        self.form.addWidget(self.count, 4, 0, 1, 2)
        self.lines: list[DeliveryLine] = []
        self._layout_lines()

    # --- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override: Enter is the scan field's
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(self.focusWidget(), QPushButton):
                self.focusWidget().click()
            else:
                self.back_to_scan()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.scan.setFocus()

    def back_to_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # --- adding lines -------------------------------------------------------------------------
    def scanned(self) -> None:
        code = self.scan.text().strip()
        if not code:
            self.save()  # Enter on the empty field: the delivery is all there
            return
        self.fields["scan"].set_error(None)
        self.host.call(lambda s, a: s.inventory.by_barcode(a, code), self._found, self._not_found)

    def _found(self, found) -> None:
        item, _lot = found
        self.scan.clear()
        self.add_item(item)
        self.scan.setFocus()

    def _not_found(self, error) -> None:
        self.fields["scan"].set_error(getattr(error, "message", str(error)))
        self.scan.selectAll()
        self.scan.setFocus()

    def _picked(self, index: int) -> None:
        item_id = self.pick.itemData(index)
        self.pick.setCurrentIndex(0)
        if item_id is not None:
            self.add_item(self.items[item_id]).quantity.setFocus()

    def add_item(self, item: ItemRecord) -> DeliveryLine:
        """A line for ``item``; an item already on the delivery (not by lot) counts one more."""
        for line in self.lines:
            if line.item.id == item.id and not item.by_lot:
                n = typed_whole(line.quantity.text())[0] or 0
                line.quantity.setText(str(n + 1))
                return line
        line = DeliveryLine(self, item)
        self.lines.append(line)
        self._layout_lines()
        self.scroll.ensureWidgetVisible(line.name)
        return line

    def remove_line(self, line: DeliveryLine) -> None:
        self.lines.remove(line)
        for widget in (*line.widgets(), line.error):
            widget.setParent(None)
            widget.deleteLater()
        self._layout_lines()
        self.back_to_scan()

    def _layout_lines(self) -> None:
        for n, line in enumerate(self.lines):
            row = 1 + 2 * n
            for column, widget in enumerate(line.widgets()):
                self.grid.addWidget(widget, row, column)
            self.grid.addWidget(line.error, row + 1, 0, 1, len(HEADERS))
        self.grid.setRowStretch(1 + 2 * len(self.lines), 1)
        self.empty.setVisible(not self.lines)
        total = len(self.lines)
        self.count.setText(ngettext("{n} line", "{n} lines", total).format(n=total) if total else "")

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.general.setVisible(False)
        if not self.lines:
            self.fields["scan"].set_error(_("Scan at least one item first."))
            return
        wrong = False
        for line in self.lines:
            problem = line.problem()
            line.show_error(problem)
            if problem and not wrong:
                wrong = True
                (line.lot if line.quantity.text().strip().isdigit() else line.quantity).setFocus()
        if wrong:
            return
        lines, note = tuple(line.delivery() for line in self.lines), self.note.text()
        self._call(lambda s, a: s.stock.receive(a, lines, note=note))

    def failed(self, error) -> None:
        self.busy(False)
        self.general.setText(getattr(error, "message", str(error)))
        self.general.setVisible(True)
        self.back_to_scan()
