"""What the dashboard shows: a summary of what the studio holds so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from studio.models import AuditEvent, Client, Staff
from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission, Role, require
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.dashboard import morning
from studio.services.dashboard.morning import TakingsCompared, TakingsToday
from studio.services.dashboard.schedule import ScheduleOverview, schedule_overview
from studio.services.scheduling import DepositsAwaiting, NoShowRate, deposits_awaiting, no_show_rate


@dataclass(frozen=True)
class Overview:
    studio_name: str
    staff_by_role: dict[Role, int]
    inactive_staff: int
    your_last_login: datetime | None
    failed_logins_today: int
    clients: int = 0
    new_clients_30_days: int = 0


class OverviewService(Service):
    def schedule(self, actor: Actor) -> ScheduleOverview:
        """Today's appointments per artist and the week's booked hours (an artist: their
        own). Needs VIEW_DASHBOARD and VIEW_CALENDAR."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return schedule_overview(uow.session, staff, self.clock())

    def takings(self, actor: Actor) -> TakingsToday:
        """Today's takings by method (see services/register/takings.py for what counts): the
        studio's, or an artist's own. Needs VIEW_DASHBOARD and VIEW_REGISTER."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            staff = self.authorize(uow, actor, Permission.VIEW_REGISTER)
            today = local_day(self.clock(), read_settings(uow.session).timezone)
            return morning.takings_today(uow.session, today, morning.whose(staff))

    def takings_compared(self, actor: Actor) -> TakingsCompared:
        """This week and this month against the same spans last year (see morning.py for
        which days). An admin (VIEW_FINANCE) gets the studio's, an artist their own; anyone
        else PermissionDenied, as the front desk sees no year-on-year figures."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            staff = self.authorize(uow, actor, Permission.VIEW_REGISTER)
            if not morning.sees_year_on_year(staff.role):
                require(staff.role, Permission.VIEW_FINANCE)
            today = local_day(self.clock(), read_settings(uow.session).timezone)
            return morning.takings_compared(uow.session, today, morning.whose(staff))

    def deposits_awaiting(self, actor: Actor) -> DepositsAwaiting:
        """The bookings ahead with a deposit asked and not paid (the soonest three named),
        and those holding one: the studio's, or an artist's own. Needs VIEW_DASHBOARD and
        VIEW_CALENDAR."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return deposits_awaiting(uow.session, self.clock(), morning.whose(staff))

    def no_show_rate(self, actor: Actor, days: int = 90) -> NoShowRate:
        """The no-shows among the appointments of the last ``days`` days whose outcome is
        known: the studio's, or an artist's own. Needs VIEW_DASHBOARD and VIEW_CALENDAR."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            staff = self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return no_show_rate(uow.session, self.clock(), days, morning.whose(staff))

    def overview(self, actor: Actor) -> Overview:
        """Needs VIEW_DASHBOARD."""
        now = self.clock()
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_DASHBOARD)
            counts = dict(
                uow.session.execute(
                    select(Staff.role, func.count()).where(Staff.active.is_(True)).group_by(Staff.role)
                ).all()
            )
            inactive = uow.session.scalar(
                select(func.count()).select_from(Staff).where(Staff.active.is_(False))
            ) or 0
            previous = uow.session.scalars(
                select(AuditEvent.at)
                .where(AuditEvent.actor_id == actor.staff_id, AuditEvent.action == audit_log.LOGIN_OK)
                .order_by(AuditEvent.at.desc())
                .limit(2)
            ).all()
            failed = uow.session.scalar(
                select(func.count()).select_from(AuditEvent).where(
                    AuditEvent.action == audit_log.LOGIN_FAILED, AuditEvent.at >= now - timedelta(days=1)
                )
            ) or 0
            clients = uow.session.scalar(select(func.count()).select_from(Client)) or 0
            new_clients = uow.session.scalar(
                select(func.count()).select_from(Client).where(Client.created_at >= now - timedelta(days=30))
            ) or 0
            return Overview(
                studio_name=read_settings(uow.session).name,
                staff_by_role={role: counts.get(role.value, 0) for role in Role},
                inactive_staff=inactive,
                your_last_login=previous[1] if len(previous) > 1 else None,
                failed_logins_today=failed,
                clients=clients,
                new_clients_30_days=new_clients,
            )
