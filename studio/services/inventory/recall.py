"""The recall search a health authority asks for after an ink recall: which clients were
tattooed with lot X, or with any lot of item Y between two dates — with their appointments,
artists and how to reach them — on screen, as CSV and PDF, and from the command line. And
the lots that touched one client, for their History tab."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from studio.models import Appointment, Client, Staff, StockItem, StockLot, StockMovement
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.base import Service
from studio.services.common.csv_kit import csv_bytes
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.formats import date_time, numeric_date
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.inventory.reading import lot_record
from studio.services.inventory.records import LotRecord, MovementKind, RecallHit


class RecallService(Service):
    def recall(self, actor: Actor, *, lot_id: int | None = None, item_id: int | None = None,
               first: date | None = None, last: date | None = None) -> tuple[RecallHit, ...]:
        """The sessions that used the lot (or any lot of the item) between the days given,
        newest first. Contact details are shown, so every search is audited."""
        if (lot_id is None) == (item_id is None):
            raise ValidationError(_("Search by one lot or by one item."), field="lot_id")
        if first is not None and last is not None and last < first:
            raise ValidationError(_("The last day comes before the first."), field="last")
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.RECALL_SEARCH)
            session = uow.session
            hits = _hits(session, lot_id, item_id, first, last, read_settings(session).timezone)
            subject = _subject(session, lot_id, item_id)
            audit_log.record(session, self.clock(), audit_log.RECALL_SEARCHED, actor=actor, subject_type="recall",
                             subject_id=f"lot:{lot_id}" if lot_id else f"item:{item_id}", subject=subject,
                             detail=Words.counted(Nn_("{n} session found", "{n} sessions found"), len(hits)))
            uow.commit()
            return hits

    def lots(self, actor: Actor) -> tuple[LotRecord, ...]:
        """Every lot ever received (emptied ones too: a recall often names an old lot), with
        its item's name, by lot number: what the recall screen offers to pick from."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.RECALL_SEARCH)
            rows = uow.session.execute(select(StockLot, StockItem.name).join(StockItem, StockItem.id == StockLot.item_id)
                                       .order_by(StockLot.lot_number, StockItem.name))
            return tuple(lot_record(lot, name) for lot, name in rows)

    def recall_for_command_line(self, *, lot_number: str | None = None, item_name: str | None = None,
                                first: date | None = None, last: date | None = None) -> tuple[str, bytes]:
        """`studio recall`: (what was searched, the CSV). An unknown lot or item is NotFound."""
        with self.unit_of_work() as uow:
            session = uow.session
            lot_id = item_id = None
            if lot_number:
                ids = list(session.scalars(select(StockLot.id).where(StockLot.lot_number == lot_number.strip())))
                if not ids:
                    raise NotFound(_("No lot has the number “{lot}”.").format(lot=lot_number.strip()))
                if len(ids) > 1:
                    raise ValidationError(_("Several items have a lot “{lot}”; search by the item too.").format(
                        lot=lot_number.strip()))
                lot_id = ids[0]
            else:
                item_id = session.scalar(select(StockItem.id).where(
                    func.lower(StockItem.name) == (item_name or "").strip().lower()))
                if item_id is None:
                    raise NotFound(_("No item is called “{name}”.").format(name=(item_name or "").strip()))
            settings = read_settings(session)
            hits = _hits(session, lot_id, item_id, first, last, settings.timezone)
            subject = _subject(session, lot_id, item_id)
            audit_log.record(session, self.clock(), audit_log.RECALL_SEARCHED, subject_type="recall",
                             subject_id=f"lot:{lot_id}" if lot_id else f"item:{item_id}", subject=subject,
                             detail=Words.counted(Nn_("{n} session found", "{n} sessions found"), len(hits)))
            uow.commit()
            return audit_log.english(subject), recall_csv(hits, settings.timezone)

    def recall_pdf(self, actor: Actor, *, lot_id: int | None = None, item_id: int | None = None,
                   first: date | None = None, last: date | None = None) -> bytes:
        """The search (audited as one) as a PDF to hand over: what was searched and between
        which days, then the sessions with the clients' contact details."""
        from studio.services.inventory.documents import recall_pdf

        hits = self.recall(actor, lot_id=lot_id, item_id=item_id, first=first, last=last)
        with self.unit_of_work(write=False) as uow:
            session = uow.session
            settings = read_settings(session)
            title = _("Recall: {what}").format(what=_subject(session, lot_id, item_id).render())
        if first is not None or last is not None:
            # Translators: a recall's title and the days searched, e.g. "Recall: lot A12 of Black ink, 1/3/26 – 31/3/26".
            title = _("{title}, {first} – {last}").format(title=title, first=numeric_date(first) if first else "…",
                                                          last=numeric_date(last) if last else "…")
        return recall_pdf(hits, studio_name=settings.name, timezone=settings.timezone, title=title)

    def client_lots(self, actor: Actor, client_id: int) -> tuple[RecallHit, ...]:
        """The lots used in a client's sessions, newest first (their History tab)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STOCK)
            return _query(uow.session, [Appointment.client_id == client_id])


def recall_csv(hits: tuple[RecallHit, ...], timezone: str) -> bytes:
    header = (_("Client"), _("Phone"), _("Email"), _("Appointment"), _("When"), _("Artist"), _("Item"), _("Lot"),
              _("Quantity"))
    return csv_bytes([header] + [(h.client_name or _("Erased client"), h.phone, h.email, h.appointment_id,
                                  date_time(h.starts_at, timezone), h.artist_name, h.item_name, h.lot_number,
                                  h.quantity) for h in hits])


def _hits(session, lot_id, item_id, first, last, zone: str) -> tuple[RecallHit, ...]:
    where = [StockMovement.lot_id == lot_id] if lot_id is not None else [StockMovement.item_id == item_id]
    tz = ZoneInfo(zone)
    if first is not None:
        where.append(Appointment.starts_at >= datetime.combine(first, time(), tz))
    if last is not None:
        where.append(Appointment.starts_at < datetime.combine(last + timedelta(days=1), time(), tz))
    return _query(session, where)


def _query(session, where) -> tuple[RecallHit, ...]:
    rows = session.execute(
        select(Client.id, Client.full_name, func.coalesce(func.nullif(Client.phone_international, ""), Client.phone),
               Client.email, Appointment.id, Appointment.starts_at,
               Staff.name, StockItem.name, StockLot.lot_number, func.sum(-StockMovement.delta))
        .join(Appointment, Appointment.id == StockMovement.appointment_id)
        .join(Staff, Staff.id == Appointment.artist_id)
        .join(StockItem, StockItem.id == StockMovement.item_id)
        .outerjoin(StockLot, StockLot.id == StockMovement.lot_id)
        .outerjoin(Client, Client.id == Appointment.client_id)
        .where(StockMovement.kind == MovementKind.USED, *where)
        .group_by(Appointment.id, StockMovement.item_id, StockMovement.lot_id)
        .order_by(Appointment.starts_at.desc()))
    return tuple(RecallHit(cid, name or "", phone or "", email or "", aid, starts, artist, item, lot or "", qty)
                 for cid, name, phone, email, aid, starts, artist, item, lot, qty in rows)


def _subject(session, lot_id, item_id) -> Words:
    if lot_id is not None:
        lot = session.get(StockLot, lot_id)
        if lot is None:
            raise NotFound(_("That lot does not exist."))
        return Words(N_("lot {lot} of {item}"), lot=lot.lot_number, item=session.get(StockItem, lot.item_id).name)
    item = session.get(StockItem, item_id)
    if item is None:
        raise NotFound(_("That item does not exist."))
    return Words(N_("every lot of {item}"), item=item.name)
