"""The stock list: items (made, edited, archived), one item with its lots and movements,
the barcode lookup a scanner's keystrokes end in, and the alerts (low stock, lots expiring
or expired)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, or_, select

from studio.models import StockItem, StockLot, StockMovement
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service, flush_versioned
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.folding import fold
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings, read_value
from studio.services.common.validation import clean_text
from studio.services.inventory.lists import StockLists
from studio.services.inventory.reading import item_record, lot_record, movement_records
from studio.services.inventory.records import (
    CATEGORY_LABELS,
    Alerts,
    Category,
    ItemDetail,
    ItemInput,
    ItemRecord,
    LotRecord,
)
from studio.services.common.localtime import local_day

SUBJECT = "stock_item"
EXPIRY_DAYS_KEY = "inventory.expiry_days"
DEFAULT_EXPIRY_DAYS = 30
MAX_QUANTITY = 1_000_000


class InventoryService(StockLists, Service):
    # ---- reading

    def items(self, actor: Actor, *, search: str = "", category: Category | None = None,
              archived: bool = False) -> tuple[ItemRecord, ...]:
        """The stock list, low stock first, then by name; ``search`` matches name, supplier,
        SKU or barcode (accents and case aside). Each record carries how many of its lots
        have stock and the soonest expiry among them."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            query = select(StockItem).where(StockItem.archived.is_(archived))
            if category is not None:
                query = query.where(StockItem.category == str(category))
            stocked = {item_id: (count, soonest) for item_id, count, soonest in uow.session.execute(
                select(StockLot.item_id, func.count(), func.min(StockLot.expires_on))
                .where(StockLot.on_hand > 0).group_by(StockLot.item_id))}
            rows = [replace(item_record(i), lots=stocked[i.id][0], next_expiry=stocked[i.id][1])
                    if i.id in stocked else item_record(i) for i in uow.session.scalars(query)]
        wanted = fold(search.strip())
        if wanted:
            rows = [r for r in rows if any(wanted in fold(v) for v in (r.name, r.supplier, r.sku, r.barcode))]
        return tuple(sorted(rows, key=lambda r: (not r.low, r.name.casefold())))

    def item(self, actor: Actor, item_id: int, *, movements: int = 200) -> ItemDetail:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            session = uow.session
            item = _item(session, item_id)
            lots = [lot_record(lot) for lot in session.scalars(
                select(StockLot).where(StockLot.item_id == item.id)
                .order_by((StockLot.on_hand == 0), StockLot.expires_on.is_(None), StockLot.expires_on,
                          StockLot.received_on))]
            moves = movement_records(session, [StockMovement.item_id == item.id], limit=movements)
            return ItemDetail(item_record(item), tuple(lots), tuple(moves))

    def by_barcode(self, actor: Actor, code: str) -> tuple[ItemRecord, LotRecord | None]:
        """What a scanned code names: a lot's own barcode (the item and that lot), else an
        item's. NotFound with the code when neither has it."""
        code = (code or "").strip()
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            session = uow.session
            lot = session.scalar(select(StockLot).where(StockLot.barcode == code).order_by(StockLot.id.desc()))
            if lot is not None:
                return item_record(session.get(StockItem, lot.item_id)), lot_record(lot)
            item = session.scalar(select(StockItem).where(StockItem.barcode == code))
            if item is None or not code:
                raise NotFound(_("No item has the barcode “{code}”. Add it to an item, or pick the item by "
                                 "name.").format(code=code))
            return item_record(item), None

    def alerts(self, actor: Actor) -> Alerts:
        """Items at or under their threshold; lots with stock that expire within the
        studio's warning days, and those already expired."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            session = uow.session
            today = local_day(self.clock(), read_settings(session).timezone)
            days = read_value(session, EXPIRY_DAYS_KEY) or DEFAULT_EXPIRY_DAYS
            low = [item_record(i) for i in session.scalars(select(StockItem).where(
                StockItem.archived.is_(False), StockItem.threshold > 0, StockItem.on_hand <= StockItem.threshold)
                .order_by(StockItem.name))]
            # Plain rows, not objects: a studio that let lots run out of date may have many.
            rows = session.execute(select(*_LOT_COLUMNS, StockItem.name).join(StockItem, StockItem.id == StockLot.item_id)
                                   .where(StockLot.on_hand > 0, StockLot.expires_on.is_not(None),
                                          StockLot.expires_on <= today + timedelta(days=days),
                                          StockItem.archived.is_(False))
                                   .order_by(StockLot.expires_on))
            lots = [LotRecord(*row[:-2], row[-2] or "", row[-1]) for row in rows]
            return Alerts(tuple(low), tuple(lot for lot in lots if not lot.expired_on(today)),
                          tuple(lot for lot in lots if lot.expired_on(today)), days)

    def low_count(self, actor: Actor) -> int:
        """The sidebar's badge: how many items are at or under their threshold."""
        with self.unit_of_work(write=False) as uow:
            self.check_access(uow, actor, Permission.VIEW_STOCK)
            return uow.session.scalar(select(func.count()).select_from(StockItem).where(
                StockItem.archived.is_(False), StockItem.threshold > 0, StockItem.on_hand <= StockItem.threshold))

    # ---- writing

    def create(self, actor: Actor, data: ItemInput) -> ItemRecord:
        fields = _checked(data)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.MANAGE_STOCK)
            _refuse_taken(session, fields, None)
            item = StockItem(**fields, on_hand=0, archived=False)
            session.add(item)
            session.flush()
            audit_log.record(session, self.clock(), audit_log.STOCK_ITEM_ADDED, actor=actor, subject_type=SUBJECT,
                             subject_id=item.id, subject=item.name, detail=Words(CATEGORY_LABELS[Category(item.category)]))
            uow.commit()
            return item_record(item)

    def update(self, actor: Actor, item_id: int, data: ItemInput, *, version: int) -> ItemRecord:
        fields = _checked(data)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.MANAGE_STOCK)
            item = _item(session, item_id)
            if item.version != version:
                raise Conflict(_("Someone changed {name} meanwhile. Close and open it again to see their change.")
                               .format(name=item.name))
            if fields["by_lot"] != item.by_lot and item.on_hand:
                raise ValidationError(_("{name} has stock; whether it is stocked by lot can change only when none is "
                                        "left.").format(name=item.name), field="by_lot")
            _refuse_taken(session, fields, item.id)
            changes = [(label, getattr(item, key), fields[key]) for key, label in _LABELS.items()]
            for key, value in fields.items():
                setattr(item, key, value)
            flush_versioned(session, item, gone=_("That item was deleted meanwhile."),
                            changed=lambda fresh: _("Someone changed {name} meanwhile.").format(name=fresh.name))
            audit_log.record(session, self.clock(), audit_log.STOCK_ITEM_CHANGED, actor=actor, subject_type=SUBJECT,
                             subject_id=item.id, subject=item.name, detail=audit_log.diff(changes))
            uow.commit()
            return item_record(item)

    def archive(self, actor: Actor, item_id: int, *, archived: bool = True) -> ItemRecord:
        """Take an item off the list (admins), or bring it back. Refused while it has stock."""
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.ARCHIVE_STOCK)
            item = _item(session, item_id)
            if archived and item.on_hand:
                raise ValidationError(_("{name} still has {n} on hand. Use, waste or adjust it to zero before "
                                        "archiving it.").format(name=item.name, n=item.on_hand))
            item.archived = archived
            session.flush()
            audit_log.record(session, self.clock(), audit_log.STOCK_ITEM_ARCHIVED if archived
                             else audit_log.STOCK_ITEM_RESTORED, actor=actor, subject_type=SUBJECT,
                             subject_id=item.id, subject=item.name)
            uow.commit()
            return item_record(item)

    def set_expiry_days(self, actor: Actor, days: int) -> int:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
            raise ValidationError(_("Warn between 1 and 365 days before a lot expires."), field="days")
        from studio.services.common.settings_store import write_value

        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_STOCK)
            write_value(uow.session, EXPIRY_DAYS_KEY, days)
            uow.commit()
            return days


_LOT_COLUMNS = (StockLot.id, StockLot.item_id, StockLot.lot_number, StockLot.expires_on, StockLot.supplier,
                StockLot.received_on, StockLot.received_quantity, StockLot.on_hand, StockLot.barcode)


def quantity(value: int, *, field: str, allow_zero: bool = False) -> int:
    """A whole number of the item's units, above zero (or zero when allowed)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("Type the quantity as a whole number."), field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(_("Type a quantity above zero.") if not allow_zero
                              else _("A quantity can't be negative."), field=field)
    if value > MAX_QUANTITY:
        raise ValidationError(_("That quantity is too large; check the number."), field=field)
    return value


def _checked(data: ItemInput) -> dict:
    category = Category(data.category)
    return dict(
        name=clean_text(data.name, field="name", label=_N_NAME, max_length=120),
        category=str(category),
        unit=clean_text(data.unit, field="unit", label=_N_UNIT, max_length=20),
        threshold=quantity(data.threshold, field="threshold", allow_zero=True),
        reorder_quantity=quantity(data.reorder_quantity, field="reorder_quantity", allow_zero=True),
        supplier=clean_text(data.supplier, field="supplier", label=_N_SUPPLIER, max_length=120, required=False),
        sku=clean_text(data.sku, field="sku", label=_N_SKU, max_length=60, required=False),
        barcode=clean_text(data.barcode, field="barcode", label=_N_BARCODE, max_length=64, required=False) or None,
        notes=(data.notes or "").strip()[:5000],
        by_lot=category.traceable if data.by_lot is None else bool(data.by_lot),
    )


def _refuse_taken(session, fields: dict, item_id: int | None) -> None:
    others = select(StockItem).where(StockItem.id != item_id) if item_id else select(StockItem)
    clash = session.scalar(others.where(or_(func.lower(StockItem.name) == fields["name"].lower(),
                                            StockItem.barcode == fields["barcode"] if fields["barcode"] else False)))
    if clash is None:
        return
    if clash.name.lower() == fields["name"].lower():
        raise ValidationError(_("There is already an item called {name}.").format(name=clash.name), field="name")
    raise ValidationError(_("The barcode {code} is already {name}'s.").format(code=fields["barcode"], name=clash.name),
                          field="barcode")


def _item(session, item_id: int) -> StockItem:
    item = session.get(StockItem, item_id)
    if item is None:
        raise NotFound(_("That item does not exist."))
    return item


_N_NAME = N_("name")
_N_UNIT = N_("unit")
_N_SUPPLIER = N_("supplier")
_N_SKU = N_("SKU")
_N_BARCODE = N_("barcode")
# What an edit's audit row names (labels marked for each reader's language).
_LABELS = {"name": N_("Name"), "category": N_("Category"), "unit": N_("Unit"), "threshold": N_("Low-stock threshold"),
           "reorder_quantity": N_("Reorder quantity"), "supplier": N_("Supplier"), "sku": N_("SKU"),
           "barcode": N_("Barcode"), "by_lot": N_("Stocked by lot")}