"""Backups (admins): the list of backups, Back up now with progress and Cancel, verify,
restore, export, import, delete, and the schedule settings. Every long call runs on the
page's LongJob, off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.services.backup import BackupCancelled, BackupInfo, PassphraseNeeded
from studio.services.common import N_, _
from studio.ui.backups.dialogs import ExportDialog, PassphraseDialog, ProgressDialog, RestoreDialog
from studio.ui.backups.model import SORT_ROLE, BackupModel, age, human_size
from studio.ui.backups.settings_card import SettingsCard
from studio.ui.kit import prompts
from studio.ui.kit.format import local_datetime
from studio.ui.kit.long_job import LongJob
from studio.ui.kit.widgets import DATETIME_WIDTH, EmptyState, button, configure_table, label, page_scroll
from studio.ui.shell.page import Page

SETTINGS_WIDTH = 330
TABLE_MIN_HEIGHT = 220  # the header and five rows
# Below this width the list would be narrower than its columns: the card goes under it.
SIDE_BY_SIDE_WIDTH = 620 + 16 + SETTINGS_WIDTH


def _set(line, text: str, role: str) -> None:
    line.setText(text)
    line.setVisible(bool(text))
    line.setProperty("role", role)
    line.style().unpolish(line)
    line.style().polish(line)


class BackupsPage(Page):
    title = N_("Backups")
    subtitle = N_("Checked copies of the studio's data, made every day and whenever you ask.")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.job = LongJob(host.ctx.tasks, self)
        self.job.progress.connect(self._progress)
        self.job.running_changed.connect(self._running)
        self.import_button = button(_("Import…"), icon_name="upload", on_click=self.import_backup,
                                    tooltip=_("Add a backup ZIP from another PC or a USB drive"))
        self.backup_button = button(_("Back up now"), icon_name="hard-drive-download", variant="primary",
                                    keys="Ctrl+N", on_click=self.back_up_now)
        self.backup_button.setObjectName("BackUpNow")
        self.actions.addWidget(self.import_button)
        self.actions.addWidget(self.backup_button)

        # While a long call runs: what it is, the step it is on, the bar and Cancel. Hidden
        # (and emptied) when it ends; the outcome then reads in the result line.
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_title = label("")
        self.progress_title.setObjectName("BackupProgressTitle")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_text = label("", "muted")
        self.cancel_button = button(_("Cancel"), on_click=self.cancel, tooltip=_("Stop; nothing half-made is kept"))
        row.addWidget(self.progress_title)
        row.addWidget(self.progress_text)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)
        self.body.addWidget(self.progress_row)
        # Two lines: the state of the backups (status()) and the outcome of the last action.
        self.status_line = label("", "muted", wrap=True)
        self.status_line.setObjectName("BackupStatusLine")
        self.body.addWidget(self.status_line)
        self.result_line = label("", "muted", wrap=True)
        self.result_line.setObjectName("BackupResultLine")
        self.result_line.setVisible(False)
        self.body.addWidget(self.result_line)

        # The list and the settings card side by side when there is room; on a small window
        # the card goes under the list and the two scroll together (see _lay_out).
        content = QWidget()
        content.setObjectName("BackupsContent")
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(16)
        self.scroll = page_scroll(content, "BackupsScroll")
        self.body.addWidget(self.scroll, 1)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.columns.addLayout(left, 1)
        tools = QHBoxLayout()
        tools.setSpacing(8)
        self.verify_button = button(_("Verify"), icon_name="shield-check", on_click=self.verify_selected,
                                    tooltip=_("Check the backup's SHA-256 and database again"))
        self.restore_button = button(_("Restore…"), icon_name="refresh-cw", on_click=self.restore_selected,
                                     tooltip=_("Replace the studio's data with this backup"))
        self.export_button = button(_("Export to…"), icon_name="download", on_click=self.export_selected,
                                    tooltip=_("Save this backup as one ZIP, optionally encrypted"))
        self.delete_button = button(_("Delete"), icon_name="trash-2", variant="ghost", on_click=self.delete_selected,
                                    tooltip=_("Delete this backup (Delete)"))
        for widget in (self.verify_button, self.restore_button, self.export_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.delete_button)
        left.addLayout(tools)

        self.model = BackupModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("BackupsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(TABLE_MIN_HEIGHT)
        configure_table(self.table, {0: DATETIME_WIDTH, 1: 75, 2: 100, 3: 200})
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.verify_selected())
        delete = QAction(self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)
        left.addWidget(self.table, 1)
        self.empty = EmptyState("hard-drive-download", _("No backups yet"),
                                _("Back up now makes a checked copy; after that one is made every day."))
        self.empty.setVisible(False)
        left.addWidget(self.empty, 1)

        self.restore_dialog: ProgressDialog | None = None
        self.settings_card = SettingsCard(host)
        right = QVBoxLayout()
        right.addWidget(self.settings_card)
        right.addStretch(1)
        self.columns.addLayout(right)
        self.side_by_side: bool | None = None
        self._lay_out(self.width())
        host.ctx.runner("backups").changed.connect(self.refresh)
        self._update_buttons()

    # --- layout -------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._lay_out(self.scroll.width() or event.size().width())

    def _lay_out(self, width: int) -> None:
        side_by_side = width >= SIDE_BY_SIDE_WIDTH
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if side_by_side
                                  else QBoxLayout.Direction.TopToBottom)
        if side_by_side:
            self.settings_card.setFixedWidth(SETTINGS_WIDTH)
        else:
            self.settings_card.setMinimumWidth(0)
            self.settings_card.setMaximumWidth(16777215)

    # --- data ---------------------------------------------------------------------------
    def activate(self) -> None:
        super().activate()
        self.settings_card.load()

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.backup.listing(a), self._loaded, self._show_error)

    def _loaded(self, listing) -> None:
        backups, status, now = list(listing.backups), listing.status, listing.read_at
        self.model.timezone = self.host.settings.timezone
        before = self.selected()
        self.model.set_rows(backups)
        self.table.resizeColumnToContents(3)  # "Older, restorable · Linework 0.0.9" whole; a few rows
        self._select(before.name if before else None)
        self.loaded = True
        self.table.setVisible(bool(backups))
        self.empty.setVisible(not backups)
        self._update_buttons()
        if status.last_failure:
            # Translators: {reason} is the sentence the failure was reported with.
            _set(self.status_line, _("The last backup failed: {reason}").format(reason=status.last_failure), "error")
        elif status.newest_verified_at is not None:
            when = local_datetime(status.newest_verified_at, self.host.settings.timezone)
            # Translators: {when} is a date and time, {age} how long ago ("3 h ago").
            _set(self.status_line, _("Newest good backup: {when} ({age}).").format(
                when=when, age=age(now - status.newest_verified_at)), "muted")
        else:
            _set(self.status_line, _("There is no backup yet."), "warning")

    def selected(self) -> BackupInfo | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def _select(self, name: str | None) -> None:
        """Keep the chosen backup chosen across a reload; else the newest."""
        names = [b.name for b in self.model.rows]
        if not names:
            return
        row = names.index(name) if name in names else names.index(max(names))
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _when(self, backup: BackupInfo) -> str:
        return local_datetime(backup.created_at, self.host.settings.timezone) if backup.created_at else backup.name

    # --- feedback -----------------------------------------------------------------------
    def _say(self, text: str, role: str = "muted") -> None:
        """The outcome of the last action, in plain words."""
        _set(self.result_line, text, role)

    def _progress(self, done: float, text: str) -> None:
        self.progress_bar.setValue(int(done * 1000))
        self.progress_text.setText(text)

    def _running(self, running: bool) -> None:
        self.progress_row.setVisible(running)
        if not running:  # nothing of the finished call stays on screen
            self.progress_title.clear()
            self.progress_text.clear()
            self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        idle = not self.job.running
        self.backup_button.setEnabled(idle)
        self.import_button.setEnabled(idle)
        for widget in (self.verify_button, self.export_button, self.delete_button):
            widget.setEnabled(idle and chosen is not None)
        self.restore_button.setEnabled(idle and chosen is not None and chosen.verified)

    def _show_error(self, error) -> None:
        if isinstance(error, BackupCancelled):
            self._say(_("Cancelled; nothing was kept or changed."), "muted")
        else:
            self._say(error.message, "error")
        self.refresh()

    def _changed(self) -> None:
        self.host.ctx.runner("backups").changed.emit()  # the status bar, dashboard and this page refresh

    def cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(_("Cancelling…"))

    def _run(self, what: str, call, on_success, on_error=None) -> None:
        """Run ``call(backup_service, actor, progress, cancel)`` on the page's LongJob."""
        services, actor = self.host.services, self.host.actor
        self._say("")  # the last outcome gives way to the progress row, then to this one's
        self.progress_title.setText(what)
        self.job.start(lambda progress, cancel: call(services.backup, actor, progress, cancel), on_success,
                       on_error or self._show_error)

    # --- actions ------------------------------------------------------------------------
    def new_item(self) -> None:
        self.back_up_now()

    def back_up_now(self) -> None:
        self._run(_("Backing up…"), lambda b, a, p, c: b.back_up_now(a, progress=p, cancel=c), self._backed_up)

    def _backed_up(self, result) -> None:
        info = result.backup
        self.host.toast(_("Backup made and checked ({size}).").format(size=human_size(info.size)))
        self._changed()
        if result.second_folder_problem:
            self._say(result.second_folder_problem, "warning")
        else:
            # Translators: {when} is the backup's date and time, {size} its size.
            self._say(_("✓ Backed up and checked: the backup of {when} ({size}).").format(
                when=self._when(info), size=human_size(info.size)), "success")

    def verify_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.job.running:
            return
        # Translators: {when} is a backup's date and time.
        self._run(_("Checking the backup of {when}…").format(when=self._when(chosen)),
                  lambda b, a, p, c: b.verify(a, chosen.name, progress=p, cancel=c),
                  lambda report: self._verified(chosen, report))

    def _verified(self, chosen: BackupInfo, report) -> None:
        self.refresh()
        if report.ok:
            self._say(_("✓ The backup of {when} is sound: its SHA-256 matches and the database passes every "
                        "check.").format(when=self._when(chosen)), "success")
        else:
            # Translators: {when} is a backup's date and time; {problem} a sentence saying what failed.
            self._say(_("✗ The backup of {when} failed its check: {problem}").format(
                when=self._when(chosen), problem=report.problem), "error")

    def export_selected(self, folder: str | None = None) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if folder:
            self._ask_passphrase(chosen, folder)
        else:
            prompts.choose_folder(self, _("Export the backup to"), lambda path: self._ask_passphrase(chosen, path))

    def _ask_passphrase(self, chosen: BackupInfo, folder: str) -> None:
        dialog = ExportDialog(folder, self)
        dialog.accepted.connect(lambda: self._export(chosen, folder, dialog.passphrase))
        dialog.open()

    def _export(self, chosen: BackupInfo, folder: str, passphrase: str | None) -> None:
        def done(result) -> None:
            self._say((_("Exported to {path} (AES-256 encrypted).") if result.encrypted
                       else _("Exported to {path}.")).format(path=result.path), "success")
        self._run(_("Exporting…"), lambda b, a, p, c: b.export_backup(a, chosen.name, folder, passphrase=passphrase,
                                                                    progress=p, cancel=c), done)

    def import_backup(self, path: str | None = None, passphrase: str | None = None) -> None:
        if not path:
            prompts.choose_file(self, _("Import a backup"), _("Backup archives (*.zip)"), self.import_backup)
            return

        def failed(error) -> None:
            if isinstance(error, PassphraseNeeded):
                dialog = PassphraseDialog(error.message, self)
                dialog.accepted.connect(lambda: self.import_backup(path, dialog.passphrase))
                dialog.open()
            else:
                self._show_error(error)

        def done(info) -> None:
            self._say(_("Imported the backup of {when}; it can now be restored.").format(when=self._when(info)), "success")
            self._changed()

        self._run(_("Importing…"), lambda b, a, p, c: b.import_backup(a, path, passphrase=passphrase, progress=p,
                                                                  cancel=c), done, failed)

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.job.running:
            return
        prompts.ask(self, _("Delete backup"),
                    _("Delete the backup of {when}? This cannot be undone.").format(when=self._when(chosen)),
                    lambda: self.host.call(lambda s, a: s.backup.delete_backup(a, chosen.name),
                                           lambda _r: (self.host.toast(_("Backup deleted.")), self._changed()),
                                           self._show_error, write=True),
                    yes=_("Delete"), danger=True)

    # --- restore ------------------------------------------------------------------------
    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.verified or self.job.running:
            return
        dialog = RestoreDialog(self._when(chosen), self)
        dialog.accepted.connect(lambda: self.restore(chosen))
        dialog.open()

    def restore(self, chosen: BackupInfo) -> None:
        """Quiet the background work, then restore with a window-modal progress dialog."""
        self.host.shell.pause_background()
        when = self._when(chosen)
        dialog = ProgressDialog(_("Restoring"), _("Restoring the backup of {when}…").format(when=when), self)
        dialog.cancelled.connect(self.job.cancel)
        self.job.progress.connect(dialog.show_progress)
        self.restore_dialog = dialog
        dialog.open()

        def finish() -> None:
            self.job.progress.disconnect(dialog.show_progress)
            self.restore_dialog = None
            dialog.done(0)
            dialog.deleteLater()

        def done(_result) -> None:
            finish()
            self.host.shell.restored(_("Restored from the backup of {when}. Sign in again.").format(when=when))

        def failed(error) -> None:
            finish()
            self.host.shell.resume_background()
            self._show_error(error)

        self._run(_("Restoring the backup of {when}…").format(when=when),
                  lambda b, a, p, c: b.restore(a, chosen.name, progress=p, cancel=c), done, failed)
