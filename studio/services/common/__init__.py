"""What every service area shares, below all of them: the base Service, the domain errors,
roles and permissions, and the records every area passes around. Its kits (folding, phones,
localtime, validation, wording, image_files, pdf_kit, qr, the audit log and the settings
store) are imported as modules: ``from studio.services.common import folding``.

Nothing here imports another service area. ``Service`` is loaded on first use: it brings
the data layer (SQLAlchemy) with it, and the sign-in window imports this package for
``Actor`` and the roles before that layer has loaded."""

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
    "StudioSettings", "ValidationError", "can", "require", "who_may",
]


def __getattr__(name: str):  # PEP 562: the base Service only when asked for
    if name == "Service":
        from studio.services.common.base import Service

        globals()["Service"] = Service
        return Service
    raise AttributeError(f"module 'studio.services.common' has no attribute {name!r}")
