"""The signed-in person changes their own password."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from studio.services.common import _
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit
from studio.ui.shell.page import PageHost


class ChangePasswordDialog(FormDialog):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(_("Change your password"), _("Use at least 12 characters. A short sentence works well."),
                         parent)
        self.host = host
        self.current = line_edit(password=True, max_length=1024)
        self.add_field("current", Field(_("Current password"), self.current, required=True), 0)
        self.add_password_pair(1)
        self.errors.check = self._check
        self.errors.local = lambda: {**self.password_pair_errors(), **(
            {"current": _("Enter your current password.")}
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
        self.host.toast(_("Your password was changed."))
        self.accept()


def open_change_password(host: PageHost, window: QWidget) -> None:
    """The account menu's "Change password…"."""
    ChangePasswordDialog(host, window).open()
