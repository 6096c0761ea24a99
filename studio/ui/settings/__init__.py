"""Settings: the studio settings dialog the top bar's menu opens for admins, and the
scheduling settings (booking policy for admins; working hours and days off for the desk too),
and the register settings (commission rates and the aftercare text, admins)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "dialog": ("SettingsDialog", "open_studio_settings"),
    "scheduling": ("SchedulingSettingsDialog", "open_scheduling_settings"),
    "register": ("RegisterSettingsDialog", "open_register_settings"),
    "descriptor": ("DESCRIPTOR",),
})
