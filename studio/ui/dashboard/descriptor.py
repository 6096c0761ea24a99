"""What the dashboard area adds to the window."""

from studio.services.common import Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="dashboard",
    pages=(SidebarPage("dashboard", "Dashboard", "layout-dashboard", Permission.VIEW_DASHBOARD,
                       "studio.ui.dashboard:DashboardPage", order=10),),
)
