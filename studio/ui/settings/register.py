"""Settings → Register (admins): the studio's default commission rate and each artist's,
from a day on, with the rates set before; the aftercare sheet's text, with its blanks,
a preview PDF and a question before unsaved edits are lost; and the sales tax the prices
include, for the monthly report."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studio.clock import utc_now
from studio.services.common import N_, ValidationError, _, number, parse_money, short_date
from studio.services.finance import TaxSetting
from studio.services.register import AFTERCARE_FIELDS, RateRecord
from studio.services.scheduling import ArtistRecord
from studio.ui.kit import icons, prompts
from studio.ui.kit.format import date_edit_format
from studio.ui.kit.widgets import Field, Role, button, button_box, configure_table, label, line_edit
from studio.ui.shell.page import PageHost

STUDIO = None  # the studio's default among the artists
RATE_COLUMNS = (N_("Who"), N_("Rate"), N_("From"), N_("Set by"))


@dataclass(frozen=True)
class RegisterSetup:
    rates: tuple[RateRecord, ...]
    artists: tuple[ArtistRecord, ...]
    aftercare: str
    today: date
    tax: TaxSetting


def load_setup(services, actor, timezone: str) -> RegisterSetup:
    return RegisterSetup(services.commission.rates(actor), services.scheduling.artists(actor),
                         services.aftercare.text(actor), utc_now().astimezone(ZoneInfo(timezone)).date(),
                         services.finance.tax(actor))


def rate_text(rate_bp: int) -> str:
    # Translators: a commission rate, e.g. "42,5 %".
    return _("{rate} %").format(rate=number(rate_bp / 100))


def rate_bp(text: str) -> int:
    """A percentage typed the studio's way ("45", "42,5") in basis points; the service's
    sentence when it is not a number."""
    try:
        return parse_money(text.replace("%", ""))  # hundredths of a percent, as cents are of a unit
    except ValidationError:
        raise ValidationError(_("Type the rate as a percentage, e.g. 50."), field="rate") from None


class RatesTab(QWidget):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RatesTab")
        self.host = host
        self.names: dict[int | None, str] = {STUDIO: _("Studio default")}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(_("An artist's share of their sales. A new rate starts on the day you choose; "
                                 "the days before keep the rate they had."), "muted", wrap=True))
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        self.whose = QComboBox()
        self.whose.setObjectName("RateOf")
        self.whose.addItem(_("Studio default"), STUDIO)
        self.rate = line_edit(_("e.g. 45 or 42,5"), max_length=8)
        self.rate.setObjectName("Rate")
        self.valid_from = QDateEdit()
        self.valid_from.setObjectName("RateFrom")
        self.valid_from.setCalendarPopup(True)
        date_edit_format(self.valid_from)
        self.fields = {"artist_id": Field(_("Rate of"), self.whose), "rate": Field(_("Rate (%)"), self.rate,
                                                                                 required=True),
                       "valid_from": Field(_("From"), self.valid_from, required=True)}
        for column, key in enumerate(self.fields):
            form.addWidget(self.fields[key], 0, column)
        self.set_button = button(_("Set rate"), variant="primary", on_click=self.set_rate)
        self.set_button.setObjectName("SetRate")
        self.set_button.setAutoDefault(False)
        form.addWidget(self.set_button, 0, 3)
        form.setColumnStretch(0, 2)
        layout.addLayout(form)
        self.rate.returnPressed.connect(self.set_rate)
        layout.addWidget(label(_("Rates set"), "fieldLabel"))
        self.table = QTableWidget(0, len(RATE_COLUMNS))
        self.table.setObjectName("RateHistory")
        self.table.setHorizontalHeaderLabels([_(c) for c in RATE_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        configure_table(self.table, {1: 90, 2: 130, 3: 160}, stretch=0)
        layout.addWidget(self.table, 1)
        self.rates: tuple[RateRecord, ...] = ()

    def show_data(self, setup: RegisterSetup) -> None:
        for artist in setup.artists:
            self.whose.addItem(icons.dot(artist.color), artist.name, artist.id)
            self.names[artist.id] = artist.name
        self.valid_from.setDate(QDate(setup.today))
        self.show_rates(setup.rates)

    def show_rates(self, rates: tuple[RateRecord, ...]) -> None:
        self.rates = rates
        self.table.setRowCount(len(rates))
        for row, rate in enumerate(rates):
            values = (self.names.get(rate.artist_id, "—"), rate_text(rate.rate_bp), short_date(rate.valid_from),
                      rate.set_by_name)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))  # plain text: names come from people

    def set_rate(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        try:
            bp = rate_bp(self.rate.text())
        except ValidationError as error:
            self.fields["rate"].set_error(error.message)
            return
        whose, day = self.whose.currentData(), self.valid_from.date().toPython()
        self.set_button.setEnabled(False)
        self.host.call(lambda s, a: (s.commission.set_rate(a, whose, bp, day), s.commission.rates(a)),
                       self._set, self._refused, write=True)

    def _set(self, result) -> None:
        if not isValid(self):
            return
        record, rates = result
        self.set_button.setEnabled(True)
        self.rate.clear()
        self.show_rates(rates)
        # Translators: e.g. "Mia: 45 % from 1 Apr 2026."
        self.host.toast(_("{who}: {rate} from {day}.").format(who=self.names.get(record.artist_id, ""),
                                                              rate=rate_text(record.rate_bp),
                                                              day=short_date(record.valid_from)))

    def _refused(self, error) -> None:
        if not isValid(self):
            return
        self.set_button.setEnabled(True)
        self.fields.get(getattr(error, "field", None) or "rate", self.fields["rate"]).set_error(error.message)


class AftercareTab(QWidget):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AftercareTab")
        self.host = host
        self.saved_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        blanks = " ".join("{" + name + "}" for name in AFTERCARE_FIELDS)
        # Translators: {blanks} lists the placeholders, e.g. "{first_name} {date} {artist} {placement}".
        layout.addWidget(label(_("The sheet each client takes home after a checkout. These blanks are filled in: "
                                 "{blanks} (the client's first name, the date, the artist, the placement).").format(
            blanks=blanks), "muted", wrap=True))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("AftercareText")
        self.field = Field(_("Aftercare text"), self.editor, required=True)
        self.field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)  # the text takes the room
        layout.addWidget(self.field, 1)
        self.editor.textChanged.connect(lambda: self.field.set_error(None))
        row = QHBoxLayout()
        self.preview_button = button(_("Preview PDF"), icon_name="eye", on_click=self.preview)
        self.preview_button.setObjectName("PreviewAftercare")
        self.save_button = button(_("Save text"), variant="primary", on_click=lambda: self.save())
        self.save_button.setObjectName("SaveAftercare")
        for widget in (self.preview_button, self.save_button):
            widget.setAutoDefault(False)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def show_data(self, setup: RegisterSetup) -> None:
        self.saved_text = setup.aftercare
        self.editor.setPlainText(setup.aftercare)

    @property
    def dirty(self) -> bool:
        return self.editor.toPlainText().strip() != self.saved_text.strip()

    def save(self, then=None) -> None:
        text = self.editor.toPlainText()

        def saved(stored: str) -> None:
            if not isValid(self):
                return
            self.saved_text = stored
            self.host.toast(_("Aftercare text saved."))
            if then is not None:
                then()

        self.host.call(lambda s, a: s.aftercare.set_text(a, text), saved, self._refused, write=True)

    def preview(self) -> None:
        text = self.editor.toPlainText()

        def write(s, a) -> Path:
            path = Path(tempfile.mkdtemp(prefix="linework-preview-")) / "aftercare-preview.pdf"
            path.write_bytes(s.aftercare.preview_pdf(a, text))
            return path

        def made(path: Path) -> None:
            if isValid(self) and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                prompts.choose_save_path(self, _("Save the preview"), path.name, _("PDF files (*.pdf)"),
                                         lambda where: Path(where).write_bytes(path.read_bytes()))

        self.host.call(write, made, self._refused)

    def _refused(self, error) -> None:
        if isValid(self):
            self.field.set_error(error.message)


class TaxTab(QWidget):
    """The sales tax the studio's prices include, for the monthly report's tax lines."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TaxTab")
        self.host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(_("The sales tax your prices include. The monthly report for your accountant shows "
                                 "how much of the takings it is; 0 leaves it out."), "muted", wrap=True))
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        self.name = line_edit(_("e.g. VAT, IVA, GST"), max_length=20)
        self.name.setObjectName("TaxName")
        self.rate = line_edit(_("e.g. 21"), max_length=8)
        self.rate.setObjectName("TaxRate")
        self.fields = {"name": Field(_("Name"), self.name), "rate": Field(_("Rate (%)"), self.rate, required=True)}
        form.addWidget(self.fields["name"], 0, 0)
        form.addWidget(self.fields["rate"], 0, 1)
        self.save_button = button(_("Save tax"), variant="primary", on_click=self.save)
        self.save_button.setObjectName("SaveTax")
        self.save_button.setAutoDefault(False)
        form.addWidget(self.save_button, 0, 2, Qt.AlignmentFlag.AlignBottom)
        form.setColumnStretch(0, 2)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)
        for edit in (self.name, self.rate):
            edit.returnPressed.connect(self.save)
        layout.addStretch(1)

    def show_data(self, setup: RegisterSetup) -> None:
        self.name.setText(setup.tax.name)
        self.rate.setText(number(setup.tax.rate_bp / 100))

    def save(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        try:
            bp = rate_bp(self.rate.text())
        except ValidationError:
            self.fields["rate"].set_error(_("Type the tax rate as a percentage between 0 and 50, e.g. 21."))
            return
        name = self.name.text()
        self.save_button.setEnabled(False)
        self.host.call(lambda s, a: s.finance.set_tax(a, bp, name), self._saved, self._refused, write=True)

    def _saved(self, tax: TaxSetting) -> None:
        if not isValid(self):
            return
        self.save_button.setEnabled(True)
        # Translators: e.g. "IVA: 23 %." or, with a rate of 0, "No sales tax in the reports."
        self.host.toast(_("{tax}: {rate}.").format(tax=tax.shown_name, rate=rate_text(tax.rate_bp)) if tax.rate_bp
                        else _("No sales tax in the reports."))

    def _refused(self, error) -> None:
        if not isValid(self):
            return
        self.save_button.setEnabled(True)
        self.fields.get(getattr(error, "field", None) or "rate", self.fields["rate"]).set_error(error.message)


class RegisterSettingsDialog(QDialog):
    """Opens at once and fills in when its data arrives; each tab saves on its own button;
    Close asks first when the aftercare text has unsaved edits."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RegisterSettingsDialog")
        self.setWindowTitle(_("Register settings"))
        self.resize(820, 600)
        self.host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(_("Register settings"), "title"))
        self.tabs = QTabWidget()
        self.rates_tab = RatesTab(host)
        self.aftercare_tab = AftercareTab(host)
        self.tax_tab = TaxTab(host)
        self.tabs.addTab(self.rates_tab, _("Commission"))
        self.tabs.addTab(self.aftercare_tab, _("Aftercare"))
        # Translators: the register settings' tab for the sales tax (VAT).
        self.tabs.addTab(self.tax_tab, _("Sales tax"))
        layout.addWidget(self.tabs, 1)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        layout.addWidget(self.general)
        close = button(_("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        layout.addWidget(button_box((close, Role.RejectRole)))
        self.loaded = False
        timezone = host.settings.timezone
        host.call(lambda s, a: load_setup(s, a, timezone), self._loaded, self._load_failed)

    def _loaded(self, setup: RegisterSetup) -> None:
        if not isValid(self):
            return
        self.rates_tab.show_data(setup)
        self.aftercare_tab.show_data(setup)
        self.tax_tab.show_data(setup)
        self.loaded = True

    def _load_failed(self, error) -> None:
        if isValid(self):
            self.general.setText(error.message)
            self.general.setVisible(True)

    def reject(self) -> None:
        if self.loaded and self.aftercare_tab.dirty:
            self.tabs.setCurrentWidget(self.aftercare_tab)
            prompts.ask_unsaved(self, lambda: self.aftercare_tab.save(then=lambda: QDialog.reject(self)),
                                lambda: QDialog.reject(self))
            return
        super().reject()


def open_register_settings(host: PageHost, window: QWidget) -> None:
    """The account menu's "Register settings…" (admins)."""
    dialog = RegisterSettingsDialog(host, window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
