"""The studio settings dialog (admins): name, language, country (region), time zone,
currency, auto-lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from studio.services.common import LANGUAGES, StudioSettings, _, countries, ngettext
from studio.services.settings import IDLE_LOCK_CHOICES
from studio.ui.accounts import currency_combo, timezone_combo
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit
from studio.ui.shell.page import PageHost


def minutes_text(minutes: int) -> str:
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


class SettingsDialog(FormDialog):
    saved = Signal(object)
    region_saved = Signal(str)  # only when it changed

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(_("Studio settings"), _("These apply to everyone who uses Linework in this studio."), parent)
        self.host = host
        self.name = line_edit(max_length=80)
        self.timezone = timezone_combo("UTC")
        self.currency = currency_combo("USD")
        self.language = QComboBox()
        self.language.setObjectName("Language")
        for code, name in LANGUAGES.items():  # each named in itself
            self.language.addItem(name, code)
        self.region = QComboBox()
        self.region.setObjectName("Region")
        for code, name in countries():
            self.region.addItem(name, code)
        self.saved_region = ""
        self.idle = QComboBox()
        for minutes in IDLE_LOCK_CHOICES:
            self.idle.addItem(minutes_text(minutes), minutes)
        self.add_field("studio_name", Field(_("Studio name"), self.name, required=True), 0, 0, 2)
        self.add_field("language", Field(_("Language"), self.language, required=True,
                                         hint=_("Each person may choose their own in the account menu.")), 1, 0)
        self.add_field("region", Field(_("Country"), self.region, required=True,
                                       hint=_("How dates, numbers and money are written, and phones without +code.")), 1, 1)
        self.add_field("timezone", Field(_("Time zone"), self.timezone, required=True), 2, 0)
        self.add_field("currency", Field(_("Currency"), self.currency, required=True), 2, 1)
        self.add_field("idle_lock_minutes", Field(_("Lock after idle"), self.idle,
                                                  hint=_("Shared front-desk PCs lock after this long.")), 3, 0)
        self.busy(True)
        host.call(lambda s, _a: s.settings.studio_and_region(), self._loaded, self.failed)

    def _loaded(self, found: tuple[StudioSettings, str]) -> None:
        settings, self.saved_region = found
        self.region.setCurrentIndex(max(0, self.region.findData(self.saved_region)))
        self.name.setText(settings.name)
        self.timezone.setCurrentText(settings.timezone)
        self.currency.setCurrentText(settings.currency)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        index = self.idle.findData(settings.idle_lock_minutes)
        if index < 0:  # a value set elsewhere (e.g. by hand) stays choosable
            self.idle.addItem(minutes_text(settings.idle_lock_minutes), settings.idle_lock_minutes)
            index = self.idle.count() - 1
        self.idle.setCurrentIndex(index)
        self.busy(False)

    def save(self) -> None:
        self.errors.clear()
        values = dict(name=self.name.text(), timezone=self.timezone.currentText().strip(),
                      currency=self.currency.currentText(), idle_lock_minutes=self.idle.currentData(),
                      language=self.language.currentData(), region=self.region.currentData())
        self.busy(True)
        self.host.call(lambda s, a: s.settings.update(a, **values), self._done, self.failed, write=True)

    def _done(self, settings: StudioSettings) -> None:
        region = self.region.currentData()
        self.saved.emit(settings)
        self.accept()
        if region != self.saved_region:
            self.region_saved.emit(region)


def open_studio_settings(host: PageHost, window: QWidget) -> None:
    """The account menu's "Studio settings…" (admins); a save updates the whole window."""
    dialog = SettingsDialog(host, window)
    dialog.saved.connect(host.shell.settings_saved)
    dialog.region_saved.connect(host.shell.region_saved)
    dialog.open()
