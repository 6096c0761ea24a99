"""A backup's sentence, raised in the service on a worker thread, reaches the Backups page
in the person's language (the process's)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from studio.services.common import set_language
from studio.ui.backups.dialogs import PassphraseDialog
from tests.ui.backups.test_backups_page import backups_page
from tests.ui.dialogs import cancel, choose_path, find_dialog


@pytest.fixture
def spanish():
    """The process speaks Spanish for the test (the signed-in person's language), then English again."""
    set_language("es")
    yield
    set_language("en")


def test_the_passphrase_sentence_reaches_the_backups_page_in_spanish(qtbot, window, settle, studio, tmp_path,
                                                                      spanish):
    services, admin, _ = studio
    made = services.backup.back_up_now(admin).backup
    elsewhere = tmp_path / "from-the-other-pc"
    elsewhere.mkdir()
    locked = services.backup.export_backup(admin, made.name, elsewhere, passphrase="a long passphrase 42").path
    page = backups_page(window, settle)
    assert page.import_button.text() == "Importar…"
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert choose_path(qtbot, locked) == "Importar una copia de seguridad"
    dialog = find_dialog(qtbot, PassphraseDialog, timeout=30_000)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Esta copia de seguridad está cifrada. Escribe la frase de contraseña con la que se exportó." in texts
    assert dialog.windowTitle() == "Hace falta la frase de contraseña"
    cancel(qtbot, PassphraseDialog)
    assert page.model.rowCount() == 1  # nothing was imported
