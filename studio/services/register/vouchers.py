"""Gift vouchers: sold with a code and an optional expiry (the money is an entry of kind
voucher sold), looked up by code, redeemed at a checkout (checkout.py)."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select

from studio.models import Client, Voucher
from studio.services.common import audit_log
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.formats import long_date
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.register import entries
from studio.services.register.amounts import checked_cents

from studio.services.register.reading import voucher_record
from studio.services.register.records import MONEY_METHODS, EntryKind, Method, VoucherRecord

SUBJECT = "voucher"
# No 0/O, 1/I/L: a code read aloud over the phone or typed from a card stays unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def normal_code(code: str) -> str:
    """A code as typed ("abcd efgh", "ABCD-EFGH") in its stored form "ABCD-EFGH"."""
    letters = "".join(c for c in (code or "").upper() if c.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == CODE_LENGTH else letters


def find_voucher(session, code: str, day: date, currency: str) -> Voucher:
    """The voucher with ``code`` that can pay on ``day``; ValidationError saying why not."""
    voucher = session.scalar(select(Voucher).where(Voucher.code == normal_code(code)))
    if voucher is None:
        raise ValidationError(_("No voucher has the code “{code}”. Check it on the card.").format(
            code=(code or "").strip()), field="voucher_code")
    if voucher.expires_on is not None and day > voucher.expires_on:
        raise ValidationError(_("Voucher {code} expired on {day}.").format(
            code=voucher.code, day=long_date(voucher.expires_on)), field="voucher_code")
    if voucher.balance_cents <= 0:
        raise ValidationError(_("Voucher {code} has been spent in full.").format(code=voucher.code),
                              field="voucher_code")
    return voucher


class VoucherService(Service):
    def sell(self, actor: Actor, amount_cents: int, method: Method, *, for_name: str = "",
             expires_on: date | None = None, client_id: int | None = None) -> VoucherRecord:
        """A new voucher worth ``amount_cents``, paid by ``method``, with a fresh code."""
        amount = checked_cents(amount_cents, field="amount")
        method = Method(method)
        if method not in MONEY_METHODS:
            raise ValidationError(_("Choose how the voucher was paid."), field="method")
        for_name = clean_text(for_name, field="for_name", label=_N_FOR, max_length=120, required=False)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            now, settings = self.clock(), read_settings(session)
            day = local_day(now, settings.timezone)
            if expires_on is not None and expires_on <= day:
                raise ValidationError(_("The expiry date must be after today."), field="expires_on")
            if client_id is not None and session.get(Client, client_id) is None:
                raise NotFound(_("That client no longer exists."))
            voucher = Voucher(code=_fresh_code(session), initial_cents=amount, balance_cents=amount,
                              expires_on=expires_on, client_id=client_id, for_name=for_name, sold_at=now,
                              sold_by_name=actor.name)
            session.add(voucher)
            session.flush()
            entries.add(session, day=day, at=now, kind=EntryKind.VOUCHER_SOLD, method=method, amount_cents=amount,
                        actor=actor, voucher_id=voucher.id, client_id=client_id, note=for_name)
            audit_log.record(session, now, audit_log.VOUCHER_SOLD, actor=actor, subject_type=SUBJECT,
                             subject_id=voucher.id, subject=voucher.code,
                             detail=Words(N_("worth {amount}"), amount=Formatted.money(amount, settings.currency)))
            uow.commit()
            return voucher_record(voucher)

    def lookup(self, actor: Actor, code: str) -> VoucherRecord:
        """The voucher with that code, whatever its state (the desk reads its balance)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            voucher = uow.session.scalar(select(Voucher).where(Voucher.code == normal_code(code)))
            if voucher is None:
                raise NotFound(_("No voucher has the code “{code}”. Check it on the card.").format(
                    code=(code or "").strip()))
            return voucher_record(voucher)

    def usable(self, actor: Actor, code: str) -> VoucherRecord:
        """The voucher when it can pay today; ValidationError saying why not otherwise."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            settings = read_settings(uow.session)
            return voucher_record(find_voucher(uow.session, code, local_day(self.clock(), settings.timezone),
                                               settings.currency))

    def card_pdf(self, actor: Actor, voucher_id: int) -> bytes:
        """The voucher's printable gift card."""
        from studio.services.register.documents import voucher_card_pdf

        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            voucher = uow.session.get(Voucher, voucher_id)
            if voucher is None:
                raise NotFound(_("That voucher does not exist."))
            record, settings = voucher_record(voucher), read_settings(uow.session)
        return voucher_card_pdf(record, studio_name=settings.name, currency=settings.currency)


def _fresh_code(session) -> str:
    while True:
        letters = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        code = normal_code(letters)
        if session.scalar(select(Voucher.id).where(Voucher.code == code)) is None:
            return code


_N_FOR = N_("name on the voucher")