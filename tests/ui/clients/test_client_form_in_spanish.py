"""The client form's field errors, sentences of the service, are shown next to their fields
in the person's language (the process's)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from studio.ui.clients.dialog import ClientDialog
from tests.ui.backups.test_backups_in_spanish import spanish  # noqa: F401 - the fixture


def test_client_field_errors_are_shown_next_to_their_fields_in_spanish(qtbot, window, settle, studio, spanish):
    services, admin, _ = studio
    dialog = ClientDialog(window.host, None, window)
    qtbot.addWidget(dialog)
    form = dialog.details
    form.full_name.setText("")
    form.email.setText("not-an-email")
    form.date_of_birth.setDate(date.today() + timedelta(days=30))
    assert dialog.save_button.text() == "Añadir cliente"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.fields["email"].error.isVisibleTo(dialog), timeout=10_000)
    settle()
    assert form.fields["email"].error.text() == \
        "Eso no parece una dirección de correo electrónico (nombre@ejemplo.com)."
    assert form.fields["date_of_birth"].error.text() == "La fecha de nacimiento no puede estar en el futuro."
    assert form.fields["full_name"].error.text() == "Escribe el nombre completo del cliente."
    assert services.clients.count(admin) == 0
