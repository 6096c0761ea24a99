"""Receipts and vouchers as records (the payments of a receipt are read from its entries)."""

from __future__ import annotations

from sqlalchemy import select

from studio.models import CashEntry, Receipt, Voucher
from studio.services.common.i18n import N_, _
from studio.services.register.records import EntryKind, Method, Payment, ReceiptRecord, VoucherRecord

# What an erased client's receipts name them (stored in English, read in the reader's language).
ERASED_NAME = N_("Erased client")
# The entries of a checkout that are money the client handed over (by method).
_PAID_KINDS = (EntryKind.SALE, EntryKind.TIP)


def receipt_records(session, where) -> list[ReceiptRecord]:
    receipts = list(session.scalars(select(Receipt).where(*where).order_by(Receipt.number.desc())))
    if not receipts:
        return []
    ids = [r.id for r in receipts]
    paid: dict[int, dict[str, int]] = {}
    codes: dict[int, str] = {}
    rows = session.execute(select(CashEntry.receipt_id, CashEntry.kind, CashEntry.method, CashEntry.amount_cents,
                                  CashEntry.deposit_id, Voucher.code)
                           .outerjoin(Voucher, Voucher.id == CashEntry.voucher_id)
                           .where(CashEntry.receipt_id.in_(ids), CashEntry.refers_to_id.is_(None)))
    for receipt_id, kind, method, amount, deposit_id, code in rows:
        if code:
            codes[receipt_id] = code
        # A deposit or credit applied at the checkout is a sale entry paired with its
        # deposit: not money handed over at the desk.
        if kind in _PAID_KINDS and deposit_id is None and method != Method.VOUCHER:
            by = paid.setdefault(receipt_id, {})
            by[method] = by.get(method, 0) + amount
    return [ReceiptRecord(r.id, r.number, r.day, r.at, _client_name(r), r.artist_name, r.description, r.placement,
                          r.price_cents, r.deposit_cents, r.credit_cents, r.voucher_cents, r.tip_cents,
                          tuple(Payment(Method(m), a) for m, a in sorted(paid.get(r.id, {}).items(),
                                                                          key=lambda kv: list(Method).index(kv[0]))),
                          r.tendered_cents, r.change_cents, r.entered_by_name, r.appointment_id, r.client_id,
                          codes.get(r.id, ""))
            for r in receipts]


def _client_name(receipt: Receipt) -> str:
    return _(receipt.client_name) if receipt.client_name == ERASED_NAME else receipt.client_name


def voucher_record(v: Voucher) -> VoucherRecord:
    return VoucherRecord(v.id, v.code, v.initial_cents, v.balance_cents, v.expires_on, v.for_name, v.sold_at,
                         v.sold_by_name, v.client_id, v.version)
