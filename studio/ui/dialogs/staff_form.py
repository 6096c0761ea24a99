"""Adding and editing a staff member; setting someone's password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QToolButton, QWidget

from studio.services.permissions import Role
from studio.services.records import StaffRecord
from studio.services.staff import ARTIST_PALETTE
from studio.ui import icons
from studio.ui.dialogs.account import FormDialog
from studio.ui.pages.base import PageHost
from studio.ui.widgets import Field, line_edit


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
            swatch.setAccessibleName(f"Colour {color}")
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

    def __init__(self, host: PageHost, parent: QWidget | None = None, *, staff: StaffRecord | None = None) -> None:
        editing = staff is not None
        super().__init__(
            f"Edit {staff.name}" if staff else "Add staff",
            "Their colour marks their appointments and figures everywhere in Linework." if not editing
            else "Role, deactivation and passwords are in the row's menu (right-click).",
            parent, save_text="Save" if editing else "Add staff",
        )
        self.setObjectName("StaffDialog")
        self.setMinimumWidth(560)
        self.host = host
        self.staff = staff
        self.name = line_edit("Full name", max_length=120)
        self.email = line_edit("name@studio.com")
        self.color = ColorPicker(staff.color if staff else ARTIST_PALETTE[0])
        self.add_field("name", Field("Name", self.name, required=True), 0, 0)
        self.add_field("email", Field("Email", self.email, required=True), 0, 1)
        self.add_field("color", Field("Colour", self.color), 2, 0, 2)
        if staff:
            self.name.setText(staff.name)
            self.email.setText(staff.email)
        else:
            self.role = QComboBox()
            for role in Role:
                self.role.addItem(role.label, role.value)
            self.role.setCurrentIndex(list(Role).index(Role.ARTIST))
            self.add_field("role", Field("Role", self.role, required=True), 1, 0)
            self.add_password_pair(3, side_by_side=True, label_text="First password",
                                   hint="Give it to them in person; they can change it later.")

        self.errors.check = self._check

    def _values(self) -> dict:
        values = dict(name=self.name.text(), email=self.email.text(), color=self.color.color())
        if self.staff is None:
            values.update(role=self.role.currentData(), password=self.password.text())
        return values

    def _check(self, ok, failed) -> None:
        values, staff_id = self._values(), self.staff.id if self.staff else None
        self.host.call(lambda s, a: s.staff.check_form(a, staff_id=staff_id, **values), ok, failed)

    def save(self) -> None:
        self.errors.submit(self._save)

    def _save(self) -> None:
        name, email, color = self.name.text(), self.email.text(), self.color.color()
        if self.staff is not None:
            staff_id = self.staff.id
            self.busy(True)
            self.host.call(lambda s, a: s.staff.update_staff(a, staff_id, name=name, email=email, color=color),
                           self._done, self.failed, write=True)
            return
        role, password = self.role.currentData(), self.password.text()
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
        super().__init__(f"New password for {staff.name}",
                         "This also lifts a lockout. Tell them the new password in person.", parent,
                         save_text="Set password")
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
