"""Printing a QR code with a caption under it: the client's own code and the walk-in code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QWidget


def print_qr(parent: QWidget, png: bytes, caption: str, on_printed: Callable[[], None] | None = None) -> QDialog:
    """Ask for a printer (the dialog opens and this returns at once), then print the code
    once the person chose one; nothing happens when they cancel."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen() -> None:
        paint_qr(printer, png, caption)
        if on_printed is not None:
            on_printed()

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def paint_qr(device: QPagedPaintDevice, png: bytes, caption: str) -> None:
    """The code centred across half the page, a sixth of the way down, the caption below."""
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    painter = QPainter(device)
    try:
        page = painter.viewport()
        side = min(page.width(), page.height()) // 2
        top = page.height() // 6
        painter.drawPixmap((page.width() - side) // 2, top, side, side, pixmap)
        painter.drawText(page.adjusted(0, top + side + 40, 0, 0),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         caption)
    finally:
        painter.end()
