"""Appointments: the calendar's range, booking, moving, the status machine, cancelling and
deposits. Every change runs the checks in rules.py inside one write unit of work (SQLite's
write lock is taken when it begins), so two desks can never book one artist twice."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from studio.models import Appointment, Client, Deposit, Project, Staff
from studio.services.common import audit_log
from studio.services.common.events import AppointmentStatusChanged
from studio.services.common.audit_log import Formatted, Text, Words
from studio.services.common.base import Service, flush_versioned
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.scheduling import deposits as deposit_rules
from studio.services.scheduling import rules
from studio.services.scheduling.availability import Availability
from studio.services.scheduling.ledger import DepositLedger, NoLedger
from studio.services.scheduling.reading import appointment_records
from studio.services.scheduling.records import (
    STATUS_LABELS,
    TRANSITIONS,
    AppointmentInput,
    AppointmentRecord,
    ArtistRecord,
    CalendarRange,
    ChangeResult,
    DepositOutcome,
    DepositRecord,
    Kind,
    Status,
)
from studio.services.scheduling.settings import read_policy
from studio.services.scheduling.waitlist import fits_for, mark_booked

SUBJECT_TYPE = "appointment"
MAX_RANGE_DAYS = 62  # the month view with its leading and trailing weeks, and some


class SchedulingService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        self.ledger: DepositLedger = NoLedger()

    def use_ledger(self, ledger: DepositLedger) -> None:
        """The money side's ledger (the register), told of every deposit paid or forfeited."""
        self.ledger = ledger

    # ---- reading

    def artists(self, actor: Actor) -> tuple[ArtistRecord, ...]:
        """The active artists, in name order (the calendar's columns and legend)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return _artists(uow.session)

    def calendar(self, actor: Actor, first_day: date, last_day: date, *,
                 artist_ids: tuple[int, ...] | None = None, include_cancelled: bool = False) -> CalendarRange:
        """Everything the calendar draws for the studio's local days ``first_day`` …
        ``last_day`` (at most 62): the appointments (cancelled ones only when asked), the
        artists and their working hours, the closed days. An artist sees colleagues'
        appointments as busy time. Needs VIEW_CALENDAR."""
        if last_day < first_day or (last_day - first_day).days >= MAX_RANGE_DAYS:
            raise ValidationError(_("Choose a range of at most {days} days.").format(days=MAX_RANGE_DAYS))
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            session = uow.session
            zone = read_settings(session).timezone
            tz = ZoneInfo(zone)
            start = datetime.combine(first_day, datetime.min.time(), tz)
            end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tz)
            artists = _artists(session)
            if artist_ids is not None:
                artists = tuple(a for a in artists if a.id in artist_ids)
            shown = [a.id for a in artists]
            # Plain rows, not ORM objects: nothing to track, so reading a busy week stays fast.
            query = (select(*_SHOWN).where(
                Appointment.starts_at > start - rules.MAX_LENGTH, Appointment.starts_at < end,
                Appointment.ends_at > start, Appointment.artist_id.in_(shown))
                .order_by(Appointment.starts_at, Appointment.id))
            if not include_cancelled:
                query = query.where(Appointment.status != Status.CANCELLED)
            rows = list(session.execute(query))
            hours = Availability(session, shown, first_day, last_day)
            return CalendarRange(first_day, last_day, zone, artists, appointment_records(session, rows, staff),
                                 hours.by_day(), dict(hours.closed), read_policy(session).lateness_minutes)

    def appointment(self, actor: Actor, appointment_id: int) -> AppointmentRecord:
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return appointment_records(uow.session, [_get(uow.session, appointment_id)], staff)[0]

    def client_appointments(self, actor: Actor, client_id: int) -> tuple[AppointmentRecord, ...]:
        """A client's appointments, newest first (the client view's History tab). Needs
        VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            rows = list(uow.session.scalars(select(Appointment).where(Appointment.client_id == client_id)
                                            .order_by(Appointment.starts_at.desc())))
            return appointment_records(uow.session, rows, staff, redact=False)

    # ---- writing

    def book(self, actor: Actor, data: AppointmentInput, *, outside_hours_ok: bool = False,
             from_waitlist: int | None = None) -> AppointmentRecord:
        """Book (or, with status REQUESTED, pencil in) an appointment. Refuses a clash
        (Clash), a time outside the artist's hours unless ``outside_hours_ok``
        (OutsideHours), a past time unless an admin's, and bad input. ``from_waitlist``: the
        waitlist entry it books, which stops waiting. Needs BOOK_APPOINTMENTS."""
        with self.unit_of_work() as uow:
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            appointment = self.book_in(uow, staff, actor, data, outside_hours_ok=outside_hours_ok,
                                       from_waitlist=from_waitlist)
            uow.commit()
            return appointment_records(uow.session, [appointment], staff)[0]

    def book_in(self, uow, staff: Staff, actor: Actor, data: AppointmentInput, *, outside_hours_ok: bool = False,
                from_waitlist: int | None = None) -> Appointment:
        """book() inside the caller's unit of work (which commits), for a ``staff`` member it
        authorized; the row never leaves that unit of work."""
        if data.status not in (Status.REQUESTED, Status.BOOKED):
            raise ValidationError(_("A new appointment is either requested or booked."))
        session = uow.session
        now = self.clock()
        zone = read_settings(session).timezone
        fields = self._checked(session, staff, data, zone)
        appointment = Appointment(
            **fields, status=data.status, kind=Kind(data.kind), reschedules=0,
            created_at=now, created_by_name=actor.name, updated_at=now, updated_by_name=actor.name)
        self._place(session, staff, appointment, zone, now, outside_hours_ok)
        session.add(appointment)
        session.flush()
        if from_waitlist is not None:
            mark_booked(session, from_waitlist, appointment.id)
        audit_log.record(session, now, audit_log.APPOINTMENT_BOOKED, actor=actor, subject_type=SUBJECT_TYPE,
                         subject_id=appointment.id, subject=_subject(session, appointment),
                         detail=_when(appointment, zone))
        return appointment

    def update(self, actor: Actor, appointment_id: int, data: AppointmentInput, *, version: int,
               outside_hours_ok: bool = False) -> ChangeResult:
        """Save the appointment dialog (the status is changed by set_status, not here)."""
        with self.unit_of_work() as uow:
            session = uow.session
            staff, now, settings, appointment = self._open_change(uow, actor, appointment_id, version)
            zone = settings.timezone
            _refuse_final(appointment)
            freed = (appointment.artist_id, appointment.starts_at, appointment.ends_at)
            for name, value in self._checked(session, staff, data, zone).items():
                setattr(appointment, name, value)
            appointment.kind = Kind(data.kind)
            retimed = (appointment.starts_at, appointment.ends_at) != freed[1:]
            self._place(session, staff, appointment, zone, now, outside_hours_ok, retimed=retimed)
            return self._commit_change(uow, actor, staff, appointment, audit_log.APPOINTMENT_CHANGED,
                                       _when(appointment, zone), zone, now, freed=freed)

    def move(self, actor: Actor, appointment_id: int, starts_at: datetime, ends_at: datetime, *,
             version: int, artist_id: int | None = None, reschedule: bool = False,
             outside_hours_ok: bool = False) -> ChangeResult:
        """Move or resize an appointment (to another artist too). A ``reschedule`` is the
        client asking for another time: it counts against the policy's reschedules that keep
        the deposit. Returns the waitlist entries that fit the freed slot."""
        with self.unit_of_work() as uow:
            session = uow.session
            staff, now, settings, appointment = self._open_change(uow, actor, appointment_id, version)
            zone = settings.timezone
            _refuse_final(appointment)
            if appointment.status in (Status.CHECKED_IN, Status.IN_PROGRESS) and artist_id not in (None, appointment.artist_id):
                raise Conflict(_("The client is already in; finish or cancel this appointment instead of "
                                 "moving it to another artist."))
            freed = (appointment.artist_id, appointment.starts_at, appointment.ends_at)
            before = _when(appointment, zone)
            appointment.starts_at, appointment.ends_at = rules.clean_times(starts_at, ends_at)
            if artist_id is not None and artist_id != appointment.artist_id:
                rules.may_act_for(staff, artist_id)
                appointment.artist_id = rules.artist_of(session, artist_id).id
            self._place(session, staff, appointment, zone, now, outside_hours_ok)
            outcome = DepositOutcome()
            if reschedule:
                appointment.reschedules += 1
                policy = read_policy(session)
                if appointment.reschedules > policy.reschedules_kept:
                    outcome = deposit_rules.settle_lost(
                        session, appointment, policy, now, "rescheduled",
                        settings.currency)
            action = audit_log.APPOINTMENT_RESCHEDULED if reschedule else audit_log.APPOINTMENT_MOVED
            return self._commit_change(uow, actor, staff, appointment, action,
                                       audit_log.changed(before, _when(appointment, zone)), zone, now,
                                       freed=freed, outcome=outcome)

    def set_status(self, actor: Actor, appointment_id: int, status: Status, *, version: int) -> ChangeResult:
        """One step of the status machine (records.TRANSITIONS); cancelling is cancel()."""
        status = Status(status)
        if status == Status.CANCELLED:
            raise ValueError("cancel() cancels, with a reason")
        with self.unit_of_work() as uow:
            session = uow.session
            staff, now, settings, appointment = self._open_change(uow, actor, appointment_id, version)
            old = Status(appointment.status)
            _allow(old, status)
            if status == Status.BOOKED:  # a request becomes a booking: now it must fit
                appointment.status = status
                rules.check_clash(session, rules.artist_of(session, appointment.artist_id), appointment.starts_at,
                                  appointment.ends_at, settings.timezone, appointment.id)
            if status == Status.NO_SHOW and now < appointment.starts_at:
                raise ValidationError(_("A client can be marked as a no-show only once the appointment "
                                        "has started."))
            appointment.status = status
            outcome = DepositOutcome()
            if status == Status.NO_SHOW:
                outcome = deposit_rules.settle_lost(session, appointment, read_policy(session), now,
                                                    "no_show", settings.currency)
            return self._commit_change(uow, actor, staff, appointment, audit_log.APPOINTMENT_STATUS,
                                       audit_log.changed(Words(STATUS_LABELS[old]), Words(STATUS_LABELS[status])),
                                       settings.timezone, now,
                                       freed=_freed_if(status, appointment), outcome=outcome, status_was=old)

    def cancel(self, actor: Actor, appointment_id: int, reason: str, *, version: int,
               by_client: bool = True) -> ChangeResult:
        """Cancel, saying why. A client's cancel inside the policy's late-cancel window costs
        the deposit (forfeit or credit, as the policy says); the studio's, or a client's in
        time, keeps it for the client. Returns the waitlist entries that fit the freed slot."""
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        with self.unit_of_work() as uow:
            session = uow.session
            staff, now, settings, appointment = self._open_change(uow, actor, appointment_id, version)
            was = Status(appointment.status)
            _allow(was, Status.CANCELLED)
            notice = int((appointment.starts_at - now).total_seconds() // 60)
            appointment.status = Status.CANCELLED
            appointment.cancelled_at, appointment.cancelled_by_name = now, actor.name
            appointment.cancel_reason, appointment.cancel_notice_minutes = reason, notice
            policy = read_policy(session)
            if by_client and notice < policy.late_cancel_hours * 60:
                outcome = deposit_rules.settle_lost(session, appointment, policy, now, "late_cancel",
                                                    settings.currency)
            else:
                outcome = deposit_rules.credit_back(session, appointment, now, "cancelled_in_time",
                                                    settings.currency)
            # Translators: who cancelled an appointment, and the reason they gave (as typed).
            why = Words(N_("by the client: {reason}") if by_client else N_("by the studio: {reason}"), reason=reason)
            return self._commit_change(uow, actor, staff, appointment, audit_log.APPOINTMENT_CANCELLED,
                                       why, settings.timezone, now,
                                       freed=_freed_if(Status.CANCELLED, appointment), outcome=outcome,
                                       status_was=was)

    def record_deposit(self, actor: Actor, appointment_id: int, amount_cents: int, method: str) -> DepositRecord:
        """A deposit paid for the appointment's booking (its project's when it has one), held
        until the final session's bill applies it. Needs RECORD_DEPOSITS."""
        if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents <= 0:
            raise ValidationError(_("Enter the amount paid."), field="amount")
        if method not in deposit_rules.METHODS:
            raise ValidationError(_("Choose how the deposit was paid."), field="method")
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.RECORD_DEPOSITS)
            appointment = _get(session, appointment_id)
            _refuse_final(appointment)
            now, settings = self.clock(), read_settings(session)
            deposit = Deposit(client_id=appointment.client_id, amount_cents=amount_cents, method=method,
                              state="held", received_at=now, recorded_by_name=actor.name, settled_reason="",
                              project_id=appointment.project_id,
                              appointment_id=None if appointment.project_id else appointment.id)
            session.add(deposit)
            session.flush()
            self.ledger.received(session, deposit, actor, now)
            audit_log.record(session, now, audit_log.DEPOSIT_RECORDED, actor=actor, subject_type=SUBJECT_TYPE,
                             subject_id=appointment.id, subject=_subject(session, appointment),
                             # Translators: a deposit recorded: its amount and how it was paid ("Cash", "Card"…).
                             detail=Words(N_("{amount} ({method})"), amount=Formatted.money(amount_cents, settings.currency),
                                          method=Words(deposit_rules.METHOD_LABELS[method])))
            uow.commit()
            return deposit_rules.deposit_record(deposit)

    # ---- inside

    def _open_change(self, uow, actor: Actor, appointment_id: int, version: int):
        """What every change of an appointment starts with: the actor may book and act for
        its artist, and the window's version is the current one. Returns (staff, now,
        settings, appointment)."""
        staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
        now, settings = self.clock(), read_settings(uow.session)
        appointment = _get(uow.session, appointment_id)
        rules.may_act_for(staff, appointment.artist_id)
        rules.check_version(appointment, version, settings.timezone, now)
        return staff, now, settings, appointment

    def _checked(self, session, staff: Staff, data: AppointmentInput, zone: str) -> dict:
        """The input's columns, each checked (ValidationError / NotFound otherwise)."""
        rules.may_act_for(staff, data.artist_id)
        starts_at, ends_at = rules.clean_times(data.starts_at, data.ends_at)
        artist = rules.artist_of(session, data.artist_id)
        client = rules.client_of(session, data.client_id)
        if data.price_cents is not None and (isinstance(data.price_cents, bool) or data.price_cents < 0):
            raise ValidationError(_("The price estimate can't be negative."), field="price")
        if data.project_id is not None:
            project = session.get(Project, data.project_id)
            if project is None or project.client_id != client.id:
                raise ValidationError(_("That project belongs to another client."), field="project_id")
        return dict(
            client_id=client.id, artist_id=artist.id, project_id=data.project_id,
            starts_at=starts_at, ends_at=ends_at, flash=bool(data.flash), price_cents=data.price_cents,
            description=clean_text(data.description, field="description", label=_N_PIECE, max_length=300,
                                   required=False),
            placement=clean_text(data.placement, field="placement", label=_N_PLACEMENT, max_length=120,
                                 required=False),
            size=clean_text(data.size, field="size", label=_N_SIZE, max_length=60, required=False),
            notes=(data.notes or "").strip()[:5000],
        )

    def _place(self, session, staff: Staff, appointment: Appointment, zone: str, now: datetime,
               outside_hours_ok: bool, *, retimed: bool = True) -> None:
        """Check the appointment's time for its artist: a past time (when ``retimed``), a
        clash, the working hours; sets its flags."""
        artist = rules.artist_of(session, appointment.artist_id)
        if retimed:
            appointment.back_office = rules.check_past(staff, appointment.starts_at, now)
        if Status(appointment.status).holds_time:
            rules.check_clash(session, artist, appointment.starts_at, appointment.ends_at, zone, appointment.id)
        appointment.outside_hours = rules.check_hours(session, artist, appointment.starts_at, appointment.ends_at,
                                                      zone, outside_hours_ok)

    def _commit_change(self, uow, actor: Actor, staff: Staff, appointment: Appointment, action: str, detail: Text,
                       zone: str, now: datetime, *, freed=None, outcome: DepositOutcome = DepositOutcome(),
                       status_was: Status | None = None) -> ChangeResult:
        session = uow.session
        if status_was is not None and status_was != appointment.status:
            self.publish_after(uow, AppointmentStatusChanged(appointment.id, appointment.client_id,
                                                             Status(status_was).value, Status(appointment.status).value))
        appointment.updated_at, appointment.updated_by_name = now, actor.name
        flush_versioned(session, appointment, gone=_("That appointment was deleted meanwhile; nothing was saved."),
                        changed=lambda fresh: rules.changed_meanwhile(fresh, zone, now))
        if outcome.state == "forfeited":
            self.ledger.forfeited(session, [session.get(Deposit, i) for i in outcome.deposit_ids], actor, now)
        audit_log.record(session, now, action, actor=actor, subject_type=SUBJECT_TYPE, subject_id=appointment.id,
                         subject=_subject(session, appointment), detail=[detail, outcome.said or ""])
        waitlist = ()
        if freed is not None and _really_freed(freed, appointment):
            waitlist = fits_for(session, *freed, zone)
        uow.commit()
        return ChangeResult(appointment_records(session, [appointment], staff)[0], outcome, waitlist)


# The columns a record shows (reading.appointment_records), for the calendar's plain rows.
_A = Appointment.__table__.c
_SHOWN = (_A.id, _A.artist_id, _A.kind, _A.status, _A.starts_at, _A.ends_at, _A.version, _A.client_id,
          _A.description, _A.placement, _A.size, _A.flash, _A.notes, _A.price_cents, _A.project_id,
          _A.outside_hours, _A.back_office, _A.reschedules, _A.cancel_reason, _A.updated_by_name, _A.updated_at)

# Field labels named inside sentences ("The piece can be at most … characters").
_N_PIECE = N_("piece")
_N_PLACEMENT = N_("placement")
_N_SIZE = N_("size")
_N_REASON = N_("reason")


def _get(session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_("That appointment no longer exists."))
    return appointment


def _artists(session) -> tuple[ArtistRecord, ...]:
    rows = session.execute(select(Staff.id, Staff.name, Staff.color)
                           .where(Staff.active.is_(True), Staff.role == Role.ARTIST).order_by(Staff.name, Staff.id))
    return tuple(ArtistRecord(*row) for row in rows)


def _allow(old: Status, new: Status) -> None:
    if new not in TRANSITIONS[old]:
        if old.is_final:
            raise Conflict(_("This appointment is {status}; it can't change any more.").format(
                status=old.label.lower()))
        raise Conflict(_("An appointment that is {old} can't become {new}.").format(
            old=old.label.lower(), new=new.label.lower()))


def _refuse_final(appointment: Appointment) -> None:
    status = Status(appointment.status)
    if status.is_final:
        raise Conflict(_("This appointment is {status}; it can't change any more.").format(
            status=status.label.lower()))


def _freed_if(status: Status, appointment: Appointment):
    return (appointment.artist_id, appointment.starts_at, appointment.ends_at) if not status.holds_time else None


def _really_freed(freed, appointment: Appointment) -> bool:
    artist_id, starts_at, ends_at = freed
    if not Status(appointment.status).holds_time:
        return True
    return (artist_id != appointment.artist_id or appointment.starts_at >= ends_at
            or appointment.ends_at <= starts_at)


def _subject(session, appointment: Appointment) -> str:
    name = session.scalar(select(Client.full_name).where(Client.id == appointment.client_id)) if appointment.client_id else None
    return name or ""


def _when(appointment: Appointment, zone: str) -> Formatted:
    """The appointment's day and times in the studio's zone, written the reader's way."""
    return Formatted.slot(appointment.starts_at, appointment.ends_at, zone)
