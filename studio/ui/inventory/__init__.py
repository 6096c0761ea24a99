"""The inventory area's screens: recording what a session used (use_dialog.py) and the
recall search (recall_dialog.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "use_dialog": ("UseDialog", "open_use"),
    "recall_dialog": ("RecallDialog", "open_recall"),
})
