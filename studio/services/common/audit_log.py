"""Writing the audit log: the action names, how each reads, and ``record``, which adds a row
to the caller's unit of work. Reading it is the audit area's (studio.services.audit)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import Iterable

from studio.models import AuditEvent
from studio.services.common.i18n import N_, _
from studio.services.common.records import Actor

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
CLIENT_ADDED = "client.added"
CLIENT_UPDATED = "client.updated"
CLIENT_PHOTO_CHANGED = "client.photo_changed"
CLIENT_MEDICAL_VIEWED = "client.medical_viewed"
CLIENT_MEDICAL_CHANGED = "client.medical_changed"
CLIENT_QR_RENEWED = "client.qr_renewed"
CLIENT_EXPORTED = "client.exported"
CLIENT_ERASED = "client.erased"
BACKUP_CREATED = "backup.created"
BACKUP_FAILED = "backup.failed"
BACKUP_DELETED = "backup.deleted"
BACKUP_RESTORED = "backup.restored"
BACKUP_EXPORTED = "backup.exported"
BACKUP_IMPORTED = "backup.imported"
INTAKE_SUBMITTED = "intake.submitted"
INTAKE_ACCEPTED = "intake.accepted"
INTAKE_REJECTED = "intake.rejected"
INTAKE_ID_CHECKED = "intake.id_checked"
INTAKE_WALKIN_ROTATED = "intake.walkin_rotated"
INTAKE_CLIENT_QR_ISSUED = "intake.client_qr_issued"
INTAKE_RELEASE_CHANGED = "intake.release_changed"
INTAKE_SETTINGS_CHANGED = "intake.settings_changed"
CONSENT_OPENED = "consent.opened"
CONSENT_COPIED = "consent.copied"
APPOINTMENT_BOOKED = "appointment.booked"
APPOINTMENT_CHANGED = "appointment.changed"
APPOINTMENT_MOVED = "appointment.moved"
APPOINTMENT_RESCHEDULED = "appointment.rescheduled"
APPOINTMENT_STATUS = "appointment.status"
APPOINTMENT_CANCELLED = "appointment.cancelled"
DEPOSIT_RECORDED = "deposit.recorded"
PROJECT_OPENED = "project.opened"
WAITLIST_ADDED = "waitlist.added"
HOURS_CHANGED = "hours.changed"
TIME_OFF_ADDED = "time_off.added"
TIME_OFF_REMOVED = "time_off.removed"

# Marked only; action_label translates them where they are shown.
ACTION_LABELS = {
    LOGIN_OK: N_("Signed in"),
    LOGIN_FAILED: N_("Sign-in failed"),
    LOGIN_LOCKED: N_("Email locked out"),
    LOGOUT: N_("Logged out"),
    SESSION_LOCKED: N_("Locked the screen"),
    SESSION_UNLOCKED: N_("Unlocked the screen"),
    STUDIO_CREATED: N_("Set up the studio"),
    SETTINGS_CHANGED: N_("Changed settings"),
    STAFF_ADDED: N_("Added staff"),
    STAFF_ROLE_CHANGED: N_("Changed a role"),
    STAFF_UPDATED: N_("Edited staff"),
    STAFF_DEACTIVATED: N_("Deactivated staff"),
    STAFF_REACTIVATED: N_("Reactivated staff"),
    PASSWORD_CHANGED: N_("Changed own password"),
    PASSWORD_RESET: N_("Reset a password"),
    BACKUP_CREATED: N_("Made a backup"),
    BACKUP_FAILED: N_("Backup failed"),
    BACKUP_DELETED: N_("Deleted a backup"),
    BACKUP_RESTORED: N_("Restored a backup"),
    BACKUP_EXPORTED: N_("Exported a backup"),
    BACKUP_IMPORTED: N_("Imported a backup"),
    CLIENT_ADDED: N_("Added a client"),
    CLIENT_UPDATED: N_("Edited a client"),
    CLIENT_PHOTO_CHANGED: N_("Changed a client's photo"),
    CLIENT_MEDICAL_VIEWED: N_("Read health notes"),
    CLIENT_MEDICAL_CHANGED: N_("Changed health notes"),
    CLIENT_QR_RENEWED: N_("Renewed a client's QR"),
    CLIENT_EXPORTED: N_("Exported client data"),
    CLIENT_ERASED: N_("Erased a client"),
    INTAKE_SUBMITTED: N_("Phone form received"),
    INTAKE_ACCEPTED: N_("Accepted a phone form"),
    INTAKE_REJECTED: N_("Rejected a phone form"),
    INTAKE_ID_CHECKED: N_("Checked a photo ID"),
    INTAKE_WALKIN_ROTATED: N_("New walk-in code"),
    INTAKE_CLIENT_QR_ISSUED: N_("Issued a client's QR"),
    INTAKE_RELEASE_CHANGED: N_("Changed the release text"),
    INTAKE_SETTINGS_CHANGED: N_("Changed intake settings"),
    CONSENT_OPENED: N_("Opened a consent"),
    CONSENT_COPIED: N_("Saved a copy of a consent"),
    APPOINTMENT_BOOKED: N_("Booked an appointment"),
    APPOINTMENT_CHANGED: N_("Edited an appointment"),
    APPOINTMENT_MOVED: N_("Moved an appointment"),
    APPOINTMENT_RESCHEDULED: N_("Rescheduled an appointment"),
    APPOINTMENT_STATUS: N_("Changed an appointment's status"),
    APPOINTMENT_CANCELLED: N_("Cancelled an appointment"),
    DEPOSIT_RECORDED: N_("Recorded a deposit"),
    PROJECT_OPENED: N_("Opened a project"),
    WAITLIST_ADDED: N_("Put a client on the waitlist"),
    HOURS_CHANGED: N_("Changed working hours"),
    TIME_OFF_ADDED: N_("Added days off"),
    TIME_OFF_REMOVED: N_("Removed days off"),
}


def action_label(action: str) -> str:
    """How an action reads in the audit log, in the current language; unknown (plugin)
    actions show as stored."""
    label = ACTION_LABELS.get(action)
    return _(label) if label else action


def diff(changes: Iterable[tuple[str, object, object]]) -> list[str]:
    """How a change reads in an audit row's detail: "label: old → new" for each (label,
    old, new) whose values differ, in the order given (join them with "; ")."""
    return [f"{label}: {old} → {new}" for label, old, new in changes if old != new]


def diff_fields(old, new, names: Iterable[str] | None = None) -> list[str]:
    """diff() of the attributes ``names`` (every dataclass field of ``old`` when None) of two
    records, each labelled with its name."""
    names = [f.name for f in dataclass_fields(old)] if names is None else names
    return diff((name, getattr(old, name), getattr(new, name)) for name in names)


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
