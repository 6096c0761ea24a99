"""Reading the audit log: filtered, paged, for those who may see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select

from studio.db import UnitOfWork
from studio.models import AuditEvent
from studio.services.common.audit_wording import shown
from studio.services.common.base import Service
from studio.services.common.paging import PAGE_LIMIT, RowsPage, newer_first_after, page_limit
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor, AuditRecord


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    action_prefix: str = ""
    since: datetime | None = None
    until: datetime | None = None


class AuditService(Service):
    def _query(self, flt: AuditFilter) -> Select:
        query = select(AuditEvent)
        if flt.action_prefix:
            query = query.where(AuditEvent.action.startswith(flt.action_prefix, autoescape=True))
        if flt.text:
            # autoescape: a typed "%" or "_" is looked for, not a wildcard.
            query = query.where(
                or_(
                    *(column.icontains(flt.text, autoescape=True) for column in (
                        AuditEvent.actor_name, AuditEvent.subject, AuditEvent.detail,
                        AuditEvent.action))
                )
            )
        if flt.since is not None:
            query = query.where(AuditEvent.at >= flt.since)
        if flt.until is not None:
            query = query.where(AuditEvent.at < flt.until)
        return query

    def count(self, actor: Actor, flt: AuditFilter = AuditFilter()) -> int:
        """How many events match. Needs VIEW_AUDIT."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_AUDIT)
            return self._count_in(uow, flt)

    def first_page(self, actor: Actor, flt: AuditFilter = AuditFilter(), *,
                   limit: int = PAGE_LIMIT) -> RowsPage[AuditRecord]:
        """How many events match and the newest ``limit`` of them, read together (the Audit
        page's refresh). Needs VIEW_AUDIT."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_AUDIT)
            return RowsPage(self._count_in(uow, flt), tuple(self._events_in(uow, flt, None, limit)))

    def events(self, actor: Actor, flt: AuditFilter = AuditFilter(), *,
               before: tuple[datetime, int] | None = None, limit: int = 200) -> list[AuditRecord]:
        """Matching events, newest first; with ``before`` (an event's time and id), those
        after that event, so the next page neither repeats nor skips one written meanwhile.
        Needs VIEW_AUDIT."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_AUDIT)
            return self._events_in(uow, flt, before, limit)

    def _count_in(self, uow: UnitOfWork, flt: AuditFilter) -> int:
        sub = self._query(flt).subquery()
        return uow.session.scalar(select(func.count()).select_from(sub)) or 0

    def _events_in(self, uow: UnitOfWork, flt: AuditFilter, before: tuple[datetime, int] | None,
                   limit: int) -> list[AuditRecord]:
        query = self._query(flt)
        if before is not None:
            query = query.where(newer_first_after(AuditEvent.at, AuditEvent.id, before))
        rows = uow.session.scalars(
            query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(page_limit(limit)))
        return [_record(r) for r in rows]


def _record(row: AuditEvent) -> AuditRecord:
    """The row as its reader reads it: who, the subject and the detail in the current
    language (the text search still looks in the English kept in the columns)."""
    who, subject, detail = shown(row.actor_name, row.subject, row.detail, row.wording, row=row.id)
    return AuditRecord(row.id, row.at, who, row.action, subject, detail)
