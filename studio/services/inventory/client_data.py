"""Inventory's part of a client's data rights: the lots used in their sessions, in their
export. Movements hold nothing personal (they name an appointment, whose client scheduling
erases), so an erasure leaves them as they are: a recall still finds the session."""

from __future__ import annotations

from sqlalchemy import select

from studio.models import Appointment, StockItem, StockLot, StockMovement
from studio.services.clients import ErasedPart, ExportSection, HeldPart
from studio.services.common.formats import numeric_date
from studio.services.common.i18n import _
from studio.services.inventory.records import MovementKind


class InventoryClientData:
    name = "inventory"

    def export_part(self, session, client_id: int, prefix: str) -> HeldPart:
        rows = session.execute(
            select(Appointment.starts_at, StockItem.name, StockLot.lot_number, StockLot.expires_on, StockMovement.delta)
            .join(Appointment, Appointment.id == StockMovement.appointment_id)
            .join(StockItem, StockItem.id == StockMovement.item_id)
            .outerjoin(StockLot, StockLot.id == StockMovement.lot_id)
            .where(Appointment.client_id == client_id, StockMovement.kind == MovementKind.USED)
            .order_by(Appointment.starts_at))
        rows = list(rows)
        used = [{"session": starts.isoformat(), "item": item, "lot": lot or "",
                 "expires_on": expires.isoformat() if expires else None, "quantity": -delta}
                for starts, item, lot, expires, delta in rows]
        # Translators: an ink, needle or cartridge used in a client's session, and its lot.
        lines = tuple((numeric_date(starts), _("{item} · lot {lot}").format(item=item, lot=lot or "—"))
                      for starts, item, lot, _expires, _delta in rows)
        return HeldPart(sections=(ExportSection("lots_used", _("Inks, needles and cartridges used"), used, lines),))

    def erase_part(self, session, client_id: int, erased_subject) -> ErasedPart:
        return ErasedPart()
