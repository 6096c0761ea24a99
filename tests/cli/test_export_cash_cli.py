"""`studio export cash`, run for real in a subprocess: a closed day's CSV and PDF read back
and checked against the database's figures; a day still open is refused."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from studio.services.register import (
    CheckoutInput,
    EntryInput,
    EntryKind,
    Method,
    Payment,
)
from tests.support import (
    new_studio,
    run_cli,
)


@pytest.fixture
def studio_dir(tmp_path, passwords):
    data_dir = tmp_path / "data"
    services, admin = new_studio(data_dir, passwords, timezone="Europe/Madrid", currency="EUR")
    try:
        mia = services.staff.add_staff(admin, name="Mia Costa", email="mia@studio.test", role="artist",
                                       password="lantern pepper orbit canyon 7")
        services.checkout.checkout(admin, CheckoutInput(
            price_cents=15000, payments=(Payment(Method.CARD, 10000), Payment(Method.CASH, 6000)),
            artist_id=mia.id, tip_cents=1000, tip_method=Method.CASH, description="Swallow"))
        services.register.record(admin, EntryInput(EntryKind.EXPENSE, Method.CASH, 1250, note="=SUM(A1:A9)"))
        day = services.register.today()
        services.register.close_day(admin, day, opening_float_cents=5000, counted_cents=5000 + 6000 - 1250)
        open_day = day.replace(year=day.year - 1)
    finally:
        services.db.dispose()
    return data_dir, day, open_day


def test_export_cash_writes_the_closed_days_csv_and_pdf(studio_dir, tmp_path):
    data_dir, day, _open = studio_dir
    out = tmp_path / "day.csv"
    result = run_cli("export", "cash", "--day", day.isoformat(), "--format", "csv", "--out", str(out),
                     data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    text = "\n".join(",".join(r) for r in rows)
    assert "'=SUM(A1:A9)" in text and "=SUM" not in text.replace("'=SUM", "")
    assert any("-12.50" in r for r in rows), "the expense's amount is written with a fixed decimal point"
    totals = {r[0]: r[1] for r in rows if len(r) >= 2}
    assert totals["Total taken (vouchers excluded)"] == "147.50"  # 100 € card + 60 € cash − 12.50 € expense
    pdf = tmp_path / "day.pdf"
    result = run_cli("export", "cash", "--day", day.isoformat(), "--format", "pdf", "--out", str(pdf),
                     data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    words = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Ink & Iron" in words and "Mia Costa" in words
    # Money is written the studio's way (a Madrid studio: "147,50 €"): taken, then the drawer's 50 + 60 − 12.50.
    words = words.replace("\u00a0", " ")
    assert "147,50 €" in words and "97,50 €" in words


def test_export_cash_refuses_an_open_day_and_a_bad_date(studio_dir, tmp_path):
    data_dir, _day, open_day = studio_dir
    out = tmp_path / "x.csv"
    result = run_cli("export", "cash", "--day", open_day.isoformat(), "--format", "csv", "--out", str(out),
                     data_dir=data_dir)
    assert result.returncode == 1 and "is not closed" in result.stderr and not out.exists()
    bad = run_cli("export", "cash", "--day", "2026-13-01", "--format", "csv", "--out", str(out), data_dir=data_dir)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
