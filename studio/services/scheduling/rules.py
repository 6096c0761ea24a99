"""The checks every booking passes, in one place: the times, the artist, the client, the
clash with the artist's other appointments, the working hours, and the version a window
read. Each raises a DomainError with the sentence the desk is shown and changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio.models import Appointment, Client, Staff
from studio.services.common import formats
from studio.services.common.errors import Conflict, NotFound, PermissionDenied, ValidationError
from studio.services.common.i18n import _
from studio.services.common.permissions import Permission, Role, can
from studio.services.scheduling.availability import availability_for
from studio.services.scheduling.records import Status

MAX_LENGTH = timedelta(hours=12)
SNAP = timedelta(minutes=1)  # times are kept to the minute
LIVE_STATUSES = tuple(s.value for s in Status if s.holds_time)


class Clash(Conflict):
    """The artist already has an appointment at that time."""


class OutsideHours(Conflict):
    """The time is outside the artist's working hours, on their day off or a closed day:
    the desk may confirm and book it anyway (flagged)."""


def clean_times(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("appointment times must be timezone-aware")
    starts_at = starts_at.replace(second=0, microsecond=0)
    ends_at = ends_at.replace(second=0, microsecond=0)
    if ends_at <= starts_at:
        raise ValidationError(_("The appointment must end after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_LENGTH:
        raise ValidationError(_("An appointment can last at most 12 hours; book a second session "
                                "for the rest."), field="ends_at")
    return starts_at, ends_at


def artist_of(session, artist_id: int) -> Staff:
    artist = session.get(Staff, artist_id)
    if artist is None:
        raise NotFound(_("That artist no longer exists."))
    if not artist.active:
        raise ValidationError(_("{name} is no longer active; choose another artist.").format(name=artist.name),
                              field="artist_id")
    if artist.role != Role.ARTIST:
        raise ValidationError(_("{name} is not an artist; choose an artist.").format(name=artist.name),
                              field="artist_id")
    return artist


def client_of(session, client_id: int | None) -> Client:
    client = session.get(Client, client_id) if client_id is not None else None
    if client is None:
        raise NotFound(_("That client no longer exists (erased or deleted); choose another."))
    return client


def may_act_for(staff: Staff, artist_id: int) -> None:
    """Artists change only their own appointments; the desk and admins anyone's."""
    if staff.role == Role.ARTIST and staff.id != artist_id:
        raise PermissionDenied(_("Artists can change only their own appointments."))


def check_past(staff: Staff, starts_at: datetime, now: datetime) -> bool:
    """Whether the time is in the past (a back-office entry, for admins only)."""
    if starts_at >= now:
        return False
    if not can(staff.role, Permission.BOOK_IN_PAST):
        raise ValidationError(_("That time has passed. Only an admin can enter an appointment in the "
                                "past (as a back-office entry)."), field="starts_at")
    return True


def check_clash(session, artist: Staff, starts_at: datetime, ends_at: datetime, zone: str,
                ignore_id: int | None = None) -> None:
    """Refuse a time that overlaps one of the artist's live appointments (touching is fine)."""
    query = (select(Appointment.starts_at, Appointment.ends_at, Client.full_name)
             .outerjoin(Client, Client.id == Appointment.client_id)
             .where(Appointment.artist_id == artist.id, Appointment.status.in_(LIVE_STATUSES),
                    # Lengths are at most 12 h, so the index on (artist, start) bounds the scan.
                    Appointment.starts_at > starts_at - MAX_LENGTH, Appointment.starts_at < ends_at,
                    Appointment.ends_at > starts_at)
             .order_by(Appointment.starts_at).limit(1))
    if ignore_id is not None:
        query = query.where(Appointment.id != ignore_id)
    clash = session.execute(query).first()
    if clash is None:
        return
    other_start, other_end, client_name = clash
    span = formats.time_range(other_start, other_end, zone)
    if formats.short_date(other_start, zone) != formats.short_date(starts_at, zone):
        span = _("{date}, {span}").format(date=formats.short_date(other_start, zone), span=span)
    if client_name:
        # Translators: "Mia is with Leo Park 14:00–17:00".
        message = _("{artist} is with {client} {span}.").format(artist=artist.name, client=client_name, span=span)
    else:
        message = _("{artist} is booked {span}.").format(artist=artist.name, span=span)
    raise Clash(message, field="starts_at")


def check_hours(session, artist: Staff, starts_at: datetime, ends_at: datetime, zone: str,
                confirmed: bool) -> bool:
    """Whether the time is outside the artist's hours; OutsideHours unless ``confirmed``."""
    tz = ZoneInfo(zone)
    if availability_for(session, artist.id, starts_at, ends_at, tz).covers(artist.id, starts_at, ends_at, tz):
        return False
    if not confirmed:
        raise OutsideHours(_("{span} on {date} is outside {artist}'s working hours. Book it anyway?").format(
            span=formats.time_range(starts_at, ends_at, zone), date=formats.short_date(starts_at, zone),
            artist=artist.name), field="starts_at")
    return True


def check_version(appointment: Appointment, version: int, zone: str, now: datetime) -> None:
    if appointment.version != version:
        raise Conflict(changed_meanwhile(appointment, zone, now))


def changed_meanwhile(appointment: Appointment, zone: str, now: datetime) -> str:
    at = formats.moment(appointment.updated_at, zone, now.astimezone(ZoneInfo(zone)).date())
    # Translators: {who} is a staff member's name; {at} is a time, or a time and a date.
    return _("This appointment was changed by {who} at {at} — it now shows their change; nothing "
             "was saved.").format(who=appointment.updated_by_name or _("someone else"), at=at)
