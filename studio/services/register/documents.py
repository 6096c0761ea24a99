"""The register's PDFs: the close-of-day report (A4), a receipt (A5 portrait), a gift voucher
card (A6 landscape, with a QR code of its code) and the aftercare sheet (A4). Pure: records
in, bytes out, in the current language; ``locale`` writes the money and dates.

Whatever people typed (names, notes, descriptions, the aftercare text) prints as typed:
Paragraph text goes through pdf_kit's ``text()`` (escaped), and the entries table's plain
cells are drawn as strings, which reportlab never reads as markup. That table draws a plain
string per cell and only wraps a cell (a Paragraph) when its text is too wide, so a day of
500 entries stays fast. reportlab is imported inside the functions only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from studio.services.common.formats import date_time, long_date, money, percent, short_time
from studio.services.common.i18n import _, pgettext
from studio.services.common.pdf_kit import PdfKit, latin1_safe, pdf_fonts, pdf_kit
from studio.services.register.csv_report import closed, ordered_totals
from studio.services.register.records import (
    KIND_LABELS,
    METHOD_LABELS,
    DayReport,
    EntryKind,
    Method,
    ReceiptRecord,
    VoucherRecord,
)

_PAD = 3  # points of padding left and right of a table cell
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")  # a blank line starts a new paragraph


def _plain(value: object) -> str:
    """A person's text for a plain table cell or the canvas: drawn as is, never markup."""
    raw = "" if value is None else str(value)
    return raw if pdf_fonts()[2] else latin1_safe(raw)


def _document(out: io.BytesIO, pagesize: tuple[float, float], title: str, margin_mm: float):
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(out, pagesize=pagesize, title=latin1_safe(title), leftMargin=margin_mm * mm,
                             rightMargin=margin_mm * mm, topMargin=margin_mm * mm, bottomMargin=margin_mm * mm)


def _amounts_table(rows: Sequence[tuple[str, str]], widths_mm: tuple[float, float], *, bold_last: bool = False):
    """Label | amount rows drawn as plain strings (a voucher's code may be in a label), amounts
    right-aligned."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    regular, bold, _wide = pdf_fonts()
    table = Table([[_plain(label), _plain(value)] for label, value in rows],
                  colWidths=[w * mm for w in widths_mm], hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), regular, 9), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
             ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)]
    if bold_last and rows:
        style.append(("FONT", (0, -1), (-1, -1), bold, 9))
    table.setStyle(TableStyle(style))
    return table


def _signature_line():
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    regular, _bold, _wide = pdf_fonts()
    line = Table([[_("Signature"), ""]], colWidths=[30 * mm, 90 * mm], rowHeights=[12 * mm], hAlign="LEFT")
    line.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 9), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LINEBELOW", (1, 0), (1, 0), 0.75, colors.black)]))
    return line


# -- the close-of-day report ------------------------------------------------------------------

def _entry_columns() -> list[tuple[str, float]]:
    """The entries table's (header, width in mm): A4 less 18 mm margins is 174 mm."""
    return [(_("Time"), 14), (_("Kind"), 27), (_("Method"), 24), (_("Amount"), 24), (_("Artist"), 28),
            (_("Client"), 28), (_("Note"), 29)]


def _entries_table(report: DayReport, kit: PdfKit, locale: str | None):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    regular, bold, _wide = pdf_fonts()
    size = 8
    columns = _entry_columns()
    widths = [w * mm for _h, w in columns]

    def fit(value: str, column: int):
        # A plain string is cheap; only a text too wide for its column is wrapped.
        text = _plain(value)
        if "\n" not in text and stringWidth(text, regular, size) <= widths[column] - 2 * _PAD:
            return text
        return Paragraph(kit.text(value), kit.small)

    kinds = {k: _(label) for k, label in KIND_LABELS.items()}
    methods = {m: _(label) for m, label in METHOD_LABELS.items()}
    data: list[list[Any]] = [[h for h, _w in columns]]
    for e in report.entries:
        data.append([short_time(e.at, report.timezone, locale=locale), fit(kinds[e.kind], 1),
                     fit(methods[e.method], 2), _plain(money(e.amount_cents, report.currency, locale=locale)),
                     fit(e.artist_name, 4), fit(e.client_name, 5), fit(e.note, 6)])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, size), ("FONT", (0, 0), (-1, 0), bold, size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
    ]))
    return table


def _shares_table(report: DayReport, locale: str | None):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    regular, bold, _wide = pdf_fonts()

    def cash(cents: int) -> str:
        return money(cents, report.currency, locale=locale)

    data: list[list[str]] = [[_("Artist"), _("Sales"), _("Tips"), _("Rate"), _("Artist's share"),
                              _("Studio's share")]]
    for s in report.shares:
        data.append([_plain(s.artist_name) or _("No artist"), cash(s.sales_cents), cash(s.tips_cents),
                     percent(Decimal(s.rate_bp).scaleb(-4), locale=locale, decimals=2), cash(s.share_cents),
                     cash(s.studio_cents)])
    data.append([_("All artists"), cash(sum(s.sales_cents for s in report.shares)),
                 cash(sum(s.tips_cents for s in report.shares)), "",
                 cash(sum(s.share_cents for s in report.shares)), cash(sum(s.studio_cents for s in report.shares))])
    table = Table(data, colWidths=[44 * mm] + [26 * mm] * 5, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, 8), ("FONT", (0, 0), (-1, 0), bold, 8),
        ("FONT", (0, -1), (-1, -1), bold, 8), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black), ("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.black),
    ]))
    return table


def day_report_pdf(report: DayReport, *, locale: str | None = None) -> bytes:
    """The day's close-of-day report on A4: the studio and the day, every entry (the header
    repeated on each page), the totals by method and by kind, each artist's sales, tips and
    shares, the cash drawer (expected, and once closed, counted and the difference, who closed
    it and when, their note), and a line to sign. A day not closed says so."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    kit = pdf_kit()
    text = kit.text
    regular, _bold, _wide = pdf_fonts()
    day_text = long_date(report.day, locale=locale)

    def cash(cents: int) -> str:
        return money(cents, report.currency, locale=locale)

    story: list = [Paragraph(text(report.studio_name or _("The studio")), kit.title),
                   # Translators: {date} is the day, e.g. "March 12, 2026".
                   Paragraph(text(_("Close of day — {date}").format(date=day_text)), kit.heading),
                   Paragraph(text(_("Entries")), kit.heading)]
    if report.entries:
        story.append(_entries_table(report, kit, locale))
    else:
        story.append(Paragraph(text(_("No entries on this day.")), kit.body))
    by_method = [(label, cash(cents)) for label, cents in ordered_totals(report.by_method, Method, METHOD_LABELS)]
    by_method.append((_("Total taken (vouchers excluded)"), cash(report.total_cents)))
    story += [Paragraph(text(_("Totals by method")), kit.heading), _amounts_table(by_method, (70, 35), bold_last=True),
              Paragraph(text(_("Totals by kind")), kit.heading),
              _amounts_table([(label, cash(cents)) for label, cents
                              in ordered_totals(report.by_kind, EntryKind, KIND_LABELS)], (70, 35))]
    if report.shares:
        story += [Paragraph(text(_("Artists")), kit.heading), _shares_table(report, locale)]

    close = closed(report)
    drawer = [(_("Opening float"), cash(report.opening_float_cents)), (_("Cash entries"), cash(report.cash_cents)),
              (_("Cash expected in the drawer"),
               cash(report.expected_cash_cents if close is None else close.expected_cents))]
    if close is not None:
        drawer += [(_("Counted"), cash(close.counted_cents)), (_("Difference"), cash(close.difference_cents))]
    story += [Paragraph(text(_("Cash drawer")), kit.heading), _amounts_table(drawer, (70, 35), bold_last=True),
              Spacer(1, 3 * mm)]
    if close is None:
        story.append(Paragraph(text(_("This day is not closed.")), kit.body))
        if report.close is not None and report.close.reopened_at is not None:
            story.append(Paragraph(text(
                # Translators: {name} reopened the day at {moment} and gave {reason}.
                _("Reopened by {name} on {moment}: {reason}").format(
                    name=report.close.reopened_by_name, moment=date_time(report.close.reopened_at, report.timezone,
                                                                        locale=locale),
                    reason=report.close.reopen_reason)), kit.body))
    else:
        # Translators: {name} is the staff member, {moment} a date and time.
        story.append(Paragraph(text(_("Closed by {name} on {moment}.").format(
            name=close.closed_by_name, moment=date_time(close.closed_at, report.timezone, locale=locale))), kit.body))
        if close.note:
            story.append(Paragraph(text(_("Note: {note}").format(note=close.note)), kit.body))
    story += [Spacer(1, 8 * mm), _signature_line()]

    # Translators: the report's page footer: the studio, the day and the page number.
    footer = _plain(_("{studio} · close of day {date} · page {page}"))

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(18 * mm, 10 * mm, footer.format(studio=_plain(report.studio_name), date=_plain(day_text),
                                                         page=doc.page))
        canvas.restoreState()

    out = io.BytesIO()
    _document(out, A4, _("Close of day — {date}").format(date=day_text), 18).build(
        story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


# -- a receipt ---------------------------------------------------------------------------------

def receipt_pdf(receipt: ReceiptRecord, *, studio_name: str, currency: str, timezone: str,
                locale: str | None = None) -> bytes:
    """A checkout's receipt on A5 portrait: its number, when, the client, the artist, what
    was done and where, the price less the deposit, the credit and the voucher (with its code)
    plus the tip, what was paid by each method, the cash handed over and the change, and who
    took it."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    kit = pdf_kit()
    text = kit.text

    def cash(cents: int) -> str:
        return money(cents, currency, locale=locale)

    # Translators: {number} is the receipt's number, e.g. "Receipt No. 42".
    heading = _("Receipt No. {number}").format(number=receipt.number)
    details = [(_("Date"), date_time(receipt.at, timezone, locale=locale))]
    details += [(label, value) for label, value in ((_("Client"), receipt.client_name),
                                                   (_("Artist"), receipt.artist_name),
                                                   (_("Description"), receipt.description),
                                                   (_("Placement"), receipt.placement)) if value]
    lines = [(_("Price"), cash(receipt.price_cents))]
    if receipt.deposit_cents:
        lines.append((_("Deposit paid"), cash(-receipt.deposit_cents)))
    if receipt.credit_cents:
        lines.append((_("Credit used"), cash(-receipt.credit_cents)))
    if receipt.voucher_cents:
        # Translators: {code} is the gift voucher's code.
        lines.append((_("Gift voucher {code}").format(code=receipt.voucher_code) if receipt.voucher_code
                      else _("Gift voucher"), cash(-receipt.voucher_cents)))
    if receipt.tip_cents:
        lines.append((_("Tip"), cash(receipt.tip_cents)))
    due = (receipt.price_cents - receipt.deposit_cents - receipt.credit_cents - receipt.voucher_cents
           + receipt.tip_cents)
    lines.append((_("Total to pay"), cash(due)))

    story: list = [Paragraph(text(studio_name or _("The studio")), kit.title),
                   Paragraph(text(heading), kit.heading), kit.table(details, (32, 92)),
                   Spacer(1, 4 * mm), _amounts_table(lines, (90, 34), bold_last=True)]
    if receipt.payments:
        paid = [(_(METHOD_LABELS[p.method]), cash(p.amount_cents)) for p in receipt.payments]
        paid.append((_("Total paid"), cash(receipt.paid_cents)))
        story += [Paragraph(text(_("Payments")), kit.heading), _amounts_table(paid, (90, 34), bold_last=True)]
        if receipt.tendered_cents and any(p.method == Method.CASH for p in receipt.payments):
            change = [(_("Cash handed over"), cash(receipt.tendered_cents)),
                      (pgettext("money given back", "Change"), cash(receipt.change_cents))]
            story += [Spacer(1, 2 * mm), _amounts_table(change, (90, 34))]
    story += [Spacer(1, 5 * mm),
              # Translators: {name} is the staff member who took the payment.
              Paragraph(text(_("Served by {name}").format(name=receipt.entered_by_name)), kit.small)]
    out = io.BytesIO()
    _document(out, A5, heading, 12).build(story)
    return out.getvalue()


# -- a gift voucher card -----------------------------------------------------------------------

def voucher_card_pdf(voucher: VoucherRecord, *, studio_name: str, currency: str,
                     locale: str | None = None) -> bytes:
    """A gift voucher card on A6 landscape: the studio, its amount (as sold), who it is for,
    the code large with a QR code of it, and until when it is valid."""
    from reportlab.lib.pagesizes import A6, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Table, TableStyle

    from studio.services.common.qr import render_qr_png

    kit = pdf_kit()
    text = kit.text
    amount = ParagraphStyle("amount", parent=kit.title, fontSize=26, leading=32, spaceBefore=4, spaceAfter=4)
    code = ParagraphStyle("code", parent=kit.title, fontSize=20, leading=24)
    left: list = [Paragraph(text(studio_name or _("The studio")), kit.heading),
                  Paragraph(text(_("Gift voucher")), kit.title),
                  Paragraph(text(money(voucher.initial_cents, currency, locale=locale)), amount)]
    if voucher.for_name:
        # Translators: {name} is the person the voucher is a present for.
        left.append(Paragraph(text(_("For {name}").format(name=voucher.for_name)), kit.body))
    left += [Paragraph(text(_("Code")), kit.small), Paragraph(text(voucher.code), code),
             Paragraph(text(_("Valid until {date}").format(date=long_date(voucher.expires_on, locale=locale))
                            if voucher.expires_on else _("No expiry")), kit.small)]
    qr = Image(io.BytesIO(render_qr_png(voucher.code, box_size=8, border=2)), width=38 * mm, height=38 * mm)
    card = Table([[left, qr]], colWidths=[88 * mm, 44 * mm])
    card.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out = io.BytesIO()
    _document(out, landscape(A6), _("Gift voucher {code}").format(code=voucher.code), 8).build([card])
    return out.getvalue()


# -- the aftercare sheet -----------------------------------------------------------------------

def aftercare_pdf(*, studio_name: str, title: str, body: str) -> bytes:
    """The aftercare sheet on A4: the studio, ``title`` and ``body`` (already filled in), a
    blank line starting a new paragraph, single line breaks kept, printed as written."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    kit = pdf_kit()
    text = kit.text
    paragraph = ParagraphStyle("aftercare", parent=kit.body, fontSize=11, leading=15, spaceAfter=8)
    story: list = [Paragraph(text(studio_name or _("The studio")), kit.small),
                   Paragraph(text(title or _("Aftercare")), kit.title), Spacer(1, 4 * mm)]
    story += [Paragraph(text(part.strip("\n")), paragraph)
              for part in _PARAGRAPHS.split(body.strip()) if part.strip()]
    out = io.BytesIO()
    _document(out, A4, title or _("Aftercare"), 20).build(story)
    return out.getvalue()
