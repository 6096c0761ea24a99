"""The Backups page's dialogs: the typed restore confirmation, the export passphrase, and
the passphrase an encrypted archive asks for."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QProgressBar, QVBoxLayout, QWidget

from studio.services.backup import MIN_PASSPHRASE, clean_passphrase
from studio.services.common import N_, ValidationError, _
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, Role, button, button_box, label, line_edit

# Translators: the word typed to confirm a restore; lower case, one word.
CONFIRM_WORD = N_("restore")


def _confirmed(typed: str) -> bool:
    """The confirming word typed, in the person's language or in English."""
    return typed.strip().lower() in {CONFIRM_WORD, _(CONFIRM_WORD).lower()}


class RestoreDialog(FormDialog):
    """Names what a restore does and needs the word typed before it can go ahead."""

    def __init__(self, when: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Restore this backup?"), "", parent, save_text=_("Restore"))
        self.save_button.setProperty("variant", "danger")
        self.save_button.style().unpolish(self.save_button)
        self.save_button.style().polish(self.save_button)
        # Translators: {when} is the backup's date and time.
        steps = _("• The studio's current data is replaced by the backup of {when}.\n"
                  "• A safety backup of the current data is taken first, so this can be undone.\n"
                  "• Everyone is signed out and signs in again.").format(when=when)
        self.steps = label(steps, wrap=True)
        self.steps.setObjectName("RestoreSteps")
        self.layout_.insertWidget(1, self.steps)
        self.word = line_edit(_("Type {word}").format(word=_(CONFIRM_WORD)))
        self.add_field("word", Field(_('Type "{word}" to confirm').format(word=_(CONFIRM_WORD)), self.word,
                                     required=True), 0)
        self.save_button.setEnabled(False)
        self.word.textChanged.connect(lambda t: self.save_button.setEnabled(_confirmed(t)))

    def save(self) -> None:
        if _confirmed(self.word.text()):
            self.accept()


class ExportDialog(FormDialog):
    """An optional passphrase, typed twice, for an AES-256 encrypted copy."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Export the backup"), _("The backup is written as one ZIP file to {folder}.").format(folder=folder),
                         parent,
                         save_text=_("Export"))
        self.password = line_edit(_("At least {n} characters").format(n=MIN_PASSPHRASE), password=True, max_length=1024)
        self.confirm = line_edit(_("Type it again"), password=True, max_length=1024)
        self.add_field("passphrase", Field(
            _("Passphrase (optional)"), self.password,
            hint=_("With a passphrase the file is AES-256 encrypted. Keep it safe: without it the "
                 "backup cannot be opened.")), 0)
        self.add_field("confirm", Field(_("Confirm passphrase"), self.confirm), 1)

    @property
    def passphrase(self) -> str | None:
        return self.password.text() or None

    def save(self) -> None:
        self.errors.clear()
        if self.password.text() != self.confirm.text():
            self.fields["confirm"].set_error(_("The two passphrases differ."))
            return
        if self.passphrase is not None:
            try:
                clean_passphrase(self.passphrase)  # the service's own rule, checked before any work
            except ValidationError as error:
                self.errors.show(error)
                return
        self.accept()


class PassphraseDialog(FormDialog):
    """The passphrase an encrypted archive was exported with."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Passphrase needed"), reason, parent, save_text=_("Continue"))
        self.password = line_edit(_("Passphrase"), password=True, max_length=1024)
        self.add_field("passphrase", Field(_("Passphrase"), self.password, required=True), 0)

    @property
    def passphrase(self) -> str:
        return self.password.text()

    def save(self) -> None:
        if self.password.text():
            self.accept()


class ProgressDialog(QDialog):
    """A window-modal progress bar with Cancel, for work that must own the window (a restore).
    Unlike QProgressDialog it never runs a nested event loop when its value changes."""

    cancelled = Signal()

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(title, "title"))
        self.text = label(text, "muted", wrap=True)
        layout.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        layout.addWidget(self.bar)
        self.cancel_button = button(_("Cancel"), on_click=self._cancel)
        layout.addWidget(button_box((self.cancel_button, Role.RejectRole)))

    def show_progress(self, done: float, text: str) -> None:
        self.bar.setValue(int(done * 1000))
        self.text.setText(text)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.text.setText(_("Cancelling…"))
        self.cancelled.emit()

    def reject(self) -> None:  # Esc cancels the work; the dialog closes when the work stops
        if self.cancel_button.isEnabled():
            self._cancel()
