"""What every service area shares, below all of them: the base Service, the domain errors,
roles and permissions, and the records every area passes around. Its kits (folding, phones,
localtime, validation, wording, image_files, pdf_kit, qr, the audit log and the settings
store) are imported as modules: ``from studio.services.common import folding``.

The few kit functions the UI uses (``count_of``, ``same_name``, ``display_phone``,
``local_timezone_name``) are on this face too, since the UI may import no module below it.

Nothing here imports another service area. ``Service`` and the kit functions are loaded on
first use: ``Service`` brings the data layer (SQLAlchemy) with it, and the sign-in window
imports this package for ``Actor`` and the roles before that layer has loaded."""

from importlib import import_module


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
from studio.services.common.permissions import ROLE_LABELS, ROLE_PEOPLE, Permission, Role, can, require, who_may
from studio.services.common.records import Actor, AuditRecord, StaffRecord, StudioSettings

__all__ = [
    "AccountLocked", "Actor", "AuditRecord", "AuthenticationFailed", "Conflict", "DatabaseDamaged",
    "DomainError", "DuplicateClient", "FormErrors", "IncompatibleData", "NotFound", "Permission",
    "PermissionDenied", "ROLE_LABELS", "ROLE_PEOPLE", "Role", "Service", "StaffRecord", "StorageError",
    "StudioSettings", "ValidationError", "can", "count_of", "display_phone", "local_timezone_name",
    "require", "same_name", "who_may",
]

_LAZY = {  # PEP 562: loaded when first asked for
    "Service": "studio.services.common.base",
    "count_of": "studio.services.common.wording",
    "display_phone": "studio.services.common.phones",
    "local_timezone_name": "studio.services.common.localtime",
    "same_name": "studio.services.common.folding",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        # A kit module (``from studio.services.common import folding``) or a real miss.
        try:
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
