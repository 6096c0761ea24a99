"""Questions, messages and choosers that never block.

Qt's static helpers (``QMessageBox.question``, ``QFileDialog.getOpenFileName``…) run an
event loop of their own inside the click that opened them: the code after them waits for
an answer, and a dialog that never gets one holds the whole program (a test, a frozen
window). Every dialog here is opened with ``open()`` instead and answers through a
callback, so the caller returns at once, the main loop keeps running, and the dialog is a
widget like any other: a person (or a test) finds it on screen and answers it.

Each helper returns the dialog it opened; it deletes itself once closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from studio.services.common import _

# The theme's stylesheet (messagebox-*-icon) draws each of these with the app's own icons.
_LEVEL_ICONS = {"question": QMessageBox.Icon.Question, "warning": QMessageBox.Icon.Warning,
                "danger": QMessageBox.Icon.Critical, "info": QMessageBox.Icon.Information}


def _box(parent: QWidget | None, title: str, text: str, level: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons come from people
    box.setText(text)
    box.setIcon(_LEVEL_ICONS[level])
    return box


def ask(parent: QWidget | None, title: str, text: str, on_yes: Callable[[], None], *,
        yes: str | None = None, no: str | None = None, danger: bool = False, default_yes: bool = False,
        on_no: Callable[[], None] | None = None) -> QMessageBox:
    """A yes/no question. ``on_yes`` runs only when the person says yes; closing the box or
    pressing Esc is no. The safe answer is the default unless ``default_yes``. The buttons
    read "Yes" and "Cancel" (in the language in use) unless ``yes`` / ``no`` say otherwise."""
    box = _box(parent, title, text, "danger" if danger else "question")
    yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    yes_button.setObjectName("YesButton")
    no_button.setObjectName("NoButton")
    if danger:
        from studio.ui.kit.widgets import set_variant

        set_variant(yes_button, "danger")
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)

    def answered() -> None:
        if box.clickedButton() is yes_button:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(answered)
    box.open()
    return box


def tell(parent: QWidget | None, title: str, text: str, *, level: str = "warning",
         on_closed: Callable[[], None] | None = None) -> QMessageBox:
    """A message with one OK button (Enter and Esc both close it)."""
    box = _box(parent, title, text, level)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if on_closed is not None:
        box.finished.connect(lambda _code: on_closed())
    box.open()
    return box


def offer(parent: QWidget | None, title: str, text: str, actions: dict[str, Callable[[], None]], *,
          close: str | None = None, level: str = "info") -> QMessageBox:
    """A message with ways out: one button per ``actions`` label (its callback runs once
    the box has closed) and ``close``, which does nothing and is the Esc answer."""
    box = _box(parent, title, text, level)
    buttons = {box.addButton(name, QMessageBox.ButtonRole.ActionRole): run for name, run in actions.items()}
    close_button = box.addButton(close or _("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close_button)
    box.setEscapeButton(close_button)

    def answered() -> None:
        run = buttons.get(box.clickedButton())
        if run is not None:
            run()

    box.finished.connect(answered)
    box.open()
    return box


def _chooser(parent: QWidget | None, title: str, start: str, mode: QFileDialog.FileMode,
             on_chosen: Callable[[str], None], name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, start, name_filter)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setFileMode(mode)
    dialog.fileSelected.connect(lambda path: path and on_chosen(path))
    return dialog


def choose_folder(parent: QWidget | None, title: str, on_chosen: Callable[[str], None],
                  start: str = "") -> QFileDialog:
    """Ask for an existing folder; ``on_chosen(path)`` runs only when one was chosen."""
    dialog = _chooser(parent, title, start, QFileDialog.FileMode.Directory, on_chosen)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.open()
    return dialog


def choose_file(parent: QWidget | None, title: str, name_filter: str, on_chosen: Callable[[str], None],
                start: str = "") -> QFileDialog:
    """Ask for an existing file matching ``name_filter`` ("Images (*.png *.jpg)")."""
    dialog = _chooser(parent, title, start, QFileDialog.FileMode.ExistingFile, on_chosen, name_filter)
    dialog.open()
    return dialog


def choose_save_path(parent: QWidget | None, title: str, suggested: str, name_filter: str,
                     on_chosen: Callable[[str], None]) -> QFileDialog:
    """Ask where to save, offering ``suggested``; an existing file is asked about first."""
    dialog = _chooser(parent, title, "", QFileDialog.FileMode.AnyFile, on_chosen, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    suffix = Path(suggested).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    dialog.open()
    return dialog


def ask_text(parent: QWidget | None, title: str, prompt: str, on_text: Callable[[str], None], *,
             max_length: int = 500) -> QInputDialog:
    """Ask for one line of text (it may be empty); ``on_text`` runs on OK only."""
    dialog = QInputDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.textValueSelected.connect(on_text)
    dialog.open()
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setMaxLength(max_length)
    return dialog


def ask_unsaved(parent: QWidget | None, on_save: Callable[[], None], on_discard: Callable[[], None]) -> QMessageBox:
    """Closing a form with changes: Save (the default, so Enter keeps the edit), Discard, or
    Keep editing (Esc: nothing is lost and the form stays open)."""
    box = _box(parent, _("Unsaved changes"), _("You have changes that are not saved."), "question")
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    discard.setObjectName("DiscardButton")
    box.setDefaultButton(save)
    box.setEscapeButton(keep)

    def answered() -> None:
        clicked = box.clickedButton()
        # After the box has closed, not inside its own signal: discarding may close the
        # form the box belongs to.
        if clicked is save:
            QTimer.singleShot(0, on_save)
        elif clicked is discard:
            QTimer.singleShot(0, on_discard)

    box.finished.connect(answered)
    box.open()
    return box
