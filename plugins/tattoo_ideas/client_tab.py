"""The client view's Ideas tab: the images attached to this client (with the project each
is for), thumbnails as on the Ideas page, a preview on Enter or double-click, and removing
an attachment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from studio.plugin_api import _, ngettext

from .grid import GalleryModel, GalleryView, while_alive


class ClientIdeasTab(QWidget):
    def __init__(self, gallery) -> None:
        super().__init__()
        self.setObjectName("IdeasClientTab")
        self.gallery, self.ui = gallery, gallery.ui
        self.client_id: int | None = None
        self.loaded = False
        self._asked = 0
        ui = self.ui

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.count = ui.label("", "muted")
        bar.addWidget(self.count, 1)
        self.remove_button = ui.button(_("Remove from client"), icon_name="x", variant="ghost",
                                       tooltip=_("Detach the chosen idea from this client (Delete)"),
                                       on_click=self._remove)
        self.remove_button.setEnabled(False)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        self.empty = ui.label(_("No ideas attached to this client yet. Choose one on the Ideas page and "
                                "use “Attach to client…”."), "muted", wrap=True)
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        self.model = GalleryModel(gallery.thumbs, self)
        self.grid = GalleryView(ui, self.model, gallery.thumbs.size)
        self.grid.setAccessibleName(_("Ideas attached to this client"))
        self.grid.opened.connect(self._preview)
        self.grid.selectionModel().selectionChanged.connect(
            lambda *_args: self.remove_button.setEnabled(self.grid.current_image() is not None))
        layout.addWidget(self.grid, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.grid, self._remove,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.loaded = False
        self._read()

    def data_changed(self) -> None:
        if self.client_id is not None:
            self._read()

    def _read(self) -> None:
        self._asked += 1
        asked, client_id = self._asked, self.client_id
        gallery, app = self.gallery, self.gallery.app

        def read():
            attachments = gallery.store.attachments_of_client(client_id)
            titles = {}
            if any(a.project_id is not None for a in attachments):
                titles = {p.id: p.title for p in app.projects.of_client(client_id)}
            return attachments, titles

        self.ui.run(read, while_alive(self, lambda result: asked == self._asked and self._show(*result)),
                    while_alive(self, self._refused))

    def _show(self, attachments, project_titles) -> None:
        captions = []
        for attachment in attachments:
            project = project_titles.get(attachment.project_id)
            # Translators: an idea's caption on the client's tab: its title and the project it is for.
            captions.append(_("{title} · {project}").format(title=attachment.image.title, project=project)
                            if project else attachment.image.title)
        self.model.set_images([a.image for a in attachments], captions)
        n = len(attachments)
        self.count.setText(ngettext("{n} idea attached", "{n} ideas attached", n).format(n=n))
        self.empty.setVisible(not attachments)
        self.grid.setVisible(bool(attachments))
        self.remove_button.setEnabled(False)
        self.loaded = True

    def _refused(self, error) -> None:
        self.empty.setText(getattr(error, "message", str(error)))
        self.empty.setVisible(True)

    def _preview(self, image) -> None:
        if image is not None:
            from .preview import PreviewDialog

            PreviewDialog(self.gallery, image, self).open()

    def _remove(self) -> None:
        image, client_id = self.grid.current_image(), self.client_id
        if image is None or client_id is None:
            return
        gallery = self.gallery

        def removed(_result) -> None:
            self.ui.toast(_("“{title}” is no longer attached to this client.").format(title=image.title))
            self._read()
            gallery.changed(self)

        self.ui.run(lambda: gallery.store.detach(image.id, client_id), while_alive(self, removed),
                    while_alive(self, self._refused))
