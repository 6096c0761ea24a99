"""The sales tax the studio's prices include: set by an admin (audited, checked), and its
lines in the monthly report, worked out of the taxable takings (sales and deposits kept,
less refunds; tips carry none), read back from the CSV and the PDF."""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from studio.models import AuditEvent
from studio.services.common import PermissionDenied, ValidationError
from studio.services.finance import TaxSetting


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_an_admin_sets_the_rate_and_a_bad_one_changes_nothing(month):
    finance, admin, desk = month.studio.services.finance, month.studio.admin, month.studio.desk
    assert finance.tax(admin) == TaxSetting(0, "")
    assert finance.set_tax(admin, 2300, "IVA") == TaxSetting(2300, "IVA")
    for bad in (-1, 5001, 21.5):
        with pytest.raises(ValidationError, match="between 0 and 50"):
            finance.set_tax(admin, bad, "IVA")
    with pytest.raises(ValidationError, match="at most 20"):
        finance.set_tax(admin, 2100, "A" * 21)
    with pytest.raises(PermissionDenied):
        finance.set_tax(desk, 2100, "VAT")
    assert finance.tax(admin) == TaxSetting(2300, "IVA")
    with month.studio.services.db.unit_of_work() as uow:
        changes = uow.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "finance.tax_changed")).all()
    assert changes == ["0 % → 23 %"]  # once: the refused ones wrote nothing


def test_the_month_report_carries_the_tax_lines(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    plain = _rows(finance.month_report_csv(admin, 2026, 3))
    assert ["Sales tax"] not in plain  # no rate, no lines
    finance.set_tax(admin, 2300, "IVA")
    rows = _rows(finance.month_report_csv(admin, 2026, 3))
    # March: sales 235 €, deposits kept 50 €, refunds 20 € → 265 € taxable, tax included;
    # 265 × 23 / 123 = 49.5528… → 49.55 €, and 215.45 € before it. The 10 € tip is not in it.
    at = rows.index(["Sales tax"])
    assert rows[at + 1:at + 4] == [["Taxable takings, IVA included", "265.00"], ["IVA at 23%", "49.55"],
                                   ["Taxable takings before IVA", "215.45"]]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(finance.month_report_pdf(admin, 2026, 3))).pages)
    text = text.replace("\u00a0", " ")
    assert "Taxable takings, IVA included" in text and "IVA at 23%" in text
    assert re.search(r"49[.,]55", text) and re.search(r"215[.,]45", text)  # in the studio's number format
