"""What the register area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="register",
    pages=(SidebarPage("register", N_("Register"), "banknote", Permission.VIEW_REGISTER,
                       "studio.ui.register:RegisterPage", order=40),),
)
