"""Record what a session used: opened for an appointment in progress or done (the calendar's
menu, the appointment dialog). A USB scanner types a barcode and Enter into the scan field:
the item (and, for a lot's own barcode, that lot) is added as a line; or an item is picked
from the list (inks, needles and cartridges first). Each line has its quantity and, for an
item stocked by lot, its lot: the artist's last used first, expired ones marked. Saving
writes "used" movements linked to the appointment; an expired lot is asked about first.
What the session already used is listed under the lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studio.services.common import N_, _, date_time, short_date
from studio.services.inventory import CATEGORY_LABELS, Category, ExpiredLot, ItemRecord, LotRecord, Use
from studio.ui.kit import icons
from studio.ui.kit.prompts import ask
from studio.ui.kit.widgets import button, configure_table, label

# Items picked for a session: what goes into the skin first, then the rest.
FIRST_CATEGORIES = (Category.INK, Category.NEEDLES, Category.CARTRIDGES)
USED_COLUMNS = (N_("Item"), N_("Lot"), N_("Quantity"), N_("Recorded by"))
USED_ROWS_SHOWN = 3
LINE_NAME_WIDTH, LINE_QUANTITY_WIDTH = 230, 120  # the lines' columns line up; the lot takes the rest


def lot_text(lot: LotRecord, unit: str, today: date) -> str:
    """How a lot reads in its combo: its number, its expiry (or that it expired), what is left."""
    if lot.expires_on is None:
        # Translators: a lot in a list, e.g. "A12 · 10 bottle left".
        return _("{lot} · {n} {unit} left").format(lot=lot.lot_number, n=lot.on_hand, unit=unit)
    if lot.expired_on(today):
        # Translators: an expired lot in a list, e.g. "A12 · EXPIRED 1 Mar 2026 · 3 bottle left".
        return _("{lot} · EXPIRED {day} · {n} {unit} left").format(
            lot=lot.lot_number, day=short_date(lot.expires_on), n=lot.on_hand, unit=unit)
    # Translators: a lot in a list, e.g. "A12 · expires 1 Mar 2027 · 10 bottle left".
    return _("{lot} · expires {day} · {n} {unit} left").format(
        lot=lot.lot_number, day=short_date(lot.expires_on), n=lot.on_hand, unit=unit)


def error_line(name: str) -> QLabel:
    """A hidden sentence in the danger colour, as plain text (it may quote what was typed)."""
    line = label("", "error", wrap=True)
    line.setObjectName(name)
    line.setTextFormat(Qt.TextFormat.PlainText)
    line.setVisible(False)
    return line


class ScanField(QLineEdit):
    """Where a USB scanner types: its Enter ends one code (``scanned``) and goes no further,
    so it never presses the dialog's default button."""

    scanned = Signal(str)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.text().strip()
            self.clear()
            if code:
                self.scanned.emit(code)
            event.accept()
            return
        super().keyPressEvent(event)


class UseLine(QFrame):
    """One line: the item, how many, which lot (for an item stocked by lot), remove."""

    removed = Signal(object)

    def __init__(self, item: ItemRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UseLine")
        self.item = item
        self.wanted_lot: int | None = None  # a scanned lot, chosen once the lots are read
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.name = QLabel(item.name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setFixedWidth(LINE_NAME_WIDTH)
        self.name.setToolTip(item.name)
        row.addWidget(self.name)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("UseQuantity")
        self.quantity.setRange(1, 9999)
        self.quantity.setSuffix(f" {item.unit}")
        self.quantity.setAccessibleName(_("Quantity"))
        self.quantity.setFixedWidth(LINE_QUANTITY_WIDTH)
        row.addWidget(self.quantity)
        self.lot = QComboBox()
        self.lot.setObjectName("UseLot")
        self.lot.setAccessibleName(_("Lot"))
        self.lot.setMinimumWidth(320)
        if item.by_lot:
            self.lot.addItem(_("Loading…"), None)
            self.lot.setEnabled(False)
        else:
            self.lot.addItem(_("Not stocked by lot"), None)
            self.lot.setEnabled(False)
        row.addWidget(self.lot, 1)
        self.remove = QPushButton()
        self.remove.setObjectName("RemoveLine")
        self.remove.setIcon(icons.icon("x"))
        self.remove.setToolTip(_("Remove this line"))
        self.remove.setAccessibleName(_("Remove this line"))
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        row.addWidget(self.remove)

    def show_lots(self, lots: tuple[LotRecord, ...], today: date) -> None:
        self.lot.clear()
        if not lots:
            self.lot.addItem(_("No lot has stock"), None)
            return
        for lot in lots:
            self.lot.addItem(lot_text(lot, self.item.unit, today), lot.id)
            if lot.expired_on(today):
                self.lot.setItemData(self.lot.count() - 1, _("This lot has expired."), Qt.ItemDataRole.ToolTipRole)
        self.lot.setEnabled(True)
        at = self.lot.findData(self.wanted_lot) if self.wanted_lot is not None else 0
        self.lot.setCurrentIndex(max(at, 0))

    def lot_id(self) -> int | None:
        return self.lot.currentData() if self.item.by_lot else None

    def use(self) -> Use:
        return Use(self.item.id, self.quantity.value(), self.lot_id())


class UseDialog(QDialog):
    """``recorded`` carries the movements written."""

    recorded = Signal(object)

    def __init__(self, host, record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UseDialog")
        self.setWindowTitle(_("Record what was used"))
        self.setMinimumWidth(900)
        self.host, self.record = host, record
        self.zone = host.settings.timezone
        self.items: list[ItemRecord] = []
        self.lines: list[UseLine] = []
        self.loaded = False
        self.sending = False
        self._scans = 0  # scans sent; the last one's answer says what is wrong

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(10)
        outer.addWidget(label(_("Record what was used"), "title"))
        # Translators: the session a use is recorded for: the client, when, the artist.
        who = label(_("{client}, {when} · {artist}").format(
            client=record.client_name or _("No client"), when=date_time(record.starts_at, self.zone),
            artist=record.artist_name), "muted", wrap=True)
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setObjectName("UseWho")
        outer.addWidget(who)

        pick = QHBoxLayout()
        pick.setSpacing(8)
        self.scan = ScanField()
        self.scan.setPlaceholderText(_("Scan a barcode (or type it and press Enter)"))
        self.scan.setMaxLength(64)
        self.scan.setObjectName("ScanField")
        self.scan.setAccessibleName(_("Barcode"))
        self.scan.addAction(icons.icon("qr-code"), self.scan.ActionPosition.LeadingPosition)
        self.scan.scanned.connect(self._scanned)
        pick.addWidget(self.scan, 1)
        self.picker = QComboBox()
        self.picker.setObjectName("ItemPicker")
        self.picker.setAccessibleName(_("Item"))
        self.picker.setMinimumWidth(240)
        self.picker.addItem(_("Loading…"), None)
        self.picker.setEnabled(False)
        pick.addWidget(self.picker)
        self.add_button = button(_("Add"), icon_name="plus", on_click=self._picked)
        self.add_button.setObjectName("AddLine")
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        pick.addWidget(self.add_button)
        outer.addLayout(pick)
        self.scan_error = error_line("ScanError")
        outer.addWidget(self.scan_error)

        self.lines_header = QWidget()
        heads = QHBoxLayout(self.lines_header)
        heads.setContentsMargins(0, 4, 0, 0)
        heads.setSpacing(8)
        for text, width in ((_("Item"), LINE_NAME_WIDTH), (_("Quantity"), LINE_QUANTITY_WIDTH), (_("Lot"), None)):
            head = label(text, "fieldLabel")
            if width:
                head.setFixedWidth(width)
            heads.addWidget(head, 0 if width else 1)
        self.lines_header.setVisible(False)
        outer.addWidget(self.lines_header)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(6)
        outer.addLayout(self.lines_box)
        self.empty = label(_("Scan or pick what the session used: inks, needles, cartridges."), "muted", wrap=True)
        self.empty.setObjectName("UseEmpty")
        outer.addWidget(self.empty)

        self.used_title = label(_("Already recorded for this session"), "fieldLabel")
        outer.addWidget(self.used_title)
        self.used = QTableWidget(0, len(USED_COLUMNS))
        self.used.setObjectName("SessionUse")
        self.used.setHorizontalHeaderLabels([_(c) for c in USED_COLUMNS])
        configure_table(self.used, {0: 240, 1: 140, 2: 100}, stretch=3)
        self.used.horizontalHeaderItem(2).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addWidget(self.used)
        for widget in (self.used_title, self.used):
            widget.setVisible(False)

        self.general = error_line("UseError")
        outer.addWidget(self.general)
        outer.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Record use"))
        self.save_button.setObjectName("RecordUse")
        self.save_button.setProperty("variant", "primary")
        self.save_button.setAutoDefault(False)
        self.save_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.scan.setFocus()
        appointment_id = record.id
        host.call(lambda s, a: (s.inventory.items(a), s.stock.session_use(a, appointment_id)),
                  self._loaded, self._show_error)

    # --- loading ----------------------------------------------------------------------------
    def _loaded(self, result) -> None:
        if not isValid(self):
            return
        items, used = result
        rank = {c: i for i, c in enumerate(FIRST_CATEGORIES)}
        self.items = sorted(items, key=lambda i: (rank.get(i.category, len(rank)), i.name.casefold()))
        self.picker.clear()
        for item in self.items:
            # Translators: an item in the picker and its category, e.g. "Black ink (Ink)".
            self.picker.addItem(_("{name} ({category})").format(name=item.name,
                                                                 category=_(CATEGORY_LABELS[item.category])), item.id)
        self.picker.setEnabled(bool(self.items))
        self.add_button.setEnabled(bool(self.items))
        self._show_used(used)
        self.loaded = True

    def _show_used(self, used) -> None:
        self.used.setRowCount(len(used))
        for r, m in enumerate(used):
            values = (m.item_name, m.lot_number or "—", str(-m.delta), m.staff_name)
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if m.expired_use:
                    cell.setToolTip(_("Used after its lot expired."))
                self.used.setItem(r, c, cell)
        header = self.used.horizontalHeader().sizeHint().height()
        row = self.used.verticalHeader().defaultSectionSize()
        self.used.setFixedHeight(header + row * max(1, min(len(used), USED_ROWS_SHOWN)) + 2 * self.used.frameWidth())
        for widget in (self.used_title, self.used):
            widget.setVisible(bool(used))

    # --- adding lines ---------------------------------------------------------------------
    def _scanned(self, code: str) -> None:
        """Each code found adds its line; the sentence under the field is the last scan's
        (answers may come back in another order than the codes went)."""
        self._scans += 1
        scan = self._scans

        def found(result) -> None:
            if isValid(self):
                item, lot = result
                if scan == self._scans:
                    self._set_scan_error("")
                self.add_item(item, lot.id if lot is not None else None)

        def unknown(error) -> None:
            if isValid(self) and scan == self._scans:
                self._set_scan_error(getattr(error, "message", str(error)))

        self.host.call(lambda s, a: s.inventory.by_barcode(a, code), found, unknown)

    def _set_scan_error(self, text: str) -> None:
        self.scan_error.setText(text)
        self.scan_error.setVisible(bool(text))

    def _picked(self) -> None:
        item_id = self.picker.currentData()
        item = next((i for i in self.items if i.id == item_id), None)
        if item is not None:
            self.add_item(item)

    def add_item(self, item: ItemRecord, lot_id: int | None = None) -> UseLine:
        """A line for ``item`` (``lot_id``: that lot chosen); the same item (and lot) scanned
        again counts one more on its line."""
        for line in self.lines:
            if line.item.id == item.id and (lot_id is None or line.lot_id() == lot_id or line.wanted_lot == lot_id):
                line.quantity.setValue(line.quantity.value() + 1)
                return line
        line = UseLine(item, self)
        line.wanted_lot = lot_id
        line.removed.connect(self._remove)
        self.lines.append(line)
        self.lines_box.addWidget(line)
        self._lines_changed()
        if item.by_lot:
            item_id, artist_id = item.id, self.record.artist_id
            self.host.call(lambda s, a: s.stock.lots_for(a, item_id, artist_id=artist_id),
                           lambda lots: isValid(line) and line.show_lots(lots, self._today()), self._show_error)
        return line

    def _today(self) -> date:
        return self.host.services.clock().astimezone(ZoneInfo(self.zone)).date()

    def _remove(self, line: UseLine) -> None:
        self.lines.remove(line)
        line.setParent(None)
        line.deleteLater()
        self._lines_changed()

    def _lines_changed(self) -> None:
        self.empty.setVisible(not self.lines)
        self.lines_header.setVisible(bool(self.lines))
        self.save_button.setEnabled(bool(self.lines) and not self.sending)
        self._show_error(None)

    # --- saving -----------------------------------------------------------------------------
    def save(self, *, allow_expired: bool = False) -> None:
        if not self.lines or self.sending:
            return
        uses = tuple(line.use() for line in self.lines)
        appointment_id = self.record.id
        self._busy(True)
        self.host.call(lambda s, a: s.stock.use(a, uses, appointment_id=appointment_id, allow_expired=allow_expired),
                       self._done, self._refused, write=True)

    def _busy(self, on: bool) -> None:
        self.sending = on
        self.save_button.setEnabled(not on and bool(self.lines))

    def _refused(self, error) -> None:
        if not isValid(self):
            return
        self._busy(False)
        if isinstance(error, ExpiredLot):
            self.expired_box = ask(self, _("Expired lot"), error.message, lambda: self.save(allow_expired=True),
                                   yes=_("Use it anyway"))
            return
        self._show_error(error)

    def _show_error(self, error) -> None:
        text = "" if error is None else getattr(error, "message", "") or str(error)
        self.general.setText(text)
        self.general.setVisible(bool(text))

    def _done(self, movements) -> None:
        if not isValid(self):
            return
        self.sending = False
        from studio.ui.inventory.watch import stock_changed

        stock_changed(self.host)  # the sidebar's low-stock count follows at once
        self.recorded.emit(movements)
        self.accept()


def open_use(host, parent: QWidget, record, *, on_done: Callable[[object], None] | None = None) -> UseDialog:
    """Open the dialog for the appointment ``record``; ``on_done(movements)`` once recorded."""
    dialog = UseDialog(host, record, parent)
    if on_done is not None:
        dialog.recorded.connect(on_done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
