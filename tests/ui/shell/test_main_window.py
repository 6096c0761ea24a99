"""The main window: auto-lock and unlock, pages, staff management, audit log, crashes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog

from studio.services import audit
from studio.ui.accounts.page import StaffModel
from studio.ui.audit.page import AuditModel
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.dialogs import choose_menu_action, find_dialog, focus, message, press, wait_closed
from tests.ui.scrolling import scroll_to_the_end


@pytest.fixture
def window(window, settle):
    """The shared admin window, opened on the dashboard as after sign-in."""
    window.open_page("dashboard")
    settle()
    return window


def test_auto_lock_fires_and_unlock_returns_to_the_same_page_and_form(qtbot, window, settle, studio):
    services = studio[0]
    window.idle.set_timeout(60 * 60_000)  # no lock while the scene is set up, however slow
    window.open_page("staff")
    settle()
    window.pages["staff"].new_item()
    dialog = next(w for w in window.findChildren(QDialog) if w.isVisible())
    dialog.name.setText("Half-typed name")
    window.idle.set_timeout(300)
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    assert not dialog.isVisible()  # the form in progress is out of sight while locked
    form = window.lock_screen.form
    assert form.email.text() == "ana@studio.test" and form.email.isReadOnly()
    qtbot.keyClicks(form.password, "wrong password here")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.error.isVisibleTo(window), timeout=10_000)
    assert window.locked
    qtbot.keyClicks(form.password, ADMIN_PASSWORD)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    settle()
    assert window.current_key == "staff"
    assert dialog.isVisible() and dialog.name.text() == "Half-typed name"
    actions = [e.action for e in services.audit.events(window.actor)]
    assert audit.SESSION_LOCKED in actions and audit.SESSION_UNLOCKED in actions
    dialog.reject()


def test_ctrl_l_locks_at_once(qtbot, window):
    window.idle.set_timeout(10 * 60_000)
    window.lock_action.trigger()
    assert window.locked


def test_switch_user_from_the_lock_screen_logs_out(qtbot, window, settle):
    window.lock()
    with qtbot.waitSignal(window.logged_out, timeout=5_000):
        window.lock_screen.switch_user.emit()
    settle()


def test_staff_page_adds_a_member_and_shows_field_errors(qtbot, window, settle, studio):
    services, admin, _ = studio
    window.idle.set_timeout(10 * 60_000)
    window.open_page("staff")
    settle()
    page = window.pages["staff"]
    assert page.model.rowCount() == 2
    page.new_item()
    dialog = next(w for w in window.findChildren(QDialog) if w.isVisible())
    dialog.name.setText("Jonas Lindqvist")
    dialog.email.setText("not-an-email")
    dialog.password.setText("quiet meadow lantern 99")
    dialog.confirm.setText("quiet meadow lantern 99")
    dialog.save()
    settle()
    assert "email address" in dialog.fields["email"].error.text()
    assert len(services.staff.list_staff(admin)) == 2  # nothing was written
    dialog.email.setText("jonas@studio.test")
    dialog.save()
    settle()
    assert not dialog.isVisible()
    settle()
    assert page.model.rowCount() == 3
    page.filter.setText("jonas")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 1).data() == "jonas@studio.test"


def test_last_admin_cannot_be_deactivated_from_the_page(qtbot, window, settle, studio):
    services, admin, _ = studio
    window.idle.set_timeout(10 * 60_000)
    window.open_page("staff")
    settle()
    page = window.pages["staff"]
    row = next(i for i, s in enumerate(page.model.rows) if s.id == admin.staff_id)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Menu)  # the row's context menu, from the keyboard
    choose_menu_action(qtbot, "Deactivate")
    press(qtbot, "Deactivate", title="Deactivate staff")
    assert "last active admin" in message(qtbot, title="Staff")
    settle()
    assert all(s.active for s in services.staff.list_staff(admin))


def test_models_pass_the_qt_model_tester(qtmodeltester, window, settle, studio):
    window.idle.set_timeout(10 * 60_000)
    for key in ("staff", "audit"):
        window.open_page(key)
        settle()
    staff_model: StaffModel = window.pages["staff"].model
    audit_model: AuditModel = window.pages["audit"].model
    assert staff_model.rowCount() == 2 and audit_model.rowCount() > 0
    qtmodeltester.check(staff_model)
    qtmodeltester.check(audit_model)


def test_audit_page_filters_and_pages_in_as_the_admin_scrolls(qtbot, window, settle, studio):
    services, admin, _ = studio
    window.idle.set_timeout(10 * 60_000)
    for _ in range(250):
        services.auth.lock(admin, reason="bulk")  # cheap audit rows: no hashing
    window.open_page("audit")
    settle()
    page = window.pages["audit"]
    total = page.model.total
    assert total > 250
    assert page.model.rowCount() == page.model.PAGE_SIZE  # one page at a time
    services.auth.lock(admin, reason="written while the admin reads")  # newer: not in this list
    scroll_to_the_end(qtbot, page.table, total)
    ids = [r.id for r in page.model.rows]
    assert len(set(ids)) == total and ids == sorted(ids, reverse=True)  # none twice, none skipped
    page.category.setCurrentIndex([c[1] for c in __import__("studio.ui.audit.page", fromlist=["x"]).CATEGORIES].index("login."))
    settle()
    assert page.model.total == page.model.rowCount()
    assert {r.action for r in page.model.rows} <= {audit.LOGIN_OK, audit.LOGIN_FAILED, audit.LOGIN_LOCKED}
    assert page.count_label.text().endswith("events") or page.count_label.text().endswith("event")


def test_an_unexpected_error_shows_one_calm_dialog_and_the_app_carries_on(qtbot, window, settle, ctx):
    def broken():
        raise RuntimeError("boom")

    ctx.tasks.run(broken)
    settle()
    shown = message(qtbot, title="Linework")  # read on screen, then closed with Enter
    assert "did not finish" in shown and "the details were written to the log" in shown.lower()
    assert "boom" not in shown
    assert ctx.crash.shown == [shown]
    window.open_page("staff")
    settle()
    assert window.current_key == "staff"


def _from_the_account_menu(qtbot, window, text: str):
    """Click the account button, pick ``text`` on its menu, and return the dialog it opens."""
    from studio.ui.kit.form_dialog import FormDialog

    qtbot.mouseClick(window.user_button, Qt.MouseButton.LeftButton)
    choose_menu_action(qtbot, text)
    return find_dialog(qtbot, FormDialog)


def test_change_own_password_from_the_account_menu(qtbot, window, settle, studio):
    from studio.ui.accounts.change_password import ChangePasswordDialog

    services = studio[0]
    window.idle.set_timeout(10 * 60_000)
    dialog = _from_the_account_menu(qtbot, window, "Change password…")
    assert isinstance(dialog, ChangePasswordDialog)
    dialog.current.setText("wrong current password")
    dialog.password.setText("brass kettle morning tide 8")
    dialog.confirm.setText("brass kettle morning tide 8")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields["current"].error.text() != "", timeout=10_000)
    assert dialog.fields["current"].error.text() == "Your current password is not right."
    dialog.current.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the change-password dialog")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.auth.login("ana@studio.test", "brass kettle morning tide 8").name == "Ana Ruiz"


def test_studio_settings_from_the_account_menu_save_and_update_the_window(qtbot, window, settle, studio):
    from studio.ui.settings.dialog import SettingsDialog

    window.idle.set_timeout(10 * 60_000)
    dialog = _from_the_account_menu(qtbot, window, "Studio settings…")
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.name.text() == "Ink & Iron", timeout=10_000)
    dialog.name.setText("Ink & Iron Porto")
    dialog.idle.setCurrentIndex(dialog.idle.findData(15))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "the settings dialog")
    qtbot.waitUntil(lambda: window.brand.full_text() == "Ink & Iron Porto", timeout=10_000)  # whole or ending in …
    assert window.idle.timeout_ms == 15 * 60_000
    assert studio[0].settings.studio().idle_lock_minutes == 15
    assert window.message.text() == "Studio settings saved."


def test_the_account_menu_shows_an_artist_only_what_they_may_do(qtbot, artist_window):
    from PySide6.QtWidgets import QMenu

    qtbot.mouseClick(artist_window.user_button, Qt.MouseButton.LeftButton)
    menu = find_dialog(qtbot, QMenu)
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert labels == ["Change password…", "Theme", "Language", "Lock", "Log out"]


def test_damage_found_while_working_says_so_and_what_to_do(qtbot, window, settle, ctx):
    import sqlite3

    def reads_a_damaged_page():
        raise sqlite3.DatabaseError("database disk image is malformed")

    ctx.tasks.run(reads_a_damaged_page)
    settle()
    shown = message(qtbot, title="Linework")
    assert shown.startswith("Linework can't read this studio's database: SQLite says database disk image is malformed.")
    assert "studio backup restore" in shown and "Something went wrong" not in shown


def test_the_studios_country_from_settings_changes_how_dates_and_money_are_written(qtbot, window, settle, studio):
    from studio.services.common import current_locale, current_region, money
    from studio.ui.settings.dialog import SettingsDialog

    services, admin, _artist = studio
    window.idle.set_timeout(10 * 60_000)
    dialog = _from_the_account_menu(qtbot, window, "Studio settings…")
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.region.currentData() == "PT", timeout=10_000)  # guessed from Lisbon and EUR
    dialog.region.setCurrentIndex(dialog.region.findData("US"))
    assert dialog.region.currentText() == "United States"
    with qtbot.waitSignal(window.rebuild, timeout=10_000):  # built again, written the new way
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.settings.region() == "US" and current_region() == "US"
    assert current_locale() == "en_US" and money(123450, "USD") == "$1,234.50"
    assert QLocale().name() == "en_US"  # Qt's own widgets too
    changed = services.audit.events(admin)[0]
    assert "Country: PT → US" in changed.detail
