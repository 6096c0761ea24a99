"""Inventory's PDFs: the recall list a health authority asks for (A4 landscape: who, how to
reach them, when, which artist, which lot) and the purchase list (A4: what to order, by
supplier). Pure: records in, bytes out, in the current language.

What people typed (names, lots, suppliers) prints as typed: table cells are plain strings,
which reportlab never reads as markup, and Paragraph text goes through pdf_kit's ``text()``.
reportlab is imported inside the functions only."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from studio.services.common.formats import date_time, long_date
from studio.services.common.i18n import _, ngettext
from studio.services.common.pdf_kit import latin1_safe, pdf_fonts, pdf_kit
from studio.services.inventory.records import CATEGORY_LABELS, PurchaseLine, RecallHit

_PAD = 3  # points of padding left and right of a table cell
_MARGIN_MM = 15


def _plain(value: object) -> str:
    raw = "" if value is None else str(value)
    return raw if pdf_fonts()[2] else latin1_safe(raw)


def _grid(header: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[float], *,
          numeric: Sequence[int] = (), bold_last: bool = False):
    """A data table: a bold header repeated on each page, hairlines between rows, long text
    wrapped in its cell, ``numeric`` columns right-aligned."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    kit = pdf_kit()
    regular, bold, _wide = pdf_fonts()
    size = 8
    widths = [w * mm for w in widths_mm]

    def fit(value: object, column: int):
        text = _plain(value)
        if "\n" not in text and stringWidth(text, regular, size) <= widths[column] - 2 * _PAD:
            return text
        return Paragraph(kit.text(value), kit.small)

    data = [[_plain(h) for h in header]] + [[fit(v, c) for c, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), regular, size), ("FONT", (0, 0), (-1, 0), bold, size),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
             ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey)]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric]
    if bold_last and rows:
        style.append(("FONT", (0, -1), (-1, -1), bold, size))
    table.setStyle(TableStyle(style))
    return table


def _build(story: list, pagesize, title: str, footer: Callable[[int], str]) -> bytes:
    """The story on ``pagesize`` with ``footer(page)`` at the foot of each page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    regular, _bold, _wide = pdf_fonts()

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(_MARGIN_MM * mm, 8 * mm, _plain(footer(doc.page)))
        canvas.restoreState()

    out = io.BytesIO()
    margin = _MARGIN_MM * mm
    SimpleDocTemplate(out, pagesize=pagesize, title=latin1_safe(title), leftMargin=margin, rightMargin=margin,
                      topMargin=margin, bottomMargin=margin).build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def recall_pdf(hits: Sequence[RecallHit], *, studio_name: str, timezone: str, title: str,
               locale: str | None = None) -> bytes:
    """The recall search's answer on A4 landscape: ``title`` (what was searched), how many
    sessions and clients, then one row per session and item: the client, their phone and
    email, when, the artist, the item, the lot and how much was used."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph

    kit = pdf_kit()
    clients = {h.client_id for h in hits}
    sessions = {h.appointment_id for h in hits}
    # Translators: under a recall list's title, e.g. "3 sessions, 2 clients".
    count = _("{sessions}, {clients}").format(
        sessions=ngettext("{n} session", "{n} sessions", len(sessions)).format(n=len(sessions)),
        clients=ngettext("{n} client", "{n} clients", len(clients)).format(n=len(clients)))
    story: list = [Paragraph(kit.text(studio_name or _("The studio")), kit.title),
                   Paragraph(kit.text(title), kit.heading), Paragraph(kit.text(count), kit.body)]
    if hits:
        header = (_("Client"), _("Phone"), _("Email"), _("When"), _("Artist"), _("Item"), _("Lot"), _("Quantity"))
        rows = [(h.client_name or _("Erased client"), h.phone, h.email, date_time(h.starts_at, timezone, locale=locale),
                 h.artist_name, h.item_name, h.lot_number, h.quantity) for h in hits]
        # A4 landscape less the margins is 267 mm.
        story.append(_grid(header, rows, (42, 32, 50, 31, 26, 44, 24, 18), numeric=(7,)))
    else:
        story.append(Paragraph(kit.text(_("No session used it.")), kit.body))
    # Translators: a recall list's page footer: the studio, what was searched, the page number.
    footer = _("{studio} · {title} · page {page}")
    return _build(story, landscape(A4), title, lambda page: footer.format(studio=studio_name, title=title, page=page))


def purchase_list_pdf(lines: Sequence[PurchaseLine], *, studio_name: str, day, locale: str | None = None) -> bytes:
    """The purchase list on A4: for each supplier (the items without one last), the items at
    or under their threshold with what is on hand, the threshold and how much to order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph

    kit = pdf_kit()
    # Translators: {date} is the day the list was made, e.g. "March 12, 2026".
    title = _("Purchase list — {date}").format(date=long_date(day, locale=locale))
    story: list = [Paragraph(kit.text(studio_name or _("The studio")), kit.title), Paragraph(kit.text(title),
                                                                                              kit.heading)]
    if not lines:
        story.append(Paragraph(kit.text(_("Nothing is at or under its threshold.")), kit.body))
    header = (_("Item"), _("Category"), _("SKU"), _("Unit"), _("On hand"), _("Threshold"), _("Order"))
    for supplier, group in grouped_by_supplier(lines):
        story.append(Paragraph(kit.text(supplier or _("No supplier")), kit.heading))
        rows = [(line.name, _(CATEGORY_LABELS[line.category]), line.sku, line.unit, line.on_hand, line.threshold,
                 line.order) for line in group]
        # A4 less the margins is 180 mm.
        story.append(_grid(header, rows, (56, 26, 26, 18, 18, 18, 18), numeric=(4, 5, 6)))
    # Translators: the purchase list's page footer: the studio and the page number.
    footer = _("{studio} · purchase list · page {page}")
    return _build(story, A4, title, lambda page: footer.format(studio=studio_name, page=page))


def grouped_by_supplier(lines: Sequence[PurchaseLine]) -> list[tuple[str, list[PurchaseLine]]]:
    """The lines by supplier in the order given (the service sorts them)."""
    groups: dict[str, list[PurchaseLine]] = {}
    for line in lines:
        groups.setdefault(line.supplier, []).append(line)
    return list(groups.items())
