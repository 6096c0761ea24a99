"""Roles and the permission matrix: the single place that says which role may do what.

Every service method calls ``require`` before acting; the UI asks ``can`` only to hide what a
role cannot use. The README's permission table is generated from ``PERMISSIONS`` (a test
keeps the two in step): add a row here when a module adds an action.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from studio.services.common.errors import PermissionDenied
from studio.services.common.i18n import N_, _


class Role(StrEnum):
    ADMIN = "admin"
    ARTIST = "artist"
    FRONT_DESK = "front_desk"

    @property
    def label(self) -> str:
        """The role's name on screen, in the current language."""
        return _(ROLE_LABELS[self])


# Marked only (the README's table is English); translated where shown: Role.label, who_may.
ROLE_LABELS = {Role.ADMIN: N_("Admin"), Role.ARTIST: N_("Artist"), Role.FRONT_DESK: N_("Front desk")}
# The people in a role, as a sentence names them ("admins and artists can open it").
ROLE_PEOPLE = {Role.ADMIN: N_("admins"), Role.ARTIST: N_("artists"), Role.FRONT_DESK: N_("the front desk")}

ALL = frozenset(Role)
ADMIN_ONLY = frozenset({Role.ADMIN})
DESK_ROLES = frozenset({Role.ADMIN, Role.FRONT_DESK})
# Health data is for the people who tattoo. An artist reads it only for the clients they
# look after: an appointment with them in the past or the next 30 days (the clients
# service asks scheduling, services/clients/relations.py).
CARE_ROLES = frozenset({Role.ADMIN, Role.ARTIST})


@dataclass(frozen=True)
class Rule:
    area: str  # English, marked with N_: the README's table shows them as written
    description: str
    roles: frozenset[Role]


class Permission(StrEnum):
    VIEW_DASHBOARD = "dashboard.view"
    CHANGE_OWN_PASSWORD = "account.change_own_password"
    VIEW_STAFF = "staff.view"
    MANAGE_STAFF = "staff.manage"
    RESET_STAFF_PASSWORD = "staff.reset_password"
    VIEW_AUDIT = "audit.view"
    EDIT_SETTINGS = "settings.edit"
    VIEW_CLIENTS = "clients.view"
    EDIT_CLIENTS = "clients.edit"
    RENEW_CLIENT_QR = "clients.renew_qr"
    VIEW_MEDICAL = "clients.view_medical"
    EDIT_MEDICAL = "clients.edit_medical"
    EXPORT_CLIENT = "clients.export"
    ERASE_CLIENT = "clients.erase"
    MANAGE_INTAKE = "intake.manage"
    EDIT_RELEASE_TEXT = "intake.edit_release"
    VIEW_CONSENTS = "consents.view"
    MANAGE_BACKUPS = "backups.manage"
    VIEW_BACKUP_STATUS = "backups.view_status"
    VIEW_CALENDAR = "calendar.view"
    BOOK_APPOINTMENTS = "calendar.book"
    BOOK_IN_PAST = "calendar.back_office"
    RECORD_DEPOSITS = "calendar.deposits"
    MANAGE_HOURS = "calendar.hours"
    MANAGE_WAITLIST = "calendar.waitlist"
    VIEW_REGISTER = "register.view"
    TAKE_PAYMENTS = "register.take_payments"
    CLOSE_DAY = "register.close_day"
    REOPEN_DAY = "register.reopen_day"
    MANAGE_RATES = "register.rates"
    EDIT_AFTERCARE = "register.aftercare"
    VIEW_STOCK = "stock.view"
    MANAGE_STOCK = "stock.manage"
    RECORD_USE = "stock.record_use"
    ARCHIVE_STOCK = "stock.archive"
    RECALL_SEARCH = "stock.recall"
    VIEW_FINANCE = "finance.view"
    MANAGE_PLUGINS = "plugins.manage"


PERMISSIONS: dict[Permission, Rule] = {
    Permission.VIEW_DASHBOARD: Rule(N_("Dashboard"), N_("See the dashboard"), ALL),
    Permission.CHANGE_OWN_PASSWORD: Rule(N_("Account"), N_("Change their own password"), ALL),
    Permission.VIEW_STAFF: Rule(N_("Staff"), N_("See the staff list"), ADMIN_ONLY),
    Permission.MANAGE_STAFF: Rule(
        N_("Staff"), N_("Add staff, change roles and colours, deactivate/reactivate"), ADMIN_ONLY
    ),
    Permission.RESET_STAFF_PASSWORD: Rule(
        N_("Staff"), N_("Set a new password for someone else and lift a lockout"), ADMIN_ONLY
    ),
    Permission.VIEW_AUDIT: Rule(N_("Audit"), N_("View and filter the audit log"), ADMIN_ONLY),
    Permission.EDIT_SETTINGS: Rule(
        N_("Settings"), N_("Change studio settings (name, time zone, currency, auto-lock)"), ADMIN_ONLY
    ),
    Permission.VIEW_CLIENTS: Rule(
        N_("Clients"), N_("See clients, their contact details and intake QR codes"), ALL
    ),
    Permission.EDIT_CLIENTS: Rule(
        N_("Clients"), N_("Add clients and change their details and photo"), ALL
    ),
    Permission.RENEW_CLIENT_QR: Rule(
        N_("Clients"), N_("Issue a new intake QR code for a client (the old one stops working)"), ALL
    ),
    Permission.VIEW_MEDICAL: Rule(
        N_("Clients"),
        N_("See a client's medical information (every view is audited; artists: only clients "
           "they have an appointment with, past or in the next 30 days)"),
        CARE_ROLES,
    ),
    Permission.EDIT_MEDICAL: Rule(
        N_("Clients"), N_("Change a client's medical information (audited)"), CARE_ROLES
    ),
    Permission.EXPORT_CLIENT: Rule(
        N_("Clients"), N_("Export everything held about a client (JSON and PDF) for a data request"),
        ADMIN_ONLY,
    ),
    Permission.ERASE_CLIENT: Rule(
        N_("Clients"), N_("Erase a client's personal data for good"), ADMIN_ONLY
    ),
    Permission.MANAGE_INTAKE: Rule(
        N_("Intake"),
        N_("Run the phone intake server, show and rotate the walk-in QR, review, accept or "
           "reject submissions and record ID checks (health answers: only roles that may see them)"),
        DESK_ROLES,
    ),
    Permission.EDIT_RELEASE_TEXT: Rule(
        N_("Intake"), N_("Edit the release text clients sign (each edit is a new version)"), ADMIN_ONLY
    ),
    Permission.VIEW_CONSENTS: Rule(
        N_("Consents"),
        N_("List, open, print and search signed consent PDFs (they hold health answers)"),
        CARE_ROLES,
    ),
    Permission.MANAGE_BACKUPS: Rule(
        N_("Backups"), N_("Back up, verify, export, import and restore backups; set the schedule"), ADMIN_ONLY
    ),
    Permission.VIEW_BACKUP_STATUS: Rule(
        N_("Backups"), N_("See the last backup's age and whether it failed"), ALL
    ),
    Permission.VIEW_CALENDAR: Rule(
        N_("Calendar"), N_("See the calendar (artists: colleagues' appointments as busy time only)"), ALL
    ),
    Permission.BOOK_APPOINTMENTS: Rule(
        N_("Calendar"),
        N_("Book, move, resize and change the status of appointments, and open projects (artists: their own)"),
        ALL,
    ),
    Permission.BOOK_IN_PAST: Rule(
        N_("Calendar"), N_("Enter an appointment in the past (flagged as a back-office entry)"), ADMIN_ONLY
    ),
    Permission.RECORD_DEPOSITS: Rule(N_("Calendar"), N_("Record a deposit paid for a booking"), DESK_ROLES),
    Permission.MANAGE_HOURS: Rule(
        N_("Calendar"), N_("Set working hours, artists' days off and the studio's closed days"), DESK_ROLES
    ),
    Permission.MANAGE_WAITLIST: Rule(
        N_("Calendar"), N_("Put clients on the waitlist, book them from it and take them off"), DESK_ROLES
    ),
    Permission.VIEW_REGISTER: Rule(
        N_("Register"), N_("See the register's entries and totals (artists: their own takings and commission)"), ALL
    ),
    Permission.TAKE_PAYMENTS: Rule(
        N_("Register"),
        N_("Take payments and check out, sell and look up vouchers, enter tips, expenses and refunds"),
        DESK_ROLES,
    ),
    Permission.CLOSE_DAY: Rule(
        N_("Register"), N_("Close the day: count the drawer and write the close-of-day report"), DESK_ROLES
    ),
    Permission.REOPEN_DAY: Rule(N_("Register"), N_("Reopen a closed day, giving a reason (audited)"), ADMIN_ONLY),
    Permission.MANAGE_RATES: Rule(N_("Register"), N_("Set the artists' commission rates"), ADMIN_ONLY),
    Permission.EDIT_AFTERCARE: Rule(N_("Register"), N_("Edit the aftercare sheet clients take home"), ADMIN_ONLY),
    Permission.VIEW_STOCK: Rule(N_("Inventory"), N_("See the stock list, its lots, movements and alerts"), ALL),
    Permission.MANAGE_STOCK: Rule(
        N_("Inventory"), N_("Add and edit items, receive deliveries, record waste and returns, adjust and take stock"),
        DESK_ROLES,
    ),
    Permission.RECORD_USE: Rule(
        N_("Inventory"), N_("Record the inks, needles and cartridges a session used (artists: their own sessions)"),
        ALL,
    ),
    Permission.ARCHIVE_STOCK: Rule(N_("Inventory"), N_("Archive an item, or bring it back"), ADMIN_ONLY),
    Permission.RECALL_SEARCH: Rule(
        N_("Inventory"),
        N_("Search which clients a lot or an item touched, with their contact details, and export it (audited)"),
        DESK_ROLES,
    ),
    Permission.VIEW_FINANCE: Rule(
        N_("Finance"),
        N_("See the studio's revenue, the artists' figures and the ledger, and export the monthly report"),
        ADMIN_ONLY,
    ),
    Permission.MANAGE_PLUGINS: Rule(
        N_("Plugins"), N_("See the plugins found and switch them on or off (audited)"), ADMIN_ONLY
    ),
}


def can(role: Role | str, permission: Permission) -> bool:
    return Role(role) in PERMISSIONS[permission].roles


def require(role: Role | str, permission: Permission) -> None:
    if not can(role, permission):
        rule = PERMISSIONS[permission]
        allowed = ", ".join(r.label.lower() for r in Role if r in rule.roles)
        action = _(rule.description)
        # Translators: {action} is a permission's description with a small first letter, e.g.
        # "see the staff list"; {role} and {allowed} are role names ("admin, front desk").
        raise PermissionDenied(_("Your role ({role}) may not {action}; ask someone who is {allowed}.").format(
            role=Role(role).label.lower(), action=action[:1].lower() + action[1:], allowed=allowed))


def who_may(permission: Permission) -> str:
    """The roles allowed ``permission`` as a sentence names them: "admins and artists"."""
    from babel.lists import format_list

    from studio.services.common.formats import current_locale

    people = [_(ROLE_PEOPLE[r]) for r in Role if r in PERMISSIONS[permission].roles]
    return format_list(people, locale=current_locale())  # "a, b and c", "a, b y c"


def matrix_markdown() -> str:
    """The permission table as Markdown, for the README (in English, whatever the language)."""
    roles = list(Role)
    lines = [
        "| Area | Action | " + " | ".join(ROLE_LABELS[r] for r in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for rule in PERMISSIONS.values():
        marks = " | ".join("✓" if r in rule.roles else "—" for r in roles)
        lines.append(f"| {rule.area} | {rule.description} | {marks} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(matrix_markdown())
