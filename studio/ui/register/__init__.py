"""The register area's screens: the day's entries with their running totals and the fast
entry form (page.py), refunds, corrections, reopening and vouchers (dialogs.py), and the
close of day with its drawer count (close_day.py); the checkout with its split payments
(checkout.py) and the receipt it prints (receipt_panel.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("RegisterPage",),
    "close_day": ("CloseDayDialog",),
    "dialogs": ("CorrectDialog", "RefundDialog", "ReopenDialog", "SellVoucherDialog", "VoucherLookupDialog"),
    "descriptor": ("DESCRIPTOR",),
    "checkout": ("CheckoutDialog", "open_checkout"),
    "receipt_panel": ("ReceiptDialog", "open_receipt"),
})
