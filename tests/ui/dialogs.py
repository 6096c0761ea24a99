"""Answering the app's dialogs the way a person does, always within a deadline.

Linework opens every question, message and chooser with ``open()`` (studio/ui/kit/prompts.py),
so no nested event loop holds the test: the click returns, the dialog is on screen, and
these helpers find it among the visible top-level widgets, then type into it or press its
buttons through the real event loop. Each wait has a deadline; past it every open dialog is
closed and the test fails with a sentence naming the dialog that never came or never took
its answer, instead of sitting there until CI's limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QWidget

T = TypeVar("T", bound=QWidget)

DEADLINE_MS = 5_000


def focus(qtbot, widget: QWidget, timeout: int = DEADLINE_MS) -> None:
    """Makes ``widget``'s window the active one and gives ``widget`` the keyboard focus, as a
    click into it would: shortcuts and key presses then go where a person's would."""
    window = widget.window()
    window.activateWindow()
    try:
        qtbot.waitUntil(window.isActiveWindow, timeout=timeout)
    except qtbot.TimeoutError:
        fail(f"The {describe(window)} never became the active window")
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    try:
        qtbot.waitUntil(widget.hasFocus, timeout=timeout)
    except qtbot.TimeoutError:
        fail(f"The {type(widget).__name__} never took the keyboard focus")


def describe(widget: QWidget) -> str:
    title = widget.windowTitle() or widget.objectName() or "untitled"
    return f"{type(widget).__name__} “{title}”"


def open_dialogs() -> list[QDialog]:
    """Every dialog on screen, innermost (most recently shown) last."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def close_every_dialog() -> list[str]:
    """Rejects every dialog on screen (innermost first); returns what was open."""
    shown = open_dialogs()
    names = [describe(w) for w in shown]
    for widget in reversed(shown):
        widget.done(QDialog.DialogCode.Rejected)
        if widget.isVisible():  # a dialog that refuses to close is hidden all the same
            widget.hide()
    return names


def fail(sentence: str) -> None:
    left = close_every_dialog()
    pytest.fail(f"{sentence} (open then: {', '.join(left) or 'nothing'}; all closed)", pytrace=False)


def find_dialog(qtbot, kind: type[T], *, title: str | None = None, timeout: int = DEADLINE_MS) -> T:
    """The visible top-level ``kind`` (with ``title``, if given), waited for up to ``timeout`` ms."""
    found: list[T] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, kind) and w.isVisible() and (title is None or w.windowTitle() == title)]
        return bool(found)

    try:
        qtbot.waitUntil(shown, timeout=timeout)
    except qtbot.TimeoutError:
        fail(f"No {kind.__name__}{f' “{title}”' if title else ''} opened within {timeout / 1000:g} s")
    return found[-1]


def wait_closed(qtbot, dialog: QWidget, what: str, timeout: int = DEADLINE_MS) -> None:
    name = describe(dialog)
    try:
        qtbot.waitUntil(lambda: not _alive_and_visible(dialog), timeout=timeout)
    except qtbot.TimeoutError:
        fail(f"The {name} never took its answer ({what}) within {timeout / 1000:g} s")


def _alive_and_visible(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget) and widget.isVisible()


def click_on(qtbot, widget: QWidget, timeout: int = DEADLINE_MS) -> None:
    """Clicks ``widget`` with the mouse once it is where a person would see it.

    A click goes to whatever is under the pointer in the window. A widget shown a moment ago
    has its place only when its layout has run (a posted event), so until then its centre
    can still be over the page behind it, and the click would land there.
    """
    window, centre = widget.window(), widget.rect().center()

    def under_pointer() -> bool:
        hit = window.childAt(widget.mapTo(window, centre)) if window is not widget else widget
        return hit is not None and (hit is widget or widget.isAncestorOf(hit))

    try:
        qtbot.waitUntil(under_pointer, timeout=timeout)
    except qtbot.TimeoutError:
        covered = window.childAt(widget.mapTo(window, centre))
        fail(f"The {describe(widget)} is covered by {describe(covered) if covered else 'nothing'} and cannot be clicked")
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click(qtbot, root: QWidget, text: str) -> QAbstractButton:
    """Clicks the visible button reading ``text`` inside ``root``, with the mouse."""
    found = [b for b in root.findChildren(QAbstractButton) if b.text().replace("&", "") == text and b.isVisible()]
    if not found:
        fail(f"The {describe(root)} shows no “{text}” button")
    click_on(qtbot, found[0])
    return found[0]


# --- choosers -----------------------------------------------------------------------------

def choose_path(qtbot, path: Path | str, *, title: str | None = None) -> str:
    """Types ``path`` into the open file chooser's name field and presses Enter, as a person
    does; returns the chooser's title once it has closed with that answer."""
    dialog = find_dialog(qtbot, QFileDialog, title=title)
    name = dialog.windowTitle()
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    if edit is None:
        fail(f"The {describe(dialog)} has no file name field")
    edit.setFocus()
    edit.setText(str(path))  # pasted: typing would open the completer's popup over it
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_closed(qtbot, dialog, f"the path {path}")
    return name


def cancel(qtbot, kind: type[QDialog] = QDialog, *, title: str | None = None) -> str:
    """Presses Esc in the open ``kind``; returns its title once it has closed."""
    dialog = find_dialog(qtbot, kind, title=title)
    name = dialog.windowTitle()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog, "Esc")
    return name


# --- questions and messages ---------------------------------------------------------------

def buttons_of(box: QMessageBox) -> list[str]:
    return [b.text().replace("&", "") for b in box.buttons()]


def press(qtbot, text: str, *, title: str | None = None) -> QMessageBox:
    """Clicks the button reading ``text`` on the open message box; returns the box (it may
    already be deleted: read what you need from ``find_dialog`` first)."""
    box = find_dialog(qtbot, QMessageBox, title=title)
    button = next((b for b in box.findChildren(QAbstractButton) if b.text().replace("&", "") == text), None)
    if button is None:
        fail(f"The {describe(box)} has no “{text}” button (it has {buttons_of(box)})")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, box, f"a click on “{text}”")
    return box


def message(qtbot, *, title: str | None = None) -> str:
    """The text of the open message box, which is then closed with Enter."""
    box = find_dialog(qtbot, QMessageBox, title=title)
    text = box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_closed(qtbot, box, "Enter")
    return text


# --- menus --------------------------------------------------------------------------------

def choose_menu_action(qtbot, text: str, timeout: int = DEADLINE_MS) -> None:
    """Picks ``text`` on the open popup menu with the arrow keys and Enter."""
    from PySide6.QtWidgets import QMenu

    menu = find_dialog(qtbot, QMenu, timeout=timeout)
    labels = [a.text().replace("&", "") for a in menu.actions()]
    if text not in labels:
        menu.close()
        fail(f"The menu has no “{text}” (it has {labels})")
    menu.setActiveAction(menu.actions()[labels.index(text)])
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    wait_closed(qtbot, menu, f"“{text}”")

