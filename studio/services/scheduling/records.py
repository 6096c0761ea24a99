"""Plain, frozen values the scheduling service takes and returns, and the appointment's
state machine (which status may follow which)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from studio.services.common.audit_wording import Words
from studio.services.common.i18n import N_, _


class Kind(StrEnum):
    CONSULTATION = "consultation"
    SESSION = "session"
    TOUCH_UP = "touch_up"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {Kind.CONSULTATION: N_("Consultation"), Kind.SESSION: N_("Tattoo session"),
               Kind.TOUCH_UP: N_("Touch-up")}


class Status(StrEnum):
    REQUESTED = "requested"
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])

    @property
    def holds_time(self) -> bool:
        """An appointment in this status keeps its artist busy: two of them may not overlap.
        A request is not booked yet (several may ask for one slot); a cancelled one or a
        no-show freed its slot."""
        return self not in (Status.REQUESTED, Status.CANCELLED, Status.NO_SHOW)

    @property
    def is_final(self) -> bool:
        return not TRANSITIONS[self]


STATUS_LABELS = {
    Status.REQUESTED: N_("Requested"), Status.BOOKED: N_("Booked"), Status.CONFIRMED: N_("Confirmed"),
    Status.CHECKED_IN: N_("Checked in"), Status.IN_PROGRESS: N_("In progress"),
    Status.COMPLETED: N_("Completed"), Status.CANCELLED: N_("Cancelled"), Status.NO_SHOW: N_("No-show"),
}

# Which status may follow which. Cancelling is its own call (it needs a reason), so it is
# here only to say from where it is allowed; completed, cancelled and no-show are final.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REQUESTED: frozenset({Status.BOOKED, Status.CANCELLED}),
    Status.BOOKED: frozenset({Status.CONFIRMED, Status.CHECKED_IN, Status.CANCELLED, Status.NO_SHOW}),
    Status.CONFIRMED: frozenset({Status.CHECKED_IN, Status.CANCELLED, Status.NO_SHOW}),
    Status.CHECKED_IN: frozenset({Status.IN_PROGRESS, Status.CANCELLED}),
    Status.IN_PROGRESS: frozenset({Status.COMPLETED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
    Status.NO_SHOW: frozenset(),
}


class DepositState(StrEnum):
    """Where a booking stands with its deposit, as the calendar shows it."""

    NOT_NEEDED = "not_needed"   # a consultation, or the policy asks for none
    AWAITING = "awaiting"       # the policy asks for one and none is held
    HELD = "held"               # paid and waiting to be applied to the bill
    SETTLED = "settled"         # applied, forfeited, credited or refunded


@dataclass(frozen=True)
class AppointmentInput:
    """What the appointment dialog sends. Times are timezone-aware (the dialog's are in the
    studio's zone); text is cleaned by the service."""

    client_id: int
    artist_id: int
    kind: Kind
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    placement: str = ""
    size: str = ""
    flash: bool = False
    notes: str = ""
    price_cents: int | None = None
    project_id: int | None = None
    status: Status = Status.BOOKED  # or REQUESTED


@dataclass(frozen=True)
class AppointmentRecord:
    """One appointment as the calendar and the dialogs show it. ``busy_only`` marks a
    colleague's appointment seen by an artist: then the client and the piece are blank."""

    id: int
    artist_id: int
    artist_name: str
    artist_color: str
    kind: Kind
    status: Status
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    version: int
    client_id: int | None = None
    client_name: str = ""
    description: str = ""
    placement: str = ""
    size: str = ""
    flash: bool = False
    notes: str = ""
    price_cents: int | None = None
    project_id: int | None = None
    deposit: DepositState = DepositState.NOT_NEEDED
    outside_hours: bool = False
    back_office: bool = False
    reschedules: int = 0
    cancel_reason: str = ""
    updated_by_name: str = ""
    updated_at: datetime | None = None
    busy_only: bool = False

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def is_late(self, now: datetime, lateness_minutes: int) -> bool:
        """Booked or confirmed, and the client still not in ``lateness_minutes`` after the
        start: the calendar offers to mark a no-show."""
        return (self.status in (Status.BOOKED, Status.CONFIRMED)
                and (now - self.starts_at).total_seconds() >= lateness_minutes * 60)


@dataclass(frozen=True)
class ArtistRecord:
    id: int
    name: str
    color: str


# A day's working time: intervals of local wall-clock time, a break being the gap between two.
DayHours = tuple[tuple[time, time], ...]
# Monday=0 … Sunday=6 → that weekday's hours (empty: not working).
WeekHours = tuple[DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours]


@dataclass(frozen=True)
class TimeOffRecord:
    id: int
    artist_id: int | None  # None: the studio is closed
    first_day: date
    last_day: date
    reason: str = ""


@dataclass(frozen=True)
class CalendarRange:
    """Everything the calendar draws for ``first_day`` … ``last_day`` (the studio's local
    days), read in one go: the appointments in the range, the artists shown, each artist's
    working hours for each day (time off and closed days already taken out) and the studio's
    closed days with their reason."""

    first_day: date
    last_day: date
    timezone: str
    artists: tuple[ArtistRecord, ...]
    appointments: tuple[AppointmentRecord, ...]
    hours: dict[tuple[int, date], DayHours] = field(default_factory=dict)
    closed: dict[date, str] = field(default_factory=dict)
    # The policy's lateness limit: a booking not checked in this long after its start is
    # offered as a no-show (AppointmentRecord.is_late).
    lateness_minutes: int = 30


@dataclass(frozen=True)
class SchedulingPolicy:
    """The studio's booking rules (Settings → Scheduling).

    The deposit asked for a tattoo session or touch-up is ``deposit_cents`` when
    ``deposit_percent`` is None, else that percent of the quote (the project's, else the
    appointment's price estimate). A client's cancel less than ``late_cancel_hours`` before
    the start, a no-show, or a reschedule beyond ``reschedules_kept`` costs the deposit:
    forfeited to the studio, or kept as the client's credit when ``keep_as_credit``."""

    deposit_cents: int = 5000
    deposit_percent: int | None = None
    late_cancel_hours: int = 72
    reschedules_kept: int = 1
    keep_as_credit: bool = False
    lateness_minutes: int = 30


# Why a deposit was settled (the key is stored; DepositRecord.reason_label shows it).
SETTLED_REASONS = {
    "late_cancel": N_("cancelled late by the client"),
    "no_show": N_("no-show"),
    "rescheduled": N_("rescheduled more often than the policy allows"),
    "cancelled_in_time": N_("cancelled in time"),
}


@dataclass(frozen=True)
class DepositRecord:
    id: int
    amount_cents: int
    method: str
    state: str
    received_at: datetime
    recorded_by_name: str
    project_id: int | None
    appointment_id: int | None
    settled_reason: str = ""  # a SETTLED_REASONS key, or ""

    @property
    def reason_label(self) -> str:
        label = SETTLED_REASONS.get(self.settled_reason)
        return _(label) if label else ""


@dataclass(frozen=True)
class DepositOutcome:
    """What a cancel, no-show or reschedule did to the booking's deposit: ``said``, a phrase
    for the desk and the audit log (None when nothing happened)."""

    state: str = ""
    amount_cents: int = 0
    said: Words | None = None
    deposit_ids: tuple[int, ...] = ()

    @property
    def sentence(self) -> str:
        """What happened, in the current language ("" when nothing did)."""
        return self.said.render() if self.said is not None else ""


@dataclass(frozen=True)
class WaitlistRecord:
    id: int
    client_id: int
    client_name: str
    artist_id: int | None
    artist_name: str
    kind: Kind
    first_day: date
    last_day: date
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class ChangeResult:
    """An appointment after a move, reschedule or cancel, what happened to its deposit, and
    the waitlist entries that fit the slot it freed (for the calendar to offer)."""

    appointment: AppointmentRecord
    deposit: DepositOutcome = DepositOutcome()
    waitlist: tuple[WaitlistRecord, ...] = ()


@dataclass(frozen=True)
class ProjectRecord:
    id: int
    client_id: int | None
    client_name: str
    title: str
    placement: str
    notes: str
    quote_cents: int | None
    closed: bool
    created_at: datetime
    appointments: tuple[AppointmentRecord, ...] = ()
    deposits: tuple[DepositRecord, ...] = ()
    images: tuple[str, ...] = ()  # file names under <data dir>/projects/
