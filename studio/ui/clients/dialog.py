"""The client view: details, health, history and photo in tabs, then a tab from each area
that keeps something about the client (consents, …), and the intake QR beside them. One window for adding a client and for opening one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.services.clients import ClientDetail, MedicalInfo
from studio.services.common import Conflict, DuplicateClient, FormErrors, Permission, _, can, ngettext, pgettext
from studio.ui.clients.forms import DetailsForm, MedicalForm
from studio.ui.clients.history import HistoryPanel
from studio.ui.clients.qr_panel import QrPanel
from studio.ui.kit import prompts
from studio.ui.kit.form_checks import FieldChecks
from studio.ui.kit.format import local_datetime
from studio.ui.kit.widgets import EmptyState, Role, button, button_box, card, label, page_scroll
from studio.ui.shell.extensions import resolve
from studio.ui.shell.page import PageHost

DIALOG_SIZE = (940, 640)  # inside a 1366×768 screen with room for the taskbar


class ClientDialog(QDialog):
    saved = Signal(object)  # ClientDetail
    erased = Signal()
    open_existing = Signal(int)

    def __init__(self, host: PageHost, client_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClientDialog")
        self.host = host
        self.client_id = client_id
        self.detail: ClientDetail | None = None
        self.medical_loaded = False
        self.dirty = False
        role = self.role = host.actor.role
        self.can_edit = can(role, Permission.EDIT_CLIENTS)
        self.can_read_medical = can(role, Permission.VIEW_MEDICAL)
        self.can_edit_medical = can(role, Permission.EDIT_MEDICAL)
        self.setWindowTitle(_("New client") if client_id is None else _("Client"))
        self.resize(*DIALOG_SIZE)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = label(_("New client") if client_id is None else _("Loading…"), "pageTitle")
        self.subtitle = label(_("Required fields are marked *.") if client_id is None else "", "muted")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        if client_id is not None:
            if can(role, Permission.EXPORT_CLIENT):
                header.addWidget(button(_("Export data…"), icon_name="download", on_click=self.export))
            if can(role, Permission.ERASE_CLIENT):
                erase = button(_("Erase…"), icon_name="trash-2", variant="ghost", on_click=self.erase)
                erase.setObjectName("EraseClient")
                header.addWidget(erase)
        outer.addLayout(header)

        body = QHBoxLayout()
        body.setSpacing(16)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.details = DetailsForm()
        self.details.changed.connect(self._changed)
        self.details.set_read_only(not self.can_edit)
        self.tabs.addTab(page_scroll(self.details), _("Details"))
        self.medical = MedicalForm()
        self.medical.changed.connect(self._changed)
        self.medical.set_read_only(not self.can_edit_medical)
        self.medical_locked = EmptyState("shield-check", _("Health notes are private"),
                                         _("Only admins and artists can read a client's health notes."))
        self.medical_tab = QWidget()
        medical_layout = QVBoxLayout(self.medical_tab)
        medical_layout.setContentsMargins(0, 8, 0, 0)
        self.medical_area = page_scroll(self.medical) if self.can_read_medical else self.medical_locked
        medical_layout.addWidget(self.medical_area)
        # An artist reads only the clients they look after: the service's refusal shows here.
        self.medical_refused = EmptyState("shield-check", _("Health notes are private"), "")
        self.medical_refused.setObjectName("MedicalRefused")
        self.medical_refused.setVisible(False)
        medical_layout.addWidget(self.medical_refused)
        self.tabs.addTab(self.medical_tab, _("Health"))
        if client_id is not None:
            self.history = QWidget()
            history_layout = QVBoxLayout(self.history)
            self.record_box = QWidget()
            self.history_layout = QVBoxLayout(self.record_box)
            self.history_layout.setContentsMargins(0, 0, 0, 0)
            # Appointments and projects, read when the tab is first opened; this record below.
            self.history_panel = HistoryPanel(host, client_id, self.history)
            history_layout.addWidget(self.history_panel, 1)
            history_layout.addWidget(self.record_box)
            self.tabs.addTab(self.history, _("History"))
            self.tabs.addTab(self._photo_tab(), _("Photo"))
            # Each area that keeps something about a client adds its tab (Consents, …).
            self.area_tabs: dict[str, QWidget] = {}
            self._add_area_tabs()
            # A plugin switched on or off while this client is open: its tab comes or goes.
            host.ctx.changes.extensions_changed.connect(self._extensions_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        body.addWidget(self.tabs, 1)
        if client_id is not None:
            side, side_layout = card(margins=16, spacing=8)
            side.setFixedWidth(236)
            self.qr = QrPanel(host, client_id)
            side_layout.addWidget(self.qr)
            body.addWidget(side)
        outer.addLayout(body, 1)

        # Problems with the save as a whole (a possible duplicate, someone else's change) show
        # here with the actions that resolve them, not in a modal box.
        self.notice = QWidget()
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(0, 0, 0, 0)
        self.general = label("", "error", wrap=True)
        self.general.setObjectName("ClientFormError")
        notice_layout.addWidget(self.general, 1)
        self.open_existing_button = button(_("Open existing"), on_click=self._open_duplicate)
        self.create_anyway_button = button(_("Create anyway"), on_click=lambda: self.save(allow_duplicate=True))
        self.reload_button = button(_("Reload"), icon_name="refresh-cw", on_click=self._reload)
        for b in (self.open_existing_button, self.create_anyway_button, self.reload_button):
            notice_layout.addWidget(b)
        self.duplicates: list = []
        self._show_notice("")
        outer.addWidget(self.notice)
        self.cancel_button = button(_("Close") if client_id is not None else _("Cancel"), on_click=self.reject)
        self.save_button = button(_("Add client") if client_id is None else _("Save"), variant="primary",
                                  on_click=lambda: self.save())
        self.save_button.setObjectName("SaveClient")
        self.save_button.setDefault(True)
        self.save_button.setVisible(self.can_edit)
        outer.addWidget(button_box((self.save_button, Role.AcceptRole), (self.cancel_button, Role.RejectRole)))
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        self.checks = FieldChecks(self, {**self.details.fields, **self.medical.fields}, self._check)

        if client_id is not None:
            self._load()
            for tab in self.area_tabs.values():
                tab.show_client(client_id)
        self.details.full_name.setFocus()

    def _add_area_tabs(self) -> list[QWidget]:
        added = []
        for entry in self.host.extensions.client_tabs(self.role):
            if entry.key not in self.area_tabs:
                tab = resolve(entry.widget)(self.host, self)
                self.area_tabs[entry.key] = tab
                self.tabs.addTab(tab, entry.title)
                added.append(tab)
        return added

    def _extensions_changed(self) -> None:
        offered = {entry.key for entry in self.host.extensions.client_tabs(self.role)}
        for key in [k for k in self.area_tabs if k not in offered]:
            tab = self.area_tabs.pop(key)
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        for tab in self._add_area_tabs():
            tab.show_client(self.client_id)

    # --- loading --------------------------------------------------------------------
    def _load(self) -> None:
        client_id = self.client_id
        self.host.call(lambda s, a: s.clients.get(a, client_id), self._loaded, self._load_failed)

    def _loaded(self, detail: ClientDetail) -> None:
        self.detail = detail
        self.details.load(detail)
        self._show_header(detail)
        self._fill_history(detail)
        self.dirty = False
        if detail.has_photo:
            client_id = detail.id
            self.host.call(lambda s, a: s.clients.photo(a, client_id), self._show_photo)

    def _load_failed(self, error) -> None:
        prompts.tell(self.parentWidget(), _("Client"), error.message)
        self.done(QDialog.DialogCode.Rejected)

    def _show_header(self, d: ClientDetail) -> None:
        name = d.full_name if not d.preferred_name else f"{d.full_name} ({d.preferred_name})"
        self.title.setText(name)
        # Translators: the client dialog's window title; {name} is the client's name.
        self.setWindowTitle(_("{name} · Client").format(name=d.full_name))
        bits = [ngettext("{n} year old", "{n} years old", d.age).format(n=d.age) if d.age is not None else "",
                d.phone_display, d.email, _("has health notes") if d.has_medical_notes else ""]
        self.subtitle.setText(" · ".join(b for b in bits if b))
        self.medical_locked.text.setText(
            _("This client has health notes. Only admins and artists can read them.") if d.has_medical_notes
            else _("This client has no health notes. Only admins and artists can read them."))

    def _fill_history(self, d: ClientDetail) -> None:
        while self.history_layout.count():
            item = self.history_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        tz = self.host.settings.timezone
        frame, inner = card(margins=16, spacing=6)
        inner.addWidget(label(_("This record"), "title"))
        # Translators: {when} is a date and time.
        inner.addWidget(label(_("Added {when}.").format(when=local_datetime(d.created_at, tz)), "muted"))
        when = local_datetime(d.updated_at, tz)
        # Translators: {when} is a date and time, {who} a staff member's name, {version} a number.
        changed = (_("Last changed {when} by {who} (version {version}).").format(
                       when=when, who=d.updated_by_name, version=d.version) if d.updated_by_name
                   else _("Last changed {when} (version {version}).").format(when=when, version=d.version))
        inner.addWidget(label(changed, "muted"))
        self.history_layout.addWidget(frame)

    def _tab_changed(self, index: int) -> None:
        if self.client_id is not None and self.tabs.widget(index) is self.history:
            self.history_panel.load()
        # The health section is read (and the read audited) only when someone opens it.
        if self.tabs.widget(index) is self.medical_tab and self.client_id is not None \
                and self.can_read_medical and not self.medical_loaded:
            client_id = self.client_id
            self.host.call(lambda s, a: s.clients.medical(a, client_id), self._medical_arrived,
                           self._medical_refused, write=True)

    def _medical_refused(self, error) -> None:
        self.medical_refused.text.setText(error.message)
        self.medical_area.setVisible(False)
        self.medical_refused.setVisible(True)

    def _medical_arrived(self, info: MedicalInfo) -> None:
        was_dirty = self.dirty
        self.medical.load(info)
        self.medical_loaded = True
        self.dirty = was_dirty

    # --- photo ----------------------------------------------------------------------
    def _photo_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.photo = QLabel(_("No photo yet."))
        self.photo.setObjectName("ClientPhoto")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setMinimumHeight(260)
        layout.addWidget(self.photo, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        choose = button(_("Choose photo…"), icon_name="upload", on_click=self.choose_photo)
        remove = button(_("Remove"), icon_name="x", variant="ghost", on_click=lambda: self.set_photo(None))
        for b in (choose, remove):
            b.setVisible(self.can_edit)
            row.addWidget(b)
        layout.addLayout(row)
        return tab

    def _show_photo(self, data: bytes | None) -> None:
        if not data:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(_("No photo yet."))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.photo.setPixmap(pixmap.scaled(320, 320, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def choose_photo(self) -> None:
        prompts.choose_file(self, _("Choose a photo"), _("Images (*.jpg *.jpeg *.png)"), self.set_photo_file)

    def set_photo_file(self, path: str) -> None:
        try:
            with open(path, "rb") as source:
                data = source.read()
        except OSError as error:
            # Translators: {reason} is the system's (English) reason.
            prompts.tell(self, _("Photo"), _("Linework could not read that file ({reason}).").format(
                reason=error.strerror or error))
            return
        self.set_photo(data)

    def set_photo(self, data: bytes | None) -> None:
        client_id = self.client_id

        def done(detail: ClientDetail) -> None:
            # The photo moves the version on; keep the form's edits and the new version.
            self.detail = detail
            self._show_photo(data)

        self.host.call(lambda s, a: s.clients.set_photo(a, client_id, data), done,
                       lambda e: prompts.tell(self, _("Photo"), e.message), write=True)

    # --- validation and saving --------------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True

    def _check(self, ok, failed) -> None:
        """The services' rules over the whole form (FieldChecks shows the visited fields)."""
        data = self.details.value()
        medical = self.medical.value() if self.medical_loaded or self.client_id is None else None
        self.host.call(lambda s, a: s.clients.validate(a, data, medical), ok, failed)

    def _medical_to_save(self) -> MedicalInfo | None:
        if not self.can_edit_medical:
            return None
        if self.client_id is None:
            info = self.medical.value()
            return None if info.is_empty else info
        return self.medical.value() if self.medical_loaded else None

    def _show_notice(self, text: str, *actions: QWidget) -> None:
        self.general.setText(text)
        self.notice.setVisible(bool(text))
        for b in (self.open_existing_button, self.create_anyway_button, self.reload_button):
            b.setVisible(b in actions)

    def save(self, *, allow_duplicate: bool = False) -> None:
        if not self.can_edit or not self.save_button.isEnabled():
            return
        self._show_notice("")
        data, medical = self.details.value(), self._medical_to_save()
        self.save_button.setEnabled(False)
        if self.client_id is None:
            call = lambda s, a: s.clients.create(a, data, medical=medical, allow_duplicate=allow_duplicate)  # noqa: E731
        else:
            client_id, version = self.client_id, self.detail.version if self.detail else 0
            call = lambda s, a: s.clients.update(a, client_id, data, version=version, medical=medical)  # noqa: E731
        self.host.call(call, self._saved, self._save_failed, write=True)

    def _saved(self, detail: ClientDetail) -> None:
        self.save_button.setEnabled(True)
        self.dirty = False
        self.checks.clear()
        self.host.toast(_("Saved {name}.").format(name=detail.full_name))
        self.saved.emit(detail)
        self.accept()

    def _save_failed(self, error) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, FormErrors):
            self.checks.show(error)
            medical_keys = [k for k in error.errors if k.startswith("medical.")]
            self.tabs.setCurrentIndex(1 if medical_keys and len(medical_keys) == len(error.errors) else 0)
            self._show_notice(_("Nothing was saved: check the fields marked in red."))
        elif isinstance(error, DuplicateClient):
            self.duplicates = list(error.matches)
            names = "; ".join(_same(m) for m in error.matches[:3])
            # Translators: {names} lists clients, each with what they share, e.g. "Ana Ruiz (same phone)".
            self._show_notice(_("This looks like a client you already have: {names}. Nothing was saved yet.").format(
                names=names),
                              self.open_existing_button, self.create_anyway_button)
        elif isinstance(error, Conflict) and self.client_id is not None:
            self._show_notice(error.message, self.reload_button)
        else:
            self._show_notice(error.message)

    def _open_duplicate(self) -> None:
        if self.duplicates:
            self.dirty = False
            self.reject()
            self.open_existing.emit(self.duplicates[0].id)

    def _reload(self) -> None:
        """Take the other person's saved version; this window's unsaved edits are dropped."""
        self._show_notice("")
        self.medical_loaded = False
        if self.tabs.currentWidget() is self.medical_tab:
            self._tab_changed(self.tabs.currentIndex())
        self._load()

    # --- data rights ----------------------------------------------------------------
    def export(self) -> None:
        from studio.ui.clients.rights import export_client

        export_client(self.host, self.client_id, self)

    def erase(self) -> None:
        from studio.ui.clients.rights import EraseClientDialog

        name = self.detail.full_name if self.detail else ""
        dialog = EraseClientDialog(self.host, self.client_id, name, self)
        dialog.erased.connect(self._erased)
        dialog.open()

    def _erased(self) -> None:
        self.dirty = False
        self.erased.emit()
        self.reject()

    # --- closing --------------------------------------------------------------------
    def reject(self) -> None:
        if self.dirty and self.can_edit:
            prompts.ask_unsaved(self, self.save, self._discard)
            return
        self.dirty = False
        super().reject()

    def _discard(self) -> None:
        self.dirty = False
        self.reject()


def _same(match) -> str:
    """"Ana Ruiz (same phone)": a look-alike and what it shares with the client being entered."""
    on = set(match.matched_on)
    # Translators: {name} is a client's name.
    if on == {"phone"}:
        return pgettext("duplicate client", "{name} (same phone)").format(name=match.full_name)
    if on == {"email"}:
        return pgettext("duplicate client", "{name} (same email)").format(name=match.full_name)
    return pgettext("duplicate client", "{name} (same phone and email)").format(name=match.full_name)
