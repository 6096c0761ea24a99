"""The Staff page: its empty state whole, and a person's role, password and account
reached from the Edit dialog and the row's buttons, by clicks, with the service's refusals
shown as its sentences."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services.common import Role
from studio.ui.accounts.staff_form import ResetPasswordDialog, StaffDialog
from studio.ui.shell.main_window import MINIMUM_SIZE
from tests.ui.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, ARTIST_EMAIL, open_window
from tests.ui.dialogs import cancel, find_dialog, focus, press, wait_closed

NEW_PASSWORD = "quiet meadow lantern 99"


def staff_page(window, settle):
    window.open_page("staff")
    settle()
    return window.pages["staff"]


def click_row(qtbot, page, email: str) -> None:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 1).data() == email)
    rect = page.table.visualRect(page.proxy.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected() is not None and page.selected().email == email


def edit(qtbot, page, email: str) -> StaffDialog:
    click_row(qtbot, page, email)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    return find_dialog(qtbot, StaffDialog)


def choose_role(qtbot, dialog: StaffDialog, role: Role) -> None:
    """Picks ``role`` in the Role box with the arrow keys, as from the keyboard."""
    focus(qtbot, dialog.role)
    qtbot.keyClick(dialog.role, Qt.Key.Key_Home)
    for _ in range(list(Role).index(role)):
        qtbot.keyClick(dialog.role, Qt.Key.Key_Down)
    assert dialog.role.currentData() == role.value


def test_the_empty_state_shows_its_whole_sentence_at_every_size(qtbot, ctx, settle, ui_services):
    admin = ui_services.setup.create_studio(studio_name="Solo", timezone="UTC", currency="EUR", admin_name="Ana",
                                            admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    window = open_window(qtbot, ctx, settle, ui_services, admin)
    page = staff_page(window, settle)
    assert page.empty.isVisibleTo(window)
    for size in (MINIMUM_SIZE, (1280, 720), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=5_000)
        for line in (page.empty.title, page.empty.text):
            qtbot.waitUntil(lambda: line.heightForWidth(line.width()) <= line.height(), timeout=5_000)
            inside = line.geometry().bottom() <= page.empty.contentsRect().bottom()
            assert inside, f"the last line of “{line.text()}” is cut at {size}"
    window.idle.stop()
    window.close()
    settle()


def test_the_role_changes_from_the_edit_dialog(qtbot, window, settle, studio):
    services, admin, artist = studio
    page = staff_page(window, settle)
    dialog = edit(qtbot, page, ARTIST_EMAIL)
    assert "right-click" not in " ".join(w.text() for w in dialog.findChildren(type(page.empty.text)))
    choose_role(qtbot, dialog, Role.FRONT_DESK)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "Save")
    settle()
    assert services.staff.list_staff(admin)[[s.id for s in services.staff.list_staff(admin)].index(artist.staff_id)] \
        .role == Role.FRONT_DESK
    qtbot.waitUntil(lambda: any(page.proxy.index(r, 2).data() == "Front desk" for r in range(page.proxy.rowCount())),
                    timeout=5_000)


def test_the_last_admin_is_neither_demoted_nor_deactivated_and_the_dialog_says_why(qtbot, window, settle, studio):
    services, admin, _ = studio
    page = staff_page(window, settle)
    dialog = edit(qtbot, page, ADMIN_EMAIL)
    choose_role(qtbot, dialog, Role.ARTIST)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields["role"].error.isVisible(), timeout=5_000)
    assert "last active admin" in dialog.fields["role"].error.text() and dialog.isVisible()
    assert dialog.active_button.text() == "Deactivate" and dialog.active_button.property("variant") == "danger"
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Deactivate", title="Deactivate staff")
    qtbot.waitUntil(lambda: dialog.general.isVisible(), timeout=5_000)
    assert "is the last active admin. Make someone else an admin first." in dialog.general.text()
    assert dialog.active_button.text() == "Deactivate"
    cancel(qtbot, StaffDialog)
    me = next(s for s in services.staff.list_staff(admin) if s.id == admin.staff_id)
    assert me.active and me.role == Role.ADMIN


def test_a_password_is_reset_from_the_edit_dialog(qtbot, window, settle, studio):
    services, _admin, _ = studio
    page = staff_page(window, settle)
    dialog = edit(qtbot, page, ARTIST_EMAIL)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    asked = find_dialog(qtbot, ResetPasswordDialog)
    qtbot.keyClicks(asked.password, NEW_PASSWORD)
    qtbot.keyClicks(asked.confirm, NEW_PASSWORD)
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, asked, "Set password")
    settle()
    assert "New password set" in window.message.text()
    cancel(qtbot, StaffDialog)
    assert services.auth.login(ARTIST_EMAIL, NEW_PASSWORD).email == ARTIST_EMAIL


def test_deactivate_and_reactivate_from_the_edit_dialog(qtbot, window, settle, studio):
    services, admin, artist = studio
    page = staff_page(window, settle)
    dialog = edit(qtbot, page, ARTIST_EMAIL)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Deactivate", title="Deactivate staff")
    qtbot.waitUntil(lambda: dialog.active_button.text() == "Reactivate", timeout=5_000)
    assert not next(s for s in services.staff.list_staff(admin) if s.id == artist.staff_id).active
    assert "Deactivated" in dialog.account_state.text()
    qtbot.waitUntil(lambda: page.selected() is not None and not page.selected().active, timeout=5_000)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)  # no question to let them back
    qtbot.waitUntil(lambda: dialog.active_button.text() == "Deactivate", timeout=5_000)
    cancel(qtbot, StaffDialog)
    assert next(s for s in services.staff.list_staff(admin) if s.id == artist.staff_id).active


def test_the_row_buttons_follow_the_chosen_row(qtbot, window, settle, studio):
    services, admin, artist = studio
    page = staff_page(window, settle)
    page.table.clearSelection()
    assert not any(b.isEnabled() for b in (page.edit_button, page.reset_button, page.active_button))
    click_row(qtbot, page, ARTIST_EMAIL)
    assert all(b.isEnabled() for b in (page.edit_button, page.reset_button, page.active_button))
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Deactivate", title="Deactivate staff")
    qtbot.waitUntil(lambda: page.active_button.text() == "Reactivate", timeout=5_000)
    assert not next(s for s in services.staff.list_staff(admin) if s.id == artist.staff_id).active
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    cancel(qtbot, ResetPasswordDialog)
