"""Icons: Lucide's outline SVGs shipped in ``studio/ui/icons`` (ISC licence), tinted to
the theme. One set for the whole app."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from studio.config import resource_path

# Through config.resource_path so the same line finds them from source and when frozen.
ICON_DIR: Path = resource_path("studio", "ui", "icons")


@lru_cache(maxsize=256)
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


def tinted_svg(name: str, color: str) -> str:
    return _svg(name).replace("currentColor", color)


@lru_cache(maxsize=512)
def pixmap(name: str, color: str, size: int = 18) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    data = tinted_svg(name, color)
    renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
    scale = 2  # crisp on high-DPI screens
    image = QPixmap(size * scale, size * scale)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
    painter.end()
    image.setDevicePixelRatio(scale)
    return image


def icon(name: str, color: str | None = None, *, checked_color: str | None = None, size: int = 18) -> QIcon:
    """A QIcon in the theme's text colour (or ``color``); ``checked_color`` for the On state."""
    from studio.ui.kit import theme

    result = QIcon()
    result.addPixmap(pixmap(name, color or theme.current().text_muted, size), QIcon.Mode.Normal, QIcon.State.Off)
    if checked_color:
        result.addPixmap(pixmap(name, checked_color, size), QIcon.Mode.Normal, QIcon.State.On)
    return result


def clear_cache() -> None:
    pixmap.cache_clear()


@lru_cache(maxsize=128)
def dot(color: str, size: int = 12) -> QPixmap:
    """A filled circle: a person's colour beside their name."""
    from PySide6.QtGui import QColor

    scale = 2
    image = QPixmap(size * scale, size * scale)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(0, 0, size * scale, size * scale)
    painter.end()
    image.setDevicePixelRatio(scale)
    return image
