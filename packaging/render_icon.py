"""Render packaging/linework.svg to the PNG (Linux, macOS via PyInstaller) and ICO (Windows)
icons checked in next to it. Run after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icon.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = 256


def main() -> int:
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs one
    renderer = QSvgRenderer(str(HERE / "linework.svg"))
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    png = bytes(data.data())
    (HERE / "linework.png").write_bytes(png)
    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    Image.open(io.BytesIO(png)).save(HERE / "windows" / "linework.ico", sizes=sizes)
    print("wrote packaging/linework.png and packaging/windows/linework.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
