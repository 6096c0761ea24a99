"""The signed-in person's own account: change password; and, for admins, studio settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QGridLayout, QVBoxLayout, QWidget

from studio.services.common import StudioSettings
from studio.services.settings import IDLE_LOCK_CHOICES
from studio.ui.dialogs.setup import currency_combo, timezone_combo
from studio.ui.pages.base import PageHost
from studio.ui.form_checks import FieldChecks, grow_to_fit
from studio.ui.widgets import PASSWORDS_DIFFER, Field, label, line_edit


class FormDialog(QDialog):
    """A titled dialog with fields, a general error line and Save/Cancel (Enter/Esc)."""

    def __init__(self, title: str, intro: str, parent: QWidget | None, *, save_text: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 20)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(label(title, "title"))
        if intro:
            self.layout_.addWidget(label(intro, "muted", wrap=True))
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        self.layout_.addLayout(self.form)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        self.layout_.addWidget(self.general)
        self.layout_.addStretch(1)  # room the dialog grows by goes under the form, not between its parts
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setProperty("variant", "primary")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(lambda: self.save())  # defined by each dialog
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.fields: dict[str, Field] = {}
        # Each field checked on leaving it and all on save; a dialog sets .check / .local.
        self.errors = FieldChecks(self, self.fields, general=self.general)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        grow_to_fit(self)  # wrapped hints and intros take their lines at the dialog's width

    def add_field(self, key: str, field: Field, row: int, column: int = 0, span: int = 1) -> None:
        self.errors.watch(key, field)
        self.form.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)

    def add_password_pair(self, row: int, *, side_by_side: bool = False, label_text: str = "New password",
                          hint: str = "") -> None:
        """A password and its confirmation, as ``self.password`` / ``self.confirm``."""
        self.password = line_edit("At least 12 characters", password=True, max_length=1024)
        self.confirm = line_edit("Type it again", password=True, max_length=1024)
        self.add_field("password", Field(label_text, self.password, required=True, hint=hint), row)
        self.add_field("confirm", Field("Confirm password", self.confirm, required=True),
                       row if side_by_side else row + 1, 1 if side_by_side else 0)
        self.errors.local = self.password_pair_errors

    def password_pair_errors(self) -> dict[str, str]:
        """The form's own rule: the confirmation must match (no service call needed)."""
        if not self.confirm.text() and "confirm" in self.errors.touched:
            return {"confirm": "Type the password again."}
        if self.confirm.text() and self.confirm.text() != self.password.text():
            return {"confirm": PASSWORDS_DIFFER}
        return {}

    def busy(self, on: bool) -> None:
        self.save_button.setEnabled(not on)

    def failed(self, error) -> None:
        self.busy(False)
        self.errors.show(error)


class ChangePasswordDialog(FormDialog):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__("Change your password", "Use at least 12 characters. A short sentence works well.",
                         parent)
        self.host = host
        self.current = line_edit(password=True, max_length=1024)
        self.add_field("current", Field("Current password", self.current, required=True), 0)
        self.add_password_pair(1)
        self.errors.check = self._check
        self.errors.local = lambda: {**self.password_pair_errors(), **(
            {"current": "Enter your current password."}
            if not self.current.text() and "current" in self.errors.touched else {})}

    def _check(self, ok, failed) -> None:
        new = self.password.text()
        self.host.call(lambda s, a: s.staff.check_password(a, a.staff_id, new), ok, failed)

    def save(self) -> None:
        self.errors.submit(self._save)

    def _save(self) -> None:
        current, new = self.current.text(), self.password.text()
        self.busy(True)
        self.host.call(lambda s, a: s.staff.change_own_password(a, current, new), self._done, self.failed,
                       write=True)

    def _done(self, _result) -> None:
        self.host.toast("Your password was changed.")
        self.accept()


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
