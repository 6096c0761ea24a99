"""What the register area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, DashboardCard, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="register",
    pages=(SidebarPage("register", N_("Register"), "banknote", Permission.VIEW_REGISTER,
                       "studio.ui.register:RegisterPage", order=40),),
    # The week's and month's cards show only to those the services give a comparison to
    # (sees_year_on_year: admins, and artists for their own); the front desk's stay hidden.
    dashboard_cards=(DashboardCard("takings", Permission.VIEW_REGISTER, "studio.ui.register.card:TakingsCard",
                                   order=10),
                     DashboardCard("takings-week", Permission.VIEW_REGISTER, "studio.ui.register.card:WeekCard",
                                   order=11),
                     DashboardCard("takings-month", Permission.VIEW_REGISTER, "studio.ui.register.card:MonthCard",
                                   order=12)),
)
