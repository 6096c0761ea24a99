"""The sidebar's button for one page: its icon in the theme's colours and a count badge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from studio.services.common import _
from studio.ui.kit import icons, theme
from studio.ui.shell.extensions import SidebarPage


class NavButton(QPushButton):
    def __init__(self, spec: SidebarPage) -> None:
        super().__init__(_(spec.title))  # N_-marked in the area's descriptor
        self.spec = spec
        self.setObjectName("NavButton")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.text())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addStretch(1)
        self.badge = QLabel()
        self.badge.setObjectName("Badge")
        self.badge.setVisible(False)
        layout.addWidget(self.badge)
        self.retheme()

    def retheme(self) -> None:
        t = theme.current()
        self.setIcon(icons.icon(self.spec.icon, t.text_muted, checked_color=t.accent))

    def set_badge(self, count: int) -> None:
        self.badge.setText(str(count))
        self.badge.setVisible(count > 0)
