"""A checkout's arithmetic, the one place it lives: what the deposits, the client's credit
and a voucher take off the price, and whether the payments cover the rest with the tip
and what change to give. The checkout dialog runs it as the desk types (a live preview);
the checkout service runs it again on the data it locked before it writes."""

from __future__ import annotations

from dataclasses import dataclass

from studio.services.common.errors import ValidationError
from studio.services.common.formats import money
from studio.services.common.i18n import _
from studio.services.register.amounts import checked_cents
from studio.services.register.records import METHOD_LABELS, MONEY_METHODS, Method, Payment


@dataclass(frozen=True)
class Taken:
    """What comes off the price: deposits, credit and voucher, each in cents."""

    deposit_cents: int
    credit_cents: int
    voucher_cents: int


def take_off(price_cents: int, *, deposits_held_cents: int, credit_available_cents: int, apply_deposit: bool,
             use_credit: bool, voucher_cents: int = 0, voucher_balance_cents: int = 0,
             currency: str = "EUR") -> Taken:
    """The deposits (when applied) and the credit (when used) come off first, each up to
    what is left of the price; a voucher then pays what it is asked to, never more than
    its balance nor than what is left."""
    price = checked_cents(price_cents, field="price")
    deposit = min(deposits_held_cents, price) if apply_deposit else 0
    credit = min(credit_available_cents, price - deposit) if use_credit else 0
    left = price - deposit - credit
    if voucher_cents:
        voucher = checked_cents(voucher_cents, field="voucher_amount")
        if voucher > voucher_balance_cents:
            raise ValidationError(_("The voucher has only {balance} left.").format(
                balance=money(voucher_balance_cents, currency)), field="voucher_amount")
        if voucher > left:
            raise ValidationError(_("Only {left} is left to pay; use that much of the voucher at most.").format(
                left=money(left, currency)), field="voucher_amount")
    else:
        voucher = 0
    return Taken(deposit, credit, voucher)


def check_payments(due_cents: int, payments: tuple[Payment, ...], *, tip_cents: int, tip_method: Method,
                   cash_tendered_cents: int | None, currency: str) -> int:
    """Refuse payments that do not add up to what is due (tip included); return the change
    to give for cash (0 when no cash was handed over, or exactly the cash part)."""
    seen = set()
    for payment in payments:
        if payment.method not in MONEY_METHODS:
            raise ValidationError(_("Choose how each part was paid: cash, card, transfer or other."), field="payments")
        if payment.method in seen:
            raise ValidationError(_("Each method appears once in a split; add its amounts together."),
                                  field="payments")
        seen.add(payment.method)
        checked_cents(payment.amount_cents, field="payments")
    paid = sum(p.amount_cents for p in payments)
    if paid != due_cents:
        raise ValidationError(_("The payments add up to {paid}, but {due} is due.").format(
            paid=money(paid, currency), due=money(due_cents, currency)), field="payments")
    if tip_cents:
        tip_part = sum(p.amount_cents for p in payments if p.method == tip_method)
        if tip_part < tip_cents:
            raise ValidationError(_("The tip is paid by {method}, but that part of the payment is less than the "
                                    "tip.").format(method=_(METHOD_LABELS[tip_method]).lower()), field="tip")
    cash = sum(p.amount_cents for p in payments if p.method == Method.CASH)
    if cash_tendered_cents is None or not cash:
        return 0
    tendered = checked_cents(cash_tendered_cents, field="tendered", allow_zero=True)
    if tendered < cash:
        raise ValidationError(_("The client handed over {tendered}, less than the {cash} paid in cash.").format(
            tendered=money(tendered, currency), cash=money(cash, currency)), field="tendered")
    return tendered - cash
