"""The stock list's documents: the purchase list (items at or under their threshold, what
to order, by supplier) as rows, CSV and PDF, and the stock on hand as CSV (every active
item, lot by lot for those stocked by lot, with expiry)."""

from __future__ import annotations

from sqlalchemy import select

from studio.models import StockItem, StockLot
from studio.services.common.csv_kit import csv_bytes
from studio.services.common.folding import fold
from studio.services.common.i18n import _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.inventory.records import CATEGORY_LABELS, Category, PurchaseLine


class StockLists:
    """InventoryService's documents (a mixin: it uses the service's unit of work)."""

    def purchase_list(self, actor: Actor) -> tuple[PurchaseLine, ...]:
        """What to order: active items at or under their threshold, by supplier (those
        without one last), then by name."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            return _purchase_lines(uow.session)

    def purchase_list_csv(self, actor: Actor) -> bytes:
        lines = self.purchase_list(actor)
        header = (_("Supplier"), _("Item"), _("Category"), _("SKU"), _("Unit"), _("On hand"), _("Threshold"),
                  _("Order"))
        return csv_bytes([header] + [(line.supplier, line.name, _(CATEGORY_LABELS[line.category]), line.sku,
                                      line.unit, line.on_hand, line.threshold, line.order) for line in lines])

    def purchase_list_pdf(self, actor: Actor) -> bytes:
        from studio.services.inventory.documents import purchase_list_pdf

        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            lines = _purchase_lines(uow.session)
            settings = read_settings(uow.session)
        return purchase_list_pdf(lines, studio_name=settings.name, day=local_day(self.clock(), settings.timezone))

    def stock_csv(self, actor: Actor) -> bytes:
        """Stock on hand: a row per active item, or per lot with stock for an item stocked by
        lot (one row with nothing on hand when it has none), with the expiry."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            session = uow.session
            items = sorted(session.scalars(select(StockItem).where(StockItem.archived.is_(False))),
                           key=lambda i: (list(Category).index(Category(i.category)), fold(i.name)))
            lots: dict[int, list[StockLot]] = {}
            for lot in session.scalars(select(StockLot).where(StockLot.on_hand > 0)
                                       .order_by(StockLot.expires_on.is_(None), StockLot.expires_on,
                                                 StockLot.received_on)):
                lots.setdefault(lot.item_id, []).append(lot)
            header = (_("Item"), _("Category"), _("Supplier"), _("SKU"), _("Barcode"), _("Unit"), _("Lot"),
                      _("Expires"), _("Received"), _("On hand"), _("Threshold"))
            rows = [header]
            for item in items:
                first = (item.name, _(CATEGORY_LABELS[Category(item.category)]), item.supplier, item.sku,
                         item.barcode or "", item.unit)
                held = lots.get(item.id, []) if item.by_lot else []
                if not held:
                    rows.append(first + ("", "", "", item.on_hand, item.threshold))
                for lot in held:
                    rows.append(first + (lot.lot_number, lot.expires_on.isoformat() if lot.expires_on else "",
                                         lot.received_on.isoformat(), lot.on_hand, item.threshold))
            return csv_bytes(rows)


def _purchase_lines(session) -> tuple[PurchaseLine, ...]:
    low = session.scalars(select(StockItem).where(StockItem.archived.is_(False), StockItem.threshold > 0,
                                                  StockItem.on_hand <= StockItem.threshold))
    lines = [PurchaseLine(i.id, i.name, Category(i.category), i.unit, i.supplier, i.sku, i.on_hand, i.threshold,
                          i.reorder_quantity or i.threshold - i.on_hand + 1) for i in low]
    return tuple(sorted(lines, key=lambda line: (not line.supplier, fold(line.supplier), fold(line.name))))
