"""The Backups page, the in-app schedule and the status bar, on real copies of a studio."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from studio.services.backup import BackupStatus
from studio.services.core import Services
from studio.ui.app import Controller
from studio.ui.backups.dialogs import ExportDialog, PassphraseDialog, RestoreDialog
from studio.ui.backups.model import BackupModel, status_line
from tests.backup.conftest import FakeClock, older_archive
from tests.ui.dialogs import choose_path
from tests.ui.conftest import ARTIST_PASSWORD, open_window

PASSPHRASE = "correct horse battery staple"


def backups_page(window, settle):
    window.open_page("backups")
    settle()
    return window.pages["backups"]


def dialog_of(window, kind):
    return next(w for w in window.findChildren(kind) if w.isVisible())


def wait_idle(qtbot, page, settle, timeout=30_000):
    qtbot.waitUntil(lambda: not page.job.running, timeout=timeout)
    settle(timeout)


def select_row(page, row: int = 0) -> None:
    page.table.selectRow(row)
    assert page.selected() is not None


def grow(database: Path, megabytes: int) -> None:
    """Make the studio's database big enough that a backup takes several copy steps."""
    conn = sqlite3.connect(database, isolation_level=None)
    # In a table the schema has: verify refuses a database with tables Linework does not make.
    conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                 "INSERT INTO audit_events(at, actor_name, action, subject_type, subject_id, subject, detail) "
                 "SELECT '2026-01-01 00:00:00.000000', 'test', 'test.fill', '', '', 'fill', "
                 "hex(randomblob(1950)) FROM n",
                 (megabytes * 256,))
    conn.close()


def test_back_up_now_shows_progress_then_a_new_verified_row(qtbot, window, settle):
    page = backups_page(window, settle)
    assert page.model.rowCount() == 0 and page.empty.isVisibleTo(window)
    seen = []
    page.job.progress.connect(lambda done, text: seen.append((done, text, page.progress_row.isVisibleTo(window))))
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert not page.backup_button.isEnabled()
    wait_idle(qtbot, page, settle)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert seen and all(visible for _d, _t, visible in seen)
    assert seen[-1][0] == pytest.approx(1.0) and any(t == "Copying the database" for _d, t, _v in seen)
    assert not page.progress_row.isVisibleTo(window)
    assert page.model.data(page.model.index(0, 2)).startswith("✓")
    # The outcome replaces "Backing up…": no word of the finished call is left on the page.
    assert page.result_line.isVisibleTo(window) and page.result_line.text().startswith("✓ Backed up and checked")
    shown = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(window)]
    assert not [t for t in shown if "Backing up" in t or "Copying" in t]
    assert page.progress_title.text() == page.progress_text.text() == ""
    assert page.model.rows[0].kind == "manual"
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    qtbot.waitUntil(lambda: "Backup ✓" in window.status_widgets["backup"].text(), timeout=10_000)


def test_cancel_stops_a_backup_and_leaves_no_row(qtbot, window, settle, studio, ui_config):
    services = studio[0]
    grow(ui_config.database_path, 80)
    page = backups_page(window, settle)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page, settle)
    assert "Cancelled" in page.result_line.text()
    assert page.model.rowCount() == 0
    assert services.backup.list_backups(studio[1]) == []
    leftovers = [p for p in ui_config.backups_dir.iterdir() if not p.name.startswith(".lock")] \
        if ui_config.backups_dir.exists() else []
    assert [p.name for p in leftovers if p.suffix in (".db", ".zip", ".json", ".partial")] == []


def test_verify_shows_a_tick(qtbot, window, settle, studio):
    services, admin, _ = studio
    services.backup.back_up_now(admin)
    page = backups_page(window, settle)
    select_row(page)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page, settle)
    assert page.result_line.text().startswith("✓")


def test_export_with_a_passphrase_then_import_it(qtbot, window, settle, studio, tmp_path):
    services, admin, _ = studio
    services.backup.back_up_now(admin)
    page = backups_page(window, settle)
    select_row(page)
    out = tmp_path / "usb"
    out.mkdir()
    page.export_selected(str(out))
    dialog = dialog_of(window, ExportDialog)
    dialog.password.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE + "x")
    dialog.save()
    assert dialog.isVisible() and dialog.fields["confirm"].error.text()  # the two differ: stays open
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    dialog.save()
    assert dialog.isVisible() and "at least" in dialog.fields["passphrase"].error.text()
    dialog.password.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE)
    dialog.save()
    wait_idle(qtbot, page, settle)
    exported = list(out.glob("*.zip"))
    assert len(exported) == 1 and "encrypted" in page.result_line.text()

    page.import_backup(str(exported[0]))
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(PassphraseDialog)), timeout=30_000)
    asked = dialog_of(window, PassphraseDialog)
    assert "encrypted" in asked.findChildren(type(page.result_line))[1].text()
    asked.password.setText(PASSPHRASE)
    asked.save()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=30_000)
    wait_idle(qtbot, page, settle)
    assert {r.kind for r in page.model.rows} == {"manual", "imported"}
    assert page.result_line.text().startswith("Imported")


def test_settings_card_saves_and_shows_field_errors(qtbot, window, settle, studio):
    services, admin, _ = studio
    page = backups_page(window, settle)
    card = page.settings_card
    assert card.isEnabled() and card.time.text() == "02:00"
    card.time.setText("25:99")
    card.save()
    settle()
    assert "HH:MM" in card.fields["time"].error.text()
    card.time.setText("03:30")
    card.keep_daily.setValue(5)
    card.save()
    settle()
    assert not card.fields["time"].error.isVisibleTo(window)
    saved = services.backup.settings(admin)
    assert saved.time == "03:30" and saved.keep_daily == 5


def test_restore_from_the_page_brings_back_the_data_and_asks_to_sign_in_again(qtbot, ctx, settle, studio):
    services, admin, _ = studio
    services.backup.back_up_now(admin)
    services.staff.add_staff(admin, name="Zed Later", email="zed@studio.test", role="artist",
                             password=ARTIST_PASSWORD)
    ctx.use_services(services)
    controller = Controller(ctx)
    controller._open_main(admin, services.settings.studio())
    main = controller.main  # deleted by the controller after the restore: not given to qtbot
    qtbot.waitUntil(lambda: ctx.runner("backups").running, timeout=10_000)
    page = backups_page(main, settle)
    select_row(page)
    page.restore_selected()
    confirm = dialog_of(main, RestoreDialog)
    assert "safety backup" in confirm.steps.text() and "signs in again" in confirm.steps.text()
    assert not confirm.save_button.isEnabled()
    qtbot.keyClicks(confirm.word, "restore")
    assert confirm.save_button.isEnabled()
    confirm.save()
    qtbot.waitUntil(lambda: controller.login is not None and controller.main is None, timeout=60_000)
    login = controller.login
    assert login.isVisible() and login.notice.text().startswith("Restored from the backup of")
    assert login.notice.text().endswith("Sign in again.")
    qtbot.waitUntil(lambda: ctx.services_ready, timeout=30_000)
    settle()
    fresh = ctx.services()
    qtbot.waitUntil(lambda: ctx.runner("backups").running, timeout=10_000)  # the schedule again, on the restored data
    assert ctx.runner("backups").scheduler.service is fresh.backup
    assert fresh is not services
    emails = {s.email for s in fresh.staff.list_staff(fresh.auth.current_actor(admin))}
    assert "zed@studio.test" not in emails and "ana@studio.test" in emails
    kinds = {b.kind for b in fresh.backup.list_backups(admin)}
    assert "safety" in kinds
    login.rejected.disconnect()  # closing the last window would quit the test's application
    login.close()
    login.deleteLater()
    ctx.close_services()


def test_a_refused_restore_changes_nothing_and_says_why(qtbot, window, settle, studio, ui_config):
    services, admin, _ = studio
    made = services.backup.back_up_now(admin).backup
    page = backups_page(window, settle)
    select_row(page)
    made.path.write_bytes(made.path.read_bytes()[:-4096] + b"\0" * 4096)  # damaged after it was listed
    made.archive_path.unlink()
    page.restore(page.selected())
    wait_idle(qtbot, page, settle)
    assert "damaged" in page.result_line.text() or "refused" in page.result_line.text()
    assert page.restore_dialog is None and window.isVisible()
    assert services.staff.list_staff(admin)  # the live data is still there


@pytest.mark.parametrize(("age", "text", "level"), [
    (timedelta(hours=3), "Backup ✓ 3 h ago", "ok"),
    (timedelta(hours=25), "Backup ✓ 25 h ago", "warning"),
    (timedelta(days=4), "Backup ✓ 4 days ago", "danger"),
])
def test_status_bar_shows_the_age_of_the_newest_backup(qtbot, ctx, settle, studio, age, text, level):
    services, admin, _ = studio
    clock = FakeClock(datetime(2026, 5, 4, 10, 0, tzinfo=UTC))
    clocked = Services(services.db, clock=clock, config=services.config)
    clocked.backup.back_up_now(admin)
    window = open_window(qtbot, ctx, settle, clocked, admin)
    assert window.status_widgets["backup"].text() == " · Backup ✓ just now"
    clock.advance(seconds=age.total_seconds())
    window.status_widgets["backup"].refresh()
    settle()
    assert window.status_widgets["backup"].text() == " · " + text
    assert window.status_widgets["backup"].property("level") == level
    assert window.status_widgets["backup"].timer.isActive()
    window.close()
    settle()


def test_status_line_words():
    now = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    assert status_line(BackupStatus(None, None, None, "none"), now) == ("No backup yet", "danger")
    failed = BackupStatus(now - timedelta(hours=2), now, "The disk is full.", "The last backup failed")
    assert status_line(failed, now) == ("Backup failed · last good 2 h ago", "danger")


def test_artists_see_the_status_but_not_the_page(qtbot, ctx, settle, studio):
    services, _admin, artist = studio
    window = open_window(qtbot, ctx, settle, services, artist)
    assert "backups" not in window.nav
    assert window.status_widgets["backup"].text() == " · No backup yet"
    window.close()
    settle()


def test_dashboard_warns_until_a_backup_succeeds_then_says_all_is_well(qtbot, window, settle, studio):
    services, admin, _ = studio
    window.open_page("dashboard")
    settle()
    dashboard = window.pages["dashboard"]
    card = dashboard.cards["backup"]
    assert card.isVisibleTo(window) and card.objectName() == "WarningCard" and "no backup" in card.text.text()
    page = backups_page(window, settle)
    page.back_up_now()
    wait_idle(qtbot, page, settle)
    settle()
    card = dashboard.cards["backup"]  # all well now: one line of the state, not the warning
    assert card.isVisibleTo(dashboard) and card.objectName() == "Card"
    assert card.text.text() == "Last good backup just now."


def _scheduler_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(("APScheduler", "ThreadPoolExecutor"))]


def test_the_schedule_runs_while_linework_is_open_signed_in_or_not(qtbot, ctx, settle, studio):
    services, admin, _ = studio
    before = set(_scheduler_threads())
    ctx.use_services(services)
    controller = Controller(ctx)
    controller._show_login()
    qtbot.addWidget(controller.login)
    # At the sign-in window, as soon as the data layer is open: the catch-up run (no backup yet).
    with qtbot.waitSignal(ctx.runner("backups").result, timeout=30_000) as blocker:
        controller._services_ready(services)
    result, problem = blocker.args
    assert problem is None and result.backup.kind == "scheduled"
    assert ctx.runner("backups").running and set(_scheduler_threads()) - before
    controller._signed_in(admin)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    window = controller.main
    qtbot.waitUntil(lambda: "Backup ✓" in window.status_widgets["backup"].text(), timeout=10_000)
    window.logout()
    assert controller.login is not None and controller.login.isVisible()
    qtbot.addWidget(controller.login)
    assert ctx.runner("backups").running  # signed out, the schedule carries on
    controller.shutdown()  # what the app does when it quits
    assert not ctx.runner("backups").running
    settle()
    assert set(_scheduler_threads()) <= before


def test_table_models_pass_the_qt_model_tester(qtmodeltester, window, settle, studio):
    services, admin, _ = studio
    services.backup.back_up_now(admin)
    services.backup.back_up_now(admin)
    page = backups_page(window, settle)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    qtmodeltester.check(BackupModel())


def test_the_version_column_says_current_or_older_in_words(qtbot, window, settle, studio, tmp_path):
    services, admin, _ = studio
    from studio import __version__

    archive = older_archive(services, admin, tmp_path / "from-the-old-pc.zip")  # also leaves a fresh backup
    page = backups_page(window, settle)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    choose_path(qtbot, archive)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=30_000)
    wait_idle(qtbot, page, settle)
    assert page.model.headerData(3, Qt.Orientation.Horizontal) == "Version"
    words = {r.kind: page.model.data(page.model.index(i, 3)) for i, r in enumerate(page.model.rows)}
    assert words == {"manual": f"Current · Linework {__version__}", "imported": "Older, restorable · Linework 0.0.9"}
    imported = next(i for i, r in enumerate(page.model.rows) if r.kind == "imported")
    tip = page.model.data(page.model.index(imported, 3), Qt.ItemDataRole.ToolTipRole)
    assert "older" in tip and "brings it up to this version" in tip
    assert not any("0005_" in (page.model.data(page.model.index(i, 3)) or "") for i in range(2))


def _in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def test_at_the_smallest_window_every_button_shows_whole_and_the_list_stays_usable(qtbot, window, settle, studio):
    from studio.ui.shell.main_window import MINIMUM_SIZE

    services, admin, _ = studio
    services.backup.back_up_now(admin)
    window.resize(*MINIMUM_SIZE)
    page = backups_page(window, settle)
    qtbot.waitUntil(lambda: window.size().toTuple() == MINIMUM_SIZE and not page.side_by_side, timeout=5_000)
    settle()
    visible = _in_window(page)  # the page as shown in the window
    assert window.rect().contains(visible)
    header = [page.import_button, page.backup_button]
    tools = [page.verify_button, page.restore_button, page.export_button, page.delete_button]
    viewport = _in_window(page.scroll.viewport())
    for row in (header, tools):
        rects = [_in_window(b) for b in row]
        for b, rect in zip(row, rects):
            assert b.isVisibleTo(window) and visible.contains(rect), b.text()
            assert rect.width() >= b.sizeHint().width(), f"{b.text()} is squeezed"
        for a, b in zip(rects, rects[1:]):
            assert not a.intersects(b)
    for rect in map(_in_window, tools):
        assert viewport.contains(rect)  # inside the scrolled part's visible area, not under its edge
    table = _in_window(page.table)
    assert page.table.height() >= 200 and viewport.intersected(table).height() >= 200
    assert table.width() >= sum(page.table.columnWidth(c) for c in range(4))  # every column in view
    # The settings card is below the list, reached by scrolling, whole in width.
    card = _in_window(page.settings_card)
    assert card.top() >= table.bottom() and visible.left() <= card.left() and card.right() <= visible.right()
    # Wide again: side by side.
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.side_by_side
                    and _in_window(page.settings_card).left() > _in_window(page.table).right(), timeout=5_000)
