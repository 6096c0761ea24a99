"""What the clients area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="clients",
    pages=(SidebarPage("clients", N_("Clients"), "users", Permission.VIEW_CLIENTS, "studio.ui.clients:ClientsPage",
                       order=20, search_kind="clients"),),
)
