"""What inventory takes and returns: categories, units and movement kinds with their
labels, items with what is on hand, lots, movements, a session's use, and recall hits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from studio.services.common.i18n import N_, pgettext


class Category(StrEnum):
    INK = "ink"
    NEEDLES = "needles"
    CARTRIDGES = "cartridges"
    GLOVES = "gloves"
    AFTERCARE = "aftercare"
    CLEANING = "cleaning"
    OTHER = "other"

    @property
    def traceable(self) -> bool:
        """Stocked by lot unless the studio says otherwise: what goes into a client's skin."""
        return self in (Category.INK, Category.NEEDLES, Category.CARTRIDGES)


class MovementKind(StrEnum):
    RECEIVED = "received"
    USED = "used"
    ADJUSTED = "adjusted"
    WASTED = "wasted"
    RETURNED = "returned"  # sent back to the supplier


# Marked: translate where shown.
CATEGORY_LABELS = {
    Category.INK: N_("Ink"), Category.NEEDLES: N_("Needles"), Category.CARTRIDGES: N_("Cartridges"),
    Category.GLOVES: N_("Gloves"), Category.AFTERCARE: N_("Aftercare"), Category.CLEANING: N_("Cleaning"),
    Category.OTHER: N_("Other"),
}
MOVEMENT_LABELS = {
    MovementKind.RECEIVED: N_("Received"), MovementKind.USED: N_("Used"), MovementKind.ADJUSTED: N_("Adjusted"),
    MovementKind.WASTED: N_("Wasted"), MovementKind.RETURNED: N_("Returned"),
}
# Units offered when an item is made (stored as these keys); a studio may type its own,
# which is data and reads as typed.
UNITS = ("piece", "box", "ml", "bottle", "pack", "roll", "pair", "sheet")


def unit_label(unit: str) -> str:
    """A unit in the reader's language when it is one of UNITS; as the studio typed it if
    not. ("piece" of stock is not the calendar's tattoo "piece": each has its context.)"""
    labels = {
        "piece": pgettext("stock unit", "piece"), "box": pgettext("stock unit", "box"),
        "ml": pgettext("stock unit", "ml"), "bottle": pgettext("stock unit", "bottle"),
        "pack": pgettext("stock unit", "pack"), "roll": pgettext("stock unit", "roll"),
        "pair": pgettext("stock unit", "pair"), "sheet": pgettext("stock unit", "sheet"),
    }
    return labels.get(unit, unit)


@dataclass(frozen=True)
class ItemInput:
    name: str
    category: Category
    unit: str
    threshold: int = 0
    reorder_quantity: int = 0
    supplier: str = ""
    sku: str = ""
    barcode: str = ""
    notes: str = ""
    by_lot: bool | None = None  # None: as the category says (Category.traceable)


@dataclass(frozen=True)
class ItemRecord:
    id: int
    name: str
    category: Category
    unit: str
    threshold: int
    reorder_quantity: int
    supplier: str
    sku: str
    barcode: str
    notes: str
    by_lot: bool
    archived: bool
    on_hand: int
    version: int
    # Filled by InventoryService.items (one grouped query): the lots with stock, and the
    # soonest expiry among them.
    lots: int = 0
    next_expiry: date | None = None

    @property
    def low(self) -> bool:
        """At or under its threshold (an item with no threshold is never low)."""
        return self.threshold > 0 and self.on_hand <= self.threshold


@dataclass(frozen=True)
class LotRecord:
    id: int
    item_id: int
    lot_number: str
    expires_on: date | None
    supplier: str
    received_on: date
    received_quantity: int
    on_hand: int
    barcode: str = ""
    item_name: str = ""

    def expired_on(self, day: date) -> bool:
        return self.expires_on is not None and self.expires_on < day


@dataclass(frozen=True)
class MovementRecord:
    id: int
    item_id: int
    kind: MovementKind
    delta: int
    at: datetime
    reason: str
    staff_name: str
    lot_id: int | None = None
    lot_number: str = ""
    appointment_id: int | None = None
    expired_use: bool = False
    item_name: str = ""


@dataclass(frozen=True)
class ItemDetail:
    item: ItemRecord
    lots: tuple[LotRecord, ...]        # lots with stock first, then the emptied ones
    movements: tuple[MovementRecord, ...]  # newest first


@dataclass(frozen=True)
class Delivery:
    """One line of a delivery: ``quantity`` of an item, by lot for a traceable one."""

    item_id: int
    quantity: int
    lot_number: str = ""
    expires_on: date | None = None
    supplier: str = ""
    barcode: str = ""


@dataclass(frozen=True)
class Use:
    """One line of a session's use (or waste): ``quantity`` of an item, from a lot."""

    item_id: int
    quantity: int
    lot_id: int | None = None


@dataclass(frozen=True)
class Alerts:
    low: tuple[ItemRecord, ...]
    expiring: tuple[LotRecord, ...]   # within the setting's days, with stock
    expired: tuple[LotRecord, ...]    # past their date, with stock
    days: int = 30                    # how many days ahead "expiring" looks (the studio's setting)

    @property
    def count(self) -> int:
        return len(self.low)


@dataclass(frozen=True)
class RecallHit:
    """A session a lot touched: who, when, with which artist, how to reach them."""

    client_id: int | None
    client_name: str
    phone: str
    email: str
    appointment_id: int
    starts_at: datetime
    artist_name: str
    item_name: str
    lot_number: str
    quantity: int


@dataclass(frozen=True)
class Counted:
    """A stock-take line: what was counted of an item (or one of its lots)."""

    item_id: int
    counted: int
    lot_id: int | None = None


@dataclass(frozen=True)
class StockTakeResult:
    category: Category
    adjusted: tuple[MovementRecord, ...]
    unchanged: int


@dataclass(frozen=True)
class PurchaseLine:
    """An item to order: at or under its threshold, with how much to order (its reorder
    quantity, or enough to rise above the threshold when it has none)."""

    item_id: int
    name: str
    category: Category
    unit: str
    supplier: str
    sku: str
    on_hand: int
    threshold: int
    order: int
