"""The studio settings dialog (admins): name, time zone, currency, auto-lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from studio.services.common import StudioSettings
from studio.services.settings import IDLE_LOCK_CHOICES
from studio.ui.accounts import currency_combo, timezone_combo
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit
from studio.ui.shell.page import PageHost


class SettingsDialog(FormDialog):
    saved = Signal(object)

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__("Studio settings", "These apply to everyone who uses Linework in this studio.", parent)
        self.host = host
        self.name = line_edit(max_length=80)
        self.timezone = timezone_combo("UTC")
        self.currency = currency_combo("USD")
        self.idle = QComboBox()
        for minutes in IDLE_LOCK_CHOICES:
            self.idle.addItem(f"{minutes} minute{'s' * (minutes != 1)}", minutes)
        self.add_field("studio_name", Field("Studio name", self.name, required=True), 0, 0, 2)
        self.add_field("timezone", Field("Time zone", self.timezone, required=True), 1, 0)
        self.add_field("currency", Field("Currency", self.currency, required=True), 1, 1)
        self.add_field("idle_lock_minutes", Field("Lock after idle", self.idle,
                                                  hint="Shared front-desk PCs lock after this long."), 2, 0)
        self.busy(True)
        host.call(lambda s, _a: s.settings.studio(), self._loaded, self.failed)

    def _loaded(self, settings: StudioSettings) -> None:
        self.name.setText(settings.name)
        self.timezone.setCurrentText(settings.timezone)
        self.currency.setCurrentText(settings.currency)
        index = self.idle.findData(settings.idle_lock_minutes)
        if index < 0:  # a value set elsewhere (e.g. by hand) stays choosable
            self.idle.addItem(f"{settings.idle_lock_minutes} minutes", settings.idle_lock_minutes)
            index = self.idle.count() - 1
        self.idle.setCurrentIndex(index)
        self.busy(False)

    def save(self) -> None:
        self.errors.clear()
        values = dict(name=self.name.text(), timezone=self.timezone.currentText().strip(),
                      currency=self.currency.currentText(), idle_lock_minutes=self.idle.currentData())
        self.busy(True)
        self.host.call(lambda s, a: s.settings.update(a, **values), self._done, self.failed, write=True)

    def _done(self, settings: StudioSettings) -> None:
        self.saved.emit(settings)
        self.accept()


def open_studio_settings(host: PageHost, window: QWidget) -> None:
    """The account menu's "Studio settings…" (admins); a save updates the whole window."""
    dialog = SettingsDialog(host, window)
    dialog.saved.connect(host.shell.settings_saved)
    dialog.open()
