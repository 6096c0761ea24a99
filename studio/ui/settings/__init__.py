"""Settings: the studio settings dialog the top bar's menu opens for admins."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "dialog": ("SettingsDialog", "open_studio_settings"),
    "descriptor": ("DESCRIPTOR",),
})
