"""Every form checks a field when the person leaves it and all fields on save; each error
stands under its field, whole, and goes once the field is put right."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.accounts.signin import LoginDialog
from studio.ui.accounts.staff_form import StaffDialog
from tests.ui.conftest import ADMIN_EMAIL
from tests.ui.geometry import problems


def errors_shown(dialog) -> dict[str, str]:
    return {key: f.error.text() for key, f in dialog.fields.items() if f.error.isVisibleTo(dialog)}


def test_add_staff_names_every_wrong_field_on_save_and_clears_each_once_fixed(qtbot, window, settle, studio):
    services, admin, _ = studio
    dialog = StaffDialog(window.host, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.confirm, "shorter")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle()
    shown = errors_shown(dialog)
    assert set(shown) == {"name", "email", "password", "confirm"}
    assert shown["name"] == "Enter a name." and shown["confirm"] == "The two passwords differ."
    assert problems(dialog) == []  # every sentence whole, nothing drawn over the next field
    assert len(services.staff.list_staff(admin)) == 2

    qtbot.keyClicks(dialog.name, "Jonas Lindqvist")  # "Enter a name." must not stay
    qtbot.waitUntil(lambda: "name" not in errors_shown(dialog), timeout=5_000)
    settle()
    assert set(errors_shown(dialog)) == {"email", "password", "confirm"}
    dialog.reject()


def test_leaving_a_field_checks_it_and_not_the_fields_not_reached_yet(qtbot, window, settle):
    dialog = StaffDialog(window.host, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    dialog.email.setFocus()
    qtbot.keyClicks(dialog.email, "not an email")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Tab)  # leave it
    qtbot.waitUntil(lambda: "email" in errors_shown(dialog), timeout=5_000)
    settle()
    assert errors_shown(dialog) == {"email": "That doesn't look like an email address (name@example.com)."}
    dialog.reject()


def test_a_wrong_sign_in_keeps_every_input_whole(qtbot, ctx, settle, studio):
    ctx.use_services(studio[0])
    dialog = LoginDialog(ctx, "Ink & Iron")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.form.email.height()
    qtbot.keyClicks(dialog.form.email, ADMIN_EMAIL)
    qtbot.keyClicks(dialog.form.password, "not the password at all")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.form.error.isVisibleTo(dialog), timeout=15_000)
    settle()
    assert dialog.form.email.height() == before and dialog.form.password.height() == before
    assert problems(dialog) == []


def test_a_check_that_answers_after_its_form_was_closed_is_dropped(qtbot):
    """The services answer a check off the GUI thread; if the person closed the form
    meanwhile (and Qt deleted it), the answer finds nobody and nothing raises."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    from studio.services.common import ValidationError
    from studio.ui.kit.form_checks import FieldChecks
    from studio.ui.kit.widgets import Field

    answers = []
    dialog = QDialog()
    name = Field("Name", QLineEdit())
    QVBoxLayout(dialog).addWidget(name)
    checks = FieldChecks(dialog, {"name": name}, lambda ok, failed: answers.append(failed))
    checks.left("name")  # the person leaves the field: a check is on its way
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(dialog), timeout=5_000)
    answers[0](ValidationError("Enter a name.", field="name"))  # arrives now: dropped, no RuntimeError
