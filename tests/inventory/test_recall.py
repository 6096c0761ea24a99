"""The recall search: which clients a lot (or any lot of an item) touched, between two
days, with their sessions, artists and contact details; audited; CSV safe; headless."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from studio.models import AuditEvent
from studio.services.common import NotFound, PermissionDenied, ValidationError
from studio.services.inventory import Use, recall_csv
from tests.inventory.conftest import MONDAY, at, finished
from tests.support import run_cli


def _sessions(stock):
    """Ana with Mia on Tuesday (lot A), Ben with Leo on Wednesday (lot B), Ana again on Thursday (lot A)."""
    studio = stock.desk
    plan = [(studio.mia, studio.ana_id, 1, stock.lot_a), (studio.leo, studio.ben_id, 2, stock.lot_b),
            (studio.mia, studio.ana_id, 3, stock.lot_a)]
    booked = [(studio.book(artist, at(MONDAY + timedelta(days=d), 12), 2, client_id=client), lot)
              for artist, client, d, lot in plan]
    for appointment, lot in booked:
        done = finished(studio, appointment)
        studio.services.stock.use(studio.desk, (Use(stock.black, 1, lot), Use(stock.needles, 1, stock.needle_lot)),
                                  appointment_id=done.id)
    return [a for a, _lot in booked]


def test_a_lot_finds_the_clients_it_touched_with_how_to_reach_them(stock):
    studio = stock.desk
    sessions = _sessions(stock)
    hits = studio.services.recall.recall(studio.desk, lot_id=stock.lot_a)
    assert [(h.client_name, h.phone, h.artist_name, h.appointment_id, h.quantity) for h in hits] == [
        ("Ana Lima", "+351 912 345 678", "Mia", sessions[2].id, 1), ("Ana Lima", "+351 912 345 678", "Mia", sessions[0].id, 1)]
    by_item = studio.services.recall.recall(studio.desk, item_id=stock.black, first=MONDAY + timedelta(days=2),
                                            last=MONDAY + timedelta(days=2))
    assert [(h.client_name, h.email, h.lot_number) for h in by_item] == [("Ben Park", "ben@example.test", "B-200")]
    with studio.services.db.unit_of_work(write=False) as uow:
        searched = uow.session.execute(select(AuditEvent.subject, AuditEvent.detail)
                                       .where(AuditEvent.action == "stock.recall_searched")).all()
    assert [tuple(e) for e in searched] == [("lot A-100 of Black ink", "2 sessions found"),
                                                         ("every lot of Black ink", "1 session found")]
    touched = studio.services.recall.client_lots(studio.mia, studio.ana_id)
    assert sorted((h.appointment_id, h.lot_number) for h in touched) == [
        (sessions[0].id, "A-100"), (sessions[0].id, "N-1"), (sessions[2].id, "A-100"), (sessions[2].id, "N-1")]


def test_a_recall_needs_one_lot_or_one_item_and_the_desk_or_an_admin(stock):
    studio = stock.desk
    with pytest.raises(ValidationError):
        studio.services.recall.recall(studio.desk)
    with pytest.raises(ValidationError, match="before the first"):
        studio.services.recall.recall(studio.desk, item_id=stock.black, first=MONDAY, last=MONDAY - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        studio.services.recall.recall(studio.mia, lot_id=stock.lot_a)
    with pytest.raises(NotFound):
        studio.services.recall.recall(studio.desk, lot_id=9999)


def test_the_recall_csv_is_safe_and_read_back(stock):
    studio = stock.desk
    _sessions(stock)
    hits = studio.services.recall.recall(studio.desk, item_id=stock.needles)
    raw = recall_csv(hits, "Europe/Lisbon")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Client", "Phone", "Email"] and len(rows) == 4
    assert rows[1][1] == "'+351 912 345 678"  # a phone starting with + would be read as a formula


def test_studio_recall_writes_the_csv_and_refuses_an_unknown_lot(stock, tmp_path):
    studio = stock.desk
    _sessions(stock)
    out = tmp_path / "recall.csv"
    data_dir = studio.services.data_dir
    result = run_cli("recall", "--lot", "B-200", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["Ben Park"]
    assert "lot B-200 of Black ink" in result.stdout
    unknown = run_cli("recall", "--lot", "ZZZ", "--out", str(tmp_path / "x.csv"), data_dir=data_dir)
    assert unknown.returncode == 1 and "No lot has the number “ZZZ”" in unknown.stderr
    assert not (tmp_path / "x.csv").exists()
    by_item = run_cli("recall", "--item", "black ink", "--from", "2026-03-18", "--to", "2026-03-18",
                      "--out", str(out), data_dir=data_dir)
    assert by_item.returncode == 0, by_item.stderr
    assert [r[0] for r in list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))[1:]] == ["Ben Park"]
