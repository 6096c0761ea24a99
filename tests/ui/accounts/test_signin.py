"""First run, sign-in and the main window, driven through real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services.common import Role
from studio.ui.accounts.setup import SetupDialog
from studio.ui.accounts.signin import LoginDialog
from studio.ui.app import Controller
from tests.ui.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, ARTIST_EMAIL, ARTIST_PASSWORD


def test_first_run_shows_setup_and_creates_the_admin(qtbot, ctx, settle):
    controller = Controller(ctx)
    controller.start()
    assert isinstance(controller.setup, SetupDialog)
    dialog = controller.setup
    qtbot.addWidget(dialog)
    dialog.studio_name.setText("Ink & Iron")
    dialog.timezone.setCurrentText("Europe/Lisbon")
    dialog.currency.setCurrentText("EUR")
    dialog.admin_name.setText("Ana Ruiz")
    dialog.email.setText(ADMIN_EMAIL)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.confirm.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    settle()
    main = controller.main
    qtbot.addWidget(main)
    assert main.actor.email == ADMIN_EMAIL and main.actor.role is Role.ADMIN
    areas = [key for key in main.nav if "." not in key]  # a plugin's page keys are "<plugin>.<page>"
    assert areas == ["dashboard", "clients", "calendar", "intake", "register", "inventory", "finance", "staff",
                     "backups", "audit", "plugins"]
    from studio.services.system.selfcheck import shipped_plugins

    # The sign-in loaded the shipped plugins (on by default): each has its pages in the sidebar.
    assert [s.id for s in ctx.plugins.statuses() if s.state == "loaded"] == shipped_plugins()
    assert {"dashboard", "staff", "audit"} <= set(main.nav)
    services = ctx.services()
    assert services.settings.studio().name == "Ink & Iron"
    assert not services.setup.needs_setup()
    main.close()
    ctx.close_services()


def test_setup_refuses_a_weak_password_next_to_the_field(qtbot, ctx, settle, ui_services):
    ctx.use_services(ui_services)
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.studio_name.setText("Ink & Iron")
    dialog.admin_name.setText("Ana Ruiz")
    dialog.email.setText(ADMIN_EMAIL)
    dialog.password.setText("password1234")
    dialog.confirm.setText("password1234")
    dialog.attempt()
    settle()
    error = dialog.fields["password"].error
    assert error.isVisibleTo(dialog) and "common" in error.text().lower()
    assert ui_services.setup.needs_setup()  # nothing was written


def test_setup_mismatched_confirmation_is_refused_and_nothing_is_written(qtbot, ctx, settle, ui_services):
    ctx.use_services(ui_services)
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.confirm.setText(ADMIN_PASSWORD + "x")
    dialog.attempt()
    settle()
    assert dialog.fields["confirm"].error.text() == "The two passwords differ."
    assert ui_services.setup.needs_setup()


def test_setup_says_what_is_missing_in_every_field_at_once_and_each_goes_once_fixed(qtbot, ctx, settle,
                                                                                    ui_services):
    ctx.use_services(ui_services)
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    settle()
    shown = {key: f.error.text() for key, f in dialog.fields.items() if f.error.isVisibleTo(dialog)}
    assert set(shown) == {"studio_name", "name", "email", "password", "confirm"}
    assert shown["studio_name"] == "Enter a studio name." and shown["confirm"] == "Type the password again."
    qtbot.keyClicks(dialog.studio_name, "Ink & Iron")  # put right: its sentence goes, the others stay
    qtbot.waitUntil(lambda: not dialog.fields["studio_name"].error.isVisibleTo(dialog), timeout=5_000)
    settle()
    assert dialog.fields["email"].error.isVisibleTo(dialog)
    assert ui_services.setup.needs_setup()


def _login(qtbot, controller: Controller, email: str, password: str) -> None:
    dialog = controller.login
    assert isinstance(dialog, LoginDialog)
    qtbot.keyClicks(dialog.form.email, email)
    qtbot.keyClicks(dialog.form.password, password)
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)


def test_login_opens_the_main_window_with_the_pages_of_the_role(qtbot, ctx, settle, studio):
    studio[0].close()  # the controller opens its own
    controller = Controller(ctx)
    controller.start()
    qtbot.addWidget(controller.login)
    qtbot.waitUntil(lambda: ctx.services_ready, timeout=15_000)
    settle()
    assert controller.login.studio.text() == "Sign in to Ink & Iron"
    _login(qtbot, controller, ARTIST_EMAIL, ARTIST_PASSWORD)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    main = controller.main
    qtbot.addWidget(main)
    settle()
    # The areas' pages an artist has (a shipped plugin's pages, "<plugin>.<page>", come after them).
    assert [key for key in main.nav if "." not in key] == ["dashboard", "clients", "calendar", "register",
                                                           "inventory"]
    assert "staff" not in main.nav and "audit" not in main.nav  # absent, not greyed
    assert main.who.full_text() == "Signed in as Mara Okafor (artist)"
    assert main.current_key == "dashboard"
    main.close()
    ctx.close_services()


def test_wrong_password_shows_the_message_and_stays_on_login(qtbot, ctx, settle, studio):
    studio[0].db.dispose()
    controller = Controller(ctx)
    controller.start()
    qtbot.addWidget(controller.login)
    _login(qtbot, controller, ADMIN_EMAIL, "not the password at all")
    qtbot.waitUntil(lambda: controller.login.form.error.isVisibleTo(controller.login), timeout=15_000)
    settle()
    assert controller.login.form.error.text() == "That email and password don't match an active account."
    assert controller.main is None
    assert controller.login.form.password.text() == ""
    ctx.close_services()
