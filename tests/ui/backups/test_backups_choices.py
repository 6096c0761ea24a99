"""The Backups page's paths through Qt's own modal dialogs: Delete (its question box), the
Browse… choosers (second folder, export folder, import file) and Cancel on a restore, both
in the typed confirmation and in the progress dialog once the restore is under way.

Each opens without a nested event loop (studio/ui/kit/prompts.py); the test finds it on screen
and answers it as a person would (Qt's widget dialogs: offscreen there is no native one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from studio.ui.backups.dialogs import ExportDialog, ProgressDialog, RestoreDialog
from tests.backup.conftest import content_digest
from tests.ui.dialogs import cancel, choose_path, press
from tests.ui.backups.test_backups_page import backups_page, dialog_of, grow, select_row, wait_idle


# --- Delete -------------------------------------------------------------------------------

def test_delete_asks_first_and_no_keeps_the_backup(qtbot, window, settle, studio):
    services, admin, _ = studio
    older = services.backup.back_up_now(admin).backup
    services.backup.back_up_now(admin)
    page = backups_page(window, settle)
    page._select(older.name)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Cancel", title="Delete backup")
    settle()
    assert older.path.exists() and page.model.rowCount() == 2
    assert {b.name for b in services.backup.list_backups(admin)} >= {older.name}


def test_delete_yes_removes_the_backup_its_files_and_its_row(qtbot, window, settle, studio):
    services, admin, _ = studio
    older = services.backup.back_up_now(admin).backup
    newer = services.backup.back_up_now(admin).backup
    page = backups_page(window, settle)
    page._select(older.name)
    assert page.selected().name == older.name
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Delete", title="Delete backup")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    settle()
    assert [b.name for b in services.backup.list_backups(admin)] == [newer.name]
    assert not older.path.exists() and not older.archive_path.exists()
    assert not older.path.with_suffix(".json").exists()
    assert page.selected().name == newer.name


def test_deleting_the_newest_good_backup_is_refused_with_a_sentence(qtbot, window, settle, studio):
    services, admin, _ = studio
    only = services.backup.back_up_now(admin).backup
    page = backups_page(window, settle)
    select_row(page)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Delete", title="Delete backup")
    qtbot.waitUntil(lambda: page.result_line.isVisibleTo(window), timeout=10_000)
    settle()
    assert page.result_line.text() == "This is the newest good backup; it is kept until a newer one exists."
    assert only.path.exists() and page.model.rowCount() == 1


# --- Browse… --------------------------------------------------------------------------

def test_browse_sets_the_second_folder_and_save_keeps_it(qtbot, window, settle, studio, tmp_path):
    services, admin, _ = studio
    usb = tmp_path / "usb"
    usb.mkdir()
    card = backups_page(window, settle).settings_card
    qtbot.mouseClick(card.browse_button, Qt.MouseButton.LeftButton)
    assert cancel(qtbot, QFileDialog) == "Second backup folder"
    assert card.second_folder.text() == ""  # cancelled: nothing chosen, nothing changed
    qtbot.mouseClick(card.browse_button, Qt.MouseButton.LeftButton)
    assert choose_path(qtbot, usb) == "Second backup folder"
    assert Path(card.second_folder.text()) == usb
    card.save()
    settle()
    assert Path(services.backup.settings(admin).second_folder) == usb


def test_export_to_asks_for_the_folder_then_writes_the_zip_there(qtbot, window, settle, studio, tmp_path):
    services, admin, _ = studio
    made = services.backup.back_up_now(admin).backup
    out = tmp_path / "stick"
    out.mkdir()
    page = backups_page(window, settle)
    select_row(page)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert choose_path(qtbot, out) == "Export the backup to"
    export = dialog_of(window, ExportDialog)
    export.save()  # no passphrase: a plain ZIP
    wait_idle(qtbot, page, settle)
    assert [p.name for p in out.iterdir()] == [f"{made.name}.zip"]
    assert page.result_line.text() == f"Exported to {out / f'{made.name}.zip'}."


def test_import_asks_for_the_file_and_lists_the_backup(qtbot, window, settle, studio, tmp_path):
    services, admin, _ = studio
    made = services.backup.back_up_now(admin).backup
    elsewhere = tmp_path / "from-the-other-pc"
    elsewhere.mkdir()
    exported = services.backup.export_backup(admin, made.name, elsewhere).path
    page = backups_page(window, settle)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert choose_path(qtbot, exported) == "Import a backup"
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=30_000)
    wait_idle(qtbot, page, settle)
    assert {b.kind for b in page.model.rows} == {"manual", "imported"}
    assert page.result_line.text().startswith("Imported the backup of")


def test_import_chooser_cancelled_does_nothing(qtbot, window, settle, studio):
    page = backups_page(window, settle)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert cancel(qtbot, QFileDialog) == "Import a backup"
    settle()
    assert not page.job.running and page.model.rowCount() == 0
    assert not page.result_line.isVisibleTo(window)


# --- Cancel on a restore ------------------------------------------------------------------

def test_cancel_in_the_restore_confirmation_changes_nothing(qtbot, window, settle, studio, ui_config):
    services, admin, _ = studio
    made = services.backup.back_up_now(admin).backup
    before = content_digest(ui_config.database_path)
    page = backups_page(window, settle)
    select_row(page)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    confirm = dialog_of(window, RestoreDialog)
    qtbot.keyClicks(confirm.word, "restore")
    qtbot.mouseClick(confirm.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    settle()
    assert not confirm.isVisible() and not page.job.running and page.restore_dialog is None
    assert [b.name for b in services.backup.list_backups(admin)] == [made.name]  # no safety backup
    assert content_digest(ui_config.database_path) == before


def test_cancel_during_a_restore_leaves_the_database_exactly_as_it_was(qtbot, window, settle, studio, ui_config):
    services, admin, _ = studio
    grow(ui_config.database_path, 80)  # the safety backup's ZIP then takes seconds: time to cancel
    made = services.backup.back_up_now(admin).backup
    services.staff.add_staff(admin, name="Zed Later", email="zed@studio.test", role="artist",
                             password="lantern pepper orbit canyon 8")
    before = content_digest(ui_config.database_path)
    page = backups_page(window, settle)
    select_row(page)
    page.restore_selected()
    confirm = dialog_of(window, RestoreDialog)
    qtbot.keyClicks(confirm.word, "restore")
    qtbot.mouseClick(confirm.save_button, Qt.MouseButton.LeftButton)
    progress = page.restore_dialog
    assert progress is not None and progress.isVisible()
    # Past the checks of the chosen backup, into the safety backup of the current data.
    qtbot.waitUntil(lambda: progress.bar.value() >= 550, timeout=60_000)
    assert page.job.running
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.text.text() == "Cancelling…" and not progress.cancel_button.isEnabled()
    wait_idle(qtbot, page, settle, timeout=60_000)
    assert page.result_line.text() == "Cancelled; nothing was kept or changed."
    assert page.restore_dialog is None and not any(w.isVisible() for w in window.findChildren(ProgressDialog))
    assert window.isVisible() and page.backup_button.isEnabled()
    assert content_digest(ui_config.database_path) == before
    assert [b.name for b in services.backup.list_backups(admin)] == [made.name]  # no safety backup kept
    data_dir = ui_config.data_dir
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".restore")] == []
    assert [p.name for p in ui_config.backups_dir.iterdir() if p.name.endswith(".partial")] == []
    assert "zed@studio.test" in {s.email for s in services.staff.list_staff(admin)}
