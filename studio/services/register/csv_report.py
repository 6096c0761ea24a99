"""The close-of-day CSV: one row per entry, then the day's totals. Amounts are written with a
fixed decimal point ("-12.50", whatever the language), the file is UTF-8 with a BOM (so Excel
and LibreOffice show accented names) and every text cell is neutralised against formula
injection. Pure: records in, bytes out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from enum import StrEnum
from zoneinfo import ZoneInfo

from studio.services.common.csv_kit import amount_text, csv_safe
from studio.services.common.i18n import _
from studio.services.register.records import KIND_LABELS, METHOD_LABELS, DayClose, DayReport, EntryKind, Method

def ordered_totals(totals: Mapping[str, int], order: Iterable[StrEnum],
                   labels: Mapping[StrEnum, str]) -> list[tuple[str, int]]:
    """(translated label, cents) for each key of ``totals``, in the enum's order; a key the
    enum does not know keeps its own name, last."""
    known = [(_(labels[key]), totals[key]) for key in order if key in totals]
    names = {str(key) for key in order}
    return known + [(str(key), cents) for key, cents in totals.items() if key not in names]


def closed(report: DayReport) -> DayClose | None:
    """The day's close while it holds (None when never closed or reopened since)."""
    return report.close if report.close is not None and report.close.closed else None


def day_report_csv(report: DayReport) -> bytes:
    """The day's entries (time in the studio's zone, kind, method, amount, artist, client,
    receipt, voucher code, note, who entered it, the entry it corrects), a blank row, then
    the totals by method and by kind, each artist's sales, tips and shares, and the cash
    drawer: opening float, expected, and, once the day is closed, counted and the difference."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def row(*cells: object) -> None:
        writer.writerow([csv_safe(c) for c in cells])

    zone = ZoneInfo(report.timezone)
    row(_("Entry"), _("Time"), _("Kind"), _("Method"), _("Amount"), _("Artist"), _("Client"), _("Receipt"),
        _("Voucher code"), _("Note"), _("Entered by"), _("Refers to entry"))
    for e in report.entries:
        row(e.id, e.at.astimezone(zone).time().isoformat(timespec="minutes"), _(KIND_LABELS[e.kind]),
            _(METHOD_LABELS[e.method]), amount_text(e.amount_cents), e.artist_name, e.client_name,
            "" if e.receipt_number is None else e.receipt_number, e.voucher_code, e.note, e.entered_by_name,
            "" if e.refers_to_id is None else e.refers_to_id)
    row()
    row(_("Totals by method"))
    for label, cents in ordered_totals(report.by_method, Method, METHOD_LABELS):
        row(label, amount_text(cents))
    row(_("Total taken (vouchers excluded)"), amount_text(report.total_cents))
    row()
    row(_("Totals by kind"))
    for label, cents in ordered_totals(report.by_kind, EntryKind, KIND_LABELS):
        row(label, amount_text(cents))
    row()
    row(_("Artist"), _("Sales"), _("Tips"), _("Artist's share"), _("Studio's share"), _("Rate (%)"))
    for s in report.shares:
        row(s.artist_name, amount_text(s.sales_cents), amount_text(s.tips_cents), amount_text(s.share_cents),
            amount_text(s.studio_cents), amount_text(s.rate_bp))  # basis points / 100 = percent
    row()
    row(_("Opening float"), amount_text(report.opening_float_cents))
    row(_("Cash entries"), amount_text(report.cash_cents))
    close = closed(report)
    # Once closed, the close's own figure: counted − expected is then the difference shown.
    row(_("Cash expected in the drawer"),
        amount_text(report.expected_cash_cents if close is None else close.expected_cents))
    if close is None:
        row(_("This day is not closed."))
    else:
        row(_("Counted"), amount_text(close.counted_cents))
        row(_("Difference"), amount_text(close.difference_cents))
        row(_("Closed by"), close.closed_by_name,
            close.closed_at.astimezone(zone).replace(tzinfo=None).isoformat(" ", "minutes"))
        if close.note:
            row(_("Note"), close.note)
    return out.getvalue().encode("utf-8-sig")
