"""The dashboard: a full row of cards for every role, next steps that go where they say,
and fresh figures after an unlock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from studio.services.clients import ClientInput
from tests.ui.conftest import ADMIN_PASSWORD, open_window


def cards(page) -> dict[str, str]:
    """Each card's title and big value, as shown, in column order."""
    shown = {}
    for column in range(page.grid.columnCount()):
        item = page.grid.itemAtPosition(0, column)
        if item is None or item.widget() is None:
            continue
        texts = [w.text() for w in item.widget().findChildren(type(page.title_label))]
        shown[texts[0]] = texts[1]
    return shown


def steps(page) -> dict[str, QPushButton]:
    return {b.text(): b for b in page.findChildren(QPushButton, "GettingStarted")}


def dashboard(window, settle):
    window.open_page("dashboard")
    settle()
    return window.pages["dashboard"]


@pytest.mark.parametrize("role, expected", [
    ("admin", ["TEAM", "CLIENTS", "YOU", "SECURITY"]),
    ("artist", ["TEAM", "CLIENTS", "YOU"]),
])
def test_every_role_gets_a_full_row_of_cards(qtbot, ctx, settle, studio, role, expected):
    services, admin, artist = studio
    actor = admin if role == "admin" else artist
    window = open_window(qtbot, ctx, settle, services, actor)
    page = dashboard(window, settle)
    shown = cards(page)
    assert list(shown) == expected
    assert page.grid.columnCount() == len(expected)  # no empty slot at the end of the row
    first = page.grid.itemAtPosition(0, 0).widget().width()
    last = page.grid.itemAtPosition(0, len(expected) - 1).widget().width()
    assert abs(first - last) <= 2  # the row is shared evenly
    window.close()


def test_getting_started_lines_go_where_they_say(qtbot, window, settle):
    page = dashboard(window, settle)
    links = steps(page)
    assert "Add your first client" in links
    qtbot.mouseClick(links["Add your first client"], Qt.MouseButton.LeftButton)
    assert window.current_key == "clients"
    page = dashboard(window, settle)
    qtbot.mouseClick(steps(page)["See where backups go and when they run"], Qt.MouseButton.LeftButton)
    assert window.current_key == "backups"
    page = dashboard(window, settle)
    lock = next(b for text, b in steps(page).items() if text.startswith("Lock the screen"))
    qtbot.mouseClick(lock, Qt.MouseButton.LeftButton)
    assert window.locked


def test_unlocking_shows_what_changed_while_locked(qtbot, window, settle, studio):
    services, admin, _ = studio
    page = dashboard(window, settle)
    assert cards(page)["CLIENTS"] == "0"
    window.lock_action.trigger()
    services.clients.create(admin, ClientInput(full_name="Rosa Amaral"))  # at the desk's other PC
    form = window.lock_screen.form
    qtbot.keyClicks(form.password, ADMIN_PASSWORD)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    qtbot.waitUntil(lambda: cards(page).get("CLIENTS") == "1", timeout=10_000)
    settle()


@pytest.mark.parametrize("role, advice", [("admin", "Open Backups to back up now."),
                                          ("artist", "Tell an admin.")])
def test_the_backup_warning_says_what_this_role_can_do(qtbot, ctx, settle, studio, role, advice):
    services, admin, artist = studio
    window = open_window(qtbot, ctx, settle, services, admin if role == "admin" else artist)
    page = dashboard(window, settle)
    qtbot.waitUntil(page.cards["backup"].isVisible, timeout=10_000)
    assert page.cards["backup"].text.text() == f"There is no backup yet. {advice}"
    window.close()
