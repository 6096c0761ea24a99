"""What the register takes and returns: entry kinds and methods with their labels, the
entries, a checkout's input and its bill, receipts, vouchers, rates and the day's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from studio.services.common.i18n import N_


class EntryKind(StrEnum):
    SALE = "sale"
    DEPOSIT = "deposit"
    TIP = "tip"
    REFUND = "refund"
    VOUCHER_SOLD = "voucher_sold"
    VOUCHER_REDEEMED = "voucher_redeemed"
    EXPENSE = "expense"
    CASH_IN = "cash_in"
    CASH_OUT = "cash_out"
    FORFEIT = "forfeit"  # a deposit the studio keeps after a no-show or a late cancel

    @property
    def outgoing(self) -> bool:
        """Money that leaves the studio: its entries are negative."""
        return self in (EntryKind.REFUND, EntryKind.EXPENSE, EntryKind.CASH_OUT)


class Method(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"
    VOUCHER = "voucher"
    OTHER = "other"


# Marked: translate where shown.
KIND_LABELS = {
    EntryKind.SALE: N_("Sale"), EntryKind.DEPOSIT: N_("Deposit"), EntryKind.TIP: N_("Tip"),
    EntryKind.REFUND: N_("Refund"), EntryKind.VOUCHER_SOLD: N_("Voucher sold"),
    EntryKind.VOUCHER_REDEEMED: N_("Voucher redeemed"), EntryKind.EXPENSE: N_("Expense"),
    EntryKind.CASH_IN: N_("Cash in"), EntryKind.CASH_OUT: N_("Cash out"),
    EntryKind.FORFEIT: N_("Deposit kept"),
}
METHOD_LABELS = {
    Method.CASH: N_("Cash"), Method.CARD: N_("Card"), Method.TRANSFER: N_("Bank transfer"),
    Method.VOUCHER: N_("Voucher"), Method.OTHER: N_("Other method"),
}
# What a person may type into the register's entry form by hand; the rest come from a
# checkout, a booking's deposit, a voucher sale or a refund.
MANUAL_KINDS = (EntryKind.SALE, EntryKind.TIP, EntryKind.EXPENSE, EntryKind.CASH_IN, EntryKind.CASH_OUT)
# Methods money arrives by (a voucher is paid with one of these; "voucher" pays only a bill).
MONEY_METHODS = (Method.CASH, Method.CARD, Method.TRANSFER, Method.OTHER)


@dataclass(frozen=True)
class EntryInput:
    """A hand-typed entry. ``amount_cents`` is positive; the kind gives the sign."""

    kind: EntryKind
    method: Method
    amount_cents: int
    note: str = ""
    artist_id: int | None = None
    client_id: int | None = None


@dataclass(frozen=True)
class EntryRecord:
    id: int
    day: date
    at: datetime
    kind: EntryKind
    method: Method
    amount_cents: int           # signed: in positive, out negative
    note: str
    entered_by_name: str
    artist_id: int | None = None
    artist_name: str = ""
    client_id: int | None = None
    client_name: str = ""
    appointment_id: int | None = None
    receipt_number: int | None = None
    voucher_code: str = ""
    refers_to_id: int | None = None
    refundable_cents: int = 0   # what a refund may still give back (0: none)
    receipt_id: int | None = None


@dataclass(frozen=True)
class Payment:
    """One part of a checkout's payment: ``amount_cents`` by ``method`` (not "voucher")."""

    method: Method
    amount_cents: int


@dataclass(frozen=True)
class CheckoutInput:
    """A checkout: an appointment's (its client, artist and project come from it) or a
    walk-in sale's (``artist_id`` given, ``client_id`` optional)."""

    price_cents: int
    payments: tuple[Payment, ...]
    appointment_id: int | None = None
    artist_id: int | None = None
    client_id: int | None = None
    description: str = ""
    tip_cents: int = 0
    tip_method: Method = Method.CARD
    voucher_code: str = ""
    voucher_cents: int = 0        # how much of the voucher to use (0: none)
    use_credit: bool = True       # take the client's credit (credited deposits) first
    cash_tendered_cents: int | None = None  # what the client handed over in cash, for the change


@dataclass(frozen=True)
class Bill:
    """What a checkout comes to before anyone pays: the price, the deposits and credit
    taken off, the voucher, the tip, and what is left to pay."""

    price_cents: int
    deposit_cents: int
    credit_cents: int
    voucher_cents: int
    tip_cents: int
    client_name: str = ""
    artist_id: int | None = None
    artist_name: str = ""
    description: str = ""
    placement: str = ""
    credit_available_cents: int = 0
    deposits_held_cents: int = 0
    # Held for the booking but waiting for the project's last session (not applied by
    # default); the desk may still apply them now.
    deposits_waiting_cents: int = 0

    @property
    def due_cents(self) -> int:
        """What the client pays now, tip included."""
        return self.price_cents - self.deposit_cents - self.credit_cents - self.voucher_cents + self.tip_cents


@dataclass(frozen=True)
class ReceiptRecord:
    id: int
    number: int
    day: date
    at: datetime
    client_name: str
    artist_name: str
    description: str
    placement: str
    price_cents: int
    deposit_cents: int
    credit_cents: int
    voucher_cents: int
    tip_cents: int
    payments: tuple[Payment, ...]
    tendered_cents: int
    change_cents: int
    entered_by_name: str
    appointment_id: int | None = None
    client_id: int | None = None
    voucher_code: str = ""

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)


@dataclass(frozen=True)
class VoucherRecord:
    id: int
    code: str
    initial_cents: int
    balance_cents: int
    expires_on: date | None
    for_name: str
    sold_at: datetime
    sold_by_name: str
    client_id: int | None = None
    version: int = 1

    def usable_on(self, day: date) -> bool:
        return self.balance_cents > 0 and (self.expires_on is None or day <= self.expires_on)


@dataclass(frozen=True)
class RateRecord:
    artist_id: int | None       # None: the studio's default
    rate_bp: int                # basis points: 5000 is 50 %
    valid_from: date
    set_by_name: str = ""


@dataclass(frozen=True)
class ArtistShare:
    """An artist's part of a day (or a range): their sales, their tips, their share of the
    sales at their rate, and the studio's (the remainder: they add up to the sales)."""

    artist_id: int | None
    artist_name: str
    sales_cents: int
    tips_cents: int
    share_cents: int
    studio_cents: int
    rate_bp: int


@dataclass(frozen=True)
class DayClose:
    day: date
    closed: bool
    opening_float_cents: int
    expected_cents: int
    counted_cents: int
    note: str
    closed_at: datetime
    closed_by_name: str
    denominations: dict[int, int] = field(default_factory=dict)
    reopened_at: datetime | None = None
    reopened_by_name: str = ""
    reopen_reason: str = ""
    version: int = 1

    @property
    def difference_cents(self) -> int:
        return self.counted_cents - self.expected_cents


@dataclass(frozen=True)
class DayReport:
    """Everything a day's close-of-day report shows, computed from the entries alone."""

    day: date
    studio_name: str
    currency: str
    timezone: str
    entries: tuple[EntryRecord, ...]
    by_method: dict[str, int]     # Method value → signed total
    by_kind: dict[str, int]       # EntryKind value → signed total
    shares: tuple[ArtistShare, ...]
    opening_float_cents: int
    cash_cents: int               # the cash entries' sum: what the drawer should have gained
    close: DayClose | None = None

    @property
    def expected_cash_cents(self) -> int:
        return self.opening_float_cents + self.cash_cents

    @property
    def total_cents(self) -> int:
        """Money taken (every method but vouchers, which were paid for when sold)."""
        return sum(v for m, v in self.by_method.items() if m != Method.VOUCHER)

    @property
    def sales_cents(self) -> int:
        return sum(s.sales_cents for s in self.shares)


@dataclass(frozen=True)
class RegisterDayView:
    """The register page's day: the entries shown, the running totals, the close."""

    day: date
    entries: tuple[EntryRecord, ...]
    by_method: dict[str, int]
    count: int
    close: DayClose | None
    opening_float_cents: int
    cash_cents: int
    shares: tuple[ArtistShare, ...] = ()  # each artist's part of the day (an artist: their own)

    @property
    def expected_cash_cents(self) -> int:
        return self.opening_float_cents + self.cash_cents

    def share_of(self, artist_id: int) -> ArtistShare | None:
        return next((s for s in self.shares if s.artist_id == artist_id), None)


@dataclass(frozen=True)
class ClientMoney:
    """What the client view's History tab shows of the register."""

    receipts: tuple[ReceiptRecord, ...]
    entries: tuple[EntryRecord, ...]
    credit_cents: int
    vouchers: tuple[VoucherRecord, ...]
