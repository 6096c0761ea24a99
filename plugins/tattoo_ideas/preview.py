"""The large preview: the image in a graphics view that zooms (Ctrl+wheel, + and −, Fit,
100 %) by transforming the view, so zooming never rescales the pixels on the GUI thread.
The file is decoded in a worker; Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QVBoxLayout,
)

from studio.plugin_api import _

from .grid import tone, while_alive

STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


def _opened(path) -> QImage:
    """The stored image, decoded in a worker (a null image when its file is missing or damaged)."""
    from .thumbs import decoded

    try:
        return decoded(path)
    except Exception:  # noqa: BLE001 - said in the dialog
        return QImage()


class ZoomView(QGraphicsView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("IdeasPreviewView")
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setScene(QGraphicsScene(self))
        self.item: QGraphicsPixmapItem | None = None
        self.fitting = True

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.scene().clear()
        self.item = self.scene().addPixmap(pixmap)
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit()

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.fitting = False
        self.resetTransform()
        self.scale(factor, factor)

    def fit(self) -> None:
        if self.item is None:
            return
        self.fitting = True
        self.resetTransform()
        self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1:  # a small image is shown at its size, not blown up
            self.resetTransform()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fitting:
            self.fit()


class PreviewDialog(QDialog):
    def __init__(self, gallery, image, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("IdeasPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(image.title)
        self.image, self.ui = image, gallery.ui
        ui = self.ui
        window = parent.window() if parent is not None else None
        self.resize(min(1100, int(window.width() * 0.85)) if window else 1000,
                    min(800, int(window.height() * 0.85)) if window else 700)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        self.view = ZoomView(self)
        self.view.setBackgroundBrush(tone(ui, "background", "surface"))
        layout.addWidget(self.view, 1)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.status = ui.label(_("Opening…"), "muted")
        bar.addWidget(self.status, 1)
        self.zoom_out = ui.button("−", tooltip=_("Zoom out (−)"), on_click=lambda: self._step(1 / STEP))
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.zoom_in = ui.button("+", tooltip=_("Zoom in (+)"), on_click=lambda: self._step(STEP))
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.fit_button = ui.button(_("Fit"), tooltip=_("Fit the window (0)"), on_click=self._fit)
        self.actual = ui.button(_("100%"), tooltip=_("Actual size (1)"), on_click=lambda: self._set(1.0))
        self.close_button = ui.button(_("Close"), on_click=self.reject)
        for widget in (self.zoom_out, self.zoom_in, self.fit_button, self.actual, self.close_button):
            widget.setAutoDefault(False)
            bar.addWidget(widget)
        layout.addLayout(bar)

        for keys, run in (("+", lambda: self._step(STEP)), ("=", lambda: self._step(STEP)),
                          ("-", lambda: self._step(1 / STEP)), ("Ctrl++", lambda: self._step(STEP)),
                          ("Ctrl+-", lambda: self._step(1 / STEP)), ("0", self._fit), ("1", lambda: self._set(1.0))):
            QShortcut(QKeySequence(keys), self, run)

        self.ui.run(lambda: _opened(gallery.store.image_path(image)), while_alive(self, self._decoded))

    def _decoded(self, decoded: QImage) -> None:
        if decoded.isNull():
            self.status.setText(_("This image could not be opened: its file is missing or damaged."))
            return
        self.view.set_pixmap(QPixmap.fromImage(decoded))
        self._show_zoom()

    def _step(self, factor: float) -> None:
        self._set(self.view.zoom() * factor)

    def _set(self, factor: float) -> None:
        if self.view.item is not None:
            self.view.set_zoom(factor)
            self._show_zoom()

    def _fit(self) -> None:
        self.view.fit()
        self._show_zoom()

    def _show_zoom(self) -> None:
        # Translators: the preview's size and zoom, e.g. "3000 × 2000 px · 42%".
        self.status.setText(_("{width} × {height} px · {zoom}%").format(
            width=self.image.width, height=self.image.height, zoom=round(self.view.zoom() * 100)))
