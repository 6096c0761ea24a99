"""The client's details and health forms: fields in, ClientInput / MedicalInfo out, and the
service's error sentences shown under the fields they name."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QGridLayout, QPlainTextEdit, QWidget

from studio.services.clients import MEDICAL_CHECKS, ClientDetail, ClientInput, MedicalInfo
from studio.services.common import _
from studio.ui.kit.format import date_edit_format
from studio.ui.kit.widgets import CheckItem, Field, label, line_edit

NO_DATE = QDate(1900, 1, 1)  # shown as "—": the date of birth is not known


def text_box(placeholder: str = "", height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class FieldGrid(QWidget):
    """A grid of Fields with one ``changed`` signal and error routing by field key."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 12, 8, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self.fields: dict[str, Field] = {}

    def add(self, key: str, field: Field, row: int, column: int = 0, span: int = 1) -> Field:
        from PySide6.QtCore import Qt

        self.fields[key] = field
        self.grid.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
        editor = field.editor
        if hasattr(editor, "textChanged"):
            editor.textChanged.connect(self.changed)
        if hasattr(editor, "dateChanged"):
            editor.dateChanged.connect(self.changed)
        return field

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            editor = field.editor
            if hasattr(editor, "setReadOnly"):
                editor.setReadOnly(read_only)


class DetailsForm(FieldGrid):
    def __init__(self) -> None:
        super().__init__()
        self.full_name = line_edit(_("First and last name"), max_length=120)
        self.preferred_name = line_edit(_("What they like to be called"), max_length=120)
        self.pronouns = line_edit(_("e.g. she/her"), max_length=40)
        self.date_of_birth = QDateEdit()
        self.date_of_birth.setCalendarPopup(True)
        date_edit_format(self.date_of_birth)
        self.date_of_birth.setMinimumDate(NO_DATE)
        self.date_of_birth.setSpecialValueText("—")
        self.date_of_birth.setDate(NO_DATE)
        self.phone = line_edit("+1 555 123 4567", max_length=40)
        self.email = line_edit("name@example.com")
        self.address = text_box(_("Street, city, postcode"), 68)
        self.emergency_name = line_edit(_("Name"), max_length=120)
        self.emergency_phone = line_edit(_("Phone"), max_length=40)
        self.notes = text_box(_("Anything the team should know"), 72)
        self.add("full_name", Field(_("Full name"), self.full_name, required=True), 0, 0)
        self.add("preferred_name", Field(_("Preferred name"), self.preferred_name), 0, 1)
        self.add("pronouns", Field(_("Pronouns"), self.pronouns), 1, 0)
        self.add("date_of_birth", Field(_("Date of birth"), self.date_of_birth), 1, 1)
        self.add("phone", Field(_("Phone"), self.phone), 2, 0)
        self.add("email", Field(_("Email"), self.email), 2, 1)
        self.add("address", Field(_("Address"), self.address), 3, 0, 2)
        self.add("emergency_name", Field(_("Emergency contact"), self.emergency_name), 4, 0)
        self.add("emergency_phone", Field(_("Emergency contact's phone"), self.emergency_phone), 4, 1)
        self.add("notes", Field(_("Notes"), self.notes), 5, 0, 2)

    def load(self, c: ClientDetail) -> None:
        self.full_name.setText(c.full_name)
        self.preferred_name.setText(c.preferred_name)
        self.pronouns.setText(c.pronouns)
        self.date_of_birth.setDate(QDate(c.date_of_birth) if c.date_of_birth else NO_DATE)
        self.phone.setText(c.phone_display)
        self.email.setText(c.email)
        self.address.setPlainText(c.address)
        self.emergency_name.setText(c.emergency_name)
        self.emergency_phone.setText(c.emergency_phone_display)
        self.notes.setPlainText(c.notes)

    def value(self) -> ClientInput:
        born = self.date_of_birth.date()
        return ClientInput(
            full_name=self.full_name.text(),
            preferred_name=self.preferred_name.text(),
            pronouns=self.pronouns.text(),
            date_of_birth=None if born == NO_DATE else date(born.year(), born.month(), born.day()),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            emergency_name=self.emergency_name.text(),
            emergency_phone=self.emergency_phone.text(),
            notes=self.notes.toPlainText(),
        )


class MedicalForm(FieldGrid):
    """The health checklist and free text. Keys of errors are "medical.<name>"."""

    def __init__(self) -> None:
        super().__init__()
        self.grid.addWidget(label(_("Does any of these apply?"), "fieldLabel"), 0, 0, 1, 2)
        self.checks: dict[str, CheckItem] = {}
        for i, (key, text) in enumerate(MEDICAL_CHECKS.items()):
            box = CheckItem(_(text))
            box.toggled.connect(self.changed)
            self.checks[key] = box
            self.grid.addWidget(box, 1 + i // 2, i % 2)
        row = 2 + (len(MEDICAL_CHECKS) + 1) // 2
        self.allergies = text_box(_("Allergies (medicines, latex, metals, foods…)"), 48)
        self.conditions = text_box(_("Conditions"), 48)
        self.medications = text_box(_("Medications"), 48)
        self.skin_conditions = text_box(_("Skin conditions"), 48)
        self.medical_notes = text_box(_("Other health notes"), 48)
        self.add("medical.allergies", Field(_("Allergies"), self.allergies), row, 0)
        self.add("medical.conditions", Field(_("Conditions"), self.conditions), row, 1)
        self.add("medical.medications", Field(_("Medications"), self.medications), row + 1, 0)
        self.add("medical.skin_conditions", Field(_("Skin conditions"), self.skin_conditions), row + 1, 1)
        self.add("medical.notes", Field(_("Other health notes"), self.medical_notes), row + 2, 0, 2)

    def load(self, info: MedicalInfo) -> None:
        for key, box in self.checks.items():
            box.setChecked(key in info.checks)
        self.allergies.setPlainText(info.allergies)
        self.conditions.setPlainText(info.conditions)
        self.medications.setPlainText(info.medications)
        self.skin_conditions.setPlainText(info.skin_conditions)
        self.medical_notes.setPlainText(info.notes)

    def value(self) -> MedicalInfo:
        return MedicalInfo(
            checks=frozenset(k for k, box in self.checks.items() if box.isChecked()),
            allergies=self.allergies.toPlainText(),
            conditions=self.conditions.toPlainText(),
            medications=self.medications.toPlainText(),
            skin_conditions=self.skin_conditions.toPlainText(),
            notes=self.medical_notes.toPlainText(),
        )

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for box in self.checks.values():
            box.setEnabled(not read_only)
