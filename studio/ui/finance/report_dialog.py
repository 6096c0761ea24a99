"""The monthly report for the accountant: which month (the last full one to begin with)
and PDF or CSV; the page then asks where to save it and has the service write it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from studio.services.common import N_, _, month_year
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, Segmented

# Translators: the file formats the monthly report saves as.
FORMATS = (("pdf", N_("PDF")), ("csv", N_("CSV")))
MONTHS_BACK = 60  # five years of months to choose from


class MonthReportDialog(FormDialog):
    """``chosen(year, month, fmt)`` on Save; Esc or Cancel chooses nothing."""

    chosen = Signal(int, int, str)

    def __init__(self, today: date, chosen: tuple[int, int], parent: QWidget | None) -> None:
        super().__init__(_("Monthly report"), _("Totals by kind, method and artist for the accountant, with the "
                                                "days' net as a chart."), parent, save_text=_("Save…"))
        self.setObjectName("MonthReportDialog")
        self.month = QComboBox()
        self.month.setObjectName("ReportMonth")
        year, month = today.year, today.month
        for _n in range(MONTHS_BACK):  # newest first: this month, then the ones before it
            self.month.addItem(month_year(date(year, month, 1)), (year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        back = (today.year - chosen[0]) * 12 + today.month - chosen[1]
        self.month.setCurrentIndex(back if 0 <= back < MONTHS_BACK else 0)
        self.format = Segmented([(key, _(text)) for key, text in FORMATS])
        self.format.setObjectName("ReportFormat")
        self.format.choose("pdf")
        self.add_field("month", Field(_("Month"), self.month), 0, 0)
        self.add_field("format", Field(_("Format"), self.format), 0, 1)

    def save(self) -> None:
        year, month = tuple(self.month.currentData())
        self.chosen.emit(year, month, self.format.current())
        self.accept()
