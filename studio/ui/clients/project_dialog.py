"""A project opened from the client's History tab: its name, placement, quote and notes
(saved together), its sessions and deposits, and its reference images as thumbnails, added
from a file or removed (each at once, on its own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListView, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QTableWidget, QTableWidgetItem, QWidget)
from shiboken6 import isValid

from studio.services.common import N_, Permission, ValidationError, _, can, money, parse_money
from studio.services.scheduling import ProjectRecord
from studio.ui.kit import prompts
from studio.ui.kit.form_checks import grow_to_fit
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.format import local_datetime
from studio.ui.kit.widgets import Field, button, configure_table, label, line_edit

SESSION_COLUMNS = (N_("Date"), N_("Artist"), N_("Status"))
SESSION_WIDTHS = {0: 180, 2: 120}
THUMB = 96
# What a project's deposit shows, by its state (the deposit records' ``state``).
DEPOSIT_STATES = {"held": N_("{amount} held"), "applied": N_("{amount} applied"),
                  "forfeited": N_("{amount} forfeited"), "credited": N_("{amount} credited"),
                  "refunded": N_("{amount} refunded")}


def deposit_text(project: ProjectRecord, currency: str) -> str:
    if not project.deposits:
        return _("No deposit")
    return ", ".join(_(DEPOSIT_STATES.get(d.state, "{amount}")).format(amount=money(d.amount_cents, currency))
                     for d in project.deposits)


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        # Translators: {reason} is the system's (English) reason.
        raise ValidationError(_("Linework could not read that file ({reason}).").format(
            reason=error.strerror or error), field="image") from None


class ProjectDialog(FormDialog):
    """One project, read off the GUI thread when the dialog opens. ``saved`` carries the
    ProjectRecord after a save or an image added or removed."""

    saved = Signal(object)

    def __init__(self, host, project_id: int, parent: QWidget | None) -> None:
        super().__init__(_("Project"), "", parent)
        self.setObjectName("ProjectDialog")
        self.setMinimumWidth(620)
        self.host, self.project_id = host, project_id
        self.record: ProjectRecord | None = None
        self.can_edit = can(host.actor.role, Permission.BOOK_APPOINTMENTS)
        self.title_edit = line_edit(_("e.g. Koi sleeve"), max_length=200)
        self.placement = line_edit(_("e.g. Left forearm"), max_length=120)
        self.quote = line_edit(_("Optional"), max_length=20)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.add_field("title", Field(_("Name"), self.title_edit, required=True), 0, 0, 2)
        self.add_field("placement", Field(_("Placement"), self.placement), 1, 0)
        self.add_field("quote", Field(_("Quote"), self.quote), 1, 1)
        self.add_field("notes", Field(_("Notes"), self.notes), 2, 0, 2)
        self.errors.local = self._local_errors

        self.sessions = QTableWidget(0, len(SESSION_COLUMNS))
        self.sessions.setObjectName("ProjectSessions")
        self.sessions.setHorizontalHeaderLabels([_(c) for c in SESSION_COLUMNS])
        configure_table(self.sessions, SESSION_WIDTHS, stretch=1)
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions.setFixedHeight(120)
        self.deposits = label("", "muted", wrap=True)
        self.deposits.setObjectName("ProjectDeposits")
        self.images = QListWidget()
        self.images.setObjectName("ProjectImages")
        self.images.setViewMode(QListView.ViewMode.IconMode)
        self.images.setIconSize(QSize(THUMB, THUMB))
        self.images.setGridSize(QSize(THUMB + 12, THUMB + 12))
        self.images.setMovement(QListView.Movement.Static)
        self.images.setFixedHeight(THUMB + 32)
        self.images.itemSelectionChanged.connect(self._selection_moved)
        self.no_images = label(_("No reference images yet."), "muted")
        self.add_image_button = button(_("Add image…"), icon_name="upload", on_click=self.choose_image)
        self.remove_image_button = button(_("Remove"), icon_name="x", variant="ghost", on_click=self.remove_image)
        for side in (self.add_image_button, self.remove_image_button):
            side.setAutoDefault(False)  # Enter in a field saves the form
        row = QHBoxLayout()
        row.addWidget(self.no_images)
        row.addStretch(1)
        row.addWidget(self.add_image_button)
        row.addWidget(self.remove_image_button)

        at = self.layout_.indexOf(self.general)
        for offset, widget in enumerate((label(_("Sessions"), "fieldLabel"), self.sessions,
                                         label(_("Deposit"), "fieldLabel"), self.deposits,
                                         label(_("Reference images"), "fieldLabel"), self.images)):
            self.layout_.insertWidget(at + offset, widget)
        self.layout_.insertLayout(at + 6, row)
        self.add_image_button.setVisible(self.can_edit)
        self.remove_image_button.setVisible(self.can_edit)
        self.remove_image_button.setEnabled(False)
        self._editable(False)
        self._saved_values = self._values()
        host.call(lambda s, a: s.projects.project(a, project_id), self._loaded, self._load_failed)

    # --- reading ---------------------------------------------------------------------------
    def _editable(self, on: bool) -> None:
        for widget in (self.title_edit, self.placement, self.quote, self.notes):
            widget.setEnabled(on and self.can_edit)
        # The Save button stays enabled while loading (save() waits for the record): a
        # disabled default button would hand Enter to Cancel.
        self.save_button.setVisible(self.can_edit)
        self.add_image_button.setEnabled(on)

    def _load_failed(self, error) -> None:
        if isValid(self):
            self.errors.show(error)

    def _loaded(self, record: ProjectRecord) -> None:
        if not isValid(self):
            return  # closed before the project came
        self._show(record, fields=True)
        self._editable(True)
        self.title_edit.setFocus()
        # While the fields were disabled the focus sat on Save, which leaving it takes
        # its default away: Enter saves again.
        self.save_button.setDefault(True)
        grow_to_fit(self)

    def _show(self, record: ProjectRecord, *, fields: bool) -> None:
        self.record = record
        settings = self.host.settings
        if fields:
            self.title_edit.setText(record.title)
            self.placement.setText(record.placement)
            self.quote.setText("" if record.quote_cents is None else money(record.quote_cents, settings.currency))
            self.notes.setPlainText(record.notes)
            self._saved_values = self._values()
        self.sessions.setRowCount(len(record.appointments))
        for r, a in enumerate(record.appointments):
            for c, text in enumerate((local_datetime(a.starts_at, settings.timezone), a.artist_name, a.status.label)):
                self.sessions.setItem(r, c, QTableWidgetItem(text))
        self.deposits.setText(deposit_text(record, settings.currency))
        self._show_images(record.images)

    def _show_images(self, names: tuple[str, ...]) -> None:
        shown = {self.images.item(i).data(Qt.ItemDataRole.UserRole): self.images.item(i)
                 for i in range(self.images.count())}
        for name, item in shown.items():
            if name not in names:
                self.images.takeItem(self.images.row(item))
        for name in names:
            if name in shown:
                continue
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(_("Reference image"))
            item.setSizeHint(QSize(THUMB + 8, THUMB + 8))
            self.images.addItem(item)
            project_id = self.project_id
            self.host.call(lambda s, a, name=name: s.projects.image(a, project_id, name),
                           lambda data, item=item: self._thumbnail(item, data), lambda _e: None)
        self.no_images.setVisible(not names)
        self._selection_moved()

    def _thumbnail(self, item: QListWidgetItem, data: bytes) -> None:
        if not isValid(self) or self.images.row(item) < 0:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        item.setIcon(QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)))

    def thumbnails_shown(self) -> int:
        """How many reference images show their picture (for the tests and the screenshot)."""
        return sum(1 for i in range(self.images.count()) if not self.images.item(i).icon().isNull())

    # --- images ----------------------------------------------------------------------------
    def _selection_moved(self) -> None:
        self.remove_image_button.setEnabled(bool(self.images.selectedItems()) and self.record is not None)

    def choose_image(self) -> None:
        prompts.choose_file(self, _("Add a reference image"), _("Images (*.jpg *.jpeg *.png)"), self.add_image_file)

    def add_image_file(self, path: str) -> None:
        project_id = self.project_id
        self.add_image_button.setEnabled(False)
        self.host.call(lambda s, a: s.projects.add_image(a, project_id, _read_file(path)),
                       self._images_changed, self._image_refused, write=True)

    def remove_image(self) -> None:
        selected = self.images.selectedItems()
        if not selected:
            return
        name = selected[0].data(Qt.ItemDataRole.UserRole)
        project_id = self.project_id
        prompts.ask(self, _("Remove image"), _("Remove this reference image from the project?"),
                    lambda: self.host.call(lambda s, a: s.projects.remove_image(a, project_id, name),
                                           self._images_changed, self._image_refused, write=True),
                    yes=_("Remove"), danger=True)

    def _images_changed(self, record: ProjectRecord) -> None:
        if not isValid(self):
            return
        self.add_image_button.setEnabled(True)
        self._show(record, fields=False)
        self.saved.emit(record)

    def _image_refused(self, error) -> None:
        if not isValid(self):
            return
        self.add_image_button.setEnabled(True)
        prompts.tell(self, _("Reference images"), getattr(error, "message", "") or str(error))

    # --- the form --------------------------------------------------------------------------
    def _values(self) -> tuple:
        return (self.title_edit.text(), self.placement.text(), self.quote.text(), self.notes.toPlainText())

    def dirty(self) -> bool:
        return self._values() != self._saved_values

    def _quote_cents(self) -> int | None:
        text = self.quote.text().strip()
        return parse_money(text) if text else None

    def _local_errors(self) -> dict[str, str]:
        errors = {}
        if not self.title_edit.text().strip():
            errors["title"] = _("Type the project's name.")
        try:
            self._quote_cents()
        except ValidationError as error:
            errors["quote"] = error.message
        return errors

    def save(self) -> None:
        if self.record is None or not self.can_edit:
            return
        self.errors.submit(self._send)

    def _send(self) -> None:
        project_id = self.project_id
        values = (self.title_edit.text(), self.placement.text(), self._quote_cents(), self.notes.toPlainText())
        self.busy(True)
        self.host.call(lambda s, a: s.projects.update(a, project_id, *values), self._done, self.failed, write=True)

    def _done(self, record: ProjectRecord) -> None:
        self.busy(False)
        self._saved_values = self._values()
        self.saved.emit(record)
        self.accept()

    def reject(self) -> None:
        if self.dirty() and self.save_button.isEnabled():
            prompts.ask_unsaved(self, self.save, lambda: FormDialog.reject(self))
            return
        super().reject()
