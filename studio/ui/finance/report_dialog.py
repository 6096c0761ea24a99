"""The monthly report for the accountant: which month (the last full one to begin with)
and PDF or CSV; the page then asks where to save it and has the service write it."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from studio.services.common import _
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, Segmented

FORMATS = (("pdf", "PDF"), ("csv", "CSV"))  # file formats' names, the same in every language


class MonthReportDialog(FormDialog):
    """``chosen(year, month, fmt)`` on Save; Esc or Cancel chooses nothing."""

    chosen = Signal(int, int, str)

    def __init__(self, year: int, month: int, parent: QWidget | None) -> None:
        super().__init__(_("Monthly report"), _("Totals by kind, method and artist for the accountant, with the "
                                                "days' net as a chart."), parent, save_text=_("Save…"))
        self.setObjectName("MonthReportDialog")
        self.month = QComboBox()
        self.month.setObjectName("ReportMonth")
        locale = QLocale()
        for number in range(1, 13):
            self.month.addItem(locale.standaloneMonthName(number, QLocale.FormatType.LongFormat), number)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox()
        self.year.setObjectName("ReportYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.format = Segmented(list(FORMATS))
        self.format.setObjectName("ReportFormat")
        self.format.choose("pdf")
        self.add_field("month", Field(_("Month"), self.month), 0, 0)
        self.add_field("year", Field(_("Year"), self.year), 0, 1)
        self.add_field("format", Field(_("Format"), self.format), 1, 0)

    def save(self) -> None:
        self.chosen.emit(self.year.value(), self.month.currentData(), self.format.current())
        self.accept()
