"""The client's own intake QR: the code, its URL, Save as PNG, Print, and New QR."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from studio.services.permissions import Permission, can
from studio.ui import prompts
from studio.ui.format import local_datetime
from studio.ui.pages.base import PageHost
from studio.ui.widgets import UrlText, button, label

QR_SIZE = 184


class QrPanel(QWidget):
    def __init__(self, host: PageHost, client_id: int) -> None:
        super().__init__()
        self.host = host
        self.client_id = client_id
        self.png: bytes = b""
        self.url = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label("Intake QR", "title"))
        layout.addWidget(label("They scan it to review their details on their phone. Each code works "
                               "once, for 24 hours.", "small", wrap=True))
        self.image = QLabel()
        self.image.setObjectName("ClientQr")
        self.image.setFixedSize(QR_SIZE, QR_SIZE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: #FFFFFF; border-radius: 8px;")  # a QR needs a white quiet zone
        self.image.setAccessibleName("Client's intake QR code")
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        self.url_label = UrlText()
        self.url_label.setAccessibleName("Intake link")
        layout.addWidget(self.url_label)
        self.expiry = label("", "small")
        layout.addWidget(self.expiry)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.save_button = button("Save", icon_name="download", tooltip="Save the QR as a PNG", on_click=self.save_png)
        self.print_button = button("Print", icon_name="printer", tooltip="Print the QR", on_click=self.print_qr)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.renew_button = button("New QR", icon_name="refresh-cw", variant="ghost",
                                   tooltip="Issue a new code; the old one stops working at once",
                                   on_click=self.renew)
        self.renew_button.setVisible(can(host.actor.role, Permission.RENEW_CLIENT_QR))
        layout.addWidget(self.renew_button)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Showing the code issues a fresh one (the previous one stops working), so a code
        handed out earlier can never be used after the client's record was reopened."""
        client_id = self.client_id
        self.host.call(lambda s, a: s.intake.issue_client_qr(a, client_id), self._show,
                       lambda e: self.url_label.setText(e.message), write=True)

    def _show(self, code) -> None:
        self.url, self.png = code.url, code.png
        if code.expires_at is not None:
            self.expiry.setText(f"Valid until {local_datetime(code.expires_at, self.host.settings.timezone)}")
        pixmap = QPixmap()
        pixmap.loadFromData(self.png, "PNG")
        self.image.setPixmap(pixmap.scaled(QR_SIZE - 8, QR_SIZE - 8, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.FastTransformation))
        self.url_label.setText(self.url)

    def renew(self) -> None:
        prompts.ask(self, "New QR code", "Issue a new QR code? The current one stops working at once.",
                    self._renew, yes="Issue new code")

    def _renew(self) -> None:
        client_id = self.client_id

        def issued(code) -> None:
            self._show(code)
            self.host.toast("New QR code issued; the old one no longer works.")

        self.host.call(lambda s, a: s.intake.issue_client_qr(a, client_id), issued,
                       lambda e: prompts.tell(self, "New QR code", e.message), write=True)

    def save_png(self) -> None:
        prompts.choose_save_path(self, "Save QR code", "client-qr.png", "PNG image (*.png)", self.write_png)

    def write_png(self, path: str) -> None:
        with open(path, "wb") as out:
            out.write(self.png)
        self.host.toast(f"QR code saved to {path}.")

    def print_qr(self) -> None:
        from studio.ui.printing import print_qr

        print_qr(self, self.png, "Scan with your phone's camera to check your details before your session.")
