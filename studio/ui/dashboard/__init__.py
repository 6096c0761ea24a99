"""Dashboard: the first page after sign-in."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("DashboardPage",),
    "descriptor": ("DESCRIPTOR",),
})
