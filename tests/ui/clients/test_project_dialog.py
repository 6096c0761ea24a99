"""A project from the client view's History tab: started with "New project…", opened with
a double-click, edited and saved, its reference images added from a file and removed."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit

from studio.services.clients import ClientInput
from studio.ui.clients.project_dialog import ProjectDialog
from tests.ui.dialogs import choose_path, click, find_dialog, message, press, wait_closed
from tests.ui.scheduling.client_view import click_tab, open_client


@pytest.fixture
def zoe(studio):
    services, admin, _artist = studio
    return services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id


def history_of(qtbot, window, settle, client_id):
    dialog = open_client(qtbot, window, settle, client_id)
    click_tab(qtbot, dialog, dialog.history)
    qtbot.waitUntil(lambda: dialog.history_panel.loaded, timeout=5_000)
    return dialog


def opened_project(qtbot) -> ProjectDialog:
    project = find_dialog(qtbot, ProjectDialog)
    qtbot.waitUntil(lambda: project.record is not None, timeout=5_000)
    return project


def open_by_double_click(qtbot, window, settle, client_id):
    client = history_of(qtbot, window, settle, client_id)
    table = client.history_panel.projects
    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return client, opened_project(qtbot)


def close_all(qtbot, settle, client, project) -> None:
    qtbot.keyClick(project, Qt.Key.Key_Escape)
    wait_closed(qtbot, project, "Esc")
    client.reject()
    settle()


def test_new_project_is_typed_saved_and_listed(qtbot, window, settle, studio, zoe):
    services, admin, _artist = studio
    client = history_of(qtbot, window, settle, zoe)
    panel = client.history_panel
    assert not panel.projects.isVisibleTo(client)
    click(qtbot, client, "New project…")
    ask = find_dialog(qtbot, QInputDialog)
    edit = ask.findChild(QLineEdit)
    qtbot.keyClicks(edit, "Koi <b>sleeve</b>")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_closed(qtbot, ask, "Enter")
    project = opened_project(qtbot)
    assert project.title_edit.text() == "Koi <b>sleeve</b>"
    qtbot.keyClicks(project.placement, "Left calf")
    qtbot.keyClicks(project.quote, "900")
    qtbot.keyClick(project.placement, Qt.Key.Key_Return)
    wait_closed(qtbot, project, "Enter")
    qtbot.waitUntil(lambda: panel.projects.rowCount() == 1 and panel.projects.item(0, 0).toolTip() == "Left calf",
                    timeout=5_000)  # listed when made, then read again once saved
    assert panel.projects.isVisibleTo(client) and panel.projects.item(0, 0).text() == "Koi <b>sleeve</b>"
    (saved,) = services.projects.client_projects(admin, zoe)
    assert (saved.title, saved.placement, saved.quote_cents) == ("Koi <b>sleeve</b>", "Left calf", 90000)
    client.reject()
    settle()


def test_a_blank_name_makes_no_project(qtbot, window, settle, studio, zoe):
    services, admin, _artist = studio
    client = history_of(qtbot, window, settle, zoe)
    click(qtbot, client, "New project…")
    ask = find_dialog(qtbot, QInputDialog)
    qtbot.keyClick(ask.findChild(QLineEdit), Qt.Key.Key_Return)
    wait_closed(qtbot, ask, "Enter")
    assert "name" in message(qtbot)
    assert services.projects.client_projects(admin, zoe) == ()
    client.reject()
    settle()


def test_an_image_added_by_hand_shows_as_a_thumbnail_and_is_stored(qtbot, window, settle, studio, zoe, tmp_path):
    services, admin, _artist = studio
    made = services.projects.create(admin, zoe, "Koi sleeve")
    picture = tmp_path / "koi.jpg"
    Image.new("RGB", (300, 200), (30, 90, 160)).save(picture, format="JPEG")
    client, project = open_by_double_click(qtbot, window, settle, zoe)
    assert project.title_edit.text() == "Koi sleeve"
    click(qtbot, project, "Add image…")
    choose_path(qtbot, picture)
    qtbot.waitUntil(lambda: project.thumbnails_shown() == 1, timeout=5_000)
    assert len(services.projects.project(admin, made.id).images) == 1
    assert not project.no_images.isVisibleTo(project)
    close_all(qtbot, settle, client, project)


def test_a_file_that_is_not_an_image_says_so_and_adds_nothing(qtbot, window, settle, studio, zoe, tmp_path):
    services, admin, _artist = studio
    made = services.projects.create(admin, zoe, "Koi sleeve")
    notes = tmp_path / "koi.jpg"
    notes.write_text("not a picture at all")
    client, project = open_by_double_click(qtbot, window, settle, zoe)
    click(qtbot, project, "Add image…")
    choose_path(qtbot, notes)
    assert "isn't an image Linework can read" in message(qtbot)
    assert project.images.count() == 0
    assert services.projects.project(admin, made.id).images == ()
    close_all(qtbot, settle, client, project)


def test_removing_an_image_asks_first(qtbot, window, settle, studio, zoe, tmp_path):
    services, admin, _artist = studio
    made = services.projects.create(admin, zoe, "Koi sleeve")
    picture = tmp_path / "koi.png"
    Image.new("RGB", (40, 40), (10, 200, 10)).save(picture)
    services.projects.add_image(admin, made.id, picture.read_bytes())
    client, project = open_by_double_click(qtbot, window, settle, zoe)
    qtbot.waitUntil(lambda: project.thumbnails_shown() == 1, timeout=5_000)
    rect = project.images.visualItemRect(project.images.item(0))
    qtbot.mouseClick(project.images.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(qtbot, project, "Remove")
    press(qtbot, "Remove")
    qtbot.waitUntil(lambda: project.images.count() == 0, timeout=5_000)
    assert services.projects.project(admin, made.id).images == ()
    close_all(qtbot, settle, client, project)


def test_unsaved_changes_are_asked_about_on_esc(qtbot, window, settle, studio, zoe):
    services, admin, _artist = studio
    made = services.projects.create(admin, zoe, "Koi sleeve")
    client, project = open_by_double_click(qtbot, window, settle, zoe)
    qtbot.keyClicks(project.notes, "Colour next spring")
    qtbot.keyClick(project.title_edit, Qt.Key.Key_Escape)
    press(qtbot, "Save")
    wait_closed(qtbot, project, "Save")
    assert services.projects.project(admin, made.id).notes == "Colour next spring"
    client.reject()
    settle()
