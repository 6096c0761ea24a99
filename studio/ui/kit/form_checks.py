"""Checking a form as a person fills it in, the same way in every form of the app.

Each field is checked when the person leaves it, and every field when they save; each
error stands under its own field and goes away as soon as the field is put right. The
rules are the services' (a ``check`` call that raises FormErrors naming every refused
field), plus any the form knows alone (the two passwords must match). When an error
sentence appears the window grows to show it whole, instead of cutting it or drawing it
over the next field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget
from shiboken6 import isValid

from studio.ui.kit.widgets import Field

# Starts the services' check off the GUI thread: ``check(ok, failed)`` calls ``ok(_)`` when
# every field is fine, ``failed(error)`` with the DomainError otherwise (host.call's shape).
Check = Callable[[Callable[[object], None], Callable[[object], None]], None]


def errors_of(error) -> dict[str, str]:
    """A DomainError's sentences by field: every field of a FormErrors, else its one field
    ("" when it names none: the form's general line)."""
    found = getattr(error, "errors", None)
    if found:
        return dict(found)
    return {getattr(error, "field", None) or "": getattr(error, "message", str(error))}


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for what its layout now holds (an error sentence that
    just appeared, wrapped at the window's width), within the screen."""
    layout = window.layout()
    if layout is None or not window.isWindow():
        return
    layout.invalidate()
    layout.activate()
    width = window.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if needed > window.height():
        window.resize(width, needed)


class FieldChecks(QObject):
    """Live checks for ``fields`` (key → Field). ``check`` runs the services' rules over the
    whole form; ``local`` returns the form's own errors by key. ``general`` shows an error
    that names no field."""

    def __init__(self, owner: QWidget, fields: dict[str, Field], check: Check | None = None, *,
                 local: Callable[[], dict[str, str]] | None = None, general: QLabel | None = None) -> None:
        super().__init__(owner)
        self.owner = owner
        self.fields = fields
        self.check = check
        self.local = local
        self.general = general
        self.touched: set[str] = set()
        self._generation = 0
        self._then: Callable[[dict[str, str]], None] | None = None
        for key, field in fields.items():
            self.watch(key, field)

    # --- wiring -------------------------------------------------------------------------
    def watch(self, key: str, field: Field) -> None:
        """Check ``field`` as the person leaves it (forms that add fields later call this)."""
        self.fields[key] = field
        editor = field.editor
        left = lambda k=key: self.left(k)  # noqa: E731
        if isinstance(editor, (QLineEdit, QDateEdit)):
            editor.editingFinished.connect(left)
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(lambda _t, k=key: self._edited(k))
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(lambda k=key: self._edited(k))
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(left)
            if editor.isEditable():
                editor.lineEdit().editingFinished.connect(left)
        elif isinstance(editor, QAbstractButton):
            editor.toggled.connect(left)

    def left(self, key: str) -> None:
        """The person left ``key``: check the form, show errors of the fields visited."""
        self.touched.add(key)
        self.run()

    def _edited(self, key: str) -> None:
        # Typing into a field marked wrong re-checks it, so the error goes once it is right.
        # (A form with no rules of its own keeps the sentence until the next save.)
        if self.fields[key].error.text() and (self.check is not None or self.local is not None):
            self.touched.add(key)
            QTimer.singleShot(0, self.run)

    # --- checking -----------------------------------------------------------------------
    def run(self, then: Callable[[dict[str, str]], None] | None = None) -> None:
        """Check the whole form; show the errors of touched fields; ``then(errors)``. A
        newer check supersedes this one and takes over its ``then`` (a save waits for the
        answer about the form as it is now)."""
        self._generation += 1
        generation = self._generation
        if then is not None:
            self._then = then

        def finish(service_errors: dict[str, str]) -> None:
            if generation != self._generation:
                return  # a newer check has started: its answer counts
            if not isValid(self.owner):
                return  # the form was closed while the services checked it: nobody to tell
            errors = {**service_errors, **(self.local() if self.local else {})}
            self.show_errors(errors, only=self.touched)
            pending, self._then = self._then, None
            if pending is not None:
                pending(errors)

        if self.check is None:
            finish({})
        else:
            self.check(lambda _ok: finish({}),
                       lambda error: finish({k: v for k, v in errors_of(error).items() if k in self.fields}))

    def submit(self, save: Callable[[], None]) -> None:
        """On save: check every field; ``save()`` only when none is refused, else the
        first refused field takes the focus."""
        self.touched = set(self.fields)

        def decided(errors: dict[str, str]) -> None:
            if not errors:
                save()
            else:
                first = next(k for k in self.fields if k in errors)
                self.fields[first].editor.setFocus()

        self.run(decided)

    def show_errors(self, errors: dict[str, str], only: Iterable[str] | None = None) -> None:
        """Each field's sentence under it (cleared where none); ``only`` limits it to those
        fields, so the person is not told off about fields they have not reached yet."""
        keys = set(self.fields) if only is None else set(only)
        for key, field in self.fields.items():
            if key in keys:
                field.set_error(errors.get(key))
        if self.general is not None:
            general = errors.get("", "")
            self.general.setText(general)
            self.general.setVisible(bool(general))
        grow_to_fit(self.owner.window())

    def show(self, error) -> None:
        """A save refused by the services (a DomainError): every sentence where it belongs."""
        errors = errors_of(error)
        unplaced = [text for key, text in errors.items() if key not in self.fields]
        placed = {k: v for k, v in errors.items() if k in self.fields}
        if unplaced:
            placed[""] = " ".join(unplaced)
        self.touched |= set(placed) - {""}
        self.show_errors(placed)
        first = next((k for k in self.fields if k in placed), None)
        if first is not None:
            self.fields[first].editor.setFocus()

    def clear(self) -> None:
        self.touched.clear()
        self.show_errors({})
