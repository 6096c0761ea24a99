"""The one QR printing routine (client QR and walk-in QR) draws the code and its caption."""

from __future__ import annotations

import io

import pypdf

from studio.services.common.qr import render_qr_png


def test_a_qr_is_printed_with_its_caption(qapp, tmp_path):
    from PySide6.QtGui import QPdfWriter

    from studio.ui.kit.printing import paint_qr

    out = tmp_path / "qr.pdf"
    writer = QPdfWriter(str(out))
    paint_qr(writer, render_qr_png("http://192.168.1.20:8765/w/abc"), "Scan to fill in your form.\nhttp://x/w/abc")
    del writer  # finishes the file
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    page, = reader.pages
    words = page.extract_text().replace("\ufb01", "fi").split()  # Qt writes ligatures and tabs
    assert words == ["Scan", "to", "fill", "in", "your", "form.", "http://x/w/abc"]
    assert page.images, "the code is drawn as an image"
