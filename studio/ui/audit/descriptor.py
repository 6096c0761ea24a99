"""What the audit area adds to the window."""

from studio.services.common import Permission
from studio.ui.shell.extensions import AreaDescriptor, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="audit",
    pages=(SidebarPage("audit", "Audit log", "scroll-text", Permission.VIEW_AUDIT, "studio.ui.audit:AuditPage",
                       section="admin", order=30),),
)
