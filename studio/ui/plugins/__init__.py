"""Plugins: the host that loads them (host.py: after sign-in, each switched-on plugin's
additions become an area descriptor of its own) and the admins' Plugins page (page.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "descriptor": ("DESCRIPTOR",),
    "host": ("PluginHost", "PluginStatus"),
    "page": ("PluginsPage",),
})
