"""The front desk's figures from the calendar: the bookings ahead whose deposit is still to
come (and those holding one), and the no-show rate. Read inside the caller's unit of work,
which has checked the permission; ``artist_id`` limits them to one artist's appointments
(in SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, literal, select

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
    """Each booking's state by deposits.state_of, the calendar's rule. A year of bookings
    ahead is not read row by row: the bookings of their own are counted in the database by
    what the rule reads (their kind, their price when the policy asks a percent, whether
    they hold or had a deposit), the rule applied to each group; a project's sessions (few)
    are read, its soonest session ahead standing for it; only the soonest few are named."""
    a = Appointment
    policy = read_policy(session)
    where = [a.starts_at >= now, a.status.in_(_AHEAD)]
    if artist_id is not None:
        where.append(a.artist_id == artist_id)
    own = _own_bookings(session, where, policy)
    projects = _project_bookings(session, where, policy)
    awaiting = own.awaiting + projects.awaiting
    first = sorted(_soonest_own(session, where, policy, soonest) + projects.soonest)[:soonest]
    names = dict(session.execute(select(Client.id, Client.full_name).where(
        Client.id.in_({f[4] for f in first if f[4] is not None}))).all()) if first else {}
    artists = dict(session.execute(select(Staff.id, Staff.name).where(
        Staff.id.in_({f[3] for f in first}))).all()) if first else {}
    return DepositsAwaiting(
        awaiting, own.awaiting_cents + projects.awaiting_cents,
        tuple(AwaitingDeposit(i, starts_at, names.get(client, ""), artists.get(artist, ""), due)
              for starts_at, i, due, artist, client in first),
        own.held + projects.held, own.held_cents + projects.held_cents)


# A booking of its own, not a project's session. Written so that the planner reads the
# start-time index (the bookings ahead) rather than the project index (most have none).
_OWN = func.coalesce(Appointment.project_id, 0) == 0


@dataclass
class _Tally:
    awaiting: int = 0
    awaiting_cents: int = 0
    held: int = 0
    held_cents: int = 0
    soonest: list = field(default_factory=list)  # (starts_at, id, due, artist_id, client_id), soonest first

    def add(self, state: DepositState, n: int, due: int, held_cents: int) -> None:
        if state == DepositState.AWAITING:
            self.awaiting += n
            self.awaiting_cents += n * due
        elif state == DepositState.HELD:
            self.held += n
            self.held_cents += held_cents


def _own_deposits(where):
    """Per booking of its own ahead: whether it holds a deposit, the amount held, that it has any."""
    ahead = select(Appointment.id).where(*where, _OWN)
    is_held = Deposit.state == "held"
    return (select(Deposit.appointment_id, func.max(case((is_held, 1), else_=0)).label("held"),
                   func.sum(case((is_held, Deposit.amount_cents), else_=0)).label("held_cents"))
            .where(Deposit.appointment_id.in_(ahead)).group_by(Deposit.appointment_id).subquery())


def _states(held, any_deposit) -> set[str]:
    # What state_of reads of a booking's deposits: whether one is held, whether there are any.
    return {"held"} if held else ({"settled"} if any_deposit else set())


def _own_bookings(session, where, policy) -> _Tally:
    a = Appointment
    deposits = _own_deposits(where)
    price = a.price_cents if policy.deposit_percent is not None else literal(None)  # a flat deposit reads no price
    has_any = deposits.c.appointment_id.is_not(None)
    tally = _Tally()
    for kind, quote, any_deposit, held, n, held_cents in session.execute(
            select(a.kind, price, has_any, func.coalesce(deposits.c.held, 0), func.count(),
                   func.coalesce(func.sum(deposits.c.held_cents), 0))
            .outerjoin(deposits, deposits.c.appointment_id == a.id)
            .where(*where, _OWN)
            .group_by(a.kind, price, has_any, func.coalesce(deposits.c.held, 0))):
        state = deposit_rules.state_of(_states(held, any_deposit), policy, kind, quote)
        tally.add(state, n, deposit_rules.amount_due(policy, kind, quote), int(held_cents))
    return tally


def _soonest_own(session, where, policy, soonest: int) -> list:
    """The soonest bookings of their own awaiting their deposit, read a page at a time (the
    first page nearly always has them) with the deposits of that page only."""
    a = Appointment
    query = (select(a.starts_at, a.id, a.kind, a.price_cents, a.artist_id, a.client_id)
             .where(*where, _OWN).order_by(a.starts_at, a.id))
    found, offset, page = [], 0, max(soonest * 8, 24)
    while len(found) < soonest:
        rows = session.execute(query.limit(page).offset(offset)).all()
        states: dict[int, set[str]] = {}
        for appointment_id, state in session.execute(select(Deposit.appointment_id, Deposit.state).where(
                Deposit.appointment_id.in_([r.id for r in rows]))) if rows else ():
            states.setdefault(appointment_id, set()).add(state)
        for starts_at, i, kind, price, artist, client in rows:
            if deposit_rules.state_of(states.get(i, set()), policy, kind, price) == DepositState.AWAITING:
                found.append((starts_at, i, deposit_rules.amount_due(policy, kind, price), artist, client))
        if len(rows) < page:
            break
        offset += page
    return found[:soonest]


def _project_bookings(session, where, policy) -> _Tally:
    """A project's sessions share its deposit: each project ahead once, by its soonest session."""
    a = Appointment
    rows = session.execute(select(a.starts_at, a.id, a.project_id, a.kind, a.artist_id, a.client_id)
                           .where(*where, a.project_id.is_not(None)).order_by(a.starts_at, a.id)).all()
    tally = _Tally()
    if not rows:
        return tally
    ids = {r.project_id for r in rows}
    quotes = dict(session.execute(select(Project.id, Project.quote_cents).where(Project.id.in_(ids))).all())
    deposits: dict[int, list[tuple[str, int]]] = {}
    for project_id, state, cents in session.execute(select(Deposit.project_id, Deposit.state, Deposit.amount_cents)
                                                    .where(Deposit.project_id.in_(ids))):
        deposits.setdefault(project_id, []).append((state, cents))
    seen = set()
    for starts_at, i, project_id, kind, artist, client in rows:
        if project_id in seen:
            continue
        seen.add(project_id)
        held = deposits.get(project_id, [])
        quote = quotes.get(project_id)
        state = deposit_rules.state_of({s for s, _c in held}, policy, kind, quote)
        due = deposit_rules.amount_due(policy, kind, quote)
        tally.add(state, 1, due, sum(c for s, c in held if s == "held"))
        if state == DepositState.AWAITING:
            tally.soonest.append((starts_at, i, due, artist, client))
    return tally


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
