"""Writing the audit log: the action names, how each reads, and ``record``, which adds a row
to the caller's unit of work. Reading it is the audit area's (studio.services.audit).

Who, the subject and the detail are data (str: a name, an email, a file) or ``Words``, a
phrase Linework says, which each reader sees in their own language (audit_wording.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields as dataclass_fields
from datetime import date, datetime

from studio.models import AuditEvent
# Text, Words, Formatted, Nn_, render and shown are here for the writers and readers of the log.
from studio.services.common.audit_wording import (  # noqa: F401
    Formatted,
    Text,
    Words,
    detail_parts,
    english,
    english_detail,
    render,
    shown,
    wording_json,
)
from studio.services.common.i18n import N_, Nn_, _  # noqa: F401
from studio.services.common.records import Actor

# Translators: who acted in an audit row when nobody signed in: the `studio` command.
SYSTEM_ACTOR = Words(N_("command line"))
# Translators: the subject of an audit row about the studio itself: its settings, its hours.
STUDIO_SUBJECT = Words(N_("studio"))

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
PROJECT_CHANGED = "project.changed"
PROJECT_IMAGE_ADDED = "project.image_added"
PROJECT_IMAGE_REMOVED = "project.image_removed"
WAITLIST_ADDED = "waitlist.added"
HOURS_CHANGED = "hours.changed"
TIME_OFF_ADDED = "time_off.added"
TIME_OFF_REMOVED = "time_off.removed"
CASH_ENTERED = "cash.entered"
CASH_REFUNDED = "cash.refunded"
CASH_CORRECTED = "cash.corrected"
CHECKOUT = "cash.checkout"
VOUCHER_SOLD = "voucher.sold"
DAY_CLOSED = "cash.day_closed"
DAY_REOPENED = "cash.day_reopened"
RATE_CHANGED = "commission.rate_changed"
AFTERCARE_CHANGED = "aftercare.changed"
STOCK_ITEM_ADDED = "stock.item_added"
STOCK_ITEM_CHANGED = "stock.item_changed"
STOCK_ITEM_ARCHIVED = "stock.item_archived"
STOCK_ITEM_RESTORED = "stock.item_restored"
STOCK_RECEIVED = "stock.received"
STOCK_USED = "stock.used"
STOCK_WASTED = "stock.wasted"
STOCK_RETURNED = "stock.returned"
STOCK_ADJUSTED = "stock.adjusted"
STOCK_TAKE = "stock.take"
RECALL_SEARCHED = "stock.recall_searched"
TAX_CHANGED = "finance.tax_changed"
PLUGIN_ENABLED = "plugins.enabled"
PLUGIN_DISABLED = "plugins.disabled"

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
    PROJECT_CHANGED: N_("Edited a project"),
    PROJECT_IMAGE_ADDED: N_("Added a project image"),
    PROJECT_IMAGE_REMOVED: N_("Removed a project image"),
    WAITLIST_ADDED: N_("Put a client on the waitlist"),
    HOURS_CHANGED: N_("Changed working hours"),
    TIME_OFF_ADDED: N_("Added days off"),
    TIME_OFF_REMOVED: N_("Removed days off"),
    CASH_ENTERED: N_("Entered money in the register"),
    CASH_REFUNDED: N_("Gave a refund"),
    CASH_CORRECTED: N_("Corrected a register entry"),
    CHECKOUT: N_("Checked out"),
    VOUCHER_SOLD: N_("Sold a gift voucher"),
    DAY_CLOSED: N_("Closed the day"),
    DAY_REOPENED: N_("Reopened a closed day"),
    RATE_CHANGED: N_("Changed a commission rate"),
    AFTERCARE_CHANGED: N_("Changed the aftercare sheet"),
    STOCK_ITEM_ADDED: N_("Added a stock item"),
    STOCK_ITEM_CHANGED: N_("Edited a stock item"),
    STOCK_ITEM_ARCHIVED: N_("Archived a stock item"),
    STOCK_ITEM_RESTORED: N_("Brought back a stock item"),
    STOCK_RECEIVED: N_("Received stock"),
    STOCK_USED: N_("Recorded stock used"),
    STOCK_WASTED: N_("Wasted stock"),
    STOCK_RETURNED: N_("Returned stock to the supplier"),
    STOCK_ADJUSTED: N_("Adjusted stock after a count"),
    STOCK_TAKE: N_("Took stock"),
    RECALL_SEARCHED: N_("Searched a recall"),
    TAX_CHANGED: N_("Changed the sales tax rate"),
    PLUGIN_ENABLED: N_("Switched a plugin on"),
    PLUGIN_DISABLED: N_("Switched a plugin off"),
}


def action_label(action: str) -> str:
    """How an action reads in the audit log, in the current language; unknown (plugin)
    actions show as stored."""
    label = ACTION_LABELS.get(action)
    return _(label) if label else action


def yes_no(value: bool) -> Words:
    return Words(N_("yes") if value else N_("no"))


def diff(changes: Iterable[tuple[str, object, object]]) -> list[Words]:
    """How a change reads in an audit row's detail: "label: old → new" for each (label,
    old, new) whose values differ, in the order given. ``label`` is a msgid (marked with N_
    by the caller); values are data, except Words and Formatted (read the reader's way) and
    booleans (yes/no)."""
    # Translators: one change in an audit row's detail, e.g. "Time zone: Europe/Lisbon → Europe/Madrid".
    return [Words(N_("{label}: {old} → {new}"), label=Words(label), old=_shown_value(old), new=_shown_value(new))
            for label, old, new in changes if old != new]


def changed(old: object, new: object) -> Words:
    """"old → new" (each data, Words or Formatted), for a detail that needs no label."""
    # Translators: a change in the audit log, e.g. "Artist → Front desk", or an appointment's old and new time.
    return Words(N_("{old} → {new}"), old=_shown_value(old), new=_shown_value(new))


def _shown_value(value: object) -> object:
    return yes_no(value) if isinstance(value, bool) else value


def diff_fields(old, new, labels: Mapping[str, str]) -> list[Words]:
    """diff() of two records of one dataclass, each field labelled with its msgid in
    ``labels``, in the order of ``labels``. Raises ValueError when a field has no label
    (a new field must be named to be audited)."""
    unnamed = [f.name for f in dataclass_fields(old) if f.name not in labels]
    if unnamed:
        raise ValueError(f"audit labels missing for {', '.join(unnamed)}")
    return diff((label, getattr(old, name), getattr(new, name)) for name, label in labels.items())


def day_span(first_day: date, last_day: date) -> Words:
    """"14 Mar 2026 – 20 Mar 2026", written the reader's way."""
    # Translators: a span of days in the audit log, from the first to the last (both dates).
    return Words(N_("{first} – {last}"), first=Formatted.day(first_day), last=Formatted.day(last_day))


def scrubbed(subject: Text) -> dict[str, str]:
    """The column values of an audit row whose subject was erased: ``subject`` instead,
    no detail, and nothing of the old wording (it may hold what was erased)."""
    return {"subject": english(subject), "detail": "", "wording": wording_json("", subject, [])}


def record(
    session,
    at: datetime,
    action: str,
    *,
    actor: Actor | None = None,
    actor_name: Text | None = None,
    subject_type: str = "",
    subject_id: object = "",
    subject: Text = "",
    detail: Text | Iterable[Text] = "",
) -> None:
    """Add an audit row to the caller's unit of work, so it commits with the change. Who
    (``actor``'s name, else ``actor_name``, else the command line), the subject and each
    part of the detail (joined with "; ") are data or Words (see audit_wording.py): stored
    in English in their columns, and as Words in ``wording`` for each reader's language."""
    who: Text = actor.name if actor else (actor_name or SYSTEM_ACTOR)
    parts = detail_parts(detail)
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor.staff_id if actor else None,
            actor_name=english(who),
            action=action,
            subject_type=subject_type,
            subject_id=str(subject_id),
            subject=english(subject),
            detail=english_detail(parts),
            wording=wording_json(who, subject, parts),
        )
    )
