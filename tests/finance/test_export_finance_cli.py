"""`studio export finance`, run for real in a subprocess: the month's CSV and PDF read back
with its totals, an empty month still a valid report, a bad month refused with a sentence."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from tests.cli.test_export_cash_cli import studio_dir  # the cash export's studio: a checkout, a tip, an expense
from tests.support import run_cli

__all__ = ["studio_dir"]


def test_export_finance_writes_the_months_csv_and_pdf(studio_dir, tmp_path):
    data_dir, day, _open = studio_dir
    month = day.strftime("%Y-%m")
    out = tmp_path / "month.csv"
    result = run_cli("export", "finance", "--month", month, "--format", "csv", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert next(r for r in rows if r and r[0] == "Total") == [
        "Total", "150.00", "10.00", "0.00", "12.50", "0.00", "147.50"]
    assert ["Mia Costa", "0", "0", "150.00", "10.00", "75.00", "75.00"] in rows
    pdf = tmp_path / "month.pdf"
    result = run_cli("export", "finance", "--month", month, "--format", "pdf", "--out", str(pdf), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    words = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\u00a0", " ")
    assert "Ink & Iron" in words and "Mia Costa" in words and "147,50 €" in words


def test_an_empty_month_is_a_valid_report_and_a_bad_month_is_refused(studio_dir, tmp_path):
    data_dir, day, _open = studio_dir
    empty = f"{day.year - 1}-{day.month:02d}"
    for fmt in ("csv", "pdf"):
        out = tmp_path / f"empty.{fmt}"
        result = run_cli("export", "finance", "--month", empty, "--format", fmt, "--out", str(out),
                         data_dir=data_dir)
        assert result.returncode == 0, result.stderr
    assert "No entries in this month." in "".join(p.extract_text() for p in PdfReader(tmp_path / "empty.pdf").pages)
    rows = list(csv.reader(io.StringIO((tmp_path / "empty.csv").read_bytes().decode("utf-8-sig"))))
    assert next(r for r in rows if r and r[0] == "Total")[1:] == ["0.00"] * 6
    out = tmp_path / "bad.csv"
    for bad in ("2026-13", "2026-3", "March"):
        result = run_cli("export", "finance", "--month", bad, "--format", "csv", "--out", str(out), data_dir=data_dir)
        assert result.returncode == 2 and "YYYY-MM" in result.stderr and not out.exists()
