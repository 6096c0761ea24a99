"""Plain, frozen values that services return. Widgets hold these and ids, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studio.services.common.permissions import Role


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member a service call runs as."""

    staff_id: int
    name: str
    email: str
    role: Role
    language: str | None = None  # their own screens' language; None follows the studio's

    @property
    def role_label(self) -> str:
        return self.role.label


@dataclass(frozen=True)
class StaffRecord:
    id: int
    name: str
    email: str
    role: Role
    active: bool
    color: str
    created_at: datetime
    last_login_at: datetime | None
    locked_until: datetime | None = None


@dataclass(frozen=True)
class AuditRecord:
    """One audit row as its reader reads it: who, the subject and the detail in the current
    language (data in them as written); ``action`` is the code (see audit_log.action_label)."""

    id: int
    at: datetime
    actor_name: str
    action: str
    subject: str
    detail: str


@dataclass(frozen=True)
class StudioSettings:
    name: str
    timezone: str
    currency: str
    idle_lock_minutes: int
    language: str = "en"  # the studio's language (i18n.LANGUAGES); staff may choose their own
