"""Items, lots and movements as records."""

from __future__ import annotations

from sqlalchemy import select

from studio.models import StockItem, StockLot, StockMovement
from studio.services.inventory.records import Category, ItemRecord, LotRecord, MovementKind, MovementRecord


def item_record(i: StockItem) -> ItemRecord:
    return ItemRecord(i.id, i.name, Category(i.category), i.unit, i.threshold, i.reorder_quantity, i.supplier, i.sku,
                      i.barcode or "", i.notes, i.by_lot, i.archived, i.on_hand, i.version)


def lot_record(lot: StockLot, item_name: str = "") -> LotRecord:
    return LotRecord(lot.id, lot.item_id, lot.lot_number, lot.expires_on, lot.supplier, lot.received_on,
                     lot.received_quantity, lot.on_hand, lot.barcode or "", item_name)


def movement_records(session, where, *, limit: int | None = None) -> list[MovementRecord]:
    query = (select(StockMovement, StockLot.lot_number, StockItem.name)
             .join(StockItem, StockItem.id == StockMovement.item_id)
             .outerjoin(StockLot, StockLot.id == StockMovement.lot_id)
             .where(*where).order_by(StockMovement.at.desc(), StockMovement.id.desc()))
    if limit is not None:
        query = query.limit(limit)
    return [MovementRecord(m.id, m.item_id, MovementKind(m.kind), m.delta, m.at, m.reason, m.staff_name, m.lot_id,
                           lot or "", m.appointment_id, m.expired_use, name)
            for m, lot, name in session.execute(query)]
