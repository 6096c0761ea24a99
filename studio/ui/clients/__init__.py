"""Clients: the Clients page, its lazy table model, the client view with its tabs, the QR
panel and the data-rights dialogs."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("ClientsPage",),
    "descriptor": ("DESCRIPTOR",),
})
