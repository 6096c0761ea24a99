"""What the dashboard area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="dashboard",
    pages=(SidebarPage("dashboard", N_("Dashboard"), "layout-dashboard", Permission.VIEW_DASHBOARD,
                       "studio.ui.dashboard:DashboardPage", order=10),),
)
