"""The register's entries table: one day's entries (a day is a few hundred at most, so the
whole day is held), the amount signed and coloured, a closed day's rows muted. Its cells
(``EntryCells``) are the finance ledger's too, which pages the same entries over many days."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studio.services.common import N_, _, money, short_time
from studio.services.register import KIND_LABELS, METHOD_LABELS, EntryRecord
from studio.ui.kit import theme
from studio.ui.kit.table_model import RecordTableModel

AMOUNT = 3


class EntryCells:
    """What an entry's cells show and how they look, for a table model of entries that sets
    ``currency`` and ``timezone`` (and ``locked`` to mute every row)."""

    COLUMNS = (N_("Time"), N_("Kind"), N_("Method"), N_("Amount"), N_("Artist"), N_("Client"), N_("Note"),
               N_("Entered by"), N_("Receipt"))
    NUMERIC_COLUMNS = frozenset({AMOUNT, 8})
    currency: str
    timezone: str
    locked = False

    def cell(self, e: EntryRecord, column: int):
        if column == 0:
            return short_time(e.at, self.timezone)
        if column == 1:
            return _(KIND_LABELS[e.kind])
        if column == 2:
            return _(METHOD_LABELS[e.method])
        if column == AMOUNT:
            return money(e.amount_cents, self.currency)
        if column == 4:
            return e.artist_name
        if column == 5:
            return e.client_name
        if column == 6:
            return e.note if not e.voucher_code else f"{e.voucher_code} · {e.note}" if e.note else e.voucher_code
        if column == 7:
            return e.entered_by_name
        return "" if e.receipt_number is None else str(e.receipt_number)

    def cell_role(self, e: EntryRecord, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        if role == Qt.ItemDataRole.ForegroundRole:
            t = theme.current()
            if self.locked:
                return QColor(t.text_muted)
            if column == AMOUNT:
                return QColor(t.danger if e.amount_cents < 0 else t.success)
        if role == Qt.ItemDataRole.FontRole and column == AMOUNT:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and e.note:
            from studio.ui.kit.widgets import plain_tip

            return plain_tip(e.note)
        return None


class EntryTableModel(EntryCells, RecordTableModel[EntryRecord]):
    def __init__(self, currency: str, timezone: str) -> None:
        super().__init__()
        self.currency = currency
        self.timezone = timezone
        self.locked = False  # a closed day: every row muted

    def show(self, rows, *, locked: bool) -> None:
        self.locked = locked
        self.set_rows(list(rows))
