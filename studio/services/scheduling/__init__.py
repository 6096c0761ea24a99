"""The scheduling area's public face: appointments and the calendar's range
(SchedulingService), projects, calendar files (.ics), the waitlist, working hours and the
booking policy, what scheduling tells the clients area (visit dates, care relationships),
the records they take and return, the status machine, and the refusals a booking can meet
(Clash, OutsideHours), the desk's figures (deposits awaiting, the no-show rate), and the ledger the register plugs in to hear of deposits."""

from studio.services.scheduling.client_data import SchedulingClientData
from studio.services.scheduling.client_links import CARE_DAYS, SchedulingCare, SchedulingVisits
from studio.services.scheduling.deposits import METHODS as DEPOSIT_METHODS
from studio.services.scheduling.desk_figures import AwaitingDeposit, DepositsAwaiting, NoShowRate, deposits_awaiting, no_show_rate
from studio.services.scheduling.deposits import held_for as held_deposits
from studio.services.scheduling.ledger import DepositLedger
from studio.services.scheduling.hours import HoursService
from studio.services.scheduling.ics import CalendarFileService
from studio.services.scheduling.projects import ProjectService
from studio.services.scheduling.records import (
    KIND_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    AppointmentInput,
    AppointmentRecord,
    ArtistRecord,
    CalendarRange,
    ChangeResult,
    DayHours,
    DepositOutcome,
    DepositRecord,
    DepositState,
    Kind,
    ProjectRecord,
    SchedulingPolicy,
    Status,
    TimeOffRecord,
    WaitlistRecord,
    WeekHours,
)
from studio.services.scheduling.rules import MAX_LENGTH, Clash, OutsideHours
from studio.services.scheduling.service import SchedulingService
from studio.services.scheduling.waitlist import WaitlistService

__all__ = [
    "AwaitingDeposit", "CARE_DAYS", "CalendarFileService", "DepositsAwaiting", "NoShowRate", "deposits_awaiting",
    "no_show_rate", "SchedulingCare", "SchedulingVisits",
    "DEPOSIT_METHODS", "DepositLedger", "held_deposits", "KIND_LABELS", "MAX_LENGTH", "STATUS_LABELS", "TRANSITIONS", "AppointmentInput",
    "AppointmentRecord", "ArtistRecord", "CalendarRange", "ChangeResult", "Clash", "DayHours", "DepositOutcome",
    "DepositRecord", "DepositState", "HoursService", "Kind", "OutsideHours", "ProjectRecord", "ProjectService",
    "SchedulingClientData", "SchedulingPolicy", "SchedulingService", "Status", "TimeOffRecord", "WaitlistRecord",
    "WaitlistService", "WeekHours",
]
