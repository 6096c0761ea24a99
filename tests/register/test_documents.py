"""The register's documents, read back: the close-of-day CSV with the csv module, the PDFs
(close of day, receipt, gift voucher card, aftercare sheet) with pypdf. The day is built by
hand, its totals computed here from the entries, and each file is checked against sums this
test makes itself."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.services.common.formats import date_time, long_date, money, percent
from studio.services.common.csv_kit import amount_text, csv_safe
from studio.services.register.csv_report import day_report_csv
from studio.services.register.documents import aftercare_pdf, day_report_pdf, receipt_pdf, voucher_card_pdf
from studio.services.register.records import (
    ArtistShare,
    DayClose,
    DayReport,
    EntryKind,
    EntryRecord,
    Method,
    Payment,
    ReceiptRecord,
    VoucherRecord,
)

DAY = date(2026, 3, 12)
ZONE = "Europe/Madrid"  # UTC+1 in March: 09:00 UTC is 10:00 on the sheet
START = datetime(2026, 3, 12, 9, 0, tzinfo=timezone.utc)
JOSE = "José Muñoz"
ZOE = "<b>Zoë</b>"  # a name that is markup: it must print as typed
FORMULA = '=HYPERLINK("http://evil.example","click me")'
VOUCHER_CODE = "GV-7K3Q-9PXM"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def entry(n: int, kind: EntryKind, method: Method, cents: int, **fields) -> EntryRecord:
    fields.setdefault("entered_by_name", "Desk Dana")
    fields.setdefault("note", "")
    return EntryRecord(id=n, day=DAY, at=START + timedelta(minutes=17 * n), kind=kind, method=method,
                       amount_cents=cents, **fields)


ENTRIES = (
    entry(1, EntryKind.SALE, Method.CASH, 12000, artist_name=JOSE, client_name="Lucía Fernández", receipt_number=7),
    entry(2, EntryKind.TIP, Method.CARD, 1500, artist_name=JOSE, client_name="Lucía Fernández", receipt_number=7),
    entry(3, EntryKind.SALE, Method.CARD, 25000, artist_name=ZOE, client_name=JOSE, receipt_number=8),
    entry(4, EntryKind.DEPOSIT, Method.TRANSFER, 5000, artist_name=ZOE, client_name="Tomás"),
    entry(5, EntryKind.REFUND, Method.CARD, -1250, artist_name=ZOE, client_name=JOSE, refers_to_id=3, note=FORMULA),
    entry(6, EntryKind.FORFEIT, Method.TRANSFER, 3000, client_name="No-show Nico", note="No-show, deposit kept"),
    entry(7, EntryKind.VOUCHER_REDEEMED, Method.VOUCHER, 4000, artist_name=ZOE, client_name="Tomás",
          receipt_number=9, voucher_code=VOUCHER_CODE),
    entry(8, EntryKind.SALE, Method.CASH, 6000, artist_name=ZOE, client_name="Tomás", receipt_number=9),
    entry(9, EntryKind.EXPENSE, Method.CASH, -890, note="-needles, 2 boxes"),
    entry(10, EntryKind.CASH_OUT, Method.CASH, -2000, note="@bank run"),
)
SHARES = (  # as the register computes them: the share rounded down, the remainder to the studio
    ArtistShare(artist_id=1, artist_name=JOSE, sales_cents=12000, tips_cents=1500, share_cents=6000,
                studio_cents=6000, rate_bp=5000),
    ArtistShare(artist_id=2, artist_name=ZOE, sales_cents=33750, tips_cents=0, share_cents=15187,
                studio_cents=18563, rate_bp=4500),
)
FLOAT = 15000
COUNTED_SHORT = 250  # the drawer is 2.50 short


def totals(entries) -> tuple[dict[str, int], dict[str, int], int]:
    by_method: dict[str, int] = defaultdict(int)
    by_kind: dict[str, int] = defaultdict(int)
    for e in entries:
        by_method[e.method.value] += e.amount_cents
        by_kind[e.kind.value] += e.amount_cents
    return dict(by_method), dict(by_kind), by_method.get(Method.CASH.value, 0)


def day_report(entries=ENTRIES, *, closed: bool = True, **changes) -> DayReport:
    by_method, by_kind, cash = totals(entries)
    close = DayClose(day=DAY, closed=True, opening_float_cents=FLOAT, expected_cents=FLOAT + cash,
                     counted_cents=FLOAT + cash - COUNTED_SHORT, note="Short: " + FORMULA,
                     closed_at=START + timedelta(hours=10), closed_by_name=ZOE) if closed else None
    fields = dict(day=DAY, studio_name="Tinta & Co", currency="EUR", timezone=ZONE, entries=tuple(entries),
                  by_method=by_method, by_kind=by_kind, shares=SHARES, opening_float_cents=FLOAT,
                  cash_cents=cash, close=close)
    fields.update(changes)
    return DayReport(**fields)


def decimal_text(cents: int) -> str:
    """The fixed-point amount, made another way than amount_text."""
    return str(Decimal(cents).scaleb(-2))


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def sections(rows: list[list[str]]) -> list[list[list[str]]]:
    """The CSV's blocks between blank rows: the entries first, then the totals."""
    blocks: list[list[list[str]]] = [[]]
    for row in rows:
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    return blocks


def spaced(text: str) -> str:
    # Babel writes money with no-break spaces; the extracted text may carry them or not.
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return spaced("\n".join(page.extract_text() for page in reader.pages))


def cash(cents: int, locale: str | None = None) -> str:
    return spaced(money(cents, "EUR", locale=locale))


# -- the CSV ----------------------------------------------------------------------------------

def test_the_csv_is_utf8_with_a_bom_so_spreadsheets_read_accented_names():
    data = day_report_csv(day_report())

    assert data.startswith(b"\xef\xbb\xbf")
    assert "José Muñoz".encode() in data
    assert read_csv(data)[0][0] == "Entry"


def test_the_csv_has_one_row_per_entry_with_local_times_and_fixed_point_amounts():
    rows = sections(read_csv(day_report_csv(day_report())))[0]

    assert rows[0] == ["Entry", "Time", "Kind", "Method", "Amount", "Artist", "Client", "Receipt", "Voucher code",
                       "Note", "Entered by", "Refers to entry"]
    body = rows[1:]
    assert [int(r[0]) for r in body] == [e.id for e in ENTRIES]
    assert [r[4] for r in body] == [decimal_text(e.amount_cents) for e in ENTRIES]
    assert body[0][1] == "10:17"  # 09:17 UTC in Madrid
    assert body[0][2:4] == ["Sale", "Cash"]
    assert body[2][5] == ZOE and body[2][6] == JOSE
    refund = body[4]
    assert refund[2] == "Refund" and refund[4] == "-12.50" and refund[11] == "3"
    redeemed = body[6]
    assert redeemed[2:4] == ["Voucher redeemed", "Voucher"]
    assert redeemed[7] == "9" and redeemed[8] == VOUCHER_CODE
    assert body[5][2] == "Deposit kept"
    assert all(r[10] == "Desk Dana" for r in body)


def test_the_csv_neutralises_formulas_but_keeps_negative_amounts_numbers():
    rows = sections(read_csv(day_report_csv(day_report())))[0][1:]

    assert rows[4][9] == "'" + FORMULA
    assert rows[8][9] == "'-needles, 2 boxes"
    assert rows[9][9] == "'@bank run"
    assert rows[8][4] == "-8.90" and rows[9][4] == "-20.00"  # numbers stay numbers
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS) or Decimal(cell) < 0


def test_the_csv_totals_equal_the_sums_of_its_own_entry_rows():
    blocks = sections(read_csv(day_report_csv(day_report())))
    entries, by_method, by_kind, artists, drawer = blocks
    method_sums: dict[str, Decimal] = defaultdict(Decimal)
    kind_sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in entries[1:]:
        method_sums[row[3]] += Decimal(row[4])
        kind_sums[row[2]] += Decimal(row[4])

    assert by_method[0] == ["Totals by method"]
    assert {label: Decimal(v) for label, v in by_method[1:-1]} == method_sums
    assert by_method[-1] == ["Total taken (vouchers excluded)",
                             str(sum(v for m, v in method_sums.items() if m != "Voucher"))]
    assert by_kind[0] == ["Totals by kind"]
    assert {label: Decimal(v) for label, v in by_kind[1:]} == kind_sums

    assert artists[0] == ["Artist", "Sales", "Tips", "Artist's share", "Studio's share", "Rate (%)"]
    assert artists[1:] == [[s.artist_name, decimal_text(s.sales_cents), decimal_text(s.tips_cents),
                            decimal_text(s.share_cents), decimal_text(s.studio_cents), decimal_text(s.rate_bp)]
                           for s in SHARES]
    for row in artists[1:]:
        assert Decimal(row[3]) + Decimal(row[4]) == Decimal(row[1])  # the shares add up to the sales

    drawn = {row[0]: row[1:] for row in drawer}
    expected = Decimal(FLOAT).scaleb(-2) + method_sums["Cash"]
    assert drawn["Opening float"] == ["150.00"]
    assert drawn["Cash entries"] == [str(method_sums["Cash"])]
    assert drawn["Cash expected in the drawer"] == [str(expected)]
    assert drawn["Counted"] == [str(expected - Decimal("2.50"))]
    assert drawn["Difference"] == ["-2.50"]
    assert drawn["Closed by"] == [ZOE, "2026-03-12 20:00"]
    assert drawn["Note"] == ["Short: " + FORMULA]  # not at the start of the cell: left as written


def test_the_csv_of_a_day_not_closed_says_so_and_has_no_count():
    rows = read_csv(day_report_csv(day_report(closed=False)))

    assert ["This day is not closed."] in rows
    assert not any(row and row[0] in ("Counted", "Difference", "Closed by") for row in rows)


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+33 600", "'+33 600"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("-12.50", "-12.50"), ("+3", "+3"), ("-7", "-7"),
    ("-12.50=1", "'-12.50=1"), ("-1e5", "'-1e5"), ("-٣", "'-٣"), ("José", "José"), ("a=1", "a=1"),
    ("", ""), (None, ""), (42, "42"), (-5, "-5"),
])
def test_csv_safe_prefixes_what_a_spreadsheet_would_run(value, cell):
    assert csv_safe(value) == cell


PLAIN_NUMBER = r"[+-]?[0-9]+(\.[0-9]+)?"


@given(st.text() | st.builds(str.__add__, st.sampled_from(DANGEROUS), st.text())
       | st.from_regex(rf"\A{PLAIN_NUMBER}\Z"))
def test_csv_safe_never_starts_a_cell_with_a_formula_unless_a_plain_number(text):
    cell = csv_safe(text)

    assert cell in (text, "'" + text)
    if cell.startswith(DANGEROUS):
        assert cell == text and re.fullmatch(PLAIN_NUMBER, cell, re.ASCII)
    if re.fullmatch(PLAIN_NUMBER, text, re.ASCII):
        assert cell == text  # a number stays a number


@pytest.mark.parametrize(("cents", "text"), [
    (0, "0.00"), (5, "0.05"), (-5, "-0.05"), (-1250, "-12.50"), (123450, "1234.50"), (100, "1.00"),
    (-100000000, "-1000000.00"),
])
def test_amount_text_writes_a_fixed_decimal_point(cents, text):
    assert amount_text(cents) == text


def test_amount_text_refuses_a_float():
    with pytest.raises(TypeError):
        amount_text(12.5)


# -- the close-of-day PDF ---------------------------------------------------------------------

def test_the_day_report_pdf_shows_the_entries_totals_shares_and_the_count():
    report = day_report()
    text = pdf_text(day_report_pdf(report))
    by_method, by_kind, cash_sum = totals(ENTRIES)

    assert "Tinta & Co" in text and long_date(DAY) in text
    assert JOSE in text and ZOE in text  # the markup name printed as typed
    assert FORMULA in text
    for cents in by_method.values():
        assert cash(cents) in text
    assert cash(sum(v for m, v in by_method.items() if m != Method.VOUCHER)) in text  # taken, vouchers aside
    for label in ("Sale", "Tip", "Refund", "Deposit kept", "Voucher redeemed", "Expense", "Cash out"):
        assert label in text
    for share in SHARES:
        assert cash(share.share_cents) in text and cash(share.studio_cents) in text
    assert percent(Decimal("0.45")) in text
    assert cash(sum(s.sales_cents for s in SHARES)) in text
    assert cash(FLOAT + cash_sum) in text  # expected
    assert cash(FLOAT + cash_sum - COUNTED_SHORT) in text  # counted
    assert cash(-COUNTED_SHORT) in text  # the difference
    assert f"Closed by {ZOE} on {spaced(date_time(START + timedelta(hours=10), ZONE))}." in text
    assert "Signature" in text
    assert "not closed" not in text


def test_the_day_report_pdf_of_a_day_not_closed_says_so():
    text = pdf_text(day_report_pdf(day_report(closed=False)))

    assert "This day is not closed." in text
    assert "Counted" not in text and "Closed by" not in text


def test_a_reopened_day_is_not_closed_and_says_who_reopened_it_and_why():
    reopened = DayClose(day=DAY, closed=False, opening_float_cents=FLOAT, expected_cents=FLOAT, counted_cents=FLOAT,
                        note="", closed_at=START + timedelta(hours=10), closed_by_name="Desk Dana",
                        reopened_at=START + timedelta(hours=11), reopened_by_name=JOSE,
                        reopen_reason="A card sale was <missing>")
    report = day_report(close=reopened)
    text = pdf_text(day_report_pdf(report))
    rows = read_csv(day_report_csv(report))

    assert "This day is not closed." in text and "Counted" not in text
    assert (f"Reopened by {JOSE} on {spaced(date_time(START + timedelta(hours=11), ZONE))}: "
            "A card sale was <missing>") in text
    assert ["This day is not closed."] in rows and not any(row and row[0] == "Counted" for row in rows)


def test_the_day_report_pdf_writes_money_in_the_locale_asked_for():
    text = pdf_text(day_report_pdf(day_report(), locale="es_ES"))

    assert cash(-1250, "es_ES") in text and "-12,50" in text
    assert long_date(DAY, locale="es_ES") in text


def test_a_day_of_500_entries_fills_pages_each_with_the_table_header():
    many = tuple(entry(n, EntryKind.SALE, (Method.CASH, Method.CARD)[n % 2], 1000 + n, artist_name=JOSE,
                       client_name=f"Client {n}", note="touch-up" if n % 3 else "")
                 for n in range(1, 501))
    reader = pypdf.PdfReader(io.BytesIO(day_report_pdf(day_report(many))))
    pages = [page.extract_text() for page in reader.pages]

    assert len(pages) > 5
    table_pages = [p for p in pages if "Client 1\n" in p or "Client 499" in p or "Client 250" in p]
    assert table_pages
    for page in pages[:-1]:  # every page of the table starts it with the header again
        assert "Time\nKind\nMethod\nAmount\nArtist\nClient\nNote" in page
    assert "Client 500" in "\n".join(pages)


# -- the receipt ------------------------------------------------------------------------------

RECEIPT = ReceiptRecord(
    id=3, number=42, day=DAY, at=START + timedelta(hours=5), client_name=ZOE, artist_name=JOSE,
    description="Rose in fine line", placement="Left <forearm> & wrist", price_cents=30000, deposit_cents=5000,
    credit_cents=1000, voucher_cents=4000, tip_cents=2000,
    payments=(Payment(Method.CASH, 12000), Payment(Method.CARD, 10000)), tendered_cents=15000, change_cents=3000,
    entered_by_name="Desk Dana", voucher_code=VOUCHER_CODE)


def test_the_receipt_shows_its_number_the_bill_and_the_change():
    text = pdf_text(receipt_pdf(RECEIPT, studio_name="Tinta & Co", currency="EUR", timezone=ZONE))

    assert "Receipt No. 42" in text
    assert spaced(date_time(RECEIPT.at, ZONE)) in text
    assert ZOE in text and JOSE in text and "Left <forearm> & wrist" in text
    assert cash(30000) in text and cash(-5000) in text and cash(-1000) in text
    assert f"Gift voucher {VOUCHER_CODE}" in text and cash(-4000) in text
    assert "Tip" in text and cash(2000) in text
    due = 30000 - 5000 - 1000 - 4000 + 2000
    assert due == RECEIPT.paid_cents
    assert f"Total to pay\n{cash(due)}" in text and f"Total paid\n{cash(due)}" in text
    assert f"Cash\n{cash(12000)}" in text and f"Card\n{cash(10000)}" in text
    assert f"Cash handed over\n{cash(15000)}" in text and f"Change\n{cash(3000)}" in text
    assert "Served by Desk Dana" in text


def test_a_receipt_paid_by_card_alone_has_no_change_and_no_empty_lines():
    by_card = ReceiptRecord(id=4, number=43, day=DAY, at=START, client_name="", artist_name=JOSE, description="",
                            placement="", price_cents=8000, deposit_cents=0, credit_cents=0, voucher_cents=0,
                            tip_cents=0, payments=(Payment(Method.CARD, 8000),), tendered_cents=0,
                            change_cents=0, entered_by_name="Desk Dana")
    text = pdf_text(receipt_pdf(by_card, studio_name="Tinta & Co", currency="EUR", timezone=ZONE, locale="es_ES"))

    assert "Receipt No. 43" in text and cash(8000, "es_ES") in text
    for absent in ("Change", "Cash handed over", "Deposit paid", "Credit used", "Gift voucher", "Tip", "Client"):
        assert absent not in text


# -- the gift voucher card --------------------------------------------------------------------

def voucher(**changes) -> VoucherRecord:
    fields = dict(id=5, code=VOUCHER_CODE, initial_cents=10000, balance_cents=6000, expires_on=date(2027, 3, 12),
                  for_name=ZOE, sold_at=START, sold_by_name="Desk Dana")
    fields.update(changes)
    return VoucherRecord(**fields)


def test_the_voucher_card_shows_the_code_the_amount_and_the_expiry_with_a_qr_code():
    data = voucher_card_pdf(voucher(), studio_name="Tinta & Co", currency="EUR")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = pdf_text(data)

    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert width > height  # landscape
    assert "Gift voucher" in text and "Tinta & Co" in text
    assert VOUCHER_CODE in text
    assert cash(10000) in text and cash(6000) not in text  # the amount it was sold for
    assert f"For {ZOE}" in text
    assert f"Valid until {long_date(date(2027, 3, 12))}" in text
    assert len(reader.pages[0].images) == 1  # the QR code


def test_a_voucher_without_expiry_says_so():
    text = pdf_text(voucher_card_pdf(voucher(expires_on=None, for_name=""), studio_name="Tinta & Co",
                                     currency="EUR"))

    assert "No expiry" in text and "Valid until" not in text and "For " not in text


# -- the aftercare sheet ----------------------------------------------------------------------

def line_heights(data: bytes) -> dict[str, float]:
    """Each drawn line's text and how far down the page it is."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found[text.strip()] = tm[5] * cm[3] + cm[5]

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_aftercare_sheet_keeps_paragraphs_and_prints_markup_as_typed():
    body = "Hi Ana, your tattoo by José.\nKeep the film on for 3 hours.\n\n  \nWash it & dry it <b>gently</b>.\n\n"
    data = aftercare_pdf(studio_name="Tinta & Co", title="Aftercare for <i>Ana</i>", body=body)
    text = pdf_text(data)

    assert "Aftercare for <i>Ana</i>" in text
    assert "Hi Ana, your tattoo by José.\nKeep the film on for 3 hours." in text
    assert "Wash it & dry it <b>gently</b>." in text
    y = line_heights(data)
    line = y["Hi Ana, your tattoo by José."] - y["Keep the film on for 3 hours."]
    gap = y["Keep the film on for 3 hours."] - y["Wash it & dry it <b>gently</b>."]
    assert line > 0 and gap > line * 1.3  # a blank line made a new paragraph, with space before it


def test_the_aftercare_sheet_makes_any_run_of_blank_lines_one_paragraph_break():
    data = aftercare_pdf(studio_name="Tinta & Co", title="Aftercare", body="First.\n\nSecond.\n\n \n\n\nThird.")
    y = line_heights(data)

    assert y["First."] - y["Second."] == pytest.approx(y["Second."] - y["Third."])
