"""The client's own intake QR: the code, its URL, Save as PNG, Print, and New QR."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from studio.services.common import Permission, _, can
from studio.services.intake import QrCode
from studio.ui.kit import icons, prompts, theme
from studio.ui.kit.format import local_datetime
from studio.ui.kit.widgets import UrlText, button, label
from studio.ui.shell.page import PageHost

QR_SIZE = 184


class QrPanel(QWidget):
    def __init__(self, host: PageHost, client_id: int) -> None:
        super().__init__()
        self.host = host
        self.client_id = client_id
        self.code: QrCode | None = None
        self.png: bytes = b""
        self.url = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label(_("Intake QR"), "title"))
        layout.addWidget(label(_("They scan it to review their details on their phone. Each code works "
                               "once, for 24 hours, until a new one is issued."), "small", wrap=True))
        self.image = QLabel()
        self.image.setObjectName("ClientQr")
        self.image.setFixedSize(QR_SIZE, QR_SIZE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_("Client's intake QR code"))
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        self.url_label = UrlText()
        self.url_label.setAccessibleName(_("Intake link"))
        layout.addWidget(self.url_label)
        self.expiry = label("", "small", wrap=True)
        layout.addWidget(self.expiry)
        self.issue_button = button(_("Show QR"), icon_name="qr-code", variant="primary",
                                   tooltip=_("Issue a code for this client to scan"), on_click=lambda: self.issue())
        layout.addWidget(self.issue_button)
        row = QHBoxLayout()  # two buttons side by side fit the panel's width; three did not
        row.setSpacing(6)
        self.save_button = button(_("Save"), icon_name="download", tooltip=_("Save the QR as a PNG"), on_click=self.save_png)
        self.print_button = button(_("Print"), icon_name="printer", tooltip=_("Print the QR"), on_click=self.print_qr)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.renew_button = button(_("New QR"), icon_name="refresh-cw", variant="ghost",
                                   tooltip=_("Issue a new code; the old one stops working at once"),
                                   on_click=self.renew)
        layout.addWidget(self.renew_button)
        layout.addStretch(1)
        self.may_issue = can(host.actor.role, Permission.RENEW_CLIENT_QR)
        for widget in (self.issue_button, self.save_button, self.print_button, self.renew_button):
            widget.setVisible(self.may_issue)
        self._show(None)
        if self.may_issue:
            self.load()

    def load(self) -> None:
        """Show the client's current code if it still works. Opening the record issues
        nothing: a code printed, saved or sent earlier keeps working."""
        client_id = self.client_id
        self.host.call(lambda s, a: s.intake.client_qr(a, client_id), self._show,
                       lambda e: self.expiry.setText(e.message))

    def _live(self) -> QrCode | None:
        code = self.code
        if code is None or (code.expires_at is not None and code.expires_at <= datetime.now(UTC)):
            return None
        return code

    def _show(self, code: QrCode | None) -> None:
        self.code = code
        self.url, self.png = (code.url, code.png) if code else ("", b"")
        has_code = code is not None
        if has_code:
            pixmap = QPixmap()
            pixmap.loadFromData(self.png, "PNG")
            self.image.setPixmap(pixmap.scaled(QR_SIZE - 8, QR_SIZE - 8, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.FastTransformation))
            self.image.setStyleSheet("background: #FFFFFF; border-radius: 8px;")  # a QR needs a white quiet zone
            if code.expires_at is not None:
                # Translators: {when} is a date and time.
                self.expiry.setText(_("Valid until {when}").format(
                    when=local_datetime(code.expires_at, self.host.settings.timezone)))
        else:
            self.image.setPixmap(icons.pixmap("qr-code", theme.current().text_muted, 48))
            self.image.setStyleSheet("")
            self.expiry.setText(_("No code is valid right now. Show QR issues one to scan, print or send.")
                                if self.may_issue else "")
        self.url_label.setText(self.url)
        self.url_label.setVisible(has_code)
        self.issue_button.setVisible(self.may_issue and not has_code)
        self.renew_button.setVisible(self.may_issue and has_code)

    def issue(self, then: Callable[[QrCode], None] | None = None) -> None:
        """Issue a new code (the previous one, if any, stops working), show it, then ``then``."""
        client_id = self.client_id

        def issued(code: QrCode) -> None:
            self._show(code)
            if then is not None:
                then(code)

        self.host.call(lambda s, a: s.intake.issue_client_qr(a, client_id), issued,
                       lambda e: prompts.tell(self, _("QR code"), e.message), write=True)

    def _with_code(self, then: Callable[[QrCode], None]) -> None:
        code = self._live()
        if code is not None:
            then(code)
        else:
            self.issue(then)

    def renew(self) -> None:
        if self._live() is None:
            self.issue(lambda _c: self.host.toast(_("New QR code issued.")))
            return
        prompts.ask(self, _("New QR code"), _("Issue a new QR code? The current one stops working at once."),
                    lambda: self.issue(lambda _c: self.host.toast(_("New QR code issued; the old one no longer works."))),
                    yes=_("Issue new code"))

    def save_png(self) -> None:
        self._with_code(lambda _code: prompts.choose_save_path(self, _("Save QR code"), "client-qr.png",
                                                               _("PNG image (*.png)"), self.write_png))

    def write_png(self, path: str) -> None:
        try:
            with open(path, "wb") as out:
                out.write(self.png)
        except OSError as error:
            # Translators: {reason} is the system's (English) reason.
            prompts.tell(self, _("Save QR code"), _("The QR code could not be saved there ({reason}). "
                                                    "Choose another folder.").format(reason=error.strerror or error))
            return
        self.host.toast(_("QR code saved to {path}.").format(path=path))

    def print_qr(self) -> None:
        from studio.ui.kit.printing import print_qr

        self._with_code(lambda code: print_qr(
            self, code.png, _("Scan with your phone's camera to check your details before your session.")))
