"""What the calendar area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, DashboardCard, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="calendar",
    pages=(SidebarPage("calendar", N_("Calendar"), "calendar-days", Permission.VIEW_CALENDAR,
                       "studio.ui.calendar:CalendarPage", order=22, search_kind="appointments"),),
    dashboard_cards=(DashboardCard("deposits", Permission.VIEW_CALENDAR, "studio.ui.calendar.cards:DepositsCard",
                                   order=13),
                     DashboardCard("no-shows", Permission.VIEW_CALENDAR, "studio.ui.calendar.cards:NoShowCard",
                                   order=22)),
)
