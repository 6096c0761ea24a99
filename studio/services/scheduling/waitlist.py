"""The waitlist: clients waiting for an artist (or any), a kind of work and a window of days;
which entries fit a freed slot; booking one in a click."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from studio.models import Client, Staff, WaitlistEntry
from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.i18n import _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.scheduling.records import AppointmentInput, AppointmentRecord, Kind, WaitlistRecord
from studio.services.scheduling.rules import artist_of, client_of

MAX_WINDOW_DAYS = 366


class WaitlistService(Service):
    def entries(self, actor: Actor) -> tuple[WaitlistRecord, ...]:
        """Everyone still waiting, whose window has not passed, soonest window first.
        Needs VIEW_CALENDAR."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            today = self._today(uow.session)
            query = _waiting().where(WaitlistEntry.last_day >= today).order_by(WaitlistEntry.first_day, WaitlistEntry.id)
            return _records(uow.session, query)

    def fits(self, actor: Actor, artist_id: int, starts_at: datetime, ends_at: datetime) -> tuple[WaitlistRecord, ...]:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return fits_for(uow.session, artist_id, starts_at, ends_at, read_settings(uow.session).timezone)

    def add(self, actor: Actor, client_id: int, kind: Kind, first_day: date, last_day: date, *,
            artist_id: int | None = None, notes: str = "") -> WaitlistRecord:
        """Put a client on the waitlist. Needs MANAGE_WAITLIST."""
        kind = Kind(kind)
        if last_day < first_day:
            raise ValidationError(_("The last day must be on or after the first."), field="last_day")
        if (last_day - first_day).days > MAX_WINDOW_DAYS:
            raise ValidationError(_("A waitlist window can be at most a year."), field="last_day")
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.MANAGE_WAITLIST)
            if last_day < self._today(session):
                raise ValidationError(_("That window has passed already."), field="last_day")
            client = client_of(session, client_id)
            if artist_id is not None:
                artist_of(session, artist_id)
            entry = WaitlistEntry(client_id=client.id, artist_id=artist_id, kind=kind, first_day=first_day,
                                  last_day=last_day, notes=(notes or "").strip()[:2000], created_at=self.clock())
            session.add(entry)
            session.flush()
            audit_log.record(session, entry.created_at, audit_log.WAITLIST_ADDED, actor=actor,
                             subject_type="client", subject_id=client.id, subject=client.full_name,
                             detail=audit_log.day_span(first_day, last_day))
            uow.commit()
            return _records(session, select(WaitlistEntry).where(WaitlistEntry.id == entry.id))[0]

    def remove(self, actor: Actor, entry_id: int) -> None:
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_WAITLIST)
            entry = _entry(uow.session, entry_id)
            uow.session.delete(entry)
            uow.commit()

    def book(self, actor: Actor, entry_id: int, artist_id: int, starts_at: datetime, ends_at: datetime, *,
             outside_hours_ok: bool = False) -> AppointmentRecord:
        """Book the waiting client into a slot: the appointment is made (with every check
        a booking has) and the entry stops waiting, in one unit of work. Needs
        MANAGE_WAITLIST and BOOK_APPOINTMENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_WAITLIST)
            entry = _entry(uow.session, entry_id)
            data = AppointmentInput(client_id=entry.client_id, artist_id=artist_id, kind=Kind(entry.kind),
                                    starts_at=starts_at, ends_at=ends_at, notes=entry.notes)
        return self.services.scheduling.book(actor, data, outside_hours_ok=outside_hours_ok,
                                             from_waitlist=entry_id)

    def _today(self, session) -> date:
        return self.clock().astimezone(ZoneInfo(read_settings(session).timezone)).date()


def fits_for(session, artist_id: int, starts_at: datetime, ends_at: datetime, zone: str) -> tuple[WaitlistRecord, ...]:
    """The entries still waiting whose window holds the slot's day and who want that artist
    or any: those who asked for the artist first, then the longest waiting."""
    day = starts_at.astimezone(ZoneInfo(zone)).date()
    query = (_waiting().where(WaitlistEntry.first_day <= day, WaitlistEntry.last_day >= day,
                              or_(WaitlistEntry.artist_id.is_(None), WaitlistEntry.artist_id == artist_id))
             .order_by(WaitlistEntry.artist_id.is_(None), WaitlistEntry.created_at, WaitlistEntry.id).limit(20))
    return _records(session, query)


def mark_booked(session, entry_id: int, appointment_id: int) -> None:
    entry = _entry(session, entry_id)
    if entry.appointment_id is not None:
        raise ValidationError(_("That client was booked from the waitlist already."))
    entry.appointment_id = appointment_id


def _waiting():
    return select(WaitlistEntry).where(WaitlistEntry.appointment_id.is_(None))


def _entry(session, entry_id: int) -> WaitlistEntry:
    entry = session.get(WaitlistEntry, entry_id)
    if entry is None:
        raise NotFound(_("That waitlist entry no longer exists."))
    return entry


def _records(session, query) -> tuple[WaitlistRecord, ...]:
    rows = list(session.scalars(query))
    if not rows:
        return ()
    clients = dict(session.execute(select(Client.id, Client.full_name).where(Client.id.in_({r.client_id for r in rows}))).all())
    artist_ids = {r.artist_id for r in rows if r.artist_id is not None}
    artists = dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(artist_ids))).all()) if artist_ids else {}
    return tuple(WaitlistRecord(r.id, r.client_id, clients.get(r.client_id, ""), r.artist_id,
                                artists.get(r.artist_id, "") if r.artist_id else _("Any artist"), Kind(r.kind),
                                r.first_day, r.last_day, r.notes, r.created_at) for r in rows)
