"""The recall search, for the desk and admins: which clients were tattooed with a lot (typed
or picked), or with any lot of an item between two days — with their phone, email, the
session, the artist, the item, the lot and how much — exported as CSV or PDF for the health
authority. Every search is audited (contact details are shown)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studio.services.common import N_, _, date_time, ngettext, pgettext, stamp
from studio.services.inventory import LotRecord, RecallHit, recall_csv
from studio.ui.calendar.fields import date_edit, day_of
from studio.ui.inventory.use_dialog import error_line
from studio.ui.kit.saving import save_made
from studio.ui.kit.widgets import Field, Segmented, button, configure_table, label

COLUMNS = (N_("Client"), N_("Phone"), N_("Email"), N_("When"), N_("Artist"), N_("Item"), N_("Lot"), N_("Quantity"))
WIDTHS = {0: 170, 1: 170, 3: 170, 4: 100, 5: 150, 6: 100, 7: 80}
EMAIL = 2  # takes the room left
QUANTITY = 7
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def lot_choice(lot: LotRecord) -> str:
    # Translators: a lot to pick in the recall search: its number and its item, e.g. "A12 · Black ink".
    return _("{lot} · {item}").format(lot=lot.lot_number, item=lot.item_name)


class RecallDialog(QDialog):
    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecallDialog")
        self.setWindowTitle(_("Recall search"))
        self.setMinimumSize(1180, 600)
        self.host = host
        self.zone = host.settings.timezone
        self.lots: tuple[LotRecord, ...] = ()
        self.hits: tuple[RecallHit, ...] = ()
        self.search: dict | None = None  # the search the table shows (what the PDF repeats)
        self.loaded = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(10)
        outer.addWidget(label(_("Recall search"), "title"))
        outer.addWidget(label(_("The clients tattooed with a lot, or with an item's lots between two days, and how "
                                "to reach them after a recall or a health alert. Every search is recorded in the "
                                "audit log."), "muted", wrap=True))

        self.mode = Segmented([("lot", _("By lot")), ("item", _("By item"))], self._mode)
        self.mode.choose("lot")
        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addStretch(1)
        outer.addLayout(top)

        self.forms = QStackedWidget()
        by_lot = QWidget()
        lot_row = QGridLayout(by_lot)
        lot_row.setContentsMargins(0, 0, 0, 0)
        self.lot = QComboBox()
        self.lot.setObjectName("RecallLot")
        self.lot.setEditable(True)
        self.lot.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lot.lineEdit().setPlaceholderText(_("Type or pick the lot number"))
        self.lot.lineEdit().returnPressed.connect(self.run_search)
        self.lot_field = Field(_("Lot"), self.lot, required=True)
        lot_row.addWidget(self.lot_field, 0, 0)
        lot_row.setColumnStretch(1, 1)
        self.lot.setMinimumWidth(320)
        self.forms.addWidget(by_lot)

        by_item = QWidget()
        item_row = QGridLayout(by_item)
        item_row.setContentsMargins(0, 0, 0, 0)
        item_row.setHorizontalSpacing(16)
        self.item = QComboBox()
        self.item.setObjectName("RecallItem")
        self.item.setMinimumWidth(280)
        today = host.services.clock().astimezone(ZoneInfo(self.zone)).date()
        self.first = date_edit(today - timedelta(days=365))
        self.first.setObjectName("RecallFrom")
        self.last = date_edit(today)
        self.last.setObjectName("RecallTo")
        self.item_field = Field(_("Item"), self.item, required=True)
        self.first_field = Field(pgettext("dates", "From"), self.first)
        self.last_field = Field(pgettext("dates", "To"), self.last)
        item_row.addWidget(self.item_field, 0, 0)
        item_row.addWidget(self.first_field, 0, 1)
        item_row.addWidget(self.last_field, 0, 2)
        item_row.setColumnStretch(3, 1)
        self.forms.addWidget(by_item)
        search_row = QHBoxLayout()
        search_row.addWidget(self.forms, 1)
        self.search_button = button(_("Search"), icon_name="search", variant="primary", on_click=self.run_search)
        self.search_button.setObjectName("RecallSearch")
        self.search_button.setAutoDefault(False)
        self.search_button.setEnabled(False)
        search_row.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(search_row)

        self.summary = label("", "muted", wrap=True)
        self.summary.setObjectName("RecallSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("RecallHits")
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.horizontalHeaderItem(QUANTITY).setTextAlignment(RIGHT)
        configure_table(self.table, WIDTHS, stretch=EMAIL)
        outer.addWidget(self.table, 1)
        self.general = error_line("RecallError")
        outer.addWidget(self.general)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.csv_button = button(_("Export CSV…"), icon_name="download", on_click=self.export_csv)
        self.csv_button.setObjectName("RecallCsv")
        self.pdf_button = button(_("Export PDF…"), icon_name="printer", on_click=self.export_pdf)
        self.pdf_button.setObjectName("RecallPdf")
        for widget in (self.csv_button, self.pdf_button):
            widget.setAutoDefault(False)
            widget.setEnabled(False)
            self.buttons.addButton(widget, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        host.call(lambda s, a: (s.recall.lots(a), s.inventory.items(a)), self._loaded, self._failed)

    # --- loading ------------------------------------------------------------------------------
    def _loaded(self, result) -> None:
        if not isValid(self):
            return
        self.lots, items = result
        self.lot.clear()
        for lot in self.lots:
            self.lot.addItem(lot_choice(lot), lot.id)
        self.lot.setCurrentIndex(-1)
        self.lot.setEditText("")
        for item in sorted((i for i in items if i.by_lot), key=lambda i: i.name.casefold()) or items:
            self.item.addItem(item.name, item.id)
        self.search_button.setEnabled(True)
        self.loaded = True
        self.lot.setFocus()

    def _mode(self, key: str) -> None:
        self.forms.setCurrentIndex(0 if key == "lot" else 1)

    # --- searching ----------------------------------------------------------------------------
    def _chosen_lot(self) -> int | None:
        """The lot picked, or the one whose number was typed (Field error when none or many)."""
        typed = self.lot.currentText().strip()
        index = self.lot.currentIndex()
        if index >= 0 and self.lot.itemText(index) == typed:
            return self.lot.itemData(index)
        wanted = typed.casefold()
        found = [lot for lot in self.lots if wanted in (lot.lot_number.casefold(), lot_choice(lot).casefold())]
        if len(found) == 1:
            return found[0].id
        if not typed:
            self.lot_field.set_error(_("Type or pick the lot number."))
        elif found:
            self.lot_field.set_error(_("Several items have a lot “{lot}”; pick the one with its item.").format(lot=typed))
        else:
            self.lot_field.set_error(_("No lot has the number “{lot}”.").format(lot=typed))
        return None

    def run_search(self) -> None:
        if not self.loaded:
            return
        self.lot_field.set_error(None)
        self.last_field.set_error(None)
        if self.mode.current() == "lot":
            lot_id = self._chosen_lot()
            if lot_id is None:
                return
            search = {"lot_id": lot_id}
        else:
            if self.item.currentData() is None:
                self.item_field.set_error(_("Pick an item."))
                return
            search = {"item_id": self.item.currentData(), "first": day_of(self.first), "last": day_of(self.last)}
        self.search_button.setEnabled(False)
        self.host.call(lambda s, a: s.recall.recall(a, **search), lambda hits: self._show(search, hits), self._failed)

    def _show(self, search: dict, hits: tuple[RecallHit, ...]) -> None:
        if not isValid(self):
            return
        self.search, self.hits = search, hits
        self.search_button.setEnabled(True)
        self._set_error("")
        clients = len({h.client_id for h in hits})
        sessions = len({h.appointment_id for h in hits})
        # Translators: the recall search's result, e.g. "3 sessions, 2 clients".
        self.summary.setText(_("{sessions}, {clients}").format(
            sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
            clients=ngettext("{n} client", "{n} clients", clients).format(n=clients))
            if hits else _("No session used it."))
        self.table.setRowCount(len(hits))
        for r, h in enumerate(hits):
            values = (h.client_name or _("Erased client"), h.phone, h.email, date_time(h.starts_at, self.zone),
                      h.artist_name, h.item_name, h.lot_number, str(h.quantity))
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)  # plain text: names come from people
                if c == QUANTITY:
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(r, c, cell)
        for widget in (self.csv_button, self.pdf_button):
            widget.setEnabled(True)

    def _failed(self, error) -> None:
        if not isValid(self):
            return
        self.search_button.setEnabled(self.loaded)
        field = getattr(error, "field", None)
        message = getattr(error, "message", "") or str(error)
        if field == "last":
            self.last_field.set_error(message)
        else:
            self._set_error(message)

    def _set_error(self, text: str) -> None:
        self.general.setText(text)
        self.general.setVisible(bool(text))

    # --- exporting ----------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        return f"recall-{stamp(self.host.services.clock().astimezone(ZoneInfo(self.zone)), with_time=False)}.{suffix}"

    def export_csv(self) -> None:
        hits, zone = self.hits, self.zone

        self.chooser = save_made(self, self.host, _("Export CSV"), self._suggested("csv"), _("CSV files (*.csv)"),
                                 lambda s, a: recall_csv(hits, zone), on_failed=self._failed)

    def export_pdf(self) -> None:
        search = dict(self.search or {})

        self.chooser = save_made(self, self.host, _("Export PDF"), self._suggested("pdf"), _("PDF files (*.pdf)"),
                                 lambda s, a: s.recall.recall_pdf(a, **search), on_failed=self._failed)


def open_recall(host, parent: QWidget) -> RecallDialog:
    """Open the recall search (it loads its lots and items itself)."""
    dialog = RecallDialog(host, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
