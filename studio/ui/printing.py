"""Printing a QR code with a caption under it: the client's own code and the walk-in code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPixmap
from PySide6.QtWidgets import QWidget


def print_qr(parent: QWidget, png: bytes, caption: str) -> bool:
    """Ask for a printer, then print the code; False when the person cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_qr(printer, png, caption)
    return True


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
