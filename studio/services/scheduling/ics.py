"""Calendar files (.ics, RFC 5545, written with the icalendar library): an artist's
appointments for their own phone or computer calendar, and one appointment's file for the
client to keep.

What leaves the studio in them is little on purpose: the kind of appointment, the piece's
description, placement and size, the time (in the studio's zone, with its VTIMEZONE), the
artist's name and, in an artist's file, the client's first name only. Never the notes
(people write health details there), the price, the medical section or contact details.
Each appointment keeps one UID (its id), and its version is the SEQUENCE, so a calendar
that imports the file again updates the event instead of doubling it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio.models import Appointment, Client, Staff
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, PermissionDenied, ValidationError
from studio.services.common.i18n import _
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.scheduling.records import Kind, Status

PRODID = "-//Linework//Linework tattoo studio//EN"
# An artist's file: from this many days back, and every appointment to come (at most
# MAX_EVENTS), which is what a phone's calendar wants to show.
DAYS_BACK = 30
MAX_EVENTS = 5_000
_ICS_STATUS = {Status.REQUESTED: "TENTATIVE", Status.CANCELLED: "CANCELLED"}


def first_name(full_name: str, preferred_name: str = "") -> str:
    """The client's first name as the artist calls them: the preferred name's first word,
    else the full name's."""
    words = (preferred_name or full_name or "").split()
    return words[0] if words else ""


class CalendarFileService(Service):
    def artist_calendar(self, actor: Actor, artist_id: int | None = None, *,
                        since: date | None = None) -> bytes:
        """The .ics of an artist's appointments from ``since`` (default: DAYS_BACK days
        ago, in the studio's days) on, cancelled ones left out. ``artist_id`` None: the
        actor's own. An artist exports only their own; the desk and admins anyone's.
        Needs VIEW_CALENDAR; raises NotFound for someone who is not an artist."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            artist_id = staff.id if artist_id is None else artist_id
            if staff.role == Role.ARTIST and artist_id != staff.id:
                raise PermissionDenied(_("Artists can export only their own appointments."))
            return self._artist_file(uow.session, artist_id, since)

    def artist_calendar_for_command_line(self, artist_email: str, *, since: date | None = None) -> bytes:
        """artist_calendar() for ``studio calendar export``: the command line on this PC
        acts (whoever can run it can read the data folder anyway), the artist named by
        email. Raises NotFound with a sentence for an unknown email or a non-artist."""
        email = (artist_email or "").strip().lower()
        with self.unit_of_work(write=False) as uow:
            found = uow.session.scalar(select(Staff.id).where(Staff.email == email))
            if found is None:
                raise NotFound(_("No staff member has the email {email}.").format(email=email))
            return self._artist_file(uow.session, found, since)

    def appointment_file(self, actor: Actor, appointment_id: int) -> bytes:
        """One appointment's .ics for the client: the time, the artist, the piece and the
        studio, nothing else. Needs VIEW_CALENDAR; an artist only for their own
        appointments."""
        with self.unit_of_work(write=False) as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            appointment = session.get(Appointment, appointment_id)
            if appointment is None:
                raise NotFound(_("That appointment no longer exists."))
            if staff.role == Role.ARTIST and appointment.artist_id != staff.id:
                raise PermissionDenied(_("Artists can hand out the calendar file of their own appointments only."))
            settings = read_settings(session)
            artist = session.get(Staff, appointment.artist_id)
            calendar = _calendar(_("Appointment at {studio}").format(studio=settings.name))
            # Translators: the client's calendar entry, e.g. "Tattoo session at Ink & Iron".
            summary = _("{kind} at {studio}").format(kind=Kind(appointment.kind).label, studio=settings.name)
            lines = [_("With {artist}.").format(artist=artist.name)] + _piece_lines(appointment)
            calendar.add_component(_event(appointment, summary, "\n".join(lines), settings, self.clock()))
            return _finish(calendar)

    def _artist_file(self, session, artist_id: int, since: date | None) -> bytes:
        artist = session.get(Staff, artist_id)
        if artist is None or artist.role != Role.ARTIST:
            raise NotFound(_("That staff member is not an artist, so they have no appointments to export."))
        settings = read_settings(session)
        zone = ZoneInfo(settings.timezone)
        now = self.clock()
        first_day = since or (now.astimezone(zone).date() - timedelta(days=DAYS_BACK))
        if not isinstance(first_day, date):
            raise ValidationError(_("Give the first day as a date."), field="since")
        start = datetime.combine(first_day, datetime.min.time(), zone)
        rows = session.execute(
            select(Appointment, Client.full_name, Client.preferred_name)
            .outerjoin(Client, Client.id == Appointment.client_id)
            .where(Appointment.artist_id == artist_id, Appointment.ends_at > start,
                   Appointment.status != Status.CANCELLED.value)
            .order_by(Appointment.starts_at, Appointment.id).limit(MAX_EVENTS)).all()
        # Translators: the name of an artist's calendar in their calendar app.
        calendar = _calendar(_("{artist} · {studio}").format(artist=artist.name, studio=settings.name))
        for appointment, full_name, preferred in rows:
            name = first_name(full_name or "", preferred or "") or _("Erased client")
            # Translators: an artist's calendar entry, e.g. "Tattoo session · Ana".
            summary = _("{kind} · {client}").format(kind=Kind(appointment.kind).label, client=name)
            description = "\n".join([Status(appointment.status).label, *_piece_lines(appointment)])
            calendar.add_component(_event(appointment, summary, description, settings, now))
        return _finish(calendar)


def _piece_lines(appointment: Appointment) -> list[str]:
    lines = []
    if appointment.description:
        lines.append(appointment.description)
    details = [v for v in (appointment.placement, appointment.size) if v]
    if details:
        lines.append(" · ".join(details))
    return lines


def _calendar(name: str):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(appointment: Appointment, summary: str, description: str, settings, now: datetime):
    from icalendar import Event

    zone = ZoneInfo(settings.timezone)
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@linework")
    event.add("sequence", appointment.version)
    event.add("dtstamp", now)
    event.add("dtstart", appointment.starts_at.astimezone(zone))
    event.add("dtend", appointment.ends_at.astimezone(zone))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("location", settings.name)
    event.add("status", _ICS_STATUS.get(Status(appointment.status), "CONFIRMED"))
    return event


def _finish(calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()
