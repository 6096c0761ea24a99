"""What the audit area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="audit",
    pages=(SidebarPage("audit", N_("Audit log"), "scroll-text", Permission.VIEW_AUDIT, "studio.ui.audit:AuditPage",
                       section="admin", order=30),),
)
