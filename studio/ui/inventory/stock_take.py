"""A stock-take: one category's shelf counted. Its items are listed (those stocked by lot,
one row per lot with stock) with what is on hand; the person types what they counted, and
Save writes one adjustment for each line that differs. Lines left blank were not counted
and change nothing."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QTableView, QVBoxLayout

from studio.services.common import N_, _, ngettext, number
from studio.services.inventory import CATEGORY_LABELS, Category, Counted, ItemRecord, LotRecord
from studio.ui.inventory.forms import typed_whole
from studio.ui.inventory.model import TintDelegate, amount_of
from studio.ui.kit import theme
from studio.ui.kit.format import NO_VALUE, short_date
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.kit.widgets import configure_table, label

COUNTED = 4


@dataclass
class CountLine:
    item: ItemRecord
    lot: LotRecord | None
    counted: str = ""  # as typed; "" not counted

    @property
    def countable(self) -> bool:
        return not self.item.by_lot or self.lot is not None

    @property
    def on_hand(self) -> int:
        return self.lot.on_hand if self.lot is not None else self.item.on_hand if not self.item.by_lot else 0


def count_lines(services, actor, category: Category) -> list[CountLine]:
    """The category's shelf: each item, or each lot with stock of an item stocked by lot."""
    lines = []
    for item in sorted(services.inventory.items(actor, category=category), key=lambda i: i.name.casefold()):
        if not item.by_lot:
            lines.append(CountLine(item, None))
            continue
        lots = services.stock.lots_for(actor, item.id)
        lines += [CountLine(item, lot) for lot in lots] or [CountLine(item, None)]
    return lines


class CountModel(RecordTableModel[CountLine]):
    COLUMNS = (N_("Item"), N_("Lot"), N_("Expires"), N_("On hand"), N_("Counted"))
    NUMERIC_COLUMNS = frozenset({3, COUNTED})

    def cell(self, line: CountLine, column: int):
        if column == 0:
            return line.item.name
        if column == 1:
            return line.lot.lot_number if line.lot else (_("no lot with stock") if line.item.by_lot else NO_VALUE)
        if column == 2:
            return short_date(line.lot.expires_on) if line.lot else NO_VALUE
        if column == 3:
            return amount_of(line.on_hand, line.item.unit)
        return line.counted

    def cell_role(self, line: CountLine, column: int, role: int):
        if role == Qt.ItemDataRole.EditRole and column == COUNTED:
            return line.counted
        if role == Qt.ItemDataRole.BackgroundRole and column == COUNTED and line.countable:
            return QColor(theme.current().accent_soft)  # where the count is typed
        if role == Qt.ItemDataRole.ForegroundRole:
            if not line.countable:
                return QColor(theme.current().text_muted)
            if column == COUNTED and line.counted and typed_whole(line.counted, allow_zero=True)[1]:
                return QColor(theme.current().danger)
        if role == Qt.ItemDataRole.ToolTipRole and column == COUNTED and line.counted:
            return typed_whole(line.counted, allow_zero=True)[1]
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == COUNTED and self.rows[index.row()].countable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COUNTED:
            return False
        self.rows[index.row()].counted = str(value).strip()
        self.dataChanged.emit(index, index)
        return True


class StockTakeDialog(QDialog):
    """``saved``: the StockTakeResult."""

    saved = Signal(object)

    def __init__(self, host, parent, category: Category = Category.INK) -> None:
        super().__init__(parent)
        self.setObjectName("StockTakeDialog")
        self.setWindowTitle(_("Stock-take"))
        self.host = host
        self.loaded_category: Category | None = None
        self._generation = 0
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(_("Stock-take"), "title"))
        layout.addWidget(label(_("Pick a shelf, count it, and type what you counted. Lines left blank change "
                                 "nothing; Save adjusts each line that differs."), "muted", wrap=True))
        self.category = QComboBox()
        self.category.setObjectName("StockTakeCategory")
        self.category.setAccessibleName(_("Category"))
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(_(text), str(key))
        self.category.setCurrentIndex(self.category.findData(str(category)))
        self.category.currentIndexChanged.connect(lambda _i: self.load())
        layout.addWidget(self.category)
        self.model = CountModel()
        self.table = QTableView()
        self.table.setObjectName("StockTakeTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(TintDelegate(self.table))
        configure_table(self.table, {0: 220, 1: 110, 2: 120, 3: 120, 4: 100}, stretch=0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        layout.addWidget(self.table, 1)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("SaveStockTake")
        self.save_button.setProperty("variant", "primary")
        self.save_button.setAutoDefault(False)  # Enter commits a typed count, it does not save
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load()

    def chosen(self) -> Category:
        return Category(self.category.currentData())

    def load(self) -> None:
        self._generation += 1
        generation, category = self._generation, self.chosen()
        self.save_button.setEnabled(False)

        def arrived(lines) -> None:
            if generation == self._generation:
                self.model.set_rows(lines)
                self.loaded_category = category
                self.save_button.setEnabled(True)

        self.host.call(lambda s, a: count_lines(s, a, category), arrived, self._failed)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override: Enter moves down, it does not save
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.table.currentIndex()
            below = self.model.index(index.row() + 1, COUNTED) if index.isValid() else self.model.index(0, COUNTED)
            if below.isValid():
                self.table.setCurrentIndex(below)
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        self.table.setFocus()  # a count still being typed is committed first
        counted, wrong = [], None
        for row, line in enumerate(self.model.rows):
            if not line.counted or not line.countable:
                continue
            n, error = typed_whole(line.counted, allow_zero=True)
            if error:
                wrong = wrong or (row, _("{name}: {problem}").format(name=line.item.name, problem=error))
                continue
            counted.append(Counted(line.item.id, n, line.lot.id if line.lot else None))
        if wrong:
            self._show(wrong[1])
            self.table.setCurrentIndex(self.model.index(wrong[0], COUNTED))
            return
        if not counted:
            self._show(_("Type what you counted on at least one line."))
            return
        category = self.loaded_category
        self.save_button.setEnabled(False)
        self.host.call(lambda s, a: s.stock.stock_take(a, category, tuple(counted)), self._done, self._failed,
                       write=True)

    def _show(self, text: str) -> None:
        self.general.setText(text)
        self.general.setVisible(bool(text))

    def _failed(self, error) -> None:
        self.save_button.setEnabled(True)
        self._show(getattr(error, "message", str(error)))

    def _done(self, result) -> None:
        self.saved.emit(result)
        self.accept()


def summary(result) -> str:
    """"3 lines adjusted, 12 unchanged"."""
    adjusted, unchanged = len(result.adjusted), result.unchanged
    # Translators: a stock-take's outcome: {adjusted} e.g. "3 lines adjusted", {unchanged} e.g. "12 unchanged".
    return _("{adjusted}, {unchanged}").format(
        adjusted=ngettext("{n} line adjusted", "{n} lines adjusted", adjusted).format(n=number(adjusted)),
        unchanged=ngettext("{n} unchanged", "{n} unchanged", unchanged).format(n=number(unchanged)))
