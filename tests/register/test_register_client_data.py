"""The register's part of a client's data rights and the History tab's figures: receipts,
payments and vouchers in the export; on erasure the money stays without the client."""

from __future__ import annotations

import json

from sqlalchemy import select

from studio.models import CashEntry, Receipt
from studio.services.register import Method
from tests.register.conftest import finished, pay


def test_the_export_lists_the_clients_receipts_payments_and_vouchers(studio, booked, tmp_path):
    done = finished(studio, booked)
    studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id))
    studio.services.vouchers.sell(studio.desk, 3000, Method.CASH, client_id=studio.ana_id)
    result = studio.services.client_rights.export_client(studio.admin, studio.ana_id, tmp_path)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert [(r["number"], r["price_cents"], r["deposit_cents"]) for r in data["receipts"]] == [(1, 20000, 5000)]
    assert {p["kind"] for p in data["payments"]} == {"deposit", "sale", "voucher_sold"}
    assert [v["initial_cents"] for v in data["vouchers"]] == [3000]
    money = studio.services.register.client_money(studio.desk, studio.ana_id)
    assert [r.number for r in money.receipts] == [1] and money.vouchers[0].balance_cents == 3000


def test_erasing_a_client_keeps_the_money_in_the_books_without_them(studio, booked):
    done = finished(studio, booked)
    receipt = studio.services.checkout.checkout(studio.desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id))
    studio.services.client_rights.erase_client(studio.admin, studio.ana_id, "Ana Lima")
    kept = studio.services.checkout.receipt(studio.desk, receipt.id)
    assert (kept.client_id, kept.client_name, kept.price_cents) == (None, "Erased client", 20000)
    with studio.services.db.unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(CashEntry.id).where(CashEntry.client_id.is_not(None))) is None
        assert uow.session.scalar(select(Receipt.client_name)) == "Erased client"
    report = studio.services.register.day_report(studio.desk, done.starts_at.date())
    assert report.shares[0].sales_cents == 20000
