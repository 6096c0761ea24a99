"""The recovery screen: a studio whose database has a smashed header opens it before
sign-in, through Linework's own main loop; Restore… asks for the typed word, and then the
sign-in appears with a notice and the restored admin signs in with that backup's password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.ui.accounts.signin import LoginDialog
from studio.ui.app import Controller
from studio.ui.backups.dialogs import RestoreDialog
from studio.ui.backups.recovery import TITLE, RecoveryScreen
from tests.support import back_up_and_close
from tests.ui.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.ui.real_loop import FINISHED, explain, run_main_loop
from tests.ui.test_first_run import type_into, visible


def smash_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"\x00" * 100)


@pytest.fixture
def damaged(studio, ui_config):
    """A studio with one verified backup, then its database's header smashed."""
    services, admin, _artist = studio
    made = back_up_and_close(services, admin, ui_config.database_path)
    smash_header(ui_config.database_path)
    return made


@pytest.fixture
def controller(ctx):
    made = Controller(ctx)
    yield made
    for window in (made.main, made.login, made.setup, made.recovery):
        if window is not None:
            window.close()
    if ctx.services_ready:
        ctx.close_services()


def test_a_damaged_database_opens_the_recovery_screen_and_restore_leads_to_sign_in(
        qapp, qtbot, ctx, controller, damaged, ui_config):
    def person():
        controller.start()
        yield "the recovery screen", lambda: isinstance(controller.recovery, RecoveryScreen) and visible(
            controller.recovery)
        screen = controller.recovery
        assert controller.login is None and controller.setup is None  # before any sign-in
        assert "first bytes are damaged" in screen.reason.text()
        yield "the backups listed", lambda: screen.backups.count() == 1
        assert screen.selected().name == damaged.name
        qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
        yield "the typed confirmation", lambda: screen.restore_dialog is not None and screen.restore_dialog.isVisible()
        confirm = screen.restore_dialog
        assert isinstance(confirm, RestoreDialog) and not confirm.save_button.isEnabled()
        type_into(confirm.word, "restore")
        qtbot.mouseClick(confirm.save_button, Qt.MouseButton.LeftButton)
        yield "the sign-in window", lambda: isinstance(controller.login, LoginDialog) and visible(controller.login)
        login = controller.login
        assert controller.recovery is None  # the screen is gone (deleted)
        assert "Sign in with that backup's admin password" in login.notice.text()
        yield "the data layer", lambda: ctx.services_ready
        type_into(login.form.email, ADMIN_EMAIL)
        type_into(login.form.password, ADMIN_PASSWORD)
        QTest.keyClick(login.form.password, Qt.Key.Key_Return)
        yield "the main window", lambda: visible(controller.main)
        assert controller.main.actor.email == ADMIN_EMAIL

    run = run_main_loop(qapp, person())
    assert run.exit_code == FINISHED and run.finished, explain(run)
    kept = [p.name for p in ui_config.backups_dir.iterdir() if p.name.startswith("damaged-")]
    assert kept, "the damaged database is kept"


def test_cancelling_the_confirmation_changes_nothing_and_quit_quits(qapp, qtbot, ctx, controller, damaged,
                                                                    ui_config):
    before = ui_config.database_path.read_bytes()

    def person():
        controller.start()
        yield "the recovery screen", lambda: visible(controller.recovery)
        screen = controller.recovery
        yield "the backups listed", lambda: screen.backups.count() == 1
        assert screen.windowTitle().startswith("Recovery") and TITLE
        qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
        yield "the typed confirmation", lambda: screen.restore_dialog is not None and screen.restore_dialog.isVisible()
        QTest.keyClick(screen.restore_dialog, Qt.Key.Key_Escape)
        yield "the confirmation gone", lambda: screen.restore_dialog is None
        qtbot.mouseClick(screen.quit_button, Qt.MouseButton.LeftButton)
        yield "Linework to quit", lambda: False  # the loop ends by itself when Quit works

    run = run_main_loop(qapp, person(), step_timeout_ms=5_000)
    assert run.waiting_for == "Linework to quit" and run.exit_code == 0 and not run.finished, explain(run)
    assert ui_config.database_path.read_bytes() == before


def smash_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage: the header and the schema are
    fine (the quick start-up check passes), the first query that reads it fails."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_damage_found_after_the_quick_check_still_opens_the_recovery_screen(
        qapp, qtbot, ctx, controller, studio, ui_config):
    from studio.services.backup import database_problem

    services, admin, _artist = studio
    back_up_and_close(services, admin, ui_config.database_path)
    smash_table(ui_config.database_path, "settings")  # read by the first query after start
    assert database_problem(ui_config.database_path, ui_config.backups_dir) is None  # looks fine

    def person():
        controller.start()
        yield "the recovery screen", lambda: isinstance(controller.recovery, RecoveryScreen) and visible(
            controller.recovery)
        assert controller.login is None
        assert "SQLite says" in controller.recovery.reason.text()
        assert ctx.crash.shown == []  # not the generic crash dialog
        yield "the backups listed", lambda: controller.recovery.backups.count() == 1

    run = run_main_loop(qapp, person())
    assert run.exit_code == FINISHED and run.finished, explain(run)
