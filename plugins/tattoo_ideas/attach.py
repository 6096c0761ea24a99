""""Attach to client…": find the client by name (``app.clients.search`` in a worker, a
moment after typing stops), optionally pick one of their projects, and store the link."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from studio.plugin_api import _

from .grid import while_alive

SEARCH_DELAY_MS = 150


class AttachDialog(QDialog):
    def __init__(self, gallery, image, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("IdeasAttach")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Attach to client"))
        self.gallery, self.ui, self.image = gallery, gallery.ui, image
        self._asked = 0  # the newest search's number: older answers are dropped
        ui = self.ui
        self.setMinimumWidth(440)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(8)
        intro = ui.label(_("Attach “{title}” to a client, and to one of their projects if you like.")
                         .format(title=image.title), wrap=True)
        layout.addWidget(intro)
        layout.addWidget(ui.label(_("Client"), "fieldLabel"))
        self.search = QLineEdit()
        self.search.setObjectName("IdeasClientSearch")
        self.search.setPlaceholderText(_("Type a client's name, phone or email"))
        self.search.setAccessibleName(_("Client"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setObjectName("IdeasClientResults")
        self.results.setAccessibleName(_("Clients found"))
        self.results.setMinimumHeight(180)
        layout.addWidget(self.results, 1)
        self.found = ui.label(_("Type to find a client."), "muted", wrap=True)
        layout.addWidget(self.found)
        layout.addWidget(ui.label(_("Project"), "fieldLabel"))
        self.project = QComboBox()
        self.project.setObjectName("IdeasProject")
        self.project.setAccessibleName(_("Project"))
        self.project.addItem(_("No particular project"), None)
        self.project.setEnabled(False)
        layout.addWidget(self.project)
        self.error = ui.label("", "error", wrap=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)

        self.attach_button = ui.button(_("Attach"), variant="primary", on_click=self._attach)
        self.attach_button.setEnabled(False)
        self.attach_button.setDefault(True)
        cancel = ui.button(_("Cancel"), on_click=self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.attach_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self.results.currentItemChanged.connect(lambda *_args: self._client_chosen())
        self.results.itemActivated.connect(lambda _item: self.project.setFocus())

    def _enter(self) -> None:
        """Enter in the search box: take the first client found, if nothing is chosen yet."""
        if self.results.currentItem() is None and self.results.count():
            self.results.setCurrentRow(0)
        self.results.setFocus()

    def _find(self) -> None:
        text = " ".join(self.search.text().split())
        self._asked += 1
        asked, app = self._asked, self.gallery.app
        if not text:
            self.results.clear()
            self.found.setText(_("Type to find a client."))
            return
        self.ui.run(lambda: app.clients.search(text, limit=20),
                    while_alive(self, lambda found: asked == self._asked and self._show_found(found)),
                    while_alive(self, self._refused))

    def _show_found(self, clients) -> None:
        self.results.clear()
        for client in clients:
            extra = " · ".join(filter(None, [client.phone, client.email]))
            item = QListWidgetItem(f"{client.name}  —  {extra}" if extra else client.name)
            item.setData(Qt.ItemDataRole.UserRole, client)
            self.results.addItem(item)
        self.found.setText(_("No client has that name, phone or email.") if not clients else "")
        self.found.setVisible(not clients)
        self._client_chosen()

    def _client(self):
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _client_chosen(self) -> None:
        client = self._client()
        self.attach_button.setEnabled(client is not None)
        self.project.clear()
        self.project.addItem(_("No particular project"), None)
        self.project.setEnabled(False)
        if client is None:
            return
        app = self.gallery.app
        self.ui.run(lambda: app.projects.of_client(client.id),
                    while_alive(self, lambda projects: self._show_projects(client, projects)),
                    while_alive(self, self._refused))

    def _show_projects(self, client, projects) -> None:
        if self._client() is not client:
            return
        for project in projects:
            self.project.addItem(project.title, project.id)
        self.project.setEnabled(bool(projects))

    def _attach(self) -> None:
        client = self._client()
        if client is None:
            return
        project_id, project_title = self.project.currentData(), self.project.currentText()
        image, ui, gallery = self.image, self.ui, self.gallery
        self.attach_button.setEnabled(False)

        def attached(_result) -> None:
            if project_id is None:
                ui.toast(_("Attached “{title}” to {client}.").format(title=image.title, client=client.name))
            else:
                ui.toast(_("Attached “{title}” to {client}, {project}.").format(
                    title=image.title, client=client.name, project=project_title))
            gallery.changed()
            self.accept()

        self.ui.run(lambda: gallery.store.attach(image.id, client.id, project_id), while_alive(self, attached),
                    while_alive(self, self._refused))

    def _refused(self, error) -> None:
        self.error.setText(getattr(error, "message", str(error)))
        self.error.setVisible(True)
        self.attach_button.setEnabled(self._client() is not None)
