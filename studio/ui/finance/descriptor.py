"""What the finance area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="finance",
    pages=(SidebarPage("finance", N_("Finance"), "chart-pie", Permission.VIEW_FINANCE,
                       "studio.ui.finance:FinancePage", order=60),),
)
