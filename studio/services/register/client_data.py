"""The register's part of a client's data rights: their receipts, payments and vouchers in
an export; on erasure the money stays in the books (the law keeps it) without the client:
the receipts' printed name becomes the erased marker, and the links to the client go."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from studio.models import CashEntry, Receipt, Voucher
from studio.services.clients import ErasedPart, ExportSection, HeldPart
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.formats import numeric_date
from studio.services.common.i18n import _
from studio.services.register.reading import ERASED_NAME


class RegisterClientData:
    """The client data holder the composition root registers (services/core.py)."""

    name = "register"

    def export_part(self, session, client_id: int, prefix: str) -> HeldPart:
        receipts = [{"number": r.number, "day": r.day.isoformat(), "price_cents": r.price_cents,
                     "deposit_cents": r.deposit_cents, "credit_cents": r.credit_cents,
                     "voucher_cents": r.voucher_cents, "tip_cents": r.tip_cents, "artist": r.artist_name,
                     "description": r.description}
                    for r in session.scalars(select(Receipt).where(Receipt.client_id == client_id)
                                             .order_by(Receipt.number))]
        payments = [{"day": e.day.isoformat(), "kind": e.kind, "method": e.method, "amount_cents": e.amount_cents,
                     "note": e.note}
                    for e in session.scalars(select(CashEntry).where(CashEntry.client_id == client_id)
                                             .order_by(CashEntry.at, CashEntry.id))]
        vouchers = [{"code": v.code, "initial_cents": v.initial_cents, "balance_cents": v.balance_cents,
                     "expires_on": v.expires_on.isoformat() if v.expires_on else None}
                    for v in session.scalars(select(Voucher).where(Voucher.client_id == client_id))]
        lines = tuple((_("Receipt No. {number}").format(number=r["number"]), numeric_date(date.fromisoformat(r["day"])))
                      for r in receipts)
        return HeldPart(sections=(
            ExportSection("receipts", _("Receipts"), receipts, lines),
            ExportSection("payments", _("Payments"), payments),
            ExportSection("vouchers", _("Gift vouchers"), vouchers),
        ))

    def erase_part(self, session, client_id: int, erased_subject: Words) -> ErasedPart:
        kept = session.execute(update(Receipt).where(Receipt.client_id == client_id).values(
            client_id=None, client_name=ERASED_NAME)).rowcount
        session.execute(update(CashEntry).where(CashEntry.client_id == client_id).values(client_id=None))
        session.execute(update(Voucher).where(Voucher.client_id == client_id).values(client_id=None, for_name=""))
        return ErasedPart(kept=Words.counted(Nn_("{n} receipt kept without the client for the books",
                                                 "{n} receipts kept without the client for the books"), kept)
                          if kept else "")
