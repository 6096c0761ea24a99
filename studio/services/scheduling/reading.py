"""Appointment rows as the records the calendar, the client view and projects show."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from sqlalchemy import select

from studio.models import Appointment, Client, Project, Staff
from studio.services.common.i18n import _
from studio.services.common.permissions import Role
from studio.services.scheduling import deposits as deposit_rules
from studio.services.scheduling.records import AppointmentRecord, DepositState, Kind, Status
from studio.services.scheduling.settings import read_policy


_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}


def appointment_records(session, rows: list[Appointment], staff: Staff, *, redact: bool = True) -> tuple[AppointmentRecord, ...]:
    """Records of ``rows`` (Appointment objects, or rows of its columns), with names,
    colours and deposit states read in one query each; a colleague's appointment seen by an
    artist is busy time only."""
    if not rows:
        return ()
    artists = {a.id: a for a in session.execute(select(Staff.id, Staff.name, Staff.color)
                                                .where(Staff.id.in_({r.artist_id for r in rows})))}
    client_ids = {r.client_id for r in rows if r.client_id is not None}
    names = dict(session.execute(select(Client.id, Client.full_name).where(Client.id.in_(client_ids))).all()) if client_ids else {}
    project_ids = {r.project_id for r in rows if r.project_id is not None}
    quotes = dict(session.execute(select(Project.id, Project.quote_cents).where(Project.id.in_(project_ids))).all()) if project_ids else {}
    states = deposit_rules.states_for(session, rows, read_policy(session), quotes)
    hide = redact and staff.role == Role.ARTIST
    records = []
    for r in rows:
        artist = artists[r.artist_id]
        record = AppointmentRecord(
            id=r.id, artist_id=r.artist_id, artist_name=artist.name, artist_color=artist.color,
            kind=_KINDS[r.kind], status=_STATUSES[r.status], starts_at=_utc(r.starts_at), ends_at=_utc(r.ends_at),
            version=r.version, client_id=r.client_id,
            client_name=names.get(r.client_id, _("Erased client") if r.client_id is None else ""),
            description=r.description, placement=r.placement, size=r.size, flash=r.flash, notes=r.notes,
            price_cents=r.price_cents, project_id=r.project_id, deposit=states[r.id],
            outside_hours=r.outside_hours, back_office=r.back_office, reschedules=r.reschedules,
            cancel_reason=r.cancel_reason, updated_by_name=r.updated_by_name,
            updated_at=_utc(r.updated_at))
        if hide and r.artist_id != staff.id:
            record = replace(record, client_id=None, client_name="", description="", placement="", size="",
                             notes="", price_cents=None, project_id=None, deposit=DepositState.NOT_NEEDED,
                             cancel_reason="", busy_only=True)
        records.append(record)
    return tuple(records)


def _utc(moment):
    # Read from the database they are UTC already; an object just written keeps the zone
    # it was given.
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)
