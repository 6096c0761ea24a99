"""The inventory area's screens: the stock list with its alerts, an item's lots and
movements (page.py, item_view.py), the item form (item_form.py), a delivery scanned in
(receive.py), waste, returns and adjustments (moves.py), a stock-take (stock_take.py), the
sidebar's low-stock badge and the dashboard's card (watch.py, card.py), recording what a
session used (use_dialog.py) and the recall search (recall_dialog.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("InventoryPage",),
    "item_view": ("ItemView",),
    "item_form": ("ItemDialog",),
    "receive": ("ReceiveDialog",),
    "moves": ("AdjustDialog", "WasteDialog"),
    "stock_take": ("StockTakeDialog",),
    "watch": ("StockWatch", "low_stock_badge", "stock_changed"),
    "card": ("LowStockCard",),
    "descriptor": ("DESCRIPTOR",),
    "use_dialog": ("UseDialog", "open_use"),
    "recall_dialog": ("RecallDialog", "open_recall"),
})
