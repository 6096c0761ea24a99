"""What the intake area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, BackgroundRunner, ClientTab, DashboardCard, SidebarPage, StatusWidget

DESCRIPTOR = AreaDescriptor(
    name="intake",
    pages=(SidebarPage("intake", N_("Intake"), "smartphone", Permission.MANAGE_INTAKE, "studio.ui.intake:IntakePage",
                       order=30, search_kind="intake", badge="studio.ui.intake.status:pending_badge"),),
    # Everyone who sees a client sees this tab: those who may not open a consent are told
    # one is on file.
    client_tabs=(ClientTab("consents", N_("Consents"), Permission.VIEW_CLIENTS, "studio.ui.intake:ConsentsTab"),),
    dashboard_cards=(DashboardCard("intake-pending", Permission.MANAGE_INTAKE, "studio.ui.intake.card:IntakeCard",
                                   order=14),),
    status_widgets=(StatusWidget("intake-server", None, "studio.ui.intake:IntakeStateLabel", order=10),),
    runners=(BackgroundRunner("intake", "studio.ui.intake:IntakeRunner"),),
)
