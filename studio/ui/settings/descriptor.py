"""What the settings area adds to the window."""

from studio.services.common import Permission
from studio.ui.shell.extensions import AreaDescriptor, MenuAction

DESCRIPTOR = AreaDescriptor(
    name="settings",
    menu_actions=(MenuAction("studio-settings", "Studio settings…", Permission.EDIT_SETTINGS,
                             "studio.ui.settings:open_studio_settings", order=20),),
)
