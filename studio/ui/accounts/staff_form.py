"""Adding and editing a staff member; setting someone's password; deactivating them.

The Edit dialog, the page's row buttons and the row's menu all deactivate and reset
passwords through ``set_active`` and ``reset_password`` here, so each asks the same way."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QPushButton, QToolButton, QWidget

from studio.services.accounts import ARTIST_PALETTE
from studio.services.common import Role, StaffRecord, _
from studio.ui.kit import icons, prompts
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, button, label, line_edit, set_variant
from studio.ui.shell.page import PageHost


def set_active(parent: QWidget, host: PageHost, staff: StaffRecord, active: bool,
               done: Callable[[StaffRecord], None], failed: Callable[[object], None]) -> None:
    """Reactivate ``staff`` at once, or deactivate them once the person confirms. The
    service refuses the last active admin with a sentence, which goes to ``failed``."""

    def apply() -> None:
        host.call(lambda s, a: s.staff.set_active(a, staff.id, active), done, failed, write=True)

    if active:
        apply()
    else:
        prompts.ask(parent, _("Deactivate staff"),
                    _("Deactivate {name}? They will not be able to sign in until reactivated. "
                      "Their history stays.").format(name=staff.name), apply, yes=_("Deactivate"), danger=True)


def activated_toast(name: str, active: bool) -> str:
    """The status bar's word after (re)activating someone."""
    return _("{name} reactivated.").format(name=name) if active else _("{name} deactivated.").format(name=name)


def reset_password(parent: QWidget, host: PageHost, staff: StaffRecord, done: Callable[[], None]) -> None:
    """Ask for ``staff``'s new password; ``done()`` once it is set."""
    dialog = ResetPasswordDialog(host, staff, parent)
    dialog.saved.connect(lambda _r: (host.toast(_("New password set for {name}.").format(name=staff.name)), done()))
    dialog.open()


def active_button_look(widget: QPushButton, staff: StaffRecord, danger: str = "danger") -> None:
    """Deactivate (in the ``danger`` variant) for an active account, Reactivate for a
    deactivated one."""
    widget.setText(_("Deactivate") if staff.active else _("Reactivate"))
    widget.setAccessibleName(widget.text())
    widget.setToolTip(_("They will not be able to sign in; their history stays") if staff.active
                      else _("Let them sign in again"))
    set_variant(widget, danger if staff.active else "secondary",
                icon_name="user-x" if staff.active else "user-check")


class ColorPicker(QWidget):
    """The artist palette as swatches; one is always chosen."""

    def __init__(self, selected: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for color in ARTIST_PALETTE:
            swatch = QToolButton()
            swatch.setCheckable(True)
            swatch.setIcon(icons.dot(color, 18))
            swatch.setToolTip(color)
            # Translators: {color} is a colour's hex code, e.g. "#E4572E".
            swatch.setAccessibleName(_("Colour {color}").format(color=color))
            swatch.setStyleSheet("QToolButton:checked { border: 2px solid palette(text); }")
            self.group.addButton(swatch)
            self.buttons[color] = swatch
            layout.addWidget(swatch)
        layout.addStretch(1)
        self.set_color(selected)

    def set_color(self, color: str) -> None:
        (self.buttons.get(color.upper()) or self.buttons[ARTIST_PALETTE[0]]).setChecked(True)

    def color(self) -> str:
        return next(c for c, b in self.buttons.items() if b.isChecked())


class StaffDialog(FormDialog):
    saved = Signal(object)
    changed = Signal(object)  # deactivated, reactivated or a new password, without Save

    def __init__(self, host: PageHost, parent: QWidget | None = None, *, staff: StaffRecord | None = None) -> None:
        editing = staff is not None
        super().__init__(
            _("Edit {name}").format(name=staff.name) if staff else _("Add staff"),
            _("Their colour marks their appointments and figures everywhere in Linework.") if not editing
            else _("Their role sets what they may do; their colour marks their appointments. "
                   "Deactivating stops them signing in and keeps their history."),
            parent, save_text=_("Save") if editing else _("Add staff"),
        )
        self.setObjectName("StaffDialog")
        self.setMinimumWidth(560)
        self.host = host
        self.staff = staff
        self.name = line_edit(_("Full name"), max_length=120)
        self.email = line_edit(_("name@studio.com"))
        self.color = ColorPicker(staff.color if staff else ARTIST_PALETTE[0])
        self.add_field("name", Field(_("Name"), self.name, required=True), 0, 0)
        self.add_field("email", Field(_("Email"), self.email, required=True), 0, 1)
        self.add_field("color", Field(_("Colour"), self.color), 2, 0, 2)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.role.setCurrentIndex(list(Role).index(staff.role if staff else Role.ARTIST))
        self.add_field("role", Field(_("Role"), self.role, required=True), 1, 0)
        if staff:
            self.name.setText(staff.name)
            self.email.setText(staff.email)
            self.form.addWidget(self._account_row(), 3, 0, 1, 2)
        else:
            self.add_password_pair(3, side_by_side=True, label_text=_("First password"),
                                   hint=_("Give it to them in person; they can change it later."))

        self.errors.check = self._check

    def _values(self) -> dict:
        values = dict(name=self.name.text(), email=self.email.text(), color=self.color.color(),
                      role=self.role.currentData())
        if self.staff is None:
            values.update(password=self.password.text())
        return values

    def _check(self, ok, failed) -> None:
        values, staff_id = self._values(), self.staff.id if self.staff else None
        self.host.call(lambda s, a: s.staff.check_form(a, staff_id=staff_id, **values), ok, failed)

    def _account_row(self) -> QWidget:
        """Sign-in: a new password, and deactivating or reactivating the account."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label(_("Sign-in"), "fieldLabel"))
        self.account_state = label("", "muted")
        layout.addWidget(self.account_state, 1)
        self.reset_button = button(_("Reset password…"), icon_name="key-round", on_click=self.reset_password,
                                   tooltip=_("Set a new password for them; this also lifts a lockout"))
        self.active_button = button(_("Deactivate"), on_click=self.toggle_active)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.active_button)
        self._show_account()
        return row

    def _show_account(self) -> None:
        staff = self.staff
        self.account_state.setText(_("Locked out") if staff.locked_until is not None
                                   else _("Active") if staff.active else _("Deactivated: cannot sign in"))
        active_button_look(self.active_button, staff)

    def reset_password(self) -> None:
        reset_password(self, self.host, self.staff, lambda: self.changed.emit(self.staff))

    def toggle_active(self) -> None:
        self.errors.clear()
        active = not self.staff.active

        def done(record: StaffRecord) -> None:
            self.staff = record
            self._show_account()
            self.host.toast(activated_toast(record.name, active))
            self.changed.emit(record)

        set_active(self, self.host, self.staff, active, done, self.errors.show)

    def save(self) -> None:
        self.errors.submit(self._save)

    def _save(self) -> None:
        name, email, color = self.name.text(), self.email.text(), self.color.color()
        role = self.role.currentData()
        if self.staff is not None:
            staff_id = self.staff.id
            self.busy(True)
            self.host.call(lambda s, a: s.staff.update_staff(a, staff_id, name=name, email=email, color=color,
                                                             role=role),
                           self._done, self.failed, write=True)
            return
        password = self.password.text()
        self.busy(True)
        self.host.call(lambda s, a: s.staff.add_staff(a, name=name, email=email, role=role,
                                                      password=password, color=color),
                       self._done, self.failed, write=True)

    def _done(self, record: StaffRecord) -> None:
        self.saved.emit(record)
        self.accept()


class ResetPasswordDialog(FormDialog):
    saved = Signal(object)

    def __init__(self, host: PageHost, staff: StaffRecord, parent: QWidget | None = None) -> None:
        super().__init__(_("New password for {name}").format(name=staff.name),
                         _("This also lifts a lockout. Tell them the new password in person."), parent,
                         save_text=_("Set password"))
        self.host = host
        self.staff = staff
        self.add_password_pair(0)
        self.errors.check = self._check

    def _check(self, ok, failed) -> None:
        staff_id, password = self.staff.id, self.password.text()
        self.host.call(lambda s, a: s.staff.check_password(a, staff_id, password), ok, failed)

    def save(self) -> None:
        self.errors.submit(self._save)

    def _save(self) -> None:
        staff_id, password = self.staff.id, self.password.text()
        self.busy(True)
        self.host.call(lambda s, a: s.staff.reset_password(a, staff_id, password), self._done, self.failed,
                       write=True)

    def _done(self, result) -> None:
        self.saved.emit(result)
        self.accept()
