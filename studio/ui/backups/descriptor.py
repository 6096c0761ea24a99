"""What the backups area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, BackgroundRunner, DashboardCard, SidebarPage, StatusWidget

DESCRIPTOR = AreaDescriptor(
    name="backups",
    pages=(SidebarPage("backups", N_("Backups"), "hard-drive-download", Permission.MANAGE_BACKUPS,
                       "studio.ui.backups:BackupsPage", section="admin", order=20),),
    dashboard_cards=(DashboardCard("backup", Permission.VIEW_BACKUP_STATUS,
                                   "studio.ui.backups:BackupCard", order=23),),
    status_widgets=(StatusWidget("backup", Permission.VIEW_BACKUP_STATUS, "studio.ui.backups:BackupStatusLabel",
                                 order=20),),
    runners=(BackgroundRunner("backups", "studio.ui.backups:BackupRunner"),),
)
