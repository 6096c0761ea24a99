"""Closing a day writes its CSV and PDF into the data folder's reports/; read back, their
totals equal sums taken straight from the database's entries."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from studio.models import CashEntry
from studio.services.common import ValidationError, money
from studio.services.register import EntryInput, EntryKind, Method
from tests.register.conftest import MONDAY, pay


def _database_totals(studio):
    with studio.services.db.unit_of_work(write=False) as uow:
        by_method = dict(uow.session.execute(select(CashEntry.method, func.sum(CashEntry.amount_cents))
                                             .where(CashEntry.day == MONDAY).group_by(CashEntry.method)).all())
        by_kind = dict(uow.session.execute(select(CashEntry.kind, func.sum(CashEntry.amount_cents))
                                           .where(CashEntry.day == MONDAY).group_by(CashEntry.kind)).all())
        count = uow.session.scalar(select(func.count()).select_from(CashEntry).where(CashEntry.day == MONDAY))
    return by_method, by_kind, count


def _cents(text: str) -> int:
    return int(Decimal(text) * 100)


def test_the_closed_days_csv_and_pdf_hold_the_databases_totals(studio):
    register = studio.services.register
    sale = register.record(studio.desk, EntryInput(EntryKind.SALE, Method.CARD, 9000, artist_id=studio.mia.staff_id))
    register.refund(studio.desk, sale.id, 1500, "Smaller than planned")
    studio.services.checkout.checkout(studio.desk, pay(12000, (Method.CASH, 13000), artist_id=studio.leo.staff_id,
                                                       tip_cents=1000, tip_method=Method.CASH,
                                                       cash_tendered_cents=15000))
    studio.services.vouchers.sell(studio.desk, 5000, Method.CARD, for_name="=cmd|' /C calc'!A0")
    register.record(studio.desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 800, note="+Gloves"))
    with pytest.raises(ValidationError, match="Close the day first"):
        register.write_reports(studio.desk, MONDAY)
    view = register.day(studio.desk)
    register.close_day(studio.desk, MONDAY, opening_float_cents=10000, counted_cents=10000 + view.cash_cents)
    csv_path, pdf_path = register.write_reports(studio.desk, MONDAY)
    assert (csv_path.parent, csv_path.name, pdf_path.name) == (
        studio.services.data_dir / "reports", "register-2026-03-16.csv", "register-2026-03-16.pdf")

    by_method, by_kind, count = _database_totals(studio)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    entry_rows = rows[1:rows.index([])]
    assert len(entry_rows) == count
    labels = {"Cash": "cash", "Card": "card", "Bank transfer": "transfer", "Voucher": "voucher", "Other method": "other"}
    section = rows[rows.index(["Totals by method"]) + 1: rows.index(["Totals by kind"]) - 1]
    csv_methods = {labels[r[0]]: _cents(r[1]) for r in section if r[0] in labels}
    assert csv_methods == by_method
    kinds = {"Sale": "sale", "Tip": "tip", "Refund": "refund", "Voucher sold": "voucher_sold", "Expense": "expense"}
    start = rows.index(["Totals by kind"]) + 1
    csv_kinds = {kinds[r[0]]: _cents(r[1]) for r in rows[start:rows.index([], start)]}
    assert csv_kinds == by_kind
    notes = [r[9] for r in entry_rows]
    assert "'+Gloves" in notes and "'=cmd|' /C calc'!A0" in notes, "notes a spreadsheet would run are neutralised"
    drawer = {r[0]: r[1] for r in rows if len(r) == 2}
    assert _cents(drawer["Cash expected in the drawer"]) == 10000 + by_method["cash"] == _cents(drawer["Counted"])

    words = "".join(page.extract_text() for page in PdfReader(pdf_path).pages).replace("\u00a0", " ")
    taken = sum(v for m, v in by_method.items() if m != "voucher")
    for cents in (taken, by_method["cash"], by_method["card"], 10000 + by_method["cash"]):
        assert money(cents, "EUR").replace("\u00a0", " ") in words, money(cents, "EUR")
    # Mia's sales after her refund and Leo's with his tip, as the shares add them up.
    assert money(7500, "EUR").replace("\u00a0", " ") in words and money(1000, "EUR").replace("\u00a0", " ") in words
