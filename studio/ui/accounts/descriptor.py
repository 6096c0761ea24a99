"""What the accounts area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, MenuAction, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="accounts",
    pages=(SidebarPage("staff", N_("Staff"), "user-cog", Permission.VIEW_STAFF, "studio.ui.accounts:StaffPage",
                       section="admin", order=10, search_kind="staff"),),
    menu_actions=(MenuAction("change-password", N_("Change password…"), Permission.CHANGE_OWN_PASSWORD,
                             "studio.ui.accounts:open_change_password", order=10),),
    unlock_form="studio.ui.accounts:unlock_form",
)
