"""Per-artist figures equal the register's close-of-day shares summed over the same days;
the ledger's filters shrink its page and its totals; the CSVs read back."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from studio.services.common import ValidationError
from studio.services.finance import DateRange, LedgerFilter
from studio.services.register import EntryInput, EntryKind, Method
from tests.finance.conftest import MONDAY, TUESDAY, WEDNESDAY

SPAN = DateRange(MONDAY, date(2026, 3, 31))


def test_artists_splits_equal_the_close_of_day_shares_of_the_same_days(month):
    studio = month.studio
    figures = {f.artist_id: f for f in studio.services.finance.artists(studio.admin, SPAN)}
    summed: dict[int, list[int]] = {}
    for i in range(SPAN.days):
        for s in studio.services.register.day_report(studio.admin, SPAN.first + timedelta(days=i)).shares:
            t = summed.setdefault(s.artist_id, [0, 0, 0, 0])
            for k, v in enumerate((s.sales_cents, s.tips_cents, s.share_cents, s.studio_cents)):
                t[k] += v
    assert set(figures) == set(summed) == {studio.mia.staff_id, studio.leo.staff_id}
    for artist, (sales, tips, share, studio_part) in summed.items():
        f = figures[artist]
        assert (f.sales_cents, f.tips_cents, f.commission_cents, f.studio_cents) == (sales, tips, share, studio_part)
    mia, leo = figures[studio.mia.staff_id], figures[studio.leo.staff_id]
    # Mia: 100 € less the 20 € refund at the default 50 %; her Tuesday client did not come.
    assert (mia.sales_cents, mia.tips_cents, mia.commission_cents, mia.no_shows, mia.appointments) == (
        8000, 1000, 4000, 1, 0)
    assert (mia.tickets, mia.average_ticket_cents) == (1, 8000)
    # Leo: 80 € for the session (50 € of it the voucher), 40 € and 15 € either side of the DST midnight.
    assert (leo.sales_cents, leo.appointments, leo.minutes, leo.hours, leo.no_shows) == (13500, 1, 120, 2.0, 0)
    assert [f.artist_name for f in studio.services.finance.artists(studio.admin, SPAN)] == ["Leo", "Mia"]


def test_ledger_filters_shrink_the_page_and_its_totals(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    everything = finance.ledger(admin, LedgerFilter(), limit=1000)
    assert everything.count == len(everything.rows) == 12
    assert everything.total_cents == sum(r.amount_cents for r in everything.rows)
    assert everything.rows[0].day == date(2026, 3, 30)  # newest first
    sales = finance.ledger(admin, LedgerFilter(kind=EntryKind.SALE))
    assert sales.count == 4 and sales.total_cents == 10000 + 3000 + 4000 + 1500 == 18500
    assert sales.by_kind == {"sale": 18500}
    leo_cash = finance.ledger(admin, LedgerFilter(method=Method.CASH, artist_id=month.studio.leo.staff_id))
    assert [r.amount_cents for r in leo_cash.rows] == [4000, 3000] and leo_cash.total_cents == 7000
    needles = finance.ledger(admin, LedgerFilter(text="NEEDLES"))
    assert [(r.kind, r.amount_cents) for r in needles.rows] == [(EntryKind.EXPENSE, -2000)]
    wednesday = finance.ledger(admin, LedgerFilter(first=WEDNESDAY, last=WEDNESDAY))
    assert wednesday.total_cents == 8000 - 2000 and wednesday.by_method == {"cash": 1000, "voucher": 5000}
    assert finance.ledger(admin, LedgerFilter(text="100%")).count == 0  # the % is a character, not a wildcard
    page = finance.ledger(admin, LedgerFilter(), offset=10, limit=5)
    assert len(page.rows) == 2 and page.count == 12 and page.total_cents == everything.total_cents
    assert [r.id for r in page.rows] == [r.id for r in everything.rows[10:]]
    with pytest.raises(ValidationError, match="swap them"):
        finance.ledger(admin, LedgerFilter(first=WEDNESDAY, last=MONDAY))


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_ledger_csv_holds_the_filtered_rows_and_their_totals(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    rows = _rows(finance.ledger_csv(admin, LedgerFilter(kind=EntryKind.SALE)))
    assert rows[0][:6] == ["Entry", "Day", "Time", "Kind", "Method", "Amount"]
    body = rows[1:rows.index([])]
    assert [r[5] for r in body] == ["100.00", "30.00", "40.00", "15.00"]  # oldest first
    assert body[2][1:3] == ["2026-03-29", "23:30"] and body[3][1:3] == ["2026-03-30", "00:30"]
    totals = {r[0]: r[1] for r in rows if len(r) == 2}
    assert totals["Entries"] == "4" and totals["Total"] == "185.00"


def test_the_month_report_csv_and_an_empty_month(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    rows = _rows(finance.month_report_csv(admin, 2026, 3))
    total = next(r for r in rows if r and r[0] == "Total")
    assert total == ["Total", "235.00", "10.00", "50.00", "20.00", "20.00", "255.00"]
    assert ["Leo", "1", "0", "135.00", "0.00", "67.50", "67.50"] in rows
    assert ["Deposit kept", "50.00"] in rows and ["Voucher", "50.00"] in rows
    empty = _rows(finance.month_report_csv(admin, 2026, 5))
    assert next(r for r in empty if r and r[0] == "Total")[1:] == ["0.00"] * 6
    assert len([r for r in empty if r and r[0].startswith("2026-05-")]) == 31
    with pytest.raises(ValidationError, match="YYYY-MM"):
        finance.month_report_csv(admin, 2026, 13)


def test_the_ledger_totals_equal_its_rows_for_every_filter_the_daily_totals_answer(month):
    """Day, kind, method and artist filters are counted from the daily totals; each must equal
    the rows the same filter lists."""
    finance, admin = month.studio.services.finance, month.studio.admin
    leo = month.studio.leo.staff_id
    for where in (LedgerFilter(), LedgerFilter(first=MONDAY, last=WEDNESDAY), LedgerFilter(kind=EntryKind.REFUND),
                  LedgerFilter(first=date(2026, 3, 1), last=date(2026, 4, 30)), LedgerFilter(last=date(2026, 3, 29)),
                  LedgerFilter(first=TUESDAY),
                  LedgerFilter(method=Method.VOUCHER), LedgerFilter(artist_id=leo),
                  LedgerFilter(first=WEDNESDAY, kind=EntryKind.SALE, method=Method.CASH, artist_id=leo)):
        page = finance.ledger(admin, where, limit=1000)
        assert page.count == len(page.rows) > 0, where
        assert page.total_cents == sum(r.amount_cents for r in page.rows), where
        by_method: dict[str, int] = {}
        for r in page.rows:
            by_method[str(r.method)] = by_method.get(str(r.method), 0) + r.amount_cents
        assert page.by_method == by_method, where
        by_kind: dict[str, int] = {}
        for r in page.rows:
            by_kind[str(r.kind)] = by_kind.get(str(r.kind), 0) + r.amount_cents
        assert page.by_kind == by_kind, where


def test_the_ledger_text_finds_notes_and_clients_by_name(month):
    finance, admin = month.studio.services.finance, month.studio.admin
    # One entry found both ways (Ben's, and its note says his name): it counts once.
    month.studio.services.register.record(month.studio.desk, EntryInput(
        EntryKind.SALE, Method.CARD, 700, note="Ben's flash", client_id=month.studio.ben_id))
    ben = finance.ledger(admin, LedgerFilter(text="BEN"), limit=1000)
    assert ben.count == len(ben.rows) > 0
    # Ben's entries, found by his name (their notes don't say it), and the voucher sold for a Ben.
    assert all(r.client_id == month.studio.ben_id or "ben" in r.note.casefold() for r in ben.rows)
    assert any(r.client_id == month.studio.ben_id and "ben" not in r.note.casefold() for r in ben.rows)
    assert any(r.kind == EntryKind.VOUCHER_SOLD and r.note == "Ben" for r in ben.rows)
    assert len([r for r in ben.rows if r.note == "Ben's flash"]) == 1
    assert ben.by_method == {m: sum(r.amount_cents for r in ben.rows if r.method == m) for m in ben.by_method}
    assert ben.total_cents == sum(r.amount_cents for r in ben.rows)
    assert finance.ledger(admin, LedgerFilter(text="eedl")).count == 1  # inside a note's word, any case
    assert finance.ledger(admin, LedgerFilter(text="100%")).count == 0  # % is a character, not a wildcard
