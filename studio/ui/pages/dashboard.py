"""Dashboard: what the studio holds so far, and what to do next."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel

from studio.services.overview import Overview
from studio.services.permissions import Permission, Role, can
from studio.ui import icons, theme
from studio.ui.format import greeting, local_datetime
from studio.ui.pages.base import Page
from studio.ui.widgets import card, label


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, host) -> None:
        super().__init__(host)
        self.warning = QFrame()
        self.warning.setObjectName("WarningCard")
        row = QHBoxLayout(self.warning)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(12)
        self.warning_icon = QLabel()
        row.addWidget(self.warning_icon)
        self.warning_text = label("", wrap=True)
        self.warning_text.setObjectName("BackupWarning")
        row.addWidget(self.warning_text, 1)
        self.warning.setVisible(False)
        self.body.addWidget(self.warning)
        host.ctx.backups.changed.connect(self.refresh)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.overview: Overview | None = None

    def refresh(self) -> None:
        self.host.call(lambda s, a: (s.overview.overview(a), s.settings.studio()), self._show)
        if can(self.host.actor.role, Permission.VIEW_BACKUP_STATUS):
            self.host.call(lambda s, a: s.backup.status(a), self._backup_status, lambda _e: None)

    def _backup_status(self, status) -> None:
        """A warning card while the backups need attention (a failed or missing backup)."""
        self.warning.setVisible(bool(status.warning))
        if status.warning:
            self.warning_icon.setPixmap(icons.pixmap("triangle-alert", theme.current().warning, 22))
            admin = can(self.host.actor.role, Permission.MANAGE_BACKUPS)
            advice = "" if "Backups page" in status.warning else " Open Backups to back up now." if admin \
                else " Tell an admin."
            self.warning_text.setText(status.warning + advice)

    def _stat_card(self, title: str, value: str, note: str):
        frame, layout = card(margins=20, spacing=4)
        layout.addWidget(label(title, "fieldLabel"))
        layout.addWidget(label(value, "display"))
        layout.addWidget(label(note, "muted", wrap=True))
        layout.addStretch(1)
        return frame

    def _show(self, result) -> None:
        overview, settings = result
        self.overview = overview
        self.loaded = True
        actor = self.host.actor
        self.title_label.setText(greeting(actor.name, settings.timezone))
        self.subtitle_label.setText(f"{overview.studio_name} · here is what the studio has so far.")
        self.subtitle_label.setVisible(True)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        roles = overview.staff_by_role
        team = sum(roles.values())
        self.grid.addWidget(self._stat_card(
            "TEAM", str(team),
            f"{roles[Role.ARTIST]} artist{'s' * (roles[Role.ARTIST] != 1)}, "
            f"{roles[Role.FRONT_DESK]} at the front desk, {roles[Role.ADMIN]} admin{'s' * (roles[Role.ADMIN] != 1)}"
            + (f" · {overview.inactive_staff} inactive" if overview.inactive_staff else "")), 0, 0)
        last = (f"Your previous sign-in was {local_datetime(overview.your_last_login, settings.timezone)}."
                if overview.your_last_login else "This is your first sign-in. Welcome!")
        self.grid.addWidget(self._stat_card("YOU", actor.role_label, last), 0, 1)
        if can(actor.role, Permission.VIEW_AUDIT):
            failed = overview.failed_logins_today
            note = ("No failed sign-ins in the last 24 hours." if not failed else
                    "Failed sign-ins in the last 24 hours. The audit log shows which emails.")
            self.grid.addWidget(self._stat_card("SECURITY", str(failed), note), 0, 2)

        steps_frame, steps = card(margins=20, spacing=8)
        steps.addWidget(label("Getting started", "title"))
        todo = []
        if can(actor.role, Permission.MANAGE_STAFF) and team < 2:
            todo.append("Add your artists and front desk in Staff, each with their own colour.")
        if can(actor.role, Permission.EDIT_SETTINGS):
            todo.append("Check the studio's time zone, currency and auto-lock in Studio settings (your name, top right).")
        todo.append("Lock the screen with Ctrl+L whenever you step away from the desk.")
        for text in todo:
            row = QHBoxLayout()
            row.addWidget(label("•", "muted"))
            row.addWidget(label(text, wrap=True), 1)
            steps.addLayout(row)
        self.grid.addWidget(steps_frame, 1, 0, 1, 3)
