"""Deposits: what the policy asks for a booking, where a booking stands with its deposit,
and what a late cancel, a no-show or one reschedule too many does to it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from studio.models import Appointment, Deposit, Project
from studio.services.common.audit_wording import Formatted, Words
from studio.services.common.i18n import N_
from studio.services.scheduling.records import DepositOutcome, DepositRecord, DepositState, Kind, SchedulingPolicy

METHODS = ("cash", "card", "transfer", "other")
# How each method reads (marked: translate where shown).
METHOD_LABELS = {"cash": N_("Cash"), "card": N_("Card"), "transfer": N_("Bank transfer"), "other": N_("Other method")}


def amount_due(policy: SchedulingPolicy, kind: str, quote_cents: int | None) -> int:
    """The deposit the policy asks for a booking of ``kind`` with that quote (0: none)."""
    if kind == Kind.CONSULTATION:
        return 0
    if policy.deposit_percent is not None and quote_cents:
        return quote_cents * policy.deposit_percent // 100
    return policy.deposit_cents


def held_for(session, appointment: Appointment) -> list[Deposit]:
    """The deposits held for the appointment's booking: its project's when it has one."""
    return list(session.scalars(select(Deposit).where(_owner(appointment), Deposit.state == "held")))


def states_for(session, appointments: list[Appointment], policy: SchedulingPolicy,
               quotes: dict[int, int | None]) -> dict[int, DepositState]:
    """Each appointment's DepositState, read with one query for them all."""
    ids = [a.id for a in appointments]
    project_ids = {a.project_id for a in appointments if a.project_id is not None}
    seen_appointments: dict[int, set[str]] = {}
    seen_projects: dict[int, set[str]] = {}
    if ids:
        rows = session.execute(select(Deposit.appointment_id, Deposit.project_id, Deposit.state).where(
            or_(Deposit.appointment_id.in_(ids), Deposit.project_id.in_(project_ids))))
        for appointment_id, project_id, state in rows:
            if appointment_id is not None:
                seen_appointments.setdefault(appointment_id, set()).add(state)
            else:
                seen_projects.setdefault(project_id, set()).add(state)
    result = {}
    for a in appointments:
        states = seen_projects.get(a.project_id, set()) if a.project_id else seen_appointments.get(a.id, set())
        result[a.id] = state_of(states, policy, a.kind, quotes.get(a.project_id) if a.project_id else a.price_cents)
    return result


def state_of(states: set[str], policy: SchedulingPolicy, kind: str, quote_cents: int | None) -> DepositState:
    """A booking's DepositState from the states of the deposits it has (``states``)."""
    if "held" in states:
        return DepositState.HELD
    if states:
        return DepositState.SETTLED
    if amount_due(policy, kind, quote_cents) > 0:
        return DepositState.AWAITING
    return DepositState.NOT_NEEDED


def settle_lost(session, appointment: Appointment, policy: SchedulingPolicy, now: datetime,
                reason: str, currency: str) -> DepositOutcome:
    """Forfeit the booking's held deposits, or keep them as the client's credit, as the
    policy says; the sentence tells the desk what happened."""
    held = held_for(session, appointment)
    if not held:
        return DepositOutcome()
    state = "credited" if policy.keep_as_credit else "forfeited"
    for deposit in held:
        deposit.state, deposit.settled_at, deposit.settled_reason = state, now, reason
    total = sum(d.amount_cents for d in held)
    said = Words(N_("The deposit of {amount} stays with the client as credit.") if policy.keep_as_credit
                 else N_("The deposit of {amount} is forfeited to the studio."), amount=Formatted.money(total, currency))
    return DepositOutcome(state, total, said, tuple(d.id for d in held))


def credit_back(session, appointment: Appointment, now: datetime, reason: str, currency: str) -> DepositOutcome:
    """A booking the studio called off, or cancelled in time: a project's deposit stays
    with the project; an appointment's own becomes the client's credit."""
    if appointment.project_id is not None:
        return DepositOutcome()
    held = held_for(session, appointment)
    for deposit in held:
        deposit.state, deposit.settled_at, deposit.settled_reason = "credited", now, reason
    total = sum(d.amount_cents for d in held)
    if not total:
        return DepositOutcome()
    return DepositOutcome("credited", total, Words(N_("The deposit of {amount} stays with the client as credit."),
                                                   amount=Formatted.money(total, currency)),
                          tuple(d.id for d in held))


def deposit_record(d: Deposit) -> DepositRecord:
    return DepositRecord(d.id, d.amount_cents, d.method, d.state, d.received_at, d.recorded_by_name,
                         d.project_id, d.appointment_id, d.settled_reason)


def quote_of(session, appointment: Appointment) -> int | None:
    if appointment.project_id is None:
        return appointment.price_cents
    return session.scalar(select(Project.quote_cents).where(Project.id == appointment.project_id))


def _owner(appointment: Appointment):
    if appointment.project_id is not None:
        return Deposit.project_id == appointment.project_id
    return Deposit.appointment_id == appointment.id
