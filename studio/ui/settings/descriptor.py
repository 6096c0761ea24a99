"""What the settings area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, MenuAction

DESCRIPTOR = AreaDescriptor(
    name="settings",
    menu_actions=(MenuAction("studio-settings", N_("Studio settings…"), Permission.EDIT_SETTINGS,
                             "studio.ui.settings:open_studio_settings", order=20),
                  MenuAction("scheduling-settings", N_("Scheduling settings…"), Permission.MANAGE_HOURS,
                             "studio.ui.settings:open_scheduling_settings", order=22),
                  MenuAction("register-settings", N_("Register settings…"), Permission.MANAGE_RATES,
                             "studio.ui.settings:open_register_settings", order=24)),
)
