"""The ledger's CSV and the month's report for the accountant (CSV; the PDF is in
month_pdf.py). Pure: records in, bytes out, through csv_kit (a BOM, fixed decimals,
every text cell safe from formula injection)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from datetime import date
from zoneinfo import ZoneInfo

from studio.services.common.csv_kit import amount_text, csv_bytes
from studio.services.common.i18n import _
from studio.services.common.formats import percent
from studio.services.finance.records import ArtistFigures, LedgerPage, Summary
from studio.services.finance.tax import TaxSetting, tax_lines
from studio.services.register import KIND_LABELS, METHOD_LABELS, EntryKind, Method, ordered_totals


@dataclass(frozen=True)
class MonthReport:
    studio_name: str
    currency: str
    month: date                 # its first day
    summary: Summary            # by day
    by_kind: dict[str, int]     # signed, as the entries hold them
    by_method: dict[str, int]
    artists: tuple[ArtistFigures, ...]
    tax: TaxSetting = TaxSetting()

    def tax_rows(self) -> list[tuple[str, int]]:
        """The tax lines (label, cents), none when the studio charges no tax."""
        if not self.tax.rate_bp:
            return []
        lines = tax_lines(self.summary.totals, self.tax.rate_bp)
        name = self.tax.shown_name
        # Translators: {tax} is the tax's name (VAT, IVA…), {rate} its rate, e.g. "21 %".
        return [(_("Taxable takings, {tax} included").format(tax=name), lines.gross_cents),
                (_("{tax} at {rate}").format(tax=name, rate=percent(Decimal(self.tax.rate_bp).scaleb(-4), decimals=2)),
                 lines.tax_cents),
                (_("Taxable takings before {tax}").format(tax=name), lines.net_cents)]


def _totals_rows(by_kind: dict[str, int], by_method: dict[str, int]) -> list[tuple]:
    rows: list[tuple] = [(_("Totals by kind"),)]
    rows += [(label, amount_text(cents)) for label, cents in ordered_totals(by_kind, EntryKind, KIND_LABELS)]
    rows += [(), (_("Totals by method"),)]
    rows += [(label, amount_text(cents)) for label, cents in ordered_totals(by_method, Method, METHOD_LABELS)]
    return rows


def ledger_csv(page: LedgerPage, timezone: str) -> bytes:
    """Every row of the page, then the count and the totals of those rows."""
    zone = ZoneInfo(timezone)
    rows: list[tuple] = [(_("Entry"), _("Day"), _("Time"), _("Kind"), _("Method"), _("Amount"), _("Artist"),
                          _("Client"), _("Receipt"), _("Voucher code"), _("Note"), _("Entered by"),
                          _("Refers to entry"))]
    rows += [(e.id, e.day.isoformat(), e.at.astimezone(zone).time().isoformat(timespec="minutes"),
              _(KIND_LABELS[e.kind]), _(METHOD_LABELS[e.method]), amount_text(e.amount_cents), e.artist_name,
              e.client_name, "" if e.receipt_number is None else e.receipt_number, e.voucher_code, e.note,
              e.entered_by_name, "" if e.refers_to_id is None else e.refers_to_id) for e in page.rows]
    rows += [(), (_("Entries"), page.count), (_("Total"), amount_text(page.total_cents)), ()]
    return csv_bytes(rows + _totals_rows(page.by_kind, page.by_method))


def month_csv(report: MonthReport) -> bytes:
    """The month's days (sales, tips, deposits kept, expenses, refunds, net), its totals,
    the totals by kind and by method, and each artist's figures."""
    # Translators: the first cells of the monthly report: the studio's name, the month (2026-03), the currency.
    rows: list[tuple] = [(_("Monthly report"), report.studio_name, report.month.isoformat()[:7], report.currency),
                         (), (_("Day"), _("Sales"), _("Tips"), _("Deposits kept"), _("Expenses"), _("Refunds"),
                              _("Net"))]

    def figures(p) -> tuple:
        return tuple(amount_text(c) for c in (p.sales_cents, p.tips_cents, p.forfeits_cents, p.expenses_cents,
                                              p.refunds_cents, p.net_cents))

    rows += [(p.start.isoformat(), *figures(p)) for p in report.summary.points]
    rows += [(_("Total"), *figures(report.summary.totals)), ()]
    rows += _totals_rows(report.by_kind, report.by_method)
    if report.tax_rows():
        rows += [(), (_("Sales tax"),)] + [(label, amount_text(cents)) for label, cents in report.tax_rows()]
    rows += [(), (_("Artist"), _("Appointments"), _("No-shows"), _("Sales"), _("Tips"), _("Commission"),
                  _("Studio's share"))]
    rows += [(a.artist_name or _("No artist"), a.appointments, a.no_shows, amount_text(a.sales_cents),
              amount_text(a.tips_cents), amount_text(a.commission_cents), amount_text(a.studio_cents))
             for a in report.artists]
    return csv_bytes(rows)
