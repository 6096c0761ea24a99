"""What every service area shares, below all of them: the base Service, the domain errors,
roles and permissions, and the records every area passes around. Its kits (folding, phones,
localtime, validation, image_files, pdf_kit, qr, the audit log and the settings
store) are imported as modules: ``from studio.services.common import folding``.

The few kit functions the UI uses (``same_name``, ``display_phone``,
``local_timezone_name``), the translation functions (``_``, ``ngettext``… from i18n.py) and
the local formats (``money``, ``short_date``… from formats.py) are on this face too, since
the UI may import no module below it.

Nothing here imports another service area. ``Service`` and the kit functions are loaded on
first use: ``Service`` brings the data layer (SQLAlchemy) with it, and the sign-in window
imports this package for ``Actor`` and the roles before that layer has loaded."""

from studio.faces import lazy_exports
from studio.services.common.errors import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    DatabaseDamaged,
    DomainError,
    DuplicateClient,
    FormErrors,
    IncompatibleData,
    NotFound,
    PermissionDenied,
    StorageError,
    ValidationError,
)
from studio.services.common.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    language_name,
    ngettext,
    pgettext,
    set_language,
    using_language,
)
from studio.services.common.events import EVENTS, AppointmentStatusChanged, BackupDone, ClientCreated, DayClosed
from studio.services.common.permissions import ROLE_LABELS, ROLE_PEOPLE, Permission, Role, can, require, who_may
from studio.services.common.records import Actor, AuditRecord, StaffRecord, StudioSettings

# Loaded when first asked for.
__getattr__, _lazy = lazy_exports(__name__, {
    "base": ("Service",),
    "phones": ("display_phone",),
    "localtime": ("local_timezone_name",),
    "folding": ("same_name",),
    "formats": ("amount", "countries", "current_locale", "current_region", "date_range", "date_time", "day_label",
                "full_date", "month_year", "weekday", "locale_for", "long_date", "money", "number", "numeric_date",
                "moment", "parse_money", "percent", "set_region", "short_date", "short_time", "stamp", "time_range"),
})

__all__ = [
    # what the services tell listeners after a commit (events.py)
    "EVENTS", "AppointmentStatusChanged", "BackupDone", "ClientCreated", "DayClosed",
    "AccountLocked", "Actor", "AuditRecord", "AuthenticationFailed", "Conflict", "DatabaseDamaged",
    "DomainError", "DuplicateClient", "FormErrors", "IncompatibleData", "NotFound", "Permission",
    "PermissionDenied", "ROLE_LABELS", "ROLE_PEOPLE", "Role", "Service", "StaffRecord", "StorageError",
    "StudioSettings", "ValidationError", "can", "display_phone", "local_timezone_name",
    "require", "same_name", "who_may",
    # translations (i18n.py) and local formats (formats.py)
    "LANGUAGES", "N_", "_", "current_language", "language_name", "ngettext", "pgettext", "set_language",
    "using_language", "amount", "countries", "current_locale", "current_region", "date_range", "date_time", "day_label",
    "full_date", "month_year", "weekday", "locale_for", "long_date", "money", "number",
    "moment", "numeric_date", "parse_money", "percent", "set_region", "short_date", "short_time", "stamp",
    "time_range",
]
