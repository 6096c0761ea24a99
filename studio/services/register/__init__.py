"""The register area's public face: the day's entries, refunds and corrections, closing
and reopening days (RegisterService), checkout and receipts (CheckoutService), gift
vouchers, commission rates, the aftercare sheet, the ledger scheduling tells of deposits,
the client data holder, the commission rules and the entry readers finance sums with
(shares.py, entries.py), the takings by method the dashboard shows (takings.py), the checkout's arithmetic (bill.py, which the checkout dialog runs
as the desk types), and the records and refusals they pass."""

from studio.services.register.aftercare import FIELDS as AFTERCARE_FIELDS
from studio.services.register.aftercare import AftercareService
from studio.services.register.bill import Taken, check_payments, take_off
from studio.services.register.checkout import CheckoutService
from studio.services.register.client_data import RegisterClientData
from studio.services.register.commission import CommissionService
from studio.services.register.csv_report import ordered_totals
from studio.services.register.day_totals import differences as day_total_differences
from studio.services.register.day_totals import rebuild as rebuild_day_totals
from studio.services.register.days import DayClosed
from studio.services.register.entries import counted as counted_entries
from studio.services.register.entries import read as read_entries
from studio.services.register.entries import totals as entry_totals
from studio.services.register.ledger import RegisterLedger
from studio.services.register.records import (
    KIND_LABELS,
    MANUAL_KINDS,
    METHOD_LABELS,
    MONEY_METHODS,
    ArtistShare,
    Bill,
    CheckoutInput,
    ClientMoney,
    DayClose,
    DayReport,
    EntryInput,
    EntryKind,
    EntryRecord,
    Method,
    Payment,
    RateRecord,
    ReceiptRecord,
    RegisterDayView,
    VoucherRecord,
)
from studio.services.register.service import DayNotClosed, RegisterService
from studio.services.register.takings import TAKINGS_KINDS, takings_by_method, takings_total
from studio.services.register.shares import DEFAULT_RATE_BP, SALES_KINDS, TIP_KINDS, Counted, Rates, shares, split
from studio.services.register.vouchers import VoucherService, normal_code

__all__ = [
    "day_total_differences", "rebuild_day_totals",
    "AFTERCARE_FIELDS", "AftercareService", "ArtistShare", "Bill", "CheckoutInput", "CheckoutService",
    "ClientMoney", "CommissionService", "DEFAULT_RATE_BP", "DayClose", "DayClosed", "DayNotClosed", "DayReport",
    "EntryInput", "EntryKind", "EntryRecord", "KIND_LABELS", "MANUAL_KINDS", "METHOD_LABELS", "MONEY_METHODS",
    "Method", "Payment", "RateRecord", "ReceiptRecord", "RegisterClientData", "RegisterDayView", "RegisterLedger",
    "RegisterService", "SALES_KINDS", "TAKINGS_KINDS", "TIP_KINDS", "Counted", "Rates", "Taken", "counted_entries", "entry_totals", "ordered_totals",
    "read_entries", "shares", "takings_by_method", "takings_total", "VoucherRecord", "VoucherService", "check_payments", "normal_code", "split",
    "take_off",
]
