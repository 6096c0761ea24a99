"""FormDialog: a titled dialog of fields with a general error line and Save/Cancel, the base
of the app's forms; ServiceFormDialog: one that makes one service call and closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QVBoxLayout, QWidget

from studio.services.common import _
from studio.ui.kit.form_checks import FieldChecks, grow_to_fit
from studio.ui.kit.widgets import PASSWORDS_DIFFER, Field, label, line_edit


class FormDialog(QDialog):
    """A titled dialog with fields, a general error line and Save/Cancel (Enter/Esc)."""

    def __init__(self, title: str, intro: str, parent: QWidget | None, *, save_text: str | None = None) -> None:
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
        self.save_button.setText(save_text or _("Save"))
        self.save_button.setProperty("variant", "primary")
        self.buttons.accepted.connect(lambda: self.save())  # defined by each dialog
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        # Made the default once it is in the dialog: made before, the dialog never learns it is
        # its main default, and the button stops being one the first time it loses the focus.
        self.save_button.setDefault(True)
        self.fields: dict[str, Field] = {}
        # Each field checked on leaving it and all on save; a dialog sets .check / .local.
        self.errors = FieldChecks(self, self.fields, general=self.general)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        grow_to_fit(self)  # wrapped hints and intros take their lines at the dialog's width

    def add_field(self, key: str, field: Field, row: int, column: int = 0, span: int = 1) -> None:
        self.errors.watch(key, field)
        self.form.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)

    def add_password_pair(self, row: int, *, side_by_side: bool = False, label_text: str | None = None,
                          hint: str = "") -> None:
        """A password and its confirmation, as ``self.password`` / ``self.confirm``."""
        self.password = line_edit(_("At least 12 characters"), password=True, max_length=1024)
        self.confirm = line_edit(_("Type it again"), password=True, max_length=1024)
        self.add_field("password", Field(label_text or _("New password"), self.password, required=True, hint=hint), row)
        self.add_field("confirm", Field(_("Confirm password"), self.confirm, required=True),
                       row if side_by_side else row + 1, 1 if side_by_side else 0)
        self.errors.local = self.password_pair_errors

    def password_pair_errors(self) -> dict[str, str]:
        """The form's own rule: the confirmation must match (no service call needed)."""
        if not self.confirm.text() and "confirm" in self.errors.touched:
            return {"confirm": _("Type the password again.")}
        if self.confirm.text() and self.confirm.text() != self.password.text():
            return {"confirm": _(PASSWORDS_DIFFER)}
        return {}

    def busy(self, on: bool) -> None:
        self.save_button.setEnabled(not on)

    def failed(self, error) -> None:
        self.busy(False)
        self.errors.show(error)


class ServiceFormDialog(FormDialog):
    """A small form that makes one service call: checked, sent (``_send``), the result
    emitted as ``saved`` and the dialog closed; a refusal's sentences go under their fields."""

    saved = Signal(object)

    def __init__(self, host, title: str, intro: str, parent: QWidget | None, *, save_text: str) -> None:
        super().__init__(title, intro, parent, save_text=save_text)
        self.host = host

    def save(self) -> None:
        self.errors.submit(self._send)

    def _send(self) -> None:
        raise NotImplementedError

    def _call(self, fn, *, on_error=None) -> None:
        """Send ``fn(services, actor)``; a refusal goes to ``on_error`` (default: ``failed``)."""
        self.busy(True)
        self.host.call(fn, self._done, on_error or self.failed, write=True)

    def _done(self, result) -> None:
        self.saved.emit(result)
        self.accept()
