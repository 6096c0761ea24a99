"""The thumbnail grid: a list model over image records (never pixmaps: the delegate asks
the cache while it paints a tile, so only tiles on screen cost anything), the tile delegate,
and the QListView in icon mode both the page and the client tab show."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

ImageRole = Qt.ItemDataRole.UserRole + 1
CaptionRole = Qt.ItemDataRole.UserRole + 2

PAD = 8
CAPTION = 22


def tone(ui, *names: str) -> QColor:
    """The first of the theme's tokens ``names`` that ``ui.colors`` has (the contract names
    a few, e.g. ``muted``; the theme has more, e.g. ``accent_soft``)."""
    for name in names:
        value = getattr(ui.colors, name, None)
        if value:
            return QColor(value)
    return QColor(getattr(ui.colors, "text"))


class GalleryModel(QAbstractListModel):
    """Rows of ``store.Image`` (with an optional caption per row, e.g. the project)."""

    def __init__(self, thumbs, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self._rows: list = []
        self._captions: list[str] = []
        self._row_of: dict[int, int] = {}
        self._changed: set[int] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(15)  # thumbnails arriving together repaint together
        self._flush.timeout.connect(self._emit_changed)
        thumbs.ready.connect(self._thumb_ready)

    def set_images(self, images, captions=None) -> None:
        self.beginResetModel()
        self._rows = list(images)
        self._captions = list(captions) if captions is not None else [""] * len(self._rows)
        self._row_of = {image.id: row for row, image in enumerate(self._rows)}
        self._changed.clear()
        self.endResetModel()

    def image_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, image_id: int) -> int | None:
        return self._row_of.get(image_id)

    def replace(self, image) -> None:
        """One record changed (its tags): the row shows the new one."""
        row = self._row_of.get(image.id)
        if row is not None:
            self._rows[row] = image
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        image = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return image.title
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.pixmap(image)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [image.title, *(filter(None, [", ".join(image.tags), self._captions[index.row()]]))]
            # Plain text shown as written: escaped inside markup of ours (Qt reads any
            # tooltip that looks like markup as rich text).
            return "<p style='white-space:pre-wrap'>" + html.escape("\n".join(lines)) + "</p>"
        if role == ImageRole:
            return image
        if role == CaptionRole:
            return self._captions[index.row()]
        return None

    def _thumb_ready(self, image_id: int) -> None:
        row = self._row_of.get(image_id)
        if row is not None:
            self._changed.add(row)
            if not self._flush.isActive():
                self._flush.start()

    def _emit_changed(self) -> None:
        rows, self._changed = sorted(self._changed), set()
        roles = [Qt.ItemDataRole.DecorationRole]
        start = prev = None
        for row in rows + [None]:
            if start is not None and (row is None or row != prev + 1):
                self.dataChanged.emit(self.index(start), self.index(prev), roles)
                start = None
            if row is not None and start is None:
                start = row
            prev = row


class TileDelegate(QStyledItemDelegate):
    """A tile: the thumbnail fitted into a square on the surface colour (a placeholder
    until it is ready), the title under it, the chosen tile outlined in the accent."""

    def __init__(self, ui, size: int, parent=None) -> None:
        super().__init__(parent)
        self.ui, self.size = ui, size
        self._placeholder = ui.icon("sparkles")

    def tile_size(self) -> QSize:
        return QSize(self.size + 2 * PAD, self.size + 2 * PAD + CAPTION)

    def sizeHint(self, _option, _index) -> QSize:  # noqa: N802 - Qt override
        return self.tile_size()

    def paint(self, painter: QPainter, option, index) -> None:
        ui = self.ui
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        # The tile keeps its size; the cell may be wider (the view spreads the columns out).
        tile = QRect(0, 0, self.size + 2 * PAD - 6, self.size + 2 * PAD + CAPTION - 6)
        tile.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(tile, 8, 8)
        painter.fillPath(path, tone(ui, "accent_soft", "selection", "surface") if selected else tone(ui, "surface"))
        painter.setPen(QPen(tone(ui, "accent") if selected else tone(ui, "border"), 2 if selected else 1))
        painter.drawPath(path)

        box = QRect(tile.left() + PAD - 3, tile.top() + PAD - 3, self.size, self.size)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is not None and not pixmap.isNull():
            shown = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, shown.width(), shown.height())
            target.moveCenter(box.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap)
        else:
            inner = QPainterPath()
            inner.addRoundedRect(box, 6, 6)
            painter.fillPath(inner, tone(ui, "background", "surface_raised"))
            icon_box = QRect(0, 0, 28, 28)
            icon_box.moveCenter(box.center())
            self._placeholder.paint(painter, icon_box)

        text_rect = QRect(tile.left() + PAD, box.bottom() + 4, tile.width() - 2 * PAD, CAPTION - 2)
        caption = index.data(CaptionRole) or index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.setPen(tone(ui, "text"))
        painter.setFont(option.font)
        shown_text = option.fontMetrics.elidedText(caption, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), shown_text)
        painter.restore()


class GalleryView(QListView):
    """Icon mode, uniform tiles, laid out to the width it has; Enter (or a double-click)
    opens the chosen tile."""

    opened = Signal(object)  # the Image

    def __init__(self, ui, model: GalleryModel, size: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("IdeasGrid")
        # The tiles draw their own cards on the page's background, as the app's cards sit.
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setStyleSheet("QListView#IdeasGrid { background: transparent; border: none; }")
        self.viewport().setAutoFillBackground(False)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.delegate = TileDelegate(ui, size, self)
        self.setItemDelegate(self.delegate)
        self.setGridSize(self.delegate.tile_size())
        self.setModel(model)
        self.verticalScrollBar().setSingleStep(24)
        self.doubleClicked.connect(lambda index: self.opened.emit(index.data(ImageRole)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The columns that fit, spread over the whole width (no strip left empty at the
        right), every cell the same size, so the layout stays uniform and cheap."""
        tile = self.delegate.tile_size()
        # Measured as QListView lays out: the widest the viewport can be, less a scroll bar
        # (and a little), so its coming and going never changes the number of columns.
        bar = self.verticalScrollBar().sizeHint().width()
        room = max(tile.width(), self.maximumViewportSize().width() - bar - 6)
        columns = max(1, room // tile.width())
        cell = QSize(room // columns, tile.height())
        if cell != self.gridSize():
            self.setGridSize(cell)
        super().resizeEvent(event)

    def current_image(self):
        index = self.currentIndex()
        return index.data(ImageRole) if index.isValid() and self.selectionModel().isSelected(index) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_image() is not None:
            self.opened.emit(self.current_image())
            return
        super().keyPressEvent(event)


def while_alive(widget, fn):
    """``fn`` as a callback that does nothing once ``widget`` is gone (a dialog closed
    before its worker answered)."""
    import shiboken6

    def call(*args):
        if shiboken6.isValid(widget):
            fn(*args)

    return call
