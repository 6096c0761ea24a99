"""The window's shortcuts, pressed as keys on the real window (not the methods behind them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.ui.accounts.staff_form import StaffDialog
from studio.ui.clients.dialog import ClientDialog
from tests.ui.dialogs import cancel, find_dialog, focus

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize("page_key, dialog_kind", [("clients", ClientDialog), ("staff", StaffDialog)])
def test_ctrl_n_opens_the_page_s_new_form(qtbot, window, settle, page_key, dialog_kind):
    window.open_page(page_key)
    settle()
    page = window.pages[page_key]
    assert "Ctrl+N" in page.add_button.toolTip()
    focus(qtbot, page)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    find_dialog(qtbot, dialog_kind)
    cancel(qtbot, dialog_kind)
    settle()


def test_ctrl_n_on_backups_makes_a_backup(qtbot, window, settle, studio):
    services, admin, _ = studio
    window.open_page("backups")
    settle()
    page = window.pages["backups"]
    assert "Ctrl+N" in page.backup_button.toolTip()
    focus(qtbot, page)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.job.running, timeout=30_000)
    settle()
    assert len(services.backup.list_backups(admin)) == 1


def test_ctrl_f_puts_the_cursor_in_the_page_s_filter(qtbot, window, settle):
    window.open_page("clients")
    settle()
    page = window.pages["clients"]
    focus(qtbot, page)
    assert not page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(page.search.hasFocus, timeout=5_000)
