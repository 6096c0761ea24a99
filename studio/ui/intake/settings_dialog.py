"""Admins set up the phone intake: the address and port phones reach, starting the server
with Linework, the minimum age, and the daily walk-in code."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from studio.services.common import N_, _
from studio.services.intake import IntakeSettings
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit
from studio.ui.shell.page import PageHost

HOST_HINT = N_("Leave empty to use this PC's address on the studio network. 0.0.0.0 listens on "
               "every network this PC is on, including ones phones outside the studio may reach.")
RESTART_NOTE = N_("The new address applies after you stop and start the intake server.")


class IntakeSettingsDialog(FormDialog):
    # The saved settings, and whether the running server still listens on the old address.
    saved = Signal(object, bool)

    def __init__(self, host: PageHost, server_running: bool, parent: QWidget | None = None) -> None:
        super().__init__(_("Intake settings"), _("How phones on the studio Wi-Fi reach the intake form."), parent)
        self.host = host
        self.server_running = server_running
        self.before: IntakeSettings | None = None
        self.address = line_edit(_("This PC's address"), max_length=45)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.min_age = QSpinBox()
        self.min_age.setRange(0, 99)
        # Translators: after the minimum age's number, e.g. "18 years".
        self.min_age.setSuffix(_(" years"))
        self.autostart = QCheckBox(_("Start the intake server with Linework"))
        self.walkin_daily = QCheckBox(_("Rotate the walk-in code every day"))
        self.walkin_daily.setToolTip(_("Yesterday's walk-in QR stops working; print or show today's code."))
        self.add_field("host", Field(_("Address to listen on"), self.address, hint=_(HOST_HINT)), 0, 0, 2)
        self.add_field("port", Field(_("Port"), self.port, required=True, hint=_("1024–65535; 8765 by default.")),
                       1, 0)
        self.add_field("min_age", Field(_("Minimum age"), self.min_age, required=True,
                                        hint=_("Younger clients need a guardian and a photo-ID check.")), 1, 1)
        self.form.addWidget(self.autostart, 2, 0, 1, 2)
        self.form.addWidget(self.walkin_daily, 3, 0, 1, 2)
        self.busy(True)
        host.call(_load, self._loaded, self.failed)

    def _loaded(self, result: tuple[IntakeSettings, str]) -> None:
        settings, detected = result
        self.before = settings
        self.address.setPlaceholderText(_("{address} (this PC's network address)").format(address=detected))
        self.address.setText(settings.host)
        self.port.setValue(settings.port)
        self.min_age.setValue(settings.min_age)
        self.autostart.setChecked(settings.autostart)
        self.walkin_daily.setChecked(settings.walkin_daily)
        self.busy(False)

    def save(self) -> None:
        self.errors.clear()
        values = dict(host=self.address.text(), port=self.port.value(), autostart=self.autostart.isChecked(),
                      min_age=self.min_age.value(), walkin_daily=self.walkin_daily.isChecked())
        self.busy(True)
        self.host.call(lambda s, a: s.intake.update_settings(a, **values), self._done, self.failed, write=True)

    def _done(self, settings: IntakeSettings) -> None:
        before = self.before
        moved = before is not None and (before.host, before.port) != (settings.host, settings.port)
        self.saved.emit(settings, self.server_running and moved)
        self.accept()


def _load(services, _actor) -> tuple[IntakeSettings, str]:
    from studio.services.settings import lan_address

    return services.intake.settings(), lan_address()
