"""The inventory's tables: the stock list (a studio's few hundred items, held whole; low
stock first and tinted), an item's lots and its movements. Lots that have expired or
expire soon are the ones the page's alerts name, so no table works out a date itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QStyledItemDelegate

from studio.services.common import N_, _, number
from studio.services.inventory import (
    CATEGORY_LABELS,
    MOVEMENT_LABELS,
    Alerts,
    ItemRecord,
    LotRecord,
    MovementRecord,
    unit_label,
)
from studio.ui.kit import theme
from studio.ui.kit.format import NO_VALUE, local_datetime, short_date
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.kit.widgets import plain_tip

ON_HAND = 2
TINT_ALPHA = 46  # the low-stock rows' wash of the warning colour: readable in both themes


def amount_of(n: int, unit: str) -> str:
    """A quantity with its unit, as the item names it: "12 bottle". The number then the unit
    in every language Linework speaks, so no catalog entry (one made only of blanks would
    read like any two words)."""
    return f"{number(n)} {unit_label(unit)}"


def tint(color: str) -> QColor:
    wash = QColor(color)
    wash.setAlpha(TINT_ALPHA)
    return wash


class TintDelegate(QStyledItemDelegate):
    """Paints a row's BackgroundRole itself: the stylesheet's item rule (its border) makes
    the style ignore it."""

    def paint(self, painter, option, index) -> None:
        wash = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(wash, QColor):
            painter.fillRect(option.rect, wash)
        super().paint(painter, option, index)


class ExpiryMarks:
    """Which lots the alerts name: expired (with stock) and expiring within the setting's days."""

    def __init__(self, alerts: Alerts | None = None) -> None:
        self.expired = {lot.id for lot in alerts.expired} if alerts else set()
        self.expiring = {lot.id for lot in alerts.expiring} if alerts else set()
        self.expired_items = {lot.item_id for lot in alerts.expired} if alerts else set()
        self.expiring_items = {lot.item_id for lot in alerts.expiring} if alerts else set()

    def lot_colour(self, lot_id: int) -> str | None:
        t = theme.current()
        return t.danger if lot_id in self.expired else t.warning if lot_id in self.expiring else None

    def item_colour(self, item_id: int) -> str | None:
        t = theme.current()
        return t.danger if item_id in self.expired_items else t.warning if item_id in self.expiring_items else None


class ItemTableModel(RecordTableModel[ItemRecord]):
    COLUMNS = (N_("Name"), N_("Category"), N_("On hand"), N_("Low at"), N_("Supplier"), N_("Lots"),
               N_("Next expiry"))
    NUMERIC_COLUMNS = frozenset({ON_HAND, 3, 5})

    def __init__(self) -> None:
        super().__init__()
        self.marks = ExpiryMarks()

    def show(self, rows, marks: ExpiryMarks) -> None:
        self.marks = marks
        self.set_rows(list(rows))

    def cell(self, item: ItemRecord, column: int):
        if column == 0:
            return item.name
        if column == 1:
            return _(CATEGORY_LABELS[item.category])
        if column == ON_HAND:
            return amount_of(item.on_hand, item.unit)
        if column == 3:
            return number(item.threshold) if item.threshold else NO_VALUE
        if column == 4:
            return item.supplier
        if column == 5:
            return number(item.lots) if item.by_lot else NO_VALUE
        return short_date(item.next_expiry) if item.by_lot else NO_VALUE

    def cell_role(self, item: ItemRecord, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == Qt.ItemDataRole.BackgroundRole and item.low and not item.archived:
            return tint(theme.current().warning)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == ON_HAND and item.low:
                return QColor(theme.current().warning)
            if column == 6 and (colour := self.marks.item_colour(item.id)):
                return QColor(colour)
            if item.archived:
                return QColor(theme.current().text_muted)
        if role == Qt.ItemDataRole.FontRole and column == ON_HAND and item.low:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ON_HAND and item.low:
                return plain_tip(_("Low: {n} or fewer is the item's threshold.").format(n=number(item.threshold)))
            if column == 0 and item.notes:
                return plain_tip(item.notes)
        return None


class LotTableModel(RecordTableModel[LotRecord]):
    COLUMNS = (N_("Lot"), N_("Expires"), N_("On hand"), N_("Received"), N_("Supplier"))
    NUMERIC_COLUMNS = frozenset({2})

    def __init__(self) -> None:
        super().__init__()
        self.marks = ExpiryMarks()
        self.unit = ""

    def show(self, rows, marks: ExpiryMarks, unit: str) -> None:
        self.marks, self.unit = marks, unit
        self.set_rows(list(rows))

    def cell(self, lot: LotRecord, column: int):
        if column == 0:
            return lot.lot_number
        if column == 1:
            if lot.id in self.marks.expired:
                # Translators: a lot's expiry date that has passed, e.g. "1 Mar 2026 · expired".
                return _("{day} · expired").format(day=short_date(lot.expires_on))
            if lot.id in self.marks.expiring:
                return _("{day} · expires soon").format(day=short_date(lot.expires_on))
            return short_date(lot.expires_on)
        if column == 2:
            return amount_of(lot.on_hand, self.unit)
        if column == 3:
            return short_date(lot.received_on)
        return lot.supplier

    def cell_role(self, lot: LotRecord, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return lot.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1 and (colour := self.marks.lot_colour(lot.id)):
                return QColor(colour)
            if not lot.on_hand:
                return QColor(theme.current().text_muted)
        return None


class MovementTableModel(RecordTableModel[MovementRecord]):
    COLUMNS = (N_("When"), N_("Kind"), N_("Change"), N_("Lot"), N_("Reason"), N_("Who"), N_("Appointment"))
    NUMERIC_COLUMNS = frozenset({2})

    def __init__(self, timezone: str) -> None:
        super().__init__()
        self.timezone = timezone

    def cell(self, m: MovementRecord, column: int):
        if column == 0:
            return local_datetime(m.at, self.timezone)
        if column == 1:
            kind = _(MOVEMENT_LABELS[m.kind])
            return _("{kind} (expired lot)").format(kind=kind) if m.expired_use else kind
        if column == 2:
            return f"{m.delta:+d}"
        if column == 3:
            return m.lot_number
        if column == 4:
            return m.reason
        if column == 5:
            return m.staff_name
        # Translators: a movement's appointment, by its number: "No. 42".
        return _("No. {number}").format(number=m.appointment_id) if m.appointment_id else ""

    def cell_role(self, m: MovementRecord, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            t = theme.current()
            return QColor(t.success if m.delta > 0 else t.danger)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and m.reason:
            return plain_tip(m.reason)
        return None
