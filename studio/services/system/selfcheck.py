"""Checks `studio self-test` runs beyond the database and the window: the libraries that
later modules import lazily (PDF reports, QR codes) and the plugins shipped with the app.

Each check returns plain values so the frozen build can be asserted on from outside; the
heavy imports stay inside the functions, off the start-up path.
"""

from __future__ import annotations

from studio.config import shipped_plugins_dir

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render_pdf() -> bytes:
    """A one-page PDF with text and a rule, rendered in memory with reportlab."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle("Linework self-test")
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 770, "Linework self-test")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, 752, "Close of day: 0 sales, 0,00 € — €£¥ åéîõü")
    canvas.line(72, 745, 523, 745)
    canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    if not data.startswith(PDF_MAGIC):
        raise RuntimeError("reportlab did not produce a PDF")
    return data


def render_qr_png(text: str = "http://192.0.2.1:8765/intake/self-test") -> bytes:
    """A QR code for ``text`` as PNG bytes (qrcode with Pillow)."""
    import io

    import qrcode

    image = qrcode.make(text, box_size=4, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    if not data.startswith(PNG_MAGIC):
        raise RuntimeError("qrcode did not produce a PNG")
    return data


def shipped_plugins() -> list[str]:
    """Names of the plugins in the app's own plugins/ folder (modules and packages), sorted."""
    folder = shipped_plugins_dir()
    if not folder.is_dir():
        return []
    names = []
    for entry in folder.iterdir():
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_file() and entry.suffix == ".py":
            names.append(entry.stem)
        elif entry.is_dir() and (entry / "__init__.py").is_file():
            names.append(entry.name)
    return sorted(names)
