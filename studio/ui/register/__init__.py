"""The register area's screens: the day's entries with their running totals and the fast
entry form (page.py), refunds, corrections, reopening and vouchers (dialogs.py), and the
close of day with its drawer count (close_day.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("RegisterPage",),
    "close_day": ("CloseDayDialog",),
    "dialogs": ("CorrectDialog", "RefundDialog", "ReopenDialog", "SellVoucherDialog", "VoucherLookupDialog"),
    "descriptor": ("DESCRIPTOR",),
})
