"""Stock movements: a delivery received, what a session used, waste, returns to the
supplier, an adjustment after a count and a whole stock-take. Each changes what is on hand
only through ``_move``: one conditional UPDATE of the item's (and the lot's) maintained
total, which refuses to go below zero however many desks use the last units at once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update

from studio.models import Appointment, StockItem, StockLot, StockMovement, Staff
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, PermissionDenied, ValidationError
from studio.services.common.formats import long_date
from studio.services.common.i18n import N_, _, ngettext
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission, Role, can
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.inventory.items import quantity
from studio.services.inventory.reading import lot_record, movement_records
from studio.services.inventory.records import (
    CATEGORY_LABELS,
    Category,
    Counted,
    Delivery,
    LotRecord,
    MovementKind,
    MovementRecord,
    StockTakeResult,
    Use,
)
from studio.services.scheduling import Status

SUBJECT = "stock_item"
# A session's use can be recorded while it goes on and once it is done.
_USABLE = (Status.IN_PROGRESS, Status.COMPLETED)


class ExpiredLot(ValidationError):
    """A lot past its expiry date, used without saying so: the UI asks, then uses it anyway."""


class StockService(Service):
    def receive(self, actor: Actor, lines: tuple[Delivery, ...], *, note: str = "") -> tuple[MovementRecord, ...]:
        """A delivery, every line in one go: a traceable item's line makes a new lot."""
        if not lines:
            raise ValidationError(_("Add at least one item to the delivery."), field="lines")
        note = clean_text(note, field="note", label=_N_NOTE, max_length=300, required=False)
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.MANAGE_STOCK)
            now, today = self._now(session)
            made = []
            for line in lines:
                item = _item(session, line.item_id)
                amount = quantity(line.quantity, field="quantity")
                lot = None
                if item.by_lot:
                    lot = _new_lot(session, item, line, today)
                elif line.lot_number.strip():
                    raise ValidationError(_("{name} is not stocked by lot; leave its lot empty.").format(
                        name=item.name), field="lot_number")
                made.append(_move(session, item, lot, MovementKind.RECEIVED, amount, now, staff, reason=note))
            self._audit(session, now, actor, audit_log.STOCK_RECEIVED, made)
            uow.commit()
            return tuple(reversed(movement_records(session, [StockMovement.id.in_([m.id for m in made])])))  # as given

    def use(self, actor: Actor, lines: tuple[Use, ...], *, appointment_id: int | None = None,
            allow_expired: bool = False) -> tuple[MovementRecord, ...]:
        """What a session used (artists: their own sessions, in progress or done), or stock
        used outside one (those who manage stock). A lot past its expiry is refused with
        ExpiredLot unless ``allow_expired``; then the movement says it was."""
        if not lines:
            raise ValidationError(_("Add at least one item that was used."), field="lines")
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.RECORD_USE)
            now, today = self._now(session)
            if appointment_id is not None:
                appointment = _appointment_for(session, staff, appointment_id)
                reason = ""
            elif not can(staff.role, Permission.MANAGE_STOCK):
                raise PermissionDenied(_("Record what you used from your appointment, so it is linked to the "
                                         "client."))
            else:
                appointment, reason = None, ""
            made = []
            for line in lines:
                item = _item(session, line.item_id)
                lot = _lot_for(session, item, line.lot_id)
                expired = lot is not None and lot.expires_on is not None and lot.expires_on < today
                if expired and not allow_expired:
                    raise ExpiredLot(_("Lot {lot} of {name} expired on {day}. Use it anyway?").format(
                        lot=lot.lot_number, name=item.name, day=long_date(lot.expires_on)), field="lot_id")
                made.append(_move(session, item, lot, MovementKind.USED, -quantity(line.quantity, field="quantity"),
                                  now, staff, reason=reason, appointment_id=appointment.id if appointment else None,
                                  expired_use=expired))
            self._audit(session, now, actor, audit_log.STOCK_USED, made)
            uow.commit()
            return tuple(reversed(movement_records(session, [StockMovement.id.in_([m.id for m in made])])))  # as given

    def waste(self, actor: Actor, item_id: int, amount: int, reason: str, *, lot_id: int | None = None,
              returned: bool = False) -> MovementRecord:
        """Stock thrown away (dropped, opened, expired) or sent back to the supplier, saying why."""
        amount = quantity(amount, field="quantity")
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        kind = MovementKind.RETURNED if returned else MovementKind.WASTED
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.MANAGE_STOCK)
            now, _today = self._now(session)
            item = _item(session, item_id)
            made = _move(session, item, _lot_for(session, item, lot_id), kind, -amount, now, staff, reason=reason)
            self._audit(session, now, actor, audit_log.STOCK_RETURNED if returned else audit_log.STOCK_WASTED, [made])
            uow.commit()
            return movement_records(session, [StockMovement.id == made.id])[0]

    def adjust(self, actor: Actor, item_id: int, counted: int, reason: str, *,
               lot_id: int | None = None) -> MovementRecord:
        """Set what is on hand to what was counted (of the item, or of one of its lots)."""
        counted = quantity(counted, field="counted", allow_zero=True)
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.MANAGE_STOCK)
            now, _today = self._now(session)
            item = _item(session, item_id)
            lot = _lot_for(session, item, lot_id)
            delta = counted - (lot.on_hand if lot is not None else item.on_hand)
            if not delta:
                raise ValidationError(_("{name} already has {n} on hand; nothing to adjust.").format(
                    name=item.name, n=counted), field="counted")
            made = _move(session, item, lot, MovementKind.ADJUSTED, delta, now, staff, reason=reason)
            self._audit(session, now, actor, audit_log.STOCK_ADJUSTED, [made])
            uow.commit()
            return movement_records(session, [StockMovement.id == made.id])[0]

    def stock_take(self, actor: Actor, category: Category, counts: tuple[Counted, ...]) -> StockTakeResult:
        """A count of a category's shelf: an adjustment for each line that differs, in one
        go; lines equal to what is on hand change nothing."""
        category = Category(category)
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.MANAGE_STOCK)
            now, _today = self._now(session)
            made, unchanged = [], 0
            reason = _("Stock-take")
            for line in counts:
                item = _item(session, line.item_id)
                if item.category != category:
                    raise ValidationError(_("{name} is not in this stock-take's category.").format(name=item.name))
                if item.by_lot and line.lot_id is None:
                    raise ValidationError(_("Count {name} lot by lot.").format(name=item.name), field="lot_id")
                lot = _lot_for(session, item, line.lot_id)
                counted = quantity(line.counted, field="counted", allow_zero=True)
                delta = counted - (lot.on_hand if lot is not None else item.on_hand)
                if delta:
                    made.append(_move(session, item, lot, MovementKind.ADJUSTED, delta, now, staff, reason=reason))
                else:
                    unchanged += 1
            if made:
                audit_log.record(session, now, audit_log.STOCK_TAKE, actor=actor, subject_type="stock_take",
                                 subject_id=str(category),
                                 subject=Words(N_("Stock-take: {category}"), category=Words(CATEGORY_LABELS[category])),
                                 detail=Words.counted(Nn_("{n} line adjusted", "{n} lines adjusted"), len(made)))
            uow.commit()
            records = reversed(movement_records(session, [StockMovement.id.in_([m.id for m in made])])) if made else ()
            return StockTakeResult(category, tuple(records), unchanged)

    # ---- reading

    def lots_for(self, actor: Actor, item_id: int, *, artist_id: int | None = None) -> tuple[LotRecord, ...]:
        """The item's lots with stock to pick from: the ones the artist used last first,
        then the soonest to expire."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.RECORD_USE)
            session = uow.session
            last_used = {}
            if artist_id is not None:
                last_used = dict(session.execute(
                    select(StockMovement.lot_id, func.max(StockMovement.at))
                    .join(Appointment, Appointment.id == StockMovement.appointment_id)
                    .where(StockMovement.item_id == item_id, StockMovement.kind == MovementKind.USED,
                           Appointment.artist_id == artist_id, StockMovement.lot_id.is_not(None))
                    .group_by(StockMovement.lot_id)).all())
            lots = [lot_record(lot) for lot in session.scalars(
                select(StockLot).where(StockLot.item_id == item_id, StockLot.on_hand > 0))]
            return tuple(sorted(lots, key=lambda lot: (
                lot.id not in last_used, -last_used[lot.id].timestamp() if lot.id in last_used else 0,
                lot.expires_on or date.max, lot.received_on)))

    def session_use(self, actor: Actor, appointment_id: int) -> tuple[MovementRecord, ...]:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            return tuple(movement_records(uow.session, [StockMovement.appointment_id == appointment_id]))

    def discrepancies(self) -> list[str]:
        """Items and lots whose maintained total differs from the sum of their movements
        (empty when all is well): for `studio check` and the tests."""
        with self.unit_of_work(write=False) as uow:
            session = uow.session
            sums = dict(session.execute(select(StockMovement.item_id, func.sum(StockMovement.delta))
                                        .group_by(StockMovement.item_id)).all())
            lot_sums = dict(session.execute(select(StockMovement.lot_id, func.sum(StockMovement.delta))
                                            .where(StockMovement.lot_id.is_not(None))
                                            .group_by(StockMovement.lot_id)).all())
            found = [f"item {i.id} ({i.name}): on hand {i.on_hand}, movements {sums.get(i.id, 0)}"
                     for i in session.scalars(select(StockItem)) if i.on_hand != sums.get(i.id, 0)]
            found += [f"lot {lot.id} ({lot.lot_number}): on hand {lot.on_hand}, movements {lot_sums.get(lot.id, 0)}"
                      for lot in session.scalars(select(StockLot)) if lot.on_hand != lot_sums.get(lot.id, 0)]
            return found

    # ---- inside

    def _now(self, session) -> tuple[datetime, date]:
        now = self.clock()
        return now, local_day(now, read_settings(session).timezone)

    def _audit(self, session, now: datetime, actor: Actor, action: str, made: list[StockMovement]) -> None:
        for m in made:
            item = session.get(StockItem, m.item_id)
            lot = session.get(StockLot, m.lot_id) if m.lot_id else None
            # Translators: a stock movement in the audit log: the change and its lot ("+10, lot A12").
            detail = Words(N_("{delta}, lot {lot}"), delta=f"{m.delta:+d}", lot=lot.lot_number) if lot \
                else f"{m.delta:+d}"
            audit_log.record(session, now, action, actor=actor, subject_type=SUBJECT, subject_id=item.id,
                             subject=item.name, detail=[detail, m.reason])


def _move(session, item: StockItem, lot: StockLot | None, kind: MovementKind, delta: int, now: datetime,
          staff: Staff, *, reason: str = "", appointment_id: int | None = None,
          expired_use: bool = False) -> StockMovement:
    """The one way stock changes: the movement, and the item's and lot's totals moved by
    ``delta`` in the database itself, refused when that would go below zero."""
    for model, row in ((StockItem, item), (StockLot, lot)):
        if row is None:
            continue
        moved = session.execute(update(model).where(model.id == row.id, model.on_hand + delta >= 0)
                                .values(on_hand=model.on_hand + delta).execution_options(synchronize_session=False))
        if moved.rowcount != 1:
            session.refresh(row)
            left = row.on_hand
            if lot is not None:
                said = ngettext("Only {n} of {name} is left in lot {lot}.", "Only {n} of {name} are left in lot {lot}.",
                                left)
            else:
                said = ngettext("Only {n} of {name} is left.", "Only {n} of {name} are left.", left)
            raise ValidationError(said.format(n=left, name=item.name, lot=lot.lot_number if lot else ""),
                                  field="quantity")
    movement = StockMovement(item_id=item.id, lot_id=lot.id if lot else None, kind=str(kind), delta=delta, at=now,
                             reason=reason, appointment_id=appointment_id, expired_use=expired_use,
                             staff_id=staff.id, staff_name=staff.name)
    session.add(movement)
    session.flush()
    for row in (item, lot):
        if row is not None:
            session.refresh(row)
    return movement


def _new_lot(session, item: StockItem, line: Delivery, today: date) -> StockLot:
    number = clean_text(line.lot_number, field="lot_number", label=_N_LOT, max_length=60)
    if line.expires_on is not None and line.expires_on < today:
        raise ValidationError(_("Lot {lot} of {name} expires on {day}, before the day it is received.").format(
            lot=number, name=item.name, day=long_date(line.expires_on)), field="expires_on")
    seen = session.scalar(select(StockLot).where(StockLot.item_id == item.id, StockLot.lot_number == number))
    if seen is not None:
        raise ValidationError(_("Lot {lot} of {name} was received already, on {day}. Check the number on the "
                                "label.").format(lot=number, name=item.name, day=long_date(seen.received_on)),
                              field="lot_number")
    lot = StockLot(item_id=item.id, lot_number=number, expires_on=line.expires_on,
                   supplier=(line.supplier or item.supplier).strip()[:120], received_on=today,
                   received_quantity=line.quantity, barcode=(line.barcode or "").strip() or None, on_hand=0)
    session.add(lot)
    session.flush()
    return lot


def _lot_for(session, item: StockItem, lot_id: int | None) -> StockLot | None:
    if not item.by_lot:
        if lot_id is not None:
            raise ValidationError(_("{name} is not stocked by lot.").format(name=item.name), field="lot_id")
        return None
    if lot_id is None:
        raise ValidationError(_("Choose which lot of {name} was used.").format(name=item.name), field="lot_id")
    lot = session.get(StockLot, lot_id)
    if lot is None or lot.item_id != item.id:
        raise NotFound(_("That lot is not one of {name}'s.").format(name=item.name))
    return lot


def _item(session, item_id: int) -> StockItem:
    item = session.get(StockItem, item_id)
    if item is None:
        raise NotFound(_("That item does not exist."))
    if item.archived:
        raise ValidationError(_("{name} is archived; bring it back to the list first.").format(name=item.name))
    return item


def _appointment_for(session, staff: Staff, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_("That appointment no longer exists."))
    if staff.role == Role.ARTIST and appointment.artist_id != staff.id:
        raise PermissionDenied(_("You can record what was used only in your own appointments."))
    if Status(appointment.status) not in _USABLE:
        raise ValidationError(_("Record what was used once the session has started."))
    return appointment


_N_NOTE = N_("note")
_N_REASON = N_("reason")
_N_LOT = N_("lot number")
