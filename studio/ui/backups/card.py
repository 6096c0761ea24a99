"""The dashboard's backup card: shown only while the backups need attention (a failed or
missing backup), with what to do about it for the person reading."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from studio.services.common import Permission, _, can
from studio.ui.kit import icons, theme
from studio.ui.kit.widgets import label
from studio.ui.shell.page import PageHost


class BackupWarningCard(QFrame):
    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.host = host
        self.setObjectName("WarningCard")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(12)
        self.icon = QLabel()
        row.addWidget(self.icon)
        self.text = label("", wrap=True)
        self.text.setObjectName("BackupWarning")
        row.addWidget(self.text, 1)
        self.setVisible(False)
        host.ctx.runner("backups").changed.connect(self.refresh)

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.backup.status(a), self._show, lambda _e: None)

    def _show(self, status) -> None:
        self.setVisible(bool(status.warning))
        if status.warning:
            self.icon.setPixmap(icons.pixmap("triangle-alert", theme.current().warning, 22))
            # What to do depends on who reads it: the services' sentence names no page.
            admin = can(self.host.actor.role, Permission.MANAGE_BACKUPS)
            advice = _("Open Backups to back up now.") if admin else _("Tell an admin.")
            self.text.setText(f"{status.warning} {advice}")
