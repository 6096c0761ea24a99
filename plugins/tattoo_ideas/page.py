"""The Ideas page: the gallery's grid with its search and tag filter, the chosen image's
tags and actions beside it, and "Add images…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.plugin_api import _, ngettext

from .flow import FlowLayout
from .grid import GalleryModel, GalleryView
from .importer import add_file
from .store import MAX_TAG

IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.heic *.heif *.bmp *.gif *.tif *.tiff"


class IdeasPage(QWidget):
    def __init__(self, gallery) -> None:
        super().__init__()
        self.setObjectName("IdeasPage")
        self.gallery, self.ui = gallery, gallery.ui
        self.loaded = False
        self._images: list = []
        self._tags: list[str] = []
        self._adding: list[Path] = []
        self._added = 0
        self._problems: list[str] = []

        ui = self.ui
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.search = QLineEdit()
        self.search.setObjectName("IdeasSearch")
        # Translators: the hint in the gallery's search field, and its shortcut.
        self.search.setPlaceholderText(_("Search titles and tags  (Ctrl+F)"))
        self.search.setAccessibleName(_("Search titles and tags"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(ui.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._apply_filter)
        bar.addWidget(self.search, 1)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("IdeasTagFilter")
        self.tag_filter.setAccessibleName(_("Tag"))
        self.tag_filter.setMinimumWidth(160)
        self.tag_filter.addItem(_("All tags"), None)
        self.tag_filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.tag_filter)
        self.count = ui.label("", "muted")
        bar.addWidget(self.count)
        bar.addStretch(1)
        self.add_button = ui.button(_("Add images…"), icon_name="plus", variant="primary",
                                    tooltip=_("Add flash sheets and references (Ctrl+N)"), on_click=self.new_item)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)

        self.progress = ui.label("", "muted")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.problems = ui.label("", "error", wrap=True)
        self.problems.setObjectName("IdeasProblems")
        self.problems.setVisible(False)
        layout.addWidget(self.problems)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.empty = self._empty_state()
        self.stack.addWidget(self.empty)

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.model = GalleryModel(gallery.thumbs, self)
        self.grid = GalleryView(ui, self.model, gallery.thumbs.size)
        self.grid.setAccessibleName(_("Ideas"))
        self.grid.opened.connect(self.open_preview)
        self.grid.selectionModel().selectionChanged.connect(lambda *_args: self._show_chosen())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.grid, self._ask_remove,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._tile_menu)
        row.addWidget(self.grid, 1)
        self.no_match = ui.label(_("No image matches this search or tag."), "muted")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setVisible(False)
        row.addWidget(self.no_match, 1)
        row.addWidget(self._side_panel())
        self.stack.addWidget(body)
        self.body = body
        self._show_chosen()

    # --- what the shell calls ----------------------------------------------------------

    def refresh(self) -> None:
        gallery = self.gallery

        def read():
            store = gallery.store
            return store.images(), store.all_tags()

        self.ui.run(read, self._loaded, self._refused)

    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_item(self) -> None:
        """Ctrl+N and "Add images…": the studio's file chooser, opened without blocking."""
        dialog = QFileDialog(self, _("Add images"), "", _("Images ({patterns})").format(patterns=IMAGE_FILTER))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda paths: paths and self.add_files([Path(p) for p in paths]))
        dialog.open()

    def data_changed(self) -> None:
        """Another view changed the gallery: read again now if shown, else on the next visit."""
        if self.isVisible():
            self.refresh()

    # --- loading and filtering ---------------------------------------------------------

    def _loaded(self, result) -> None:
        images, tags = result
        if self.loaded and images == self._images and tags == self._tags:
            return  # a visit with nothing changed keeps the grid where it was scrolled to
        self._images, self._tags = images, tags
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(_("All tags"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        found = self.tag_filter.findData(chosen) if chosen is not None else 0
        self.tag_filter.setCurrentIndex(max(found, 0))
        self.tag_filter.blockSignals(False)
        self._completer_model.setStringList(tags)
        self._apply_filter()
        self.loaded = True

    def _apply_filter(self) -> None:
        text = " ".join(self.search.text().split()).casefold()
        tag = self.tag_filter.currentData()
        shown = [image for image in self._images if (tag is None or tag in image.tags) and image.matches(text)]
        chosen = self.grid.current_image()
        self.model.set_images(shown)
        self.count.setText(ngettext("{n} image", "{n} images", len(shown)).format(n=len(shown)))
        self.stack.setCurrentWidget(self.body if self._images else self.empty)
        self.grid.setVisible(bool(shown))
        self.no_match.setVisible(not shown)
        if chosen is not None and (row := self.model.row_of(chosen.id)) is not None:
            self.grid.setCurrentIndex(self.model.index(row))
        self._show_chosen()

    def _refused(self, error) -> None:
        self._say_problems([getattr(error, "message", str(error))])

    def _say_problems(self, sentences: list[str]) -> None:
        self.problems.setText("\n".join(sentences))
        self.problems.setVisible(bool(sentences))

    # --- adding ------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        """One file per worker call, so the progress line moves and other calls get a turn."""
        if self._adding:
            self._adding.extend(paths)
            self._total += len(paths)
            return
        self._adding, self._added, self._problems = list(paths), 0, []
        self._total = len(paths)
        self._say_problems([])
        self.add_button.setEnabled(False)
        self._add_next()

    def _add_next(self) -> None:
        if not self._adding:
            return self._adding_done()
        path = self._adding.pop(0)
        done = self._total - len(self._adding)
        self.progress.setText(_("Adding image {done} of {total}…").format(done=done, total=self._total))
        self.progress.setVisible(True)
        gallery = self.gallery
        self.ui.run(lambda: add_file(gallery.store, path), self._one_added, self._one_refused)

    def _one_added(self, added) -> None:
        if added.image is None:
            self._problems.append(added.problem)
        else:
            self._added += 1
        self._add_next()

    def _one_refused(self, error) -> None:
        self._problems.append(getattr(error, "message", str(error)))
        self._add_next()

    def _adding_done(self) -> None:
        self.progress.setVisible(False)
        self.add_button.setEnabled(True)
        self._say_problems(self._problems)
        if self._added:
            self.ui.toast(ngettext("Added {n} image to the gallery.", "Added {n} images to the gallery.",
                                   self._added).format(n=self._added))
        self.refresh()
        self.gallery.changed(self)

    # --- the chosen image ----------------------------------------------------------------

    def _side_panel(self) -> QFrame:
        ui = self.ui
        panel = QFrame()
        panel.setObjectName("Card")
        panel.setFixedWidth(300)
        panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(panel)
        box.setContentsMargins(16, 16, 16, 16)
        box.setSpacing(8)
        self.chosen_title = ui.label("", "title", wrap=True)
        self.chosen_title.setObjectName("IdeasChosenTitle")
        box.addWidget(self.chosen_title)
        self.chosen_meta = ui.label("", "muted", wrap=True)
        box.addWidget(self.chosen_meta)
        self.tags_caption = ui.label(_("Tags"), "fieldLabel")
        box.addWidget(self.tags_caption)
        self.chips_holder = QWidget()
        self.chips = FlowLayout(self.chips_holder)
        box.addWidget(self.chips_holder)
        self.no_tags = ui.label(_("No tags yet."), "muted")
        box.addWidget(self.no_tags)

        tag_row = QHBoxLayout()
        tag_row.setSpacing(6)
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("IdeasTagEdit")
        self.tag_edit.setPlaceholderText(_("New tag, e.g. flash"))
        self.tag_edit.setAccessibleName(_("New tag"))
        self.tag_edit.setMaxLength(MAX_TAG)
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self.tag_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_edit.setCompleter(completer)
        self.tag_edit.returnPressed.connect(self._add_tag)
        tag_row.addWidget(self.tag_edit, 1)
        self.add_tag_button = ui.button(_("Add tag"), on_click=self._add_tag)
        tag_row.addWidget(self.add_tag_button)
        box.addLayout(tag_row)

        box.addSpacing(8)
        self.preview_button = ui.button(_("Preview"), icon_name="eye", tooltip=_("Open the large preview (Enter)"),
                                        on_click=lambda: self.open_preview(self.grid.current_image()))
        box.addWidget(self.preview_button)
        self.attach_button = ui.button(_("Attach to client…"), icon_name="user-plus", on_click=self._attach)
        box.addWidget(self.attach_button)
        self.remove_button = ui.button(_("Remove from gallery…"), icon_name="trash-2", variant="ghost",
                                       on_click=self._ask_remove)
        box.addWidget(self.remove_button)
        self.nothing_chosen = ui.label(_("Choose an image to tag it, preview it or attach it to a client."),
                                       "muted", wrap=True)
        box.addWidget(self.nothing_chosen)
        box.addStretch(1)
        return panel

    def _show_chosen(self) -> None:
        image = self.grid.current_image()
        chosen = image is not None
        for widget in (self.chosen_title, self.chosen_meta, self.tags_caption, self.chips_holder, self.tag_edit,
                       self.add_tag_button, self.preview_button, self.attach_button, self.remove_button):
            widget.setVisible(chosen)
        self.nothing_chosen.setVisible(not chosen)
        self.no_tags.setVisible(chosen and not image.tags)
        self.chips.clear()
        if not chosen:
            return
        self.chosen_title.setText(image.title)
        # Translators: an image's size in pixels, e.g. "3000 × 2000 px".
        self.chosen_meta.setText(_("{width} × {height} px").format(width=image.width, height=image.height))
        for tag in image.tags:
            chip = self.ui.button(tag.replace("&", "&&"), icon_name="x",  # "&" would mark a shortcut key
                                  tooltip=_("Remove the tag {tag}").format(tag=tag),
                                  on_click=lambda checked=False, t=tag: self._remove_tag(t))
            chip.setObjectName("IdeasTagChip")
            chip.setAccessibleName(_("Remove the tag {tag}").format(tag=tag))
            self.chips.addWidget(chip)
        self.chips_holder.updateGeometry()

    def _add_tag(self) -> None:
        image, tag = self.grid.current_image(), " ".join(self.tag_edit.text().split())
        if image is None or not tag:
            return
        self.tag_edit.clear()
        gallery = self.gallery
        self.ui.run(lambda: (gallery.store.add_tag(image.id, tag), gallery.store.all_tags()), self._tags_changed, self._refused)

    def _remove_tag(self, tag: str) -> None:
        image = self.grid.current_image()
        if image is None:
            return
        gallery = self.gallery
        self.ui.run(lambda: (gallery.store.remove_tag(image.id, tag), gallery.store.all_tags()), self._tags_changed, self._refused)

    def _tags_changed(self, result) -> None:
        image, _tags = result
        if image is None:
            return self.refresh()
        self._images = [image if i.id == image.id else i for i in self._images]
        self.model.replace(image)
        self.refresh()  # the tag filter's list, and the grid if the change took it out of the filter
        self.gallery.changed(self)

    # --- preview, attach, remove ---------------------------------------------------------

    def _tile_menu(self, pos) -> None:
        """The tile's actions under the pointer (opened with popup(): no event loop of its own)."""
        index = self.grid.indexAt(pos)
        if not index.isValid():
            return
        self.grid.setCurrentIndex(index)
        image = self.grid.current_image()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(_("Preview"), lambda: self.open_preview(image))
        menu.addAction(_("Attach to client…"), self._attach)
        menu.addSeparator()
        menu.addAction(_("Remove from gallery…"), self._ask_remove)
        menu.popup(self.grid.viewport().mapToGlobal(pos))

    def open_preview(self, image) -> None:
        if image is None:
            return
        from .preview import PreviewDialog

        PreviewDialog(self.gallery, image, self).open()

    def _attach(self) -> None:
        image = self.grid.current_image()
        if image is None:
            return
        from .attach import AttachDialog

        AttachDialog(self.gallery, image, self).open()

    def _ask_remove(self) -> None:
        image = self.grid.current_image()
        if image is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Remove from gallery"),
                          _("Remove “{title}” from the gallery? Clients it is attached to lose it too.")
                          .format(title=image.title), QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        remove = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _code: box.clickedButton() is remove and self._remove(image))
        box.open()

    def _remove(self, image) -> None:
        gallery, thumbs = self.gallery, self.gallery.thumbs

        def removed(_result) -> None:
            thumbs.forget(image.id)
            self.ui.toast(_("Removed “{title}” from the gallery.").format(title=image.title))
            self.refresh()
            self.gallery.changed(self)

        self.ui.run(lambda: gallery.store.remove_image(image.id), removed, self._refused)

    def _empty_state(self) -> QFrame:
        ui = self.ui
        frame = QFrame()
        frame.setObjectName("EmptyState")
        box = QVBoxLayout(frame)
        box.setContentsMargins(32, 32, 32, 32)
        box.setSpacing(8)
        box.addStretch(1)
        art = ui.label()
        art.setPixmap(ui.icon("sparkles").pixmap(40, 40))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(art)
        title = ui.label(_("No ideas yet"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        text = ui.label(_("Add flash sheets and reference images, tag them, and attach them to a client's "
                          "project."), "muted", wrap=True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(text)
        action = QHBoxLayout()
        action.addStretch(1)
        action.addWidget(ui.button(_("Add images…"), icon_name="plus", on_click=self.new_item))
        action.addStretch(1)
        box.addLayout(action)
        box.addStretch(1)
        return frame
