"""A new owner's first minute through Linework's own main loop: set up the studio, land
signed in on the dashboard, and the app keeps running through every change of window
(log out → sign in, lock → unlock) until the person closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.ui.accounts.setup import SetupDialog
from studio.ui.accounts.signin import LoginDialog
from studio.ui.app import Controller
from tests.ui.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.ui.real_loop import FINISHED, explain, run_main_loop


def visible(widget) -> bool:
    return widget is not None and widget.isVisible()


def for_a_while(ms: int):
    clock = QElapsedTimer()
    clock.start()
    return lambda: clock.elapsed() >= ms


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


@pytest.fixture
def controller(ctx):
    made = Controller(ctx)
    yield made
    for window in (made.main, made.login, made.setup):
        if window is not None:
            window.close()
    if ctx.services_ready:
        ctx.close_services()


def test_first_run_lands_signed_in_on_the_dashboard_and_keeps_running(qapp, ctx, controller, ui_config):
    assert not ui_config.database_path.exists()  # an empty data folder, as after installing

    def person():
        controller.start()
        yield "the set-up window", lambda: isinstance(controller.setup, SetupDialog) and visible(controller.setup)
        setup = controller.setup
        yield "the data layer", lambda: ctx.services_ready
        type_into(setup.studio_name, "Ink & Iron")
        setup.timezone.setCurrentText("Europe/Lisbon")
        type_into(setup.admin_name, "Ana Ruiz")
        type_into(setup.email, ADMIN_EMAIL)
        type_into(setup.password, ADMIN_PASSWORD)
        type_into(setup.confirm, ADMIN_PASSWORD)
        QTest.keyClick(setup.confirm, Qt.Key.Key_Return)  # the default button: Create studio
        yield "the main window", lambda: visible(controller.main)
        main = controller.main
        assert main.actor.email == ADMIN_EMAIL
        yield "the dashboard", lambda: main.current_key == "dashboard" and not ctx.tasks.busy
        assert not visible(setup)
        yield "a moment with the studio open", for_a_while(1_000)
        assert visible(main) and controller.main is main

    run = run_main_loop(qapp, person())
    assert run.exit_code == FINISHED and run.finished, explain(run)
    assert not ctx.services().setup.needs_setup()


def test_log_out_lock_and_close_never_quit_early(qapp, ctx, controller, studio):
    studio[0].db.dispose()
    quit_step = "Linework to quit once its window is closed"

    def person():
        controller.start()
        yield "the sign-in window", lambda: isinstance(controller.login, LoginDialog) and visible(controller.login)
        yield "the data layer", lambda: ctx.services_ready
        login = controller.login
        type_into(login.form.email, ADMIN_EMAIL)
        type_into(login.form.password, ADMIN_PASSWORD)
        QTest.keyClick(login.form.password, Qt.Key.Key_Return)
        yield "the main window", lambda: visible(controller.main) and not visible(login)
        main = controller.main
        yield "the first page", lambda: bool(main.current_key) and not ctx.tasks.busy

        QTest.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        yield "the lock screen", lambda: main.locked
        type_into(main.lock_screen.form.password, ADMIN_PASSWORD)
        QTest.keyClick(main.lock_screen.form.password, Qt.Key.Key_Return)
        yield "the unlocked window", lambda: not main.locked and not ctx.tasks.busy

        main.logout_action.trigger()
        yield "the sign-in window again", lambda: visible(controller.login) and not visible(main)
        yield "a moment at the sign-in window", for_a_while(500)
        login = controller.login
        type_into(login.form.email, ADMIN_EMAIL)
        type_into(login.form.password, ADMIN_PASSWORD)
        QTest.keyClick(login.form.password, Qt.Key.Key_Return)
        yield "the main window again", lambda: visible(controller.main) and controller.main is not main
        yield "its first page", lambda: bool(controller.main.current_key) and not ctx.tasks.busy

        controller.main.close()  # the person closes the window: now Linework ends
        yield quit_step, lambda: False

    run = run_main_loop(qapp, person())
    assert (run.waiting_for, run.exit_code) == (quit_step, 0), explain(run)
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())
