"""The month's report as a PDF for the accountant: the month's totals, the days' net drawn
as bars (reportlab.graphics), the totals by kind and by method, the sales tax lines when the
studio charges one, and each artist's figures.
reportlab is imported inside the function only."""

from __future__ import annotations

import io

from studio.services.common.formats import money, month_year
from studio.services.common.i18n import _
from studio.services.common.pdf_kit import latin1_safe, pdf_kit
from studio.services.finance.reports import MonthReport
from studio.services.register import KIND_LABELS, METHOD_LABELS, EntryKind, Method, ordered_totals


def _chart(report: MonthReport):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    drawing = Drawing(170 * mm, 55 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 8 * mm, 150 * mm, 42 * mm
    chart.data = [[p.net_cents / 100 for p in report.summary.points] or [0]]
    chart.categoryAxis.categoryNames = [str(p.start.day) for p in report.summary.points] or [""]
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#2563EB")
    drawing.add(chart)
    return drawing


def month_pdf(report: MonthReport) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    kit = pdf_kit()
    text = kit.text

    def cash(cents: int) -> str:
        return money(cents, report.currency)

    month = month_year(report.month)
    totals = report.summary.totals
    # Translators: {month} is the report's month, e.g. "March 2026".
    title = _("Monthly report — {month}").format(month=month)
    story: list = [Paragraph(text(report.studio_name or _("The studio")), kit.title),
                   Paragraph(text(title), kit.heading),
                   kit.table([(_("Sales"), cash(totals.sales_cents)), (_("Tips"), cash(totals.tips_cents)),
                              (_("Deposits kept"), cash(totals.forfeits_cents)),
                              (_("Expenses"), cash(totals.expenses_cents)), (_("Refunds"), cash(totals.refunds_cents)),
                              (_("Net"), cash(totals.net_cents))], (70, 40)),
                   Paragraph(text(_("Net by day")), kit.heading), _chart(report),
                   Paragraph(text(_("Totals by kind")), kit.heading),
                   kit.table([(label, cash(c)) for label, c in ordered_totals(report.by_kind, EntryKind, KIND_LABELS)]
                             or [(_("No entries in this month."), "")], (70, 40)),
                   Paragraph(text(_("Totals by method")), kit.heading),
                   kit.table([(label, cash(c)) for label, c in ordered_totals(report.by_method, Method, METHOD_LABELS)]
                             or [(_("No entries in this month."), "")], (70, 40)),
                   ]
    if report.tax_rows():
        story += [Paragraph(text(_("Sales tax")), kit.heading),
                  kit.table([(label, cash(c)) for label, c in report.tax_rows()], (70, 40))]
    story.append(Paragraph(text(_("Artists")), kit.heading))
    if report.artists:
        # Translators: one artist's line in the monthly report.
        line = _("sales {sales}, tips {tips}, commission {commission}, studio {studio}")
        story.append(kit.table([(a.artist_name or _("No artist"),
                                 line.format(sales=cash(a.sales_cents), tips=cash(a.tips_cents),
                                             commission=cash(a.commission_cents), studio=cash(a.studio_cents)))
                                for a in report.artists], (45, 125)))
    else:
        story.append(Paragraph(text(_("No artist had sales or appointments this month.")), kit.body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=latin1_safe(title), leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=18 * mm, bottomMargin=18 * mm).build(story)
    return out.getvalue()
