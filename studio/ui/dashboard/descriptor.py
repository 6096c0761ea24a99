"""What the dashboard area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, DashboardCard, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="dashboard",
    pages=(SidebarPage("dashboard", N_("Dashboard"), "layout-dashboard", Permission.VIEW_DASHBOARD,
                       "studio.ui.dashboard:DashboardPage", order=10),),
    dashboard_cards=(DashboardCard("today", Permission.VIEW_CALENDAR,
                                   "studio.ui.dashboard.schedule_card:TodayCard", order=20),),
)
