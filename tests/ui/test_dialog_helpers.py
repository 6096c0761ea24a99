"""The helpers that answer dialogs fail fast, name the dialog and leave nothing open."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from studio.ui.kit import prompts
from tests.ui.dialogs import choose_path, find_dialog, open_dialogs, press, wait_closed


class Stubborn(QDialog):
    """A dialog that ignores every answer, like one whose accept() never gets through."""

    def done(self, _code: int) -> None:  # Qt override: the answer goes nowhere
        pass


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_dialog_that_never_opens_fails_within_its_deadline(qtbot):
    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match="No QFileDialog “Import a backup” opened within 0.3 s"):
        find_dialog(qtbot, QFileDialog, title="Import a backup", timeout=300)
    assert time.monotonic() - started < 3


def test_a_dialog_that_never_takes_its_answer_is_named_and_every_dialog_closed(qtbot, parent):
    stubborn = Stubborn(parent)
    stubborn.setWindowTitle("Never answers")
    stubborn.open()
    prompts.ask(parent, "Delete backup", "Delete it?", lambda: None)
    assert find_dialog(qtbot, Stubborn) is stubborn
    with pytest.raises(pytest.fail.Exception) as failure:
        wait_closed(qtbot, stubborn, "a click", timeout=300)
    said = str(failure.value)
    assert said.startswith("The Stubborn “Never answers” never took its answer (a click) within 0.3 s")
    assert "Stubborn “Never answers”" in said and "QMessageBox “Delete backup”" in said
    assert open_dialogs() == []


def test_press_and_choose_path_answer_the_app_s_own_dialogs(qtbot, parent, tmp_path):
    said = []
    prompts.ask(parent, "Delete backup", "Delete it?", lambda: said.append("yes"), yes="Delete", danger=True)
    press(qtbot, "Delete", title="Delete backup")
    target = tmp_path / "a.zip"
    target.write_bytes(b"PK")
    prompts.choose_file(parent, "Import a backup", "Backup archives (*.zip)", said.append)
    assert choose_path(qtbot, target) == "Import a backup"
    assert said == ["yes", str(target)]
    assert open_dialogs() == []


def test_a_question_s_safe_answer_is_the_default_and_esc_is_no(qtbot, parent):
    said = []
    box = prompts.ask(parent, "Delete backup", "Delete it?", lambda: said.append("yes"),
                      on_no=lambda: said.append("no"), yes="Delete")
    assert box.defaultButton().text() == "Cancel"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: said == ["no"], timeout=2_000)
    assert open_dialogs() == []


def test_an_offer_runs_the_chosen_action_once_closed_and_esc_runs_none(qtbot, parent):
    said = []
    actions = {"Save a copy…": lambda: said.append("save"), "Show in folder": lambda: said.append("show")}
    prompts.offer(parent, "Consent", "No viewer.", actions)
    press(qtbot, "Show in folder", title="Consent")
    box = prompts.offer(parent, "Consent", "No viewer.", actions)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    wait_closed(qtbot, box, "Esc")
    assert said == ["show"]
    assert open_dialogs() == []
