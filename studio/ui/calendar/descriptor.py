"""What the calendar area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="calendar",
    pages=(SidebarPage("calendar", N_("Calendar"), "calendar-days", Permission.VIEW_CALENDAR,
                       "studio.ui.calendar:CalendarPage", order=22, search_kind="appointments"),),
)
