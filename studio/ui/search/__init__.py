"""The top bar's global search (Ctrl+K): the field and its results."""

from studio.ui.kit.exports import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {"field": ("FOCUS_KEYS", "GlobalSearch")})
