"""The status bar's "Backup ✓ 3 h ago": fetched off the GUI thread, every minute and after
each backup; amber over a day, red over three days or after a failure."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from studio.services.common import _
from studio.ui.backups.model import status_line

REFRESH_MS = 60_000


class BackupStatusLabel(QLabel):
    def __init__(self, host, parent=None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("BackupStatus")
        self.timer = QTimer(self)  # owned by the label, so it dies with the window
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        host.ctx.runner("backups").changed.connect(self.refresh)
        self.status = None

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        if not self.host.ctx.services_ready:
            return
        self.host.call(lambda s, a: (s.backup.status(a), s.clock()), self._show, lambda _e: None)

    def _show(self, result) -> None:
        status, now = result
        self.status = status
        text, level = status_line(status, now)
        self.setText(" · " + text)
        self.setToolTip(status.warning or _("The newest backup passed its checks."))
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
