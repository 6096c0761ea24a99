"""Audit: the Audit log page (admins) and its lazy table model."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("AuditPage",),
    "descriptor": ("DESCRIPTOR",),
})
