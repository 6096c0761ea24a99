"""Writing and reading the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select

from studio.models import AuditEvent
from studio.services.base import Service
from studio.services.permissions import Permission
from studio.services.records import Actor, AuditRecord

SYSTEM_ACTOR = "command line"

# Actions, named once so filters and tests agree with the writers.
LOGIN_OK = "login.ok"
LOGIN_FAILED = "login.failed"
LOGIN_LOCKED = "login.locked"
LOGOUT = "logout"
SESSION_LOCKED = "session.lock"
SESSION_UNLOCKED = "session.unlock"
STUDIO_CREATED = "studio.created"
SETTINGS_CHANGED = "settings.changed"
STAFF_ADDED = "staff.added"
STAFF_ROLE_CHANGED = "staff.role_changed"
STAFF_UPDATED = "staff.updated"
STAFF_DEACTIVATED = "staff.deactivated"
STAFF_REACTIVATED = "staff.reactivated"
PASSWORD_CHANGED = "password.changed"
PASSWORD_RESET = "password.reset"
BACKUP_CREATED = "backup.created"
BACKUP_FAILED = "backup.failed"
BACKUP_DELETED = "backup.deleted"
BACKUP_RESTORED = "backup.restored"
BACKUP_EXPORTED = "backup.exported"
BACKUP_IMPORTED = "backup.imported"

ACTION_LABELS = {
    LOGIN_OK: "Signed in",
    LOGIN_FAILED: "Sign-in failed",
    LOGIN_LOCKED: "Email locked out",
    LOGOUT: "Logged out",
    SESSION_LOCKED: "Locked the screen",
    SESSION_UNLOCKED: "Unlocked the screen",
    STUDIO_CREATED: "Set up the studio",
    SETTINGS_CHANGED: "Changed settings",
    STAFF_ADDED: "Added staff",
    STAFF_ROLE_CHANGED: "Changed a role",
    STAFF_UPDATED: "Edited staff",
    STAFF_DEACTIVATED: "Deactivated staff",
    STAFF_REACTIVATED: "Reactivated staff",
    PASSWORD_CHANGED: "Changed own password",
    PASSWORD_RESET: "Reset a password",
    BACKUP_CREATED: "Made a backup",
    BACKUP_FAILED: "Backup failed",
    BACKUP_DELETED: "Deleted a backup",
    BACKUP_RESTORED: "Restored a backup",
    BACKUP_EXPORTED: "Exported a backup",
    BACKUP_IMPORTED: "Imported a backup",
}


def action_label(action: str) -> str:
    """How an action reads in the audit log; unknown (plugin) actions show as stored."""
    return ACTION_LABELS.get(action, action)


def record(
    session,
    at: datetime,
    action: str,
    *,
    actor: Actor | None = None,
    actor_name: str | None = None,
    subject_type: str = "",
    subject_id: object = "",
    subject: str = "",
    detail: str = "",
) -> None:
    """Add an audit row to the caller's unit of work, so it commits with the change."""
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor.staff_id if actor else None,
            actor_name=actor.name if actor else (actor_name or SYSTEM_ACTOR),
            action=action,
            subject_type=subject_type,
            subject_id=str(subject_id),
            subject=subject,
            detail=detail,
        )
    )


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
            needle = f"%{flt.text}%"
            query = query.where(
                or_(
                    AuditEvent.actor_name.ilike(needle),
                    AuditEvent.subject.ilike(needle),
                    AuditEvent.detail.ilike(needle),
                    AuditEvent.action.ilike(needle),
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
            sub = self._query(flt).subquery()
            return uow.session.scalar(select(func.count()).select_from(sub)) or 0

    def events(
        self, actor: Actor, flt: AuditFilter = AuditFilter(), *, offset: int = 0, limit: int = 200
    ) -> list[AuditRecord]:
        """Matching events, newest first, one page at a time. Needs VIEW_AUDIT."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_AUDIT)
            rows = uow.session.scalars(
                self._query(flt)
                .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                .offset(offset)
                .limit(limit)
            )
            return [
                AuditRecord(r.id, r.at, r.actor_name, r.action, r.subject, r.detail) for r in rows
            ]
