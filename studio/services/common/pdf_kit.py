"""What every PDF Linework writes shares: a font that draws the studio's names (DejaVu Sans,
shipped with the app; Helvetica with plain-letter fallbacks otherwise), markup-safe text,
and one set of paragraph styles and label/value tables. reportlab loads only when used."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence
from xml.sax.saxutils import escape

from studio.config import resource_path

_FONT_CANDIDATES = (
    # (regular, bold) — the first pair whose regular file exists wins.
    (resource_path("studio", "resources", "fonts", "DejaVuSans.ttf"),
     resource_path("studio", "resources", "fonts", "DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
     Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"), Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/TTF/DejaVuSans.ttf"), Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf")),
    (Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" / "arial.ttf",
     Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" / "arialbd.ttf"),
    (Path("/Library/Fonts/Arial Unicode.ttf"), Path("/Library/Fonts/Arial Unicode.ttf")),
)




_registered: tuple[str, str, bool] | None = None


def pdf_fonts() -> tuple[str, str, bool]:
    """(regular, bold, unicode?) font names, registering a TrueType font the first time."""
    global _registered
    if _registered is not None:
        return _registered
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in _FONT_CANDIDATES:
        try:
            if not regular.is_file():
                continue
            pdfmetrics.registerFont(TTFont("LineworkSans", str(regular)))
            bold_name = "LineworkSans"
            if bold.is_file():
                pdfmetrics.registerFont(TTFont("LineworkSans-Bold", str(bold)))
                bold_name = "LineworkSans-Bold"
            _registered = ("LineworkSans", bold_name, True)
            return _registered
        except Exception:  # noqa: BLE001 - an unreadable font file: try the next one
            continue
    _registered = ("Helvetica", "Helvetica-Bold", False)
    return _registered


def latin1_safe(text: str) -> str:
    """``text`` with every character Helvetica cannot draw replaced by its plain-letter
    form ("Ł" → "L", "ź" → "z") or "?"."""
    import unicodedata

    from studio.services.common.folding import fold

    out = []
    for c in text:
        if c == "\n" or (ord(c) < 256 and c.isprintable()):
            out.append(c)
            continue
        plain = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        if not (plain and all(ord(x) < 256 and x.isprintable() for x in plain)):
            plain = fold(c).upper() if c.isupper() else fold(c)
        out.append(plain if plain and all(ord(x) < 128 and x.isprintable() for x in plain) else "?")
    return "".join(out)




@dataclass(frozen=True)
class PdfKit:
    text: Callable[[object], str]  # markup-safe Paragraph text, line breaks kept
    body: Any
    small: Any
    heading: Any
    title: Any

    def table(self, rows: Sequence[tuple[str, object]], widths_mm: tuple[float, float]):
        """Label/value rows, top-aligned, with a hairline under each."""
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, Table, TableStyle

        data = [[Paragraph(self.text(label), self.body), Paragraph(self.text(value), self.body)]
                for label, value in rows]
        t = Table(data, colWidths=[w * mm for w in widths_mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
        return t


def pdf_kit() -> PdfKit:
    from reportlab.lib.styles import ParagraphStyle

    regular, bold, wide = pdf_fonts()

    def text(value: object) -> str:
        # Paragraph text is markup: everything typed by a person is escaped.
        raw = "" if value is None else str(value)
        if not wide:
            raw = latin1_safe(raw)
        return escape(raw).replace("\n", "<br/>")

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13)
    return PdfKit(
        text=text,
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        heading=ParagraphStyle("heading", parent=body, fontName=bold, fontSize=13, leading=17,
                               spaceBefore=10, spaceAfter=4),
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=22),
    )
