"""The inventory area's public face: the stock list and its alerts (InventoryService),
movements — deliveries, a session's use, waste, returns, adjustments, stock-takes —
(StockService), the recall search (RecallService), the client data holder, and the records
and refusals they pass."""

from studio.services.inventory.client_data import InventoryClientData
from studio.services.inventory.items import DEFAULT_EXPIRY_DAYS, InventoryService
from studio.services.inventory.recall import RecallService, recall_csv
from studio.services.inventory.records import (
    CATEGORY_LABELS,
    MOVEMENT_LABELS,
    UNITS,
    Alerts,
    Category,
    Counted,
    Delivery,
    ItemDetail,
    ItemInput,
    ItemRecord,
    LotRecord,
    MovementKind,
    MovementRecord,
    PurchaseLine,
    RecallHit,
    StockTakeResult,
    Use,
    unit_label,
)
from studio.services.inventory.stock import ExpiredLot, StockService

__all__ = [
    "Alerts", "CATEGORY_LABELS", "Category", "Counted", "DEFAULT_EXPIRY_DAYS", "Delivery", "ExpiredLot",
    "InventoryClientData", "InventoryService", "ItemDetail", "ItemInput", "ItemRecord", "LotRecord",
    "MOVEMENT_LABELS", "MovementKind", "MovementRecord", "PurchaseLine", "RecallHit", "RecallService", "StockService",
    "StockTakeResult", "UNITS", "Use", "recall_csv", "unit_label",
]
