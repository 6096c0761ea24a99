"""What the plugins area adds to the window: the admins' Plugins page."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="plugins",
    pages=(SidebarPage("plugins", N_("Plugins"), "puzzle", Permission.MANAGE_PLUGINS,
                       "studio.ui.plugins.page:PluginsPage", section="admin", order=40),),
)
