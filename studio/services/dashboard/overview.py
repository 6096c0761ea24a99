"""What the dashboard shows: a summary of what the studio holds so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from studio.models import AuditEvent, Client, Staff
from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.dashboard.schedule import ScheduleOverview, schedule_overview


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

    def overview(self, actor: Actor) -> Overview:
        """Needs VIEW_DASHBOARD."""
        from studio.services.common.settings_store import read_settings

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
