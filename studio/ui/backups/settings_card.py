"""The backup settings card: schedule, rotation, archive mode, and the second folder.
Saved through ``update_settings``; its sentences show under the field they name."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
)

from studio.services.backup import ARCHIVE_MODE_LABELS, BackupSettings
from studio.services.common import _
from studio.ui.kit import prompts
from studio.ui.kit.form_checks import FieldChecks
from studio.ui.kit.widgets import Field, button, label, line_edit


def _spin(high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, high)
    return spin


class SettingsCard(QFrame):
    saved = Signal(object)  # BackupSettings

    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.setObjectName("Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(8)
        outer.addWidget(label(_("Schedule and storage"), "title"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for column in range(3):  # even columns, whether the card is narrow or page-wide
            grid.setColumnStretch(column, 1)
        outer.addLayout(grid)

        self.enabled = QCheckBox(_("Back up every day"))
        self.time = line_edit("02:00", max_length=5)
        self.time.setMaximumWidth(90)
        self.keep_daily, self.keep_weekly, self.keep_monthly = _spin(366), _spin(260), _spin(240)
        self.archive_mode = QComboBox()
        for key, text in ARCHIVE_MODE_LABELS.items():
            self.archive_mode.addItem(_(text), key)
        self.second_folder = line_edit(_("None: a USB drive or network folder"), max_length=1024)
        self.encrypted = QCheckBox(_("Encrypt copies there (AES-256)"))
        self.passphrase = line_edit(_("Leave empty to keep the current one"), password=True, max_length=1024)

        self.fields = {
            "time": Field(_("Daily at"), self.time),
            "keep_daily": Field(_("Keep daily"), self.keep_daily),
            "keep_weekly": Field(_("Weekly"), self.keep_weekly),
            "keep_monthly": Field(_("Monthly"), self.keep_monthly),
            "archive_mode": Field(_("Archive"), self.archive_mode),
            "second_folder": Field(_("Second folder"), self._folder_row()),
            "passphrase": Field(_("Passphrase for the second folder"), self.passphrase),
        }
        self.fields["second_folder"].editor = self.second_folder  # errors mark the text field
        grid.addWidget(self.fields["time"], 0, 0)
        grid.addWidget(self.enabled, 0, 1, 1, 2)
        grid.addWidget(self.fields["keep_daily"], 1, 0)
        grid.addWidget(self.fields["keep_weekly"], 1, 1)
        grid.addWidget(self.fields["keep_monthly"], 1, 2)
        grid.addWidget(self.fields["archive_mode"], 2, 0, 1, 3)
        grid.addWidget(self.fields["second_folder"], 3, 0, 1, 3)
        grid.addWidget(self.encrypted, 4, 0, 1, 3)
        grid.addWidget(self.fields["passphrase"], 5, 0, 1, 3)
        self.fields["passphrase"].setVisible(False)  # only asked for encrypted copies
        self.encrypted.toggled.connect(self.fields["passphrase"].setVisible)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        outer.addWidget(self.general)
        self.errors = FieldChecks(self, self.fields, general=self.general)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = button(_("Save settings"), on_click=self.save)
        self.save_button.setObjectName("SaveBackupSettings")
        row.addWidget(self.save_button)
        outer.addLayout(row)
        self.setEnabled(False)  # until the settings have loaded

    def _folder_row(self):
        from PySide6.QtWidgets import QWidget

        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.second_folder, 1)
        self.browse_button = button(_("Browse…"), on_click=self._browse, tooltip=_("Choose the second folder"))
        layout.addWidget(self.browse_button)
        return row

    def _browse(self) -> None:
        prompts.choose_folder(self, _("Second backup folder"), self.second_folder.setText, self.second_folder.text())

    def load(self) -> None:
        self.host.call(lambda s, a: s.backup.settings(a), self.show_settings, self._failed)

    def show_settings(self, settings: BackupSettings) -> None:
        self.enabled.setChecked(settings.enabled)
        self.time.setText(settings.time)
        self.keep_daily.setValue(settings.keep_daily)
        self.keep_weekly.setValue(settings.keep_weekly)
        self.keep_monthly.setValue(settings.keep_monthly)
        self.archive_mode.setCurrentIndex(max(0, self.archive_mode.findData(settings.archive_mode)))
        self.second_folder.setText(settings.second_folder)
        self.encrypted.setChecked(settings.second_folder_encrypted)
        self.passphrase.clear()
        self.setEnabled(True)
        self.save_button.setEnabled(True)

    def values(self) -> dict:
        return dict(enabled=self.enabled.isChecked(), time=self.time.text().strip(),
                    keep_daily=self.keep_daily.value(), keep_weekly=self.keep_weekly.value(),
                    keep_monthly=self.keep_monthly.value(), archive_mode=self.archive_mode.currentData(),
                    second_folder=self.second_folder.text(), second_folder_encrypted=self.encrypted.isChecked())

    def save(self) -> None:
        self.errors.clear()
        values = self.values()
        passphrase = self.passphrase.text() or None if self.encrypted.isChecked() else None
        self.save_button.setEnabled(False)
        self.host.call(lambda s, a: s.backup.update_settings(a, second_folder_passphrase=passphrase, **values),
                       self._saved, self._failed, write=True)

    def _saved(self, settings: BackupSettings) -> None:
        self.show_settings(settings)
        self.host.toast(_("Backup settings saved."))
        self.saved.emit(settings)

    def _failed(self, error) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(error)
