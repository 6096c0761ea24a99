"""Checkout: an appointment's bill (or a walk-in sale's) paid in one transaction — the
deposits and credit applied, a voucher redeemed, the tip, the split payments — with its
numbered receipt. Receipt numbers are one gapless series: the next number is taken inside
the write unit of work (SQLite's write lock is held from its start), so two desks never get
the same one and a failed checkout leaves no hole."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from studio.models import Appointment, Client, Deposit, Receipt, Staff
from studio.services.common import audit_log
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.register import entries
from studio.services.register.amounts import checked_cents
from studio.services.register.bill import Taken, check_payments, take_off
from studio.services.register.days import ensure_open
from studio.services.register.ledger import move
from studio.services.register.reading import receipt_records
from studio.services.register.records import Bill, CheckoutInput, EntryKind, Method, ReceiptRecord
from studio.services.register.vouchers import find_voucher
from studio.services.scheduling import Status, held_deposits

SUBJECT = "receipt"
# An appointment still going on (or just done) can be paid for; the rest cannot.
_PAYABLE = (Status.COMPLETED,)
_STILL_COMING = (Status.REQUESTED, Status.BOOKED, Status.CONFIRMED, Status.CHECKED_IN, Status.IN_PROGRESS)


class CheckoutService(Service):
    def bill(self, actor: Actor, appointment_id: int | None = None, *, client_id: int | None = None) -> Bill:
        """What the checkout dialog starts from: the suggested price (the appointment's
        estimate), the deposits held for its booking, the client's credit, and whether the
        deposit is applied now (not when more sessions of its project are still to come)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            session = uow.session
            if appointment_id is None:
                return Bill(0, 0, 0, 0, 0, client_name=_client_name(session, client_id),
                            credit_available_cents=_credit(session, client_id))
            appointment = _appointment(session, appointment_id)
            held = sum(d.amount_cents for d in held_deposits(session, appointment))
            credit = _credit(session, appointment.client_id)
            price = appointment.price_cents or 0
            apply_deposit = not _more_sessions(session, appointment)
            taken = take_off(price, deposits_held_cents=held, credit_available_cents=credit,
                             apply_deposit=apply_deposit, use_credit=True) if price else Taken(0, 0, 0)
            return Bill(price, taken.deposit_cents, taken.credit_cents, 0, 0,
                        client_name=_client_name(session, appointment.client_id),
                        artist_id=appointment.artist_id, artist_name=session.get(Staff, appointment.artist_id).name,
                        description=appointment.description, placement=appointment.placement,
                        credit_available_cents=credit, deposits_held_cents=held if apply_deposit else 0,
                        deposits_waiting_cents=0 if apply_deposit else held)

    def checkout(self, actor: Actor, data: CheckoutInput, *, apply_deposit: bool = True) -> ReceiptRecord:
        """Write the checkout's entries and its receipt in one transaction (all or none)."""
        description = clean_text(data.description, field="description", label=_N_DESCRIPTION, max_length=300,
                                 required=False)
        tip = checked_cents(data.tip_cents, field="tip", allow_zero=True)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            now, settings = self.clock(), read_settings(session)
            currency, day = settings.currency, local_day(now, settings.timezone)
            ensure_open(session, day)
            appointment = None
            held: list[Deposit] = []
            client_id, artist_id, project_id, placement = data.client_id, data.artist_id, None, ""
            if data.appointment_id is not None:
                appointment = _appointment(session, data.appointment_id)
                _refuse_paid(session, appointment)
                if Status(appointment.status) not in _PAYABLE:
                    raise Conflict(_("Mark the appointment as completed before checking it out."))
                client_id, artist_id = appointment.client_id, appointment.artist_id
                project_id, placement = appointment.project_id, appointment.placement
                description = description or appointment.description
                held = held_deposits(session, appointment) if apply_deposit else []
            elif artist_id is not None:
                artist = session.get(Staff, artist_id)
                if artist is None or artist.role not in (Role.ARTIST, Role.ADMIN):
                    raise ValidationError(_("Choose the artist who did the work."), field="artist_id")
            credits = _credits(session, client_id) if data.use_credit and client_id is not None else []
            voucher = find_voucher(session, data.voucher_code, day, currency) if data.voucher_cents else None
            taken = take_off(data.price_cents, deposits_held_cents=sum(d.amount_cents for d in held),
                             credit_available_cents=sum(d.amount_cents for d in credits),
                             apply_deposit=bool(held), use_credit=bool(credits),
                             voucher_cents=data.voucher_cents,
                             voucher_balance_cents=voucher.balance_cents if voucher else 0, currency=currency)
            due = data.price_cents - taken.deposit_cents - taken.credit_cents - taken.voucher_cents + tip
            change = check_payments(due, data.payments, tip_cents=tip, tip_method=Method(data.tip_method),
                                    cash_tendered_cents=data.cash_tendered_cents, currency=currency)
            cash = sum(p.amount_cents for p in data.payments if p.method == Method.CASH)
            receipt = Receipt(number=_next_number(session), day=day, at=now, client_id=client_id,
                              client_name=_client_name(session, client_id),
                              appointment_id=appointment.id if appointment else None, artist_id=artist_id,
                              artist_name=session.get(Staff, artist_id).name if artist_id else "",
                              description=description, placement=placement, price_cents=data.price_cents,
                              deposit_cents=taken.deposit_cents, credit_cents=taken.credit_cents,
                              voucher_cents=taken.voucher_cents, tip_cents=tip,
                              tendered_cents=cash + change if cash else 0, change_cents=change,
                              entered_by_name=actor.name)
            session.add(receipt)
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                raise Conflict(_("This appointment was checked out meanwhile at another desk.")) from None
            links = dict(receipt_id=receipt.id, client_id=client_id, artist_id=artist_id,
                         appointment_id=receipt.appointment_id, project_id=project_id)
            for payment in data.payments:
                sale = payment.amount_cents - (tip if payment.method == data.tip_method else 0)
                if sale:
                    entries.add(session, day=day, at=now, kind=EntryKind.SALE, method=payment.method,
                                amount_cents=sale, actor=actor, **links)
            if tip:
                entries.add(session, day=day, at=now, kind=EntryKind.TIP, method=Method(data.tip_method),
                            amount_cents=tip, actor=actor, **links)
            _apply(session, held, taken.deposit_cents, "applied", day=day, now=now, actor=actor, links=links)
            _apply(session, credits, taken.credit_cents, "credit_applied", day=day, now=now, actor=actor,
                   links=links)
            if voucher is not None and taken.voucher_cents:
                voucher.balance_cents -= taken.voucher_cents
                entries.add(session, day=day, at=now, kind=EntryKind.VOUCHER_REDEEMED, method=Method.VOUCHER,
                            amount_cents=taken.voucher_cents, actor=actor, voucher_id=voucher.id, **links)
            audit_log.record(session, now, audit_log.CHECKOUT, actor=actor, subject_type=SUBJECT,
                             subject_id=receipt.id, subject=Words(N_("Receipt No. {number}"), number=receipt.number),
                             detail=[Words(N_("{amount} paid"), amount=Formatted.money(due, currency)),
                                     receipt.client_name])
            uow.commit()
            return receipt_records(session, [Receipt.id == receipt.id])[0]

    def receipt(self, actor: Actor, receipt_id: int) -> ReceiptRecord:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            found = receipt_records(uow.session, [Receipt.id == receipt_id])
            if not found:
                raise NotFound(_("That receipt does not exist."))
            return found[0]

    def receipt_of(self, actor: Actor, appointment_id: int) -> ReceiptRecord | None:
        """The appointment's receipt, when it was checked out."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_REGISTER)
            found = receipt_records(uow.session, [Receipt.appointment_id == appointment_id])
            return found[0] if found else None

    def receipt_pdf(self, actor: Actor, receipt_id: int) -> bytes:
        from studio.services.register.documents import receipt_pdf

        record = self.receipt(actor, receipt_id)
        with self.unit_of_work(write=False) as uow:
            settings = read_settings(uow.session)
        return receipt_pdf(record, studio_name=settings.name, currency=settings.currency, timezone=settings.timezone)


def _apply(session, deposits: list[Deposit], amount: int, reason: str, *, day, now: datetime, actor: Actor,
           links: dict) -> None:
    """Apply ``amount`` of ``deposits`` (oldest first) to the checkout: each becomes a sale
    of the session. A deposit larger than what is left is split: the rest stays as it was."""
    for deposit in deposits:
        if amount <= 0:
            break
        used = min(amount, deposit.amount_cents)
        if used < deposit.amount_cents:
            rest = Deposit(client_id=deposit.client_id, project_id=deposit.project_id,
                           appointment_id=deposit.appointment_id, amount_cents=deposit.amount_cents - used,
                           method=deposit.method, state=deposit.state, received_at=deposit.received_at,
                           recorded_by_name=deposit.recorded_by_name, settled_at=deposit.settled_at,
                           settled_reason=deposit.settled_reason, cash_entry_id=deposit.cash_entry_id)
            session.add(rest)
            deposit.amount_cents = used
        deposit.state, deposit.settled_at, deposit.settled_reason = "applied", now, reason
        session.flush()
        move(session, deposit, used, EntryKind.SALE, day=day, now=now, actor=actor, **links)
        amount -= used


def _next_number(session) -> int:
    return (session.scalar(select(func.max(Receipt.number))) or 0) + 1


def _appointment(session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_("That appointment no longer exists."))
    return appointment


def _refuse_paid(session, appointment: Appointment) -> None:
    number = session.scalar(select(Receipt.number).where(Receipt.appointment_id == appointment.id))
    if number is not None:
        raise Conflict(_("This appointment was already checked out (receipt No. {number}).").format(number=number))


def _more_sessions(session, appointment: Appointment) -> bool:
    """Whether the appointment's project has sessions still to come after it (its deposit
    waits for the last one)."""
    if appointment.project_id is None:
        return False
    return session.scalar(select(func.count()).select_from(Appointment).where(
        Appointment.project_id == appointment.project_id, Appointment.id != appointment.id,
        Appointment.starts_at > appointment.starts_at,
        Appointment.status.in_([str(s) for s in _STILL_COMING]))) > 0


def _credits(session, client_id: int) -> list[Deposit]:
    return list(session.scalars(select(Deposit).where(Deposit.client_id == client_id, Deposit.state == "credited")
                                .order_by(Deposit.received_at, Deposit.id)))


def _credit(session, client_id: int | None) -> int:
    if client_id is None:
        return 0
    return sum(d.amount_cents for d in _credits(session, client_id))


def _client_name(session, client_id: int | None) -> str:
    if client_id is None:
        return ""
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(_("That client no longer exists."))
    return client.full_name


_N_DESCRIPTION = N_("description")