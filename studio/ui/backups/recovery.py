"""The recovery screen: shown instead of the sign-in when the studio's database cannot be
read. It names what is wrong, lists the newest verified backups with their dates, and
offers Restore… (typed confirmation, as on the Backups page), Open the data folder, Quit.

No one can be checked against a damaged database, so restoring here needs no sign-in: the
person at this PC can read the data folder anyway. Afterwards the restored backup's own
accounts apply: its admin signs in with that backup's password.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from studio.services.common import N_, _, date_time, local_timezone_name, pgettext
from studio.ui.backups.dialogs import ProgressDialog, RestoreDialog
from studio.ui.context import AppContext
from studio.ui.kit import icons, theme
from studio.ui.kit.form_checks import grow_to_fit
from studio.ui.kit.widgets import Role, button, button_box, card, label

SHOWN = 5
TITLE = N_("Linework can't read this studio's database")


def _when(moment) -> str:
    return date_time(moment, local_timezone_name()) if moment is not None else _("an unknown date")


def _size(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{max(1, size // 1000):,} KB"


class RecoveryScreen(QDialog):
    """``restored(message)`` after a restore; closing it (or Quit) is ``rejected``."""

    restored = Signal(str)

    def __init__(self, ctx: AppContext, reason: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("RecoveryScreen")
        self.setWindowTitle(_("Recovery · Linework"))
        self.setMinimumWidth(520)
        self._service = None
        self.restore_dialog: RestoreDialog | None = None
        self.progress: ProgressDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.setSpacing(16)
        mark = QLabel()
        mark.setPixmap(icons.pixmap("triangle-alert", theme.current().danger, 44))
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(mark)
        title = label(_(TITLE), "pageTitle", wrap=True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        self.reason = label(reason[:1].upper() + reason[1:], "muted", wrap=True)
        self.reason.setObjectName("RecoveryReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.reason)

        frame, inner = card(margins=20, spacing=10)
        inner.addWidget(label(_("Restore the newest backup"), "title"))
        inner.addWidget(label(_("Your data comes back as it was when that backup was made. The damaged "
                              "database is kept, as it is, in the backups folder."), "muted", wrap=True))
        self.backups = QListWidget()
        self.backups.setObjectName("RecoveryBackups")
        self.backups.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner.addWidget(self.backups)
        self.empty = label(_("Looking for backups…"), "muted", wrap=True)
        self.empty.setObjectName("RecoveryEmpty")
        inner.addWidget(self.empty)
        self.error = label("", "error", wrap=True)
        self.error.setObjectName("RecoveryError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        inner.addWidget(self.error)
        outer.addWidget(frame)

        self.restore_button = button(_("Restore…"), variant="primary", icon_name="refresh-cw",
                                     on_click=self.ask_restore)
        self.restore_button.setEnabled(False)
        self.folder_button = button(_("Open the data folder"), icon_name="hard-drive-download",
                                    on_click=self.open_folder)
        self.quit_button = button(_("Quit"), on_click=self.reject)
        row = QHBoxLayout()
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(button_box((self.quit_button, Role.RejectRole), (self.restore_button, Role.AcceptRole)))
        outer.addLayout(row)
        note = label(_("After the restore, sign in with a password of that backup's admin."), "small", wrap=True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(note)
        self.backups.currentItemChanged.connect(lambda item, _old: self.restore_button.setEnabled(item is not None))
        self.load()

    # --- backups --------------------------------------------------------------------------
    def _backup_service(self):
        from studio.services.backup import recovery_service

        if self._service is None:
            self._service = recovery_service(self.ctx.config)
        return self._service

    def load(self) -> None:
        from studio.services.backup import RECOVERY_SCREEN

        def work():
            return [b for b in self._backup_service().list_backups(RECOVERY_SCREEN) if b.verified][:SHOWN]

        self.ctx.tasks.run(work, self._listed, self._show_error)

    def _listed(self, backups) -> None:
        from studio.services.backup import KIND_LABELS  # the backups page's words for each kind

        self.backups.clear()
        for info in backups:
            kind = _(KIND_LABELS[info.kind]) if info.kind in KIND_LABELS else pgettext("backup kind", "backup")
            item = QListWidgetItem(f"{_when(info.created_at)}  ·  {_size(info.size)}  ·  {kind}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            item.setIcon(icons.icon("circle-check", theme.current().success))
            self.backups.addItem(item)
        self.empty.setText("" if backups else _("There is no verified backup in this studio's backups folder. "
                                                "Open the data folder to copy one in (or import it with "
                                                "'studio backup restore FILE')."))
        self.empty.setVisible(not backups)
        self.backups.setVisible(bool(backups))
        if backups:
            self.backups.setCurrentRow(0)
            rows = self.backups.sizeHintForRow(0) * len(backups)
            self.backups.setFixedHeight(rows + 2 * self.backups.frameWidth() + 4)
        grow_to_fit(self)

    def selected(self):
        item = self.backups.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # --- restore --------------------------------------------------------------------------
    def ask_restore(self) -> None:
        info = self.selected()
        if info is None or self.restore_dialog is not None:
            return
        self.restore_dialog = RestoreDialog(_when(info.created_at), self)
        self.restore_dialog.steps.setText(
            # Translators: {when} is the backup's date and time.
            _("• The damaged database is replaced by the backup of {when}.\n"
              "• The damaged database is kept, as it is, in the backups folder.\n"
              "• Then you sign in with that backup's admin password.").format(when=_when(info.created_at)))
        self.restore_dialog.accepted.connect(lambda: self._restore(info))
        self.restore_dialog.finished.connect(self._dialog_closed)
        self.restore_dialog.open()

    def _dialog_closed(self) -> None:
        if self.restore_dialog is not None:
            self.restore_dialog.deleteLater()
            self.restore_dialog = None

    def _restore(self, info) -> None:
        import threading

        from studio.services.backup import RECOVERY_SCREEN

        cancel = threading.Event()
        self.progress = ProgressDialog(_("Restoring"), _("Checking the backup"), self)
        self.progress.cancelled.connect(cancel.set)
        self.progress.open()
        self.restore_button.setEnabled(False)
        self.error.setVisible(False)

        def work():
            return self._backup_service().restore(RECOVERY_SCREEN, info.name, cancel=cancel)

        self.ctx.tasks.run(work, lambda _result: self._done(info), self._failed, write=True)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.done(0)
            self.progress.deleteLater()
            self.progress = None

    def _done(self, info) -> None:
        self._close_progress()
        self._backup_service().close()
        self.restored.emit(_("Restored the backup of {when}. Sign in with that backup's admin password.").format(
            when=_when(info.created_at)))

    def _failed(self, error) -> None:
        self._close_progress()
        self.restore_button.setEnabled(self.selected() is not None)
        self._show_error(error)

    def _show_error(self, error) -> None:
        self.error.setText(getattr(error, "message", str(error)))
        self.error.setVisible(True)

    # --- the rest -------------------------------------------------------------------------
    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.config.data_dir)))
