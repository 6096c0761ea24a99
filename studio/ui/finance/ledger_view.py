"""The Finance page's ledger: every cash entry of the page's days, filtered by kind, method,
artist, client and a text, with the totals of exactly the rows the filter matches (count,
total, by method, and by kind on a second line) and a CSV of what is shown.

Self-contained: ``LedgerView(host)``, ``refresh()`` and ``set_range(first, last)``. Each
change of a filter asks for the first page again, off the GUI thread; the answer to an older
request that comes after a newer one was made is dropped. The table holds only what was
scrolled to (ledger_model.py)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import DomainError, ValidationError, _, money, number, short_date, short_time
from studio.services.finance import LedgerFilter, LedgerPage
from studio.services.register import KIND_LABELS, METHOD_LABELS, EntryKind, Method, ordered_totals
from studio.ui.finance.ledger_model import NOTE, LedgerModel
from studio.ui.kit.saving import save_made
from studio.ui.kit.widgets import button, configure_table, filter_combo, label, search_field

TEXT_DELAY_MS = 250  # a pause in typing, not every key, asks again
TEXT_MAX = 300       # the field takes more than the service's 100, so the service's sentence says why
# Starting widths that fit the Finance page at 1366×768 (the day and time as long as the
# region writes them); the note takes the rest.
WIDTHS = {2: 112, 3: 104, 4: 100, 5: 104, 6: 124, 8: 100, 9: 64}
LONGEST_DAY, LATEST_TIME = date(2026, 12, 28), time(22, 58)


class LedgerView(QWidget):
    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LedgerView")
        self.host = host
        self.currency = host.settings.currency
        self.first: date | None = None
        self.last: date | None = None
        self.artists: tuple = ()
        self._asked_artists = False
        self.request = 0        # the newest first page asked for
        self.shown_request = 0  # the one on screen
        self.page: LedgerPage | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addLayout(self._filters())
        self.general = label("", "error", wrap=True)  # a refusal that is not the text's (a backwards range)
        self.general.setObjectName("LedgerError")
        self.general.setVisible(False)
        outer.addWidget(self.general)
        outer.addWidget(self._totals())

        self.model = LedgerModel(host, self.currency, host.settings.timezone, on_error=self._page_failed)
        self.model.fetching.connect(lambda: self._busy(True))
        self.model.loaded.connect(lambda: self._busy(False))
        self.table = QTableView()
        self.table.setObjectName("LedgerTable")
        self.table.setModel(self.model)
        metrics, pad = self.table.fontMetrics(), 28
        configure_table(self.table, WIDTHS | {
            0: metrics.horizontalAdvance(short_date(LONGEST_DAY)) + pad,
            1: max(metrics.horizontalAdvance(short_time(LATEST_TIME)), metrics.horizontalAdvance(_("Time"))) + pad,
        }, stretch=NOTE)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = label("", "muted", wrap=True)
        self.empty.setObjectName("LedgerEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)

    # --- building ---------------------------------------------------------------------------
    def _filters(self) -> QHBoxLayout:
        from studio.ui.calendar.waitlist_panel import ClientPicker

        row = QHBoxLayout()
        row.setSpacing(8)
        self.kind = self._combo("LedgerKind", _("All kinds"),
                                [(str(k), _(v)) for k, v in KIND_LABELS.items()])
        self.method = self._combo("LedgerMethod", _("All methods"),
                                  [(str(k), _(v)) for k, v in METHOD_LABELS.items()])
        self.artist = self._combo("LedgerArtist", _("All artists"), [])
        self.client = ClientPicker(self.host)
        self.client.setObjectName("LedgerClient")
        self.client.query.setPlaceholderText(_("Any client"))
        self.client.query.setToolTip(_("Type a client's name, phone or email and choose them."))
        self.client.query.setAccessibleName(_("Client"))
        self.client.setFixedWidth(180)
        self.client.chosen.connect(lambda _id: self.reload())
        text_widget = QWidget()
        text_box = QVBoxLayout(text_widget)
        text_box.setContentsMargins(0, 0, 0, 0)
        text_box.setSpacing(4)
        self.text = search_field(_("Note or client"))
        self.text.setObjectName("LedgerText")
        self.text.setMaxLength(TEXT_MAX)
        self.text_error = label("", "error", wrap=True)
        self.text_error.setObjectName("FieldError")
        self.text_error.setVisible(False)
        text_box.addWidget(self.text)
        text_box.addWidget(self.text_error)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TEXT_DELAY_MS)
        self._typing.timeout.connect(self.reload)
        self.text.textChanged.connect(lambda _t: self._typing.start())
        self.export_button = button(_("Export CSV…"), icon_name="download", variant="ghost",
                                    tooltip=_("Save the entries shown, with their totals, as a CSV file."),
                                    on_click=self.export_csv)
        self.export_button.setObjectName("LedgerExport")
        self.export_button.setEnabled(False)  # until rows are shown: the CSV is of what is shown
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("LedgerBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(80)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(_("Loading entries"))
        self.busy_bar.setVisible(False)
        # The boxes no wider than their everyday choices (a long kind elides in the open
        # list's box), so the text field keeps room for its hint at a laptop's width.
        for combo, widest in ((self.kind, 170), (self.method, 150), (self.artist, 170)):
            combo.setMaximumWidth(widest)
        self.text.setMinimumWidth(170)
        for widget in (self.kind, self.method, self.artist, self.client):
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text_widget, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _combo(self, name: str, everything: str, options) -> QComboBox:
        return filter_combo(name, everything, options, self.reload)

    def _totals(self) -> QFrame:
        strip = QFrame()
        strip.setObjectName("Card")
        layout = QVBoxLayout(strip)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        figures = QHBoxLayout()
        figures.setSpacing(24)
        self.figures: dict[str, tuple[QWidget, object]] = {}
        captions = [("count", _("Entries")), ("total", _("Total"))]
        captions += [(str(m), _(METHOD_LABELS[m])) for m in Method]
        for key, caption in captions:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(label(caption, "fieldLabel"))
            value = label("", "figure" if key in ("count", "total") else "title")
            value.setObjectName(f"Ledger-{key}")
            column.addWidget(value)
            figures.addWidget(box)
            self.figures[key] = (box, value)
        figures.addStretch(1)
        layout.addLayout(figures)
        self.by_kind = label("", "small", wrap=True)
        self.by_kind.setObjectName("LedgerByKind")
        layout.addWidget(self.by_kind)
        return strip

    # --- what is asked ----------------------------------------------------------------------
    def current_filter(self) -> LedgerFilter:
        kind, method = self.kind.currentData(), self.method.currentData()
        return LedgerFilter(first=self.first, last=self.last, kind=EntryKind(kind) if kind else None,
                            method=Method(method) if method else None, artist_id=self.artist.currentData(),
                            client_id=self.client.client_id, text=self.text.text())

    def filtered(self, where: LedgerFilter) -> bool:
        return any((where.kind, where.method, where.artist_id, where.client_id, where.text.strip()))

    def focus_filter(self) -> None:
        """Ctrl+F on the page that holds the view: to the text filter."""
        self.text.setFocus()
        self.text.selectAll()

    def set_range(self, first: date | None, last: date | None) -> None:
        """The page's days (None: open on that side); the ledger starts over on them."""
        if (first, last) == (self.first, self.last) and self.request:
            return
        self.first, self.last = first, last
        self.reload()

    def show_range(self, first: date | None, last: date | None) -> None:
        """The page's days, read again even when they are the same (the page's F5)."""
        self.first, self.last = first, last
        self.refresh()

    def refresh(self) -> None:
        """Read the first page again (and the artists for their filter, the first time)."""
        if not self._asked_artists:
            self._asked_artists = True
            self.host.call(lambda s, a: s.scheduling.artists(a), self._artists_arrived)
        self.reload()

    def reload(self) -> None:
        self._typing.stop()
        self.request += 1
        request, where = self.request, self.current_filter()
        self._busy(True)
        limit = LedgerModel.PAGE_SIZE
        self.host.call(lambda s, a: s.finance.ledger(a, where, 0, limit),
                       lambda page: self._arrived(request, where, page), lambda error: self._failed(request, error))

    def _artists_arrived(self, artists) -> None:
        self.artists = tuple(artists)
        blocker = self.artist.blockSignals(True)
        for artist in self.artists:
            self.artist.addItem(artist.name, artist.id)
        self.artist.blockSignals(blocker)

    # --- what comes back --------------------------------------------------------------------
    def _arrived(self, request: int, where: LedgerFilter, page: LedgerPage) -> None:
        if request != self.request:
            return  # a newer request is on its way; its answer is the one to show
        self.page = page
        self._show_text_error("")
        self.general.setVisible(False)
        self.model.show_page(where, page)
        self._show_totals(page)
        self.empty.setText(_("No entries match these filters. Clear one to see more.") if self.filtered(where)
                           else _("No entries on these days.") if where.first or where.last
                           else _("No entries yet. They appear here as the register takes money."))
        self.stack.setCurrentWidget(self.table if page.rows else self.empty)
        self.table.scrollToTop()
        self.shown_request = request
        self.export_button.setEnabled(True)
        self._busy(False)

    def _failed(self, request: int, error: DomainError) -> None:
        if request != self.request:
            return
        self._busy(False)
        self.shown_request = request  # answered: what was on screen stays
        text = isinstance(error, ValidationError) and error.field == "text"
        self._show_text_error(error.message if text else "")
        self.general.setText("" if text else error.message)
        self.general.setVisible(not text)

    def _page_failed(self, error) -> None:
        self._busy(False)
        self.host.toast(getattr(error, "message", "") or str(error))

    def _show_text_error(self, message: str) -> None:
        self.text_error.setText(message)
        self.text_error.setVisible(bool(message))
        self.text.setProperty("invalid", bool(message))
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)

    def _show_totals(self, page: LedgerPage) -> None:
        self.figures["count"][1].setText(number(page.count))
        self.figures["total"][1].setText(money(page.total_cents, self.currency))
        for m in Method:
            box, value = self.figures[str(m)]
            box.setVisible(str(m) in page.by_method)
            value.setText(money(page.by_method.get(str(m), 0), self.currency))
        kinds = ordered_totals(page.by_kind, EntryKind, KIND_LABELS)
        # Translators: one kind's total on the ledger's totals line, e.g. "Sale: 1.234,00 €".
        parts = [_("{kind}: {amount}").format(kind=name, amount=money(cents, self.currency)) for name, cents in kinds]
        self.by_kind.setText(" · ".join(parts))
        self.by_kind.setVisible(bool(parts))

    def _busy(self, on: bool) -> None:
        """On while a next page is read (``on``) or a first page is awaited."""
        self.busy_bar.setVisible(on or self.request != self.shown_request)

    # --- export -----------------------------------------------------------------------------
    def export_csv(self) -> None:
        where = self.model.filter
        span = "-".join(d.isoformat() for d in (where.first, where.last) if d is not None)
        save_made(self, self.host, _("Export CSV"), f"ledger-{span}.csv" if span else "ledger.csv",
                  _("CSV files (*.csv)"), lambda s, a: s.finance.ledger_csv(a, where))
