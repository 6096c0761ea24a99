"""The finance area's screens: the Finance page with its range bar and views (page.py), the
overview's figure cards and charts (overview.py, charts.py: pyqtgraph, imported when the page
first opens), each artist's figures (artists.py, model.py) and the monthly report for the
accountant (report_dialog.py)."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("FinancePage",),
    "descriptor": ("DESCRIPTOR",),
    "model": ("ArtistTableModel",),
    "report_dialog": ("MonthReportDialog",),
})
