"""The register area's screens."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "checkout": ("CheckoutDialog", "open_checkout"),
    "receipt_panel": ("ReceiptDialog", "open_receipt"),
})
