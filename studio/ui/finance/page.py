"""The Finance page: the studio's numbers over a range of its local days — presets (this
month, the last 3 months, this year, last year, all) or any first and last day — in views:
the overview (totals, the period and month charts), the artists' figures and the ledger of
every entry with its filters (each built when first looked at); other areas add theirs with
``add_view``. The monthly report for the accountant saves as PDF or CSV.

Each range change asks the finance service once, off the GUI thread, with a busy bar; a
newer request supersedes an older one (the request counter drops a late answer for an old
range). pyqtgraph loads when this page is first built, not at sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from studio.services.common import N_, _
from studio.services.finance import DateRange, Granularity, Summary
from studio.ui.finance.artists import ArtistsView
from studio.ui.finance.overview import Overview
from studio.ui.finance.ranges import PRESETS, granularity_for, last_full_month, preset_span
from studio.ui.kit.format import date_edit_format
from studio.ui.kit.saving import save_made
from studio.ui.kit.widgets import Segmented, button, label
from studio.ui.shell.page import Page

# Typing a date waits this long for the next key before asking for the range.
CUSTOM_DELAY_MS = 400
REPORT_FILTERS = {"pdf": N_("PDF files (*.pdf)"), "csv": N_("CSV files (*.csv)")}


@dataclass(frozen=True)
class FinanceAnswer:
    """What one range change brings back for the overview."""

    today: date
    span: DateRange
    main: Summary       # by day, or by week for a long range
    months: Summary


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FinancePage(Page):
    title = N_("Finance")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.layout().setContentsMargins(24, 16, 24, 16)
        self.currency = host.settings.currency
        self.preset: str | None = "month"   # None: the days in the date fields
        self.today: date | None = None
        self.span: DateRange | None = None
        self.answer: FinanceAnswer | None = None
        self.colors: dict[int, str] | None = None  # the artists' colours, read with their first figures
        self.artists_span: DateRange | None = None  # the range the artists view shows
        self._artists_asked: DateRange | None = None  # the range last asked for it
        # Request counters: an answer is shown only if it answers the latest request.
        self._generation = self._shown_generation = 0
        self._artists_generation = self._artists_shown = 0

        self.report_button = button(_("Monthly report…"), icon_name="download", variant="primary",
                                    tooltip=_("Save a month's report for the accountant as PDF or CSV."),
                                    on_click=self.month_report)
        self.report_button.setObjectName("MonthReport")

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.presets = Segmented([(key, _(text)) for key, text in PRESETS], on_choose=self.choose_preset)
        self.presets.setObjectName("RangePresets")
        self.presets.choose("month")
        bar.addWidget(self.presets)
        bar.addSpacing(12)
        self.first_edit = self._date_edit("RangeFirst", _("First day"))
        self.last_edit = self._date_edit("RangeLast", _("Last day"))
        bar.addWidget(self.first_edit)
        # Translators: between the range's first and last day in the range bar.
        bar.addWidget(label(_("to"), "muted"))
        bar.addWidget(self.last_edit)
        self.error = label("", "error")
        self.error.setObjectName("RangeError")
        self.error.setVisible(False)
        bar.addWidget(self.error, 1)
        bar.addStretch(0)
        self.busy_label = label(_("Adding up…"), "small")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("FinanceBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        for widget in (self.busy_label, self.busy_bar, self.error):
            # Coming and going without moving anything: a re-laid page repaints its charts.
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        for widget in (self.busy_label, self.busy_bar):  # in the header, where there is room
            widget.setVisible(False)
            self.actions.addWidget(widget)
        self.actions.addSpacing(8)
        self.actions.addWidget(self.report_button)
        self.body.addLayout(bar)
        self.custom_timer = QTimer(self)
        self.custom_timer.setSingleShot(True)
        self.custom_timer.setInterval(CUSTOM_DELAY_MS)
        self.custom_timer.timeout.connect(self._custom_chosen)

        self.views = QTabWidget()
        self.views.setObjectName("FinanceViews")
        self.view_keys: list[str] = []
        self.body.addWidget(self.views, 1)
        self.overview = Overview(self.currency)
        self.add_view("overview", _("Overview"), self.overview)
        # Built, and its figures read, when it is first looked at: most visits never do.
        self.artists_view: ArtistsView | None = None
        self.artists_holder = QWidget()
        QVBoxLayout(self.artists_holder).setContentsMargins(0, 0, 0, 0)
        self.add_view("artists", _("Artists"), self.artists_holder)
        # Every entry of the range, with its filters: built when first looked at, too.
        self.ledger_view = None
        self._ledger_asked: tuple | None = None  # (range, answer) it last read
        self.ledger_holder = QWidget()
        QVBoxLayout(self.ledger_holder).setContentsMargins(0, 0, 0, 0)
        self.add_view("ledger", _("Ledger"), self.ledger_holder)
        self.views.currentChanged.connect(lambda _i: self._load_artists_if_shown())
        self.views.currentChanged.connect(lambda _i: self._load_ledger_if_shown())

    def add_view(self, key: str, title: str, widget: QWidget) -> None:
        """A view of the page under its own tab (``title`` already translated)."""
        widget.setProperty("viewKey", key)
        self.view_keys.append(key)
        self.views.addTab(widget, title)

    def show_view(self, key: str) -> None:
        self.views.setCurrentIndex(self.view_keys.index(key))

    def current_view(self) -> str:
        return self.view_keys[self.views.currentIndex()]

    def _date_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit()
        date_edit_format(edit)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setToolTip(tip)
        edit.setAccessibleName(tip)
        edit.ensurePolished()  # measured in the theme's font: the widest date the format writes, and the arrow
        widest = max((edit.locale().toString(QDate(2026, month, 28), edit.displayFormat()) for month in range(1, 13)),
                     key=edit.fontMetrics().horizontalAdvance)
        # The theme's padding (12 px a side), the drop-down's arrow (28 px) and the frame.
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(widest) + 72)
        edit.dateChanged.connect(lambda _d: self.custom_timer.start())
        return edit

    # --- the range ----------------------------------------------------------------------------
    def choose_preset(self, key: str) -> None:
        self.custom_timer.stop()
        self.preset = key
        self.refresh()

    def _custom_chosen(self) -> None:
        self.preset = None
        group = self.presets.group
        group.setExclusive(False)  # no preset is the range now
        for widget in self.presets.buttons.values():
            widget.setChecked(False)
        group.setExclusive(True)
        self.refresh()

    def refresh(self) -> None:
        """Ask for the range: the preset's, or the days in the date fields."""
        self._generation += 1
        generation, preset = self._generation, self.preset
        custom = None if preset else DateRange(_to_date(self.first_edit.date()), _to_date(self.last_edit.date()))

        def read(s, a) -> FinanceAnswer:
            today = s.register.today()
            span = custom if custom is not None else preset_span(preset, today)
            months = s.finance.summary(a, span, Granularity.MONTH)  # "all": the service says from when
            span = months.range
            return FinanceAnswer(today, span, s.finance.summary(a, span, granularity_for(span)), months)

        def arrived(answer: FinanceAnswer) -> None:
            if generation == self._generation:
                self._shown_generation = generation
                self.show_answer(answer)

        def refused(error) -> None:
            if generation == self._generation:
                self._shown_generation = generation
                self._show_busy()
                self.error.setText(error.message)
                self.error.setVisible(True)

        self.host.call(read, arrived, refused)
        self._show_busy()

    def _load_artists_if_shown(self) -> None:
        if self.current_view() != "artists" or self.span is None or self.span == self._artists_asked:
            return
        if self.artists_view is None:
            self.artists_view = ArtistsView(self.currency)
            self.artists_holder.layout().addWidget(self.artists_view)
        self._artists_generation += 1
        self._artists_asked = self.span
        generation, span, colors_known = self._artists_generation, self.span, self.colors is not None

        def read(s, a):
            colors = None if colors_known else {artist.id: artist.color for artist in s.scheduling.artists(a)}
            return s.finance.artists(a, span), colors

        def arrived(answer) -> None:
            if generation != self._artists_generation:
                return
            self._artists_shown = generation
            figures, colors = answer
            if colors is not None:
                self.colors = colors
            self.artists_span = span
            self.artists_view.show_artists(figures, self.colors or {})
            self._show_busy()

        def refused(_error) -> None:  # the range was refused already, in the overview's request
            if generation == self._artists_generation:
                self._artists_shown = generation
                self._show_busy()

        self.host.call(read, arrived, refused)
        self._show_busy()

    def waiting(self) -> bool:
        """A request whose answer is still to come (an older one's late answer does not count)."""
        return self._shown_generation != self._generation or self._artists_shown != self._artists_generation

    def _show_busy(self) -> None:
        for widget in (self.busy_label, self.busy_bar):
            widget.setVisible(self.waiting())

    def show_answer(self, answer: FinanceAnswer) -> None:
        self._show_busy()
        self.error.setVisible(False)
        self.loaded = True
        self.answer, self.today, self.span = answer, answer.today, answer.span
        for edit, day in ((self.first_edit, answer.span.first), (self.last_edit, answer.span.last)):
            blocked = edit.blockSignals(True)
            edit.setDate(_to_qdate(day))
            edit.blockSignals(blocked)
        self.overview.show_summary(answer.main, answer.months)
        self._load_artists_if_shown()
        self._load_ledger_if_shown()

    def _load_ledger_if_shown(self) -> None:
        """The ledger on the page's range, read once for each answer the page shows (a new
        range, or F5), when its tab is the one looked at."""
        if self.current_view() != "ledger" or self.span is None or self._ledger_asked == (self.span,
                                                                                             self._shown_generation):
            return
        if self.ledger_view is None:
            from studio.ui.finance.ledger_view import LedgerView

            self.ledger_view = LedgerView(self.host)
            self.ledger_holder.layout().addWidget(self.ledger_view)
        self._ledger_asked = (self.span, self._shown_generation)
        self.ledger_view.show_range(self.span.first, self.span.last)

    def focus_filter(self) -> None:
        """Ctrl+F: the ledger's text filter (the ledger shown first)."""
        self.show_view("ledger")
        if self.ledger_view is not None:
            self.ledger_view.focus_filter()

    # --- the monthly report -------------------------------------------------------------------
    def month_report(self) -> None:
        from studio.ui.finance.report_dialog import MonthReportDialog

        today = self.today or date.today()
        dialog = MonthReportDialog(today, last_full_month(today), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._save_report)
        dialog.open()

    def _save_report(self, year: int, month: int, fmt: str) -> None:
        def make(s, a) -> bytes:
            report = s.finance.month_report_pdf if fmt == "pdf" else s.finance.month_report_csv
            return report(a, year, month)

        # The dialog that asked is closing: wait for it to go before the file chooser opens.
        QTimer.singleShot(0, self, lambda: save_made(
            self, self.host, _("Save the monthly report"), f"finance-{year:04d}-{month:02d}.{fmt}",
            _(REPORT_FILTERS[fmt]), make))

    # --- the look -----------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.overview.retheme()
