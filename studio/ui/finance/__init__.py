"""The Finance area's widgets: the page's views of the studio's numbers (the ledger of every
cash entry: ledger_view.py)."""
