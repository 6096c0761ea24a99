"""The shipped Tattoo ideas plugin (plugins/tattoo_ideas) loaded through the real plugin host
into a real main window, used as a person does: images added through the file chooser,
thumbnails appearing, tags filtering the grid, the preview zoomed, an idea attached to a
client and seen (and removed) on the client view's Ideas tab."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListView,
    QListWidget,
    QMessageBox,
    QWidget,
)

from studio.services.clients import ClientInput
from tests.ui.dialogs import (
    cancel,
    choose_menu_action,
    choose_path,
    click,
    click_on,
    find_dialog,
    focus,
    press,
    wait_closed,
)
from tests.plugins.test_tattoo_ideas_store import alpha_png, rotated_jpeg
from tests.ui.plugins.conftest import DEADLINE
from tests.ui.scheduling.client_view import click_tab, open_client

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = ROOT / "plugins" / "tattoo_ideas"
PAGE_KEY = "tattoo_ideas.ideas"
THUMBS = 10_000  # a thumbnail is a few ms; a loaded CI machine gets ten seconds


def red_top_jpeg(path: Path) -> Path:
    """A landscape JPEG, red on its left half, whose EXIF says "turn 90° clockwise": shown
    upright it is a portrait, red on top."""
    return rotated_jpeg(path, (600, 400))


def green_png(path: Path) -> Path:
    """A green disc on a transparent square."""
    return alpha_png(path, (300, 300), (20, 180, 60, 255))


@pytest.fixture
def ideas(plugged):
    """The admin's window with the shipped plugin loaded by the host (from a copy of
    plugins/tattoo_ideas in the test's shipped folder)."""
    shutil.copytree(PLUGIN, plugged.shipped / "tattoo_ideas", ignore=shutil.ignore_patterns("__pycache__"))
    window = plugged.open()
    assert plugged.state("tattoo_ideas") == "loaded", plugged.host.status("tattoo_ideas").error
    return window


def open_ideas(plugged, window) -> QWidget:
    click_on(plugged.qtbot, window.nav[PAGE_KEY])
    page = window.findChild(QWidget, "IdeasPage")
    assert page is not None and page.isVisible()
    plugged.qtbot.waitUntil(lambda: page.loaded, timeout=DEADLINE)
    return page


def add_images(plugged, page, *paths: Path) -> None:
    click(plugged.qtbot, page, "Add images…")
    choose_path(plugged.qtbot, " ".join(f'"{p}"' for p in paths), title="Add images")


def grid_of(page) -> QListView:
    return page.findChild(QListView, "IdeasGrid")


def titles(grid: QListView) -> list[str]:
    model = grid.model()
    return [model.index(row).data() for row in range(model.rowCount())]


def shown_tile(qtbot, grid: QListView, title: str):
    """The grid as painted, and the rectangle of the tile titled ``title``, once every tile
    on screen shows its real thumbnail (not the placeholder)."""
    model = grid.model()
    row = titles(grid).index(title)
    qtbot.waitUntil(lambda: all(model.index(r).data(Qt.ItemDataRole.DecorationRole) is not None
                                for r in range(model.rowCount())), timeout=THUMBS)
    QApplication.processEvents()
    return grid.viewport().grab().toImage(), grid.visualRect(model.index(row))


def click_tile(qtbot, grid: QListView, title: str) -> None:
    rect = grid.visualRect(grid.model().index(titles(grid).index(title)))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: grid.currentIndex().data() == title, timeout=DEADLINE)


def is_reddish(color: QColor) -> bool:
    return color.red() > 180 and color.green() < 90 and color.blue() < 90


def test_added_images_show_their_thumbnails_upright_and_an_unreadable_file_is_named(plugged, ideas, tmp_path):
    page = open_ideas(plugged, ideas)
    assert page.findChild(QWidget, "EmptyState").isVisible()
    bad = tmp_path / "price list.jpg"
    bad.write_text("koi 300, rose 120", encoding="utf-8")
    add_images(plugged, page, red_top_jpeg(tmp_path / "koi_flash.jpg"), green_png(tmp_path / "rose.png"), bad)
    grid = grid_of(page)
    qtbot = plugged.qtbot
    qtbot.waitUntil(lambda: sorted(titles(grid)) == ["koi flash", "rose"] and page.add_button.isEnabled(),
                    timeout=THUMBS)
    problems = page.findChild(QWidget, "IdeasProblems")
    assert problems.isVisible()
    assert problems.text() == ("price list.jpg was not added: it is not an image Linework can read "
                               "(or the file is damaged).")
    assert page.count.text() == "2 images"
    picture, tile = shown_tile(qtbot, grid, "koi flash")
    # Upright, a portrait: red across its whole top (a landscape 160 px wide would start lower,
    # red only on its left), white at its bottom.
    for x in (tile.center().x() - 40, tile.center().x() + 40):
        top = QPoint(x, tile.top() + 28)
        assert is_reddish(picture.pixelColor(top)), (top, picture.pixelColor(top).name())
    assert picture.pixelColor(QPoint(tile.center().x(), tile.top() + 150)).lightness() > 220
    _picture, tile = shown_tile(qtbot, grid, "rose")
    assert picture.pixelColor(tile.center() + QPoint(0, -10)).green() > 150
    stored = list((plugged.services.plugins.data_folder("tattoo_ideas") / "images").iterdir())
    assert len(stored) == 2 and {p.suffix for p in stored} == {".jpg", ".png"}


def test_tags_filter_the_grid_and_the_search_finds_titles_and_tags(plugged, ideas, tmp_path):
    qtbot = plugged.qtbot
    page = open_ideas(plugged, ideas)
    add_images(plugged, page, red_top_jpeg(tmp_path / "koi.jpg"), green_png(tmp_path / "rose.png"))
    grid = grid_of(page)
    qtbot.waitUntil(lambda: len(titles(grid)) == 2, timeout=THUMBS)
    click_tile(qtbot, grid, "koi")
    edit = page.findChild(QLineEdit, "IdeasTagEdit")
    click_on(qtbot, edit)
    qtbot.keyClicks(edit, "japanese & koi")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    # What a chip reads ("&&" is how a button shows "&" rather than underline the next letter).
    chips = lambda: [b.text().replace("&&", "&") for b in page.findChildren(QWidget, "IdeasTagChip")  # noqa: E731
                     if b.isVisible()]
    qtbot.waitUntil(lambda: chips() == ["japanese & koi"], timeout=DEADLINE)

    combo = page.findChild(QComboBox, "IdeasTagFilter")
    qtbot.waitUntil(lambda: combo.findText("japanese & koi") > 0, timeout=DEADLINE)
    click_on(qtbot, combo)
    qtbot.keyClick(QApplication.focusWidget() or combo, Qt.Key.Key_Escape)  # the list popped up: closed again
    combo.setFocus()
    qtbot.keyClicks(combo, "j")  # a closed combo picks the item its typed letters begin
    qtbot.waitUntil(lambda: titles(grid) == ["koi"], timeout=DEADLINE)
    assert page.count.text() == "1 image"
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # "All tags", the first
    qtbot.waitUntil(lambda: len(titles(grid)) == 2, timeout=DEADLINE)

    search = page.findChild(QLineEdit, "IdeasSearch")
    focus(qtbot, grid)
    qtbot.keyClick(ideas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: the search
    qtbot.waitUntil(search.hasFocus, timeout=DEADLINE)
    qtbot.keyClicks(search, "JAPAN")  # a tag, in any case
    qtbot.waitUntil(lambda: titles(grid) == ["koi"], timeout=DEADLINE)
    search.clear()
    qtbot.keyClicks(search, "ros")  # a title
    qtbot.waitUntil(lambda: titles(grid) == ["rose"], timeout=DEADLINE)
    qtbot.keyClicks(search, "x")
    qtbot.waitUntil(lambda: page.no_match.isVisible(), timeout=DEADLINE)

    search.clear()
    qtbot.waitUntil(lambda: len(titles(grid)) == 2, timeout=DEADLINE)
    click_tile(qtbot, grid, "koi")
    qtbot.waitUntil(lambda: chips() == ["japanese & koi"], timeout=DEADLINE)
    chip = next(b for b in page.findChildren(QWidget, "IdeasTagChip") if b.isVisible())
    assert chip.shortcut().isEmpty()  # the "&" in the tag is shown, not taken for a shortcut key
    click_on(qtbot, chip)  # the chip's × removes the tag
    qtbot.waitUntil(lambda: chips() == [] and combo.findText("japanese & koi") < 0, timeout=DEADLINE)


def test_the_preview_opens_on_enter_zooms_and_closes_on_esc(plugged, ideas, tmp_path):
    qtbot = plugged.qtbot
    page = open_ideas(plugged, ideas)
    Image.new("RGB", (2400, 1600), (40, 40, 160)).save(tmp_path / "sheet.jpg")
    add_images(plugged, page, tmp_path / "sheet.jpg")
    grid = grid_of(page)
    qtbot.waitUntil(lambda: titles(grid) == ["sheet"], timeout=THUMBS)
    click_tile(qtbot, grid, "sheet")
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    preview = find_dialog(qtbot, QDialog, title="sheet")
    qtbot.waitUntil(lambda: preview.view.item is not None, timeout=THUMBS)
    fitted = preview.view.zoom()
    assert 0 < fitted < 1 and preview.status.text() == f"2400 × 1600 px · {round(fitted * 100)}%"
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus)
    assert preview.view.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(preview.view, Qt.Key.Key_1)
    assert preview.view.zoom() == pytest.approx(1.0) and preview.status.text().endswith("· 100%")
    click(qtbot, preview, "Fit")
    assert preview.view.zoom() == pytest.approx(fitted)
    viewport = preview.view.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)  # Ctrl+wheel up: one step in
    assert preview.view.zoom() == pytest.approx(fitted * 1.25)
    cancel(qtbot, QDialog, title="sheet")


def test_an_idea_attached_to_a_client_and_project_shows_on_their_ideas_tab(plugged, ideas, tmp_path):
    qtbot, services, admin = plugged.qtbot, plugged.services, plugged.admin
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín", phone="+351 912 345 678")).id
    services.clients.create(admin, ClientInput(full_name="Zack <b>Bold</b> Doe"))
    services.projects.create(admin, zoe, "Koi sleeve")
    page = open_ideas(plugged, ideas)
    add_images(plugged, page, red_top_jpeg(tmp_path / "koi.jpg"))
    grid = grid_of(page)
    qtbot.waitUntil(lambda: titles(grid) == ["koi"], timeout=THUMBS)
    click_tile(qtbot, grid, "koi")
    click(qtbot, page, "Attach to client…")
    dialog = find_dialog(qtbot, QDialog, title="Attach to client")
    search = dialog.findChild(QLineEdit, "IdeasClientSearch")
    click_on(qtbot, search)
    qtbot.keyClicks(search, "zo")
    results = dialog.findChild(QListWidget, "IdeasClientResults")
    qtbot.waitUntil(lambda: results.count() == 1, timeout=DEADLINE)
    assert results.item(0).text().startswith("Zoë Martín")
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton,
                     pos=results.visualItemRect(results.item(0)).center())
    project = dialog.findChild(QComboBox, "IdeasProject")
    qtbot.waitUntil(lambda: project.isEnabled() and project.count() == 2, timeout=DEADLINE)
    project.setFocus()
    qtbot.keyClicks(project, "k")
    assert project.currentText() == "Koi sleeve"
    click(qtbot, dialog, "Attach")
    wait_closed(qtbot, dialog, "Attach")
    qtbot.waitUntil(lambda: ideas.message.text() == "Attached “koi” to Zoë Martín, Koi sleeve.",
                    timeout=DEADLINE)

    view = open_client(qtbot, ideas, plugged.settle, zoe)
    tab = next(view.tabs.widget(i) for i in range(view.tabs.count()) if view.tabs.tabText(i) == "Ideas")
    click_tab(qtbot, view, tab)
    ideas_tab = tab.findChild(QWidget, "IdeasClientTab")
    tab_grid = ideas_tab.findChild(QListView, "IdeasGrid")
    qtbot.waitUntil(lambda: ideas_tab.loaded and titles(tab_grid) == ["koi"], timeout=DEADLINE)
    assert tab_grid.model().index(0).data(Qt.UserRole + 2) == "koi · Koi sleeve"
    picture, tile = shown_tile(qtbot, tab_grid, "koi")
    assert is_reddish(picture.pixelColor(QPoint(tile.center().x() + 40, tile.top() + 28)))
    click_tile(qtbot, tab_grid, "koi")
    click(qtbot, ideas_tab, "Remove from client")
    qtbot.waitUntil(lambda: titles(tab_grid) == [] and ideas_tab.empty.isVisible(), timeout=DEADLINE)
    cancel(qtbot, type(view))


def test_loading_the_plugin_is_cheap_it_imports_neither_pillow_nor_its_widgets():
    """Importing the plugin and its register() in a fresh process, with the real App and
    Ui: a few ms, and the heavy parts (Pillow, sqlite3, the page, the store) wait until the
    page is first opened."""
    script = textwrap.dedent(f"""
        import json, sys, time
        from pathlib import Path
        from studio.plugin_api import App, Ui
        from studio.plugin_api.ui import Contributions
        from studio.ui.plugins.loading import find, import_plugin
        entry = next(e for e in find([(Path({str(PLUGIN.parent)!r}), "shipped")]) if e.id == "tattoo_ideas")
        before = set(sys.modules)
        started = time.perf_counter()
        module = import_plugin(entry)
        imported = time.perf_counter()
        added = Contributions()
        module.register(App("tattoo_ideas", lambda: None, lambda: None, added.hooks),
                        Ui("tattoo_ideas", added, None))
        registered = time.perf_counter()
        new = sorted(set(sys.modules) - before)
        print(json.dumps({{"import_ms": (imported - started) * 1000, "register_ms": (registered - imported) * 1000,
                          "new": new, "pages": [p.key for p in added.pages],
                          "tabs": [t.key for t in added.client_tabs]}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said["pages"] == [PAGE_KEY] and said["tabs"] == ["tattoo_ideas.client_ideas"]
    assert said["register_ms"] < 5 and said["import_ms"] < 20, said
    heavy = [name for name in said["new"] if name.split(".")[0] in ("PIL", "sqlite3", "_sqlite3")
             or name.rsplit(".", 1)[-1] in ("page", "store", "thumbs", "imaging", "grid", "client_tab")]
    assert heavy == [], heavy


def test_removing_an_image_asks_first_then_takes_its_file_thumbnail_and_attachments(plugged, ideas, tmp_path):
    qtbot, services, admin = plugged.qtbot, plugged.services, plugged.admin
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id
    page = open_ideas(plugged, ideas)
    add_images(plugged, page, red_top_jpeg(tmp_path / "koi.jpg"), green_png(tmp_path / "rose.png"))
    grid = grid_of(page)
    qtbot.waitUntil(lambda: sorted(titles(grid)) == ["koi", "rose"], timeout=THUMBS)
    shown_tile(qtbot, grid, "koi")
    folder = services.plugins.data_folder("tattoo_ideas")
    koi = grid.model().image_at(titles(grid).index("koi"))
    page.gallery.store.attach(koi.id, zoe, None)
    assert (folder / "thumbs" / f"{koi.id}-160.jpg").exists()

    click_tile(qtbot, grid, "koi")
    focus(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)  # asks; Cancel keeps it
    assert "Remove “koi” from the gallery?" in find_dialog(qtbot, QMessageBox, title="Remove from gallery").text()
    press(qtbot, "Cancel", title="Remove from gallery")
    assert sorted(titles(grid)) == ["koi", "rose"]

    rect = grid.visualRect(grid.model().index(titles(grid).index("koi")))
    QApplication.sendEvent(grid.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(),
                                                              grid.viewport().mapToGlobal(rect.center())))
    choose_menu_action(qtbot, "Remove from gallery…")
    press(qtbot, "Remove", title="Remove from gallery")
    qtbot.waitUntil(lambda: titles(grid) == ["rose"], timeout=DEADLINE)
    assert len(list((folder / "images").iterdir())) == 1
    assert not (folder / "thumbs" / f"{koi.id}-160.jpg").exists()
    assert page.gallery.store.attachments_of_client(zoe) == []
    assert ideas.message.text() == "Removed “koi” from the gallery."


def test_switched_off_the_page_and_tab_go_and_switched_on_the_gallery_is_still_there(plugged, ideas, tmp_path):
    qtbot = plugged.qtbot
    page = open_ideas(plugged, ideas)
    add_images(plugged, page, red_top_jpeg(tmp_path / "koi.jpg"))
    qtbot.waitUntil(lambda: titles(grid_of(page)) == ["koi"], timeout=THUMBS)
    plugged.host.disable("tattoo_ideas")
    qtbot.waitUntil(lambda: PAGE_KEY not in ideas.nav, timeout=DEADLINE)
    assert not any(t.key.startswith("tattoo_ideas.") for t in plugged.ctx.extensions.client_tabs(plugged.admin.role))
    plugged.settle()
    plugged.host.enable("tattoo_ideas")
    qtbot.waitUntil(lambda: PAGE_KEY in ideas.nav, timeout=DEADLINE)
    plugged.settle()
    again = open_ideas(plugged, ideas)
    assert again is not page
    qtbot.waitUntil(lambda: titles(grid_of(again)) == ["koi"], timeout=DEADLINE)
    shown_tile(qtbot, grid_of(again), "koi")
