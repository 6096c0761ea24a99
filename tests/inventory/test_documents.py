"""The inventory's documents read back: the purchase list (items at or under threshold, what
to order, by supplier) as CSV and PDF, the stock on hand as CSV lot by lot, and the recall
list as PDF — each equal to what the database holds."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pypdf
import pytest

from studio.services.common import PermissionDenied
from studio.services.inventory import Category, ItemInput, Use
from tests.inventory.test_recall import _sessions


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need for accents
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def low(stock):
    """Gloves down to 2 (threshold 3), needles to 2 (threshold 2, no reorder quantity), a
    green ink with none yet (threshold 2) from Dynamic, and an '=cmd' item from '@evil'."""
    studio = stock.desk
    studio.services.stock.use(studio.desk, (Use(stock.gloves, 6),))
    studio.services.stock.waste(studio.desk, stock.needles, 4, "Dropped", lot_id=stock.needle_lot)
    studio.services.inventory.create(studio.desk, ItemInput("Green ink", Category.INK, "bottle", threshold=2,
                                                            reorder_quantity=5, supplier="Dynamic"))
    studio.services.inventory.create(studio.desk, ItemInput("=cmd|' /C calc'!A0", Category.OTHER, "piece",
                                                            threshold=1, supplier="@evil"))
    return stock


def test_the_purchase_list_holds_the_items_at_or_under_threshold_by_supplier_with_what_to_order(low):
    studio = low.desk
    lines = studio.services.inventory.purchase_list(studio.desk)
    assert [(line.supplier, line.name, line.on_hand, line.threshold, line.order) for line in lines] == [
        ("@evil", "=cmd|' /C calc'!A0", 0, 1, 2), ("Dynamic", "Green ink", 0, 2, 5),
        ("MedSupply", "Nitrile gloves", 2, 3, 20), ("", "3RL needles", 2, 2, 1)]
    assert {line.item_id for line in lines} == {i.id for i in studio.services.inventory.items(studio.desk) if i.low}
    rows = _csv(studio.services.inventory.purchase_list_csv(studio.desk))
    assert [(r["Supplier"], r["Item"], r["Category"], r["On hand"], r["Order"]) for r in rows] == [
        ("'@evil", "'=cmd|' /C calc'!A0", "Other", "0", "2"), ("Dynamic", "Green ink", "Ink", "0", "5"),
        ("MedSupply", "Nitrile gloves", "Gloves", "2", "20"), ("", "3RL needles", "Needles", "2", "1")]
    text = _pdf_text(studio.services.inventory.purchase_list_pdf(studio.mia))  # every role sees the stock
    assert "Purchase list — 16 March 2026" in text
    for heading in ("Dynamic", "MedSupply", "No supplier", "Green ink", "Nitrile gloves", "3RL needles"):
        assert heading in text
    assert text.index("Dynamic") < text.index("MedSupply") < text.index("No supplier")
    assert "Black ink" not in text  # 15 on hand, threshold 4


def test_an_empty_purchase_list_says_nothing_is_low(stock):
    studio = stock.desk
    assert studio.services.inventory.purchase_list(studio.desk) == ()
    assert len(_csv(studio.services.inventory.purchase_list_csv(studio.desk))) == 0
    assert "Nothing is at or under its threshold." in _pdf_text(studio.services.inventory.purchase_list_pdf(studio.desk))


def test_the_stock_csv_lists_every_active_item_lot_by_lot_and_its_totals_equal_the_database(low):
    studio = low.desk
    archived = studio.services.inventory.create(studio.desk, ItemInput("Old film", Category.AFTERCARE, "roll"))
    studio.services.inventory.archive(studio.admin, archived.id)
    rows = _csv(studio.services.inventory.stock_csv(studio.desk))
    black = [(r["Lot"], r["Expires"], r["On hand"]) for r in rows if r["Item"] == "Black ink"]
    assert black == [("B-200", "2026-04-05", "5"), ("A-100", "2027-03-01", "10")]  # soonest to expire first
    totals = defaultdict(int)
    for r in rows:
        totals[r["Item"].lstrip("'")] += int(r["On hand"])
    items = studio.services.inventory.items(studio.desk)
    assert dict(totals) == {i.name: i.on_hand for i in items}
    assert "Old film" not in totals
    assert [r["Lot"] for r in rows if r["Item"] == "Green ink"] == [""]  # by lot, none received yet


def test_the_recall_pdf_names_the_clients_with_how_to_reach_them_and_is_for_the_desk_only(stock):
    studio = stock.desk
    _sessions(stock)
    text = _pdf_text(studio.services.recall.recall_pdf(studio.desk, lot_id=stock.lot_a))
    assert "Recall: lot A-100 of Black ink" in text
    assert "2 sessions, 1 client" in text
    assert "Ana Lima" in text and "+351 912 345 678" in text and "Mia" in text
    assert "Ben Park" not in text
    hits = studio.services.recall.recall(studio.desk, item_id=stock.black)
    text = _pdf_text(studio.services.recall.recall_pdf(studio.desk, item_id=stock.black))
    assert text.count("Black ink") == len(hits) + 2  # the footer, the title, one row per session
    assert "3 sessions, 2 clients" in text and "ben@example.test" in text
    with pytest.raises(PermissionDenied):
        studio.services.recall.recall_pdf(studio.mia, lot_id=stock.lot_a)


def test_the_recall_screen_offers_every_lot_received_emptied_ones_too(stock):
    studio = stock.desk
    studio.services.stock.waste(studio.desk, stock.needles, 6, "Recalled", lot_id=stock.needle_lot)
    lots = studio.services.recall.lots(studio.desk)
    assert [(lot.lot_number, lot.item_name, lot.on_hand) for lot in lots] == [
        ("A-100", "Black ink", 10), ("B-200", "Black ink", 5), ("N-1", "3RL needles", 0)]
    with pytest.raises(PermissionDenied):
        studio.services.recall.lots(studio.mia)
