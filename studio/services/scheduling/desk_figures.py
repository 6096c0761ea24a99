"""The front desk's figures from the calendar: the bookings ahead whose deposit is still to
come (and those holding one), and the no-show rate. Read inside the caller's unit of work,
which has checked the permission; ``artist_id`` limits them to one artist's appointments
(in SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from studio.models import Appointment, Client, Deposit, Project, Staff
from studio.services.scheduling import deposits as deposit_rules
from studio.services.scheduling.records import DepositState, Status
from studio.services.scheduling.settings import read_policy

# A booking ahead that may still be asked for its deposit: a request (the deposit is often
# what turns it into a booking), a booking, a confirmed one.
_AHEAD = (Status.REQUESTED.value, Status.BOOKED.value, Status.CONFIRMED.value)
# Appointments whose outcome is known: the client came (checked in, in progress, completed)
# or did not. Cancelled ones were called off ahead, and a past booking still marked booked
# or confirmed was never settled either way: neither says anything about no-shows.
_CAME = (Status.CHECKED_IN.value, Status.IN_PROGRESS.value, Status.COMPLETED.value)
_DUE = (*_CAME, Status.NO_SHOW.value)


@dataclass(frozen=True)
class AwaitingDeposit:
    appointment_id: int
    starts_at: datetime  # aware, UTC
    client_name: str
    artist_name: str
    amount_cents: int  # what the policy asks


@dataclass(frozen=True)
class DepositsAwaiting:
    """Bookings ahead (a project counts once, by its next session) with a deposit asked
    and not paid: how many, what they add up to, the soonest few; and those holding one."""

    count: int
    amount_cents: int
    soonest: tuple[AwaitingDeposit, ...]
    held_count: int
    held_cents: int


@dataclass(frozen=True)
class NoShowRate:
    days: int
    no_shows: int
    due: int  # appointments in the span whose outcome is known (came, or did not)

    @property
    def rate(self) -> float | None:
        """no_shows / due, or None when nothing was due."""
        return self.no_shows / self.due if self.due else None


def deposits_awaiting(session, now: datetime, artist_id: int | None = None, *, soonest: int = 3) -> DepositsAwaiting:
    a = Appointment
    query = (select(a.id, a.artist_id, a.client_id, a.project_id, a.kind, a.price_cents, a.starts_at)
             .where(a.starts_at >= now, a.status.in_(_AHEAD)).order_by(a.starts_at, a.id))
    if artist_id is not None:
        query = query.where(a.artist_id == artist_id)
    rows = list(session.execute(query))
    project_ids = {r.project_id for r in rows if r.project_id is not None}
    quotes = dict(session.execute(select(Project.id, Project.quote_cents).where(Project.id.in_(project_ids))).all()
                  ) if project_ids else {}
    policy = read_policy(session)
    states = deposit_rules.states_for(session, rows, policy, quotes)
    awaiting, held, seen = [], [], set()
    for r in rows:  # soonest first: a project is represented by its next session
        owner = ("project", r.project_id) if r.project_id is not None else ("appointment", r.id)
        if owner in seen:
            continue
        seen.add(owner)
        if states[r.id] == DepositState.AWAITING:
            due = deposit_rules.amount_due(policy, r.kind, quotes.get(r.project_id) if r.project_id else r.price_cents)
            awaiting.append((r, due))
        elif states[r.id] == DepositState.HELD:
            held.append(r)
    held_cents = 0
    if held:
        held_cents = session.scalar(select(func.coalesce(func.sum(Deposit.amount_cents), 0)).where(
            Deposit.state == "held",
            or_(Deposit.appointment_id.in_([r.id for r in held if r.project_id is None]),
                Deposit.project_id.in_([r.project_id for r in held if r.project_id is not None]))))
    first = awaiting[:soonest]
    names = dict(session.execute(select(Client.id, Client.full_name).where(
        Client.id.in_({r.client_id for r, _due in first if r.client_id is not None}))).all()) if first else {}
    artists = dict(session.execute(select(Staff.id, Staff.name).where(
        Staff.id.in_({r.artist_id for r, _due in first}))).all()) if first else {}
    return DepositsAwaiting(
        len(awaiting), sum(due for _r, due in awaiting),
        tuple(AwaitingDeposit(r.id, r.starts_at, names.get(r.client_id, ""), artists.get(r.artist_id, ""), due)
              for r, due in first),
        len(held), int(held_cents))


def no_show_rate(session, now: datetime, days: int, artist_id: int | None = None) -> NoShowRate:
    """The appointments that started in the ``days`` before ``now`` with a known outcome,
    and how many of them were no-shows."""
    a = Appointment
    query = (select(a.status, func.count()).where(a.starts_at >= now - timedelta(days=days), a.starts_at < now,
                                                   a.status.in_(_DUE)).group_by(a.status))
    if artist_id is not None:
        query = query.where(a.artist_id == artist_id)
    counts = dict(session.execute(query).all())
    return NoShowRate(days, counts.get(Status.NO_SHOW.value, 0), sum(counts.values()))
