"""The Register page: one day at a time (◀ Today ▶), its state (open, or closed by whom
and with what difference), the running totals by method, the entries (filtered by kind,
method and artist) and the fast entry form, which works from the keyboard alone: amount,
Tab to the method, Enter saves, Esc clears. A closed day is locked: a padlock, muted rows,
the form off with the reason. Artists see their own entries, read-only.

Each visit reads one day through ``register.day`` (an indexed query), off the GUI thread;
nothing of other days is loaded."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QTableView,
    QVBoxLayout,
)

from studio.services.common import N_, Permission, _, can, full_date, money, ngettext, percent, short_time
from studio.services.register import (
    KIND_LABELS,
    MANUAL_KINDS,
    METHOD_LABELS,
    EntryInput,
    EntryKind,
    EntryRecord,
    Method,
    MONEY_METHODS,
    RegisterDayView,
)
from studio.ui.kit import icons, prompts, theme
from studio.ui.kit.form_checks import FieldChecks
from studio.ui.kit.widgets import (
    AmountCard,
    Field,
    Segmented,
    button,
    configure_table,
    filter_combo,
    label,
    line_edit,
    row_menu,
)
from studio.ui.register.dialogs import amount_error, amount_text, typed_cents
from studio.ui.register.model import EntryTableModel
from studio.ui.shell.page import Page

# The totals strip: a card per method, then the money taken and the drawer.
TOTAL_METHODS = (Method.CASH, Method.CARD, Method.TRANSFER, Method.VOUCHER, Method.OTHER)
CASH_ONLY = (EntryKind.CASH_IN, EntryKind.CASH_OUT)
# Kinds a correction may cancel (hand-typed ones; checkout entries are refunded).
CORRECTABLE = frozenset(MANUAL_KINDS)
# The entry form's method buttons say it short, so the form fits a laptop's width.
SHORT_METHODS = {Method.TRANSFER: N_("Transfer"), Method.OTHER: N_("Other")}


class EntryForm(QFrame):
    """The fast entry form: Enter anywhere in it saves, Esc clears."""

    def __init__(self, page: RegisterPage) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.page = page
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.kind = QComboBox()
        self.kind.setObjectName("EntryKind")
        for kind in MANUAL_KINDS:
            self.kind.addItem(_(KIND_LABELS[kind]), str(kind))
        self.method = Segmented([(str(m), _(SHORT_METHODS.get(m, METHOD_LABELS[m]))) for m in MONEY_METHODS])
        self.method.setObjectName("EntryMethod")
        self.method.choose(str(Method.CASH))
        self.amount = line_edit(amount_text(0), max_length=20)
        self.amount.setObjectName("EntryAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.artist = QComboBox()
        self.artist.setObjectName("EntryArtist")
        self.artist.addItem(_("No artist"), None)
        self.note = line_edit(_("What it was for"), max_length=300)
        self.note.setObjectName("EntryNote")
        self.save_button = button(_("Add entry"), icon_name="plus", variant="primary",
                                  tooltip=_("Enter adds the entry, Esc clears the form."), on_click=self.save)
        self.save_button.setObjectName("SaveEntry")
        self.fields = {
            "kind": Field(_("Kind"), self.kind),
            "method": Field(_("Method"), self.method),
            "amount": Field(_("Amount"), self.amount, required=True),
            "artist_id": Field(_("Artist"), self.artist),
            "note": Field(_("Note"), self.note),
        }
        for key, stretch in (("kind", 0), ("method", 0), ("amount", 0), ("artist_id", 0), ("note", 1)):
            row.addWidget(self.fields[key], stretch, Qt.AlignmentFlag.AlignTop)
        self.amount.setMinimumWidth(110)
        self.amount.setMaximumWidth(140)
        self.artist.setMinimumWidth(120)
        self.artist.setMaximumWidth(170)
        self.note.setMinimumWidth(120)
        self.method.ensurePolished()
        self.fields["method"].setMinimumWidth(self.method.sizeHint().width() + 12)
        buttons = QVBoxLayout()
        buttons.addSpacing(self.fields["kind"].caption.sizeHint().height() + 4)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        outer.addLayout(row)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        outer.addWidget(self.general)
        self.locked = label("", "muted", wrap=True)
        self.locked.setObjectName("FormLocked")
        self.locked.setVisible(False)
        outer.addWidget(self.locked)
        self._submitting = False
        self.errors = FieldChecks(self, self.fields, local=self._local, general=self.general)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.setTabOrder(self.kind, self.amount)

    # --- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)

    # --- what it holds ----------------------------------------------------------------------
    def chosen_kind(self) -> EntryKind:
        return EntryKind(self.kind.currentData())

    def _kind_chosen(self, _index: int) -> None:
        cash_only = self.chosen_kind() in CASH_ONLY
        if cash_only:
            self.method.choose(str(Method.CASH))
        for key, widget in self.method.buttons.items():
            widget.setEnabled(not cash_only or key == str(Method.CASH))

    def set_artists(self, artists) -> None:
        for artist in artists:
            self.artist.addItem(artist.name, artist.id)

    def set_locked(self, reason: str) -> None:
        """Off, saying why ("" turns it back on)."""
        for field in self.fields.values():
            field.setEnabled(not reason)
        self.save_button.setEnabled(not reason)
        self.locked.setText(reason)
        self.locked.setVisible(bool(reason))

    def _local(self) -> dict[str, str]:
        found = {}
        if self.amount.text().strip() or self._submitting:
            if error := amount_error(self.amount.text()):
                found["amount"] = error
        if self._submitting and self.chosen_kind() in (EntryKind.EXPENSE, EntryKind.CASH_OUT) \
                and not self.note.text().strip():
            found["note"] = _("Say what the money was for, e.g. “needles from the supplier”.")
        return found

    def clear(self) -> None:
        self.amount.clear()
        self.note.clear()
        self.artist.setCurrentIndex(0)
        self.errors.clear()
        self.amount.setFocus()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._submitting = True
        try:
            self.errors.submit(self._send)
        finally:
            self._submitting = False

    def _send(self) -> None:
        data = EntryInput(kind=self.chosen_kind(), method=Method(self.method.current()),
                          amount_cents=typed_cents(self.amount.text())[0], note=self.note.text(),
                          artist_id=self.artist.currentData())
        self.save_button.setEnabled(False)
        self.page.host.call(lambda s, a: s.register.record(a, data), self._saved, self._refused, write=True)

    def _saved(self, entry: EntryRecord) -> None:
        self.save_button.setEnabled(True)
        self.clear()
        self.page.entry_added(entry)

    def _refused(self, error) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(error)


class RegisterPage(Page):
    title = N_("Register")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.layout().setContentsMargins(24, 16, 24, 16)
        role = host.actor.role
        self.may_take = can(role, Permission.TAKE_PAYMENTS)
        self.may_close = can(role, Permission.CLOSE_DAY)
        self.may_reopen = can(role, Permission.REOPEN_DAY)
        self.currency = host.settings.currency
        self.day: date | None = None  # None until the first answer: today's, by the studio's clock
        self.today: date | None = None
        self.view: RegisterDayView | None = None
        self.artists = ()
        self._generation = 0
        self._shown_generation = 0

        self.lookup_button = button(_("Voucher lookup…"), icon_name="search", variant="ghost",
                                    on_click=self.lookup_voucher)
        self.lookup_button.setObjectName("VoucherLookup")
        self.sell_button = button(_("Sell voucher…"), icon_name="sparkles", on_click=self.sell_voucher)
        self.sell_button.setObjectName("SellVoucher")
        self.sale_button = button(_("Walk-in sale…"), icon_name="banknote", on_click=self.walk_in_sale)
        self.sale_button.setObjectName("WalkInSale")
        self.sale_button.setToolTip(_("Check out a sale without an appointment: a walk-in flash, aftercare cream…"))
        self.close_button = button(_("Close day…"), icon_name="lock", variant="primary", on_click=self.close_day)
        self.close_button.setObjectName("CloseDay")
        self.reopen_button = button(_("Reopen day…"), icon_name="key-round", on_click=self.reopen_day)
        self.reopen_button.setObjectName("ReopenDay")
        for widget, allowed in ((self.lookup_button, self.may_take), (self.sell_button, self.may_take),
                                (self.sale_button, self.may_take),
                                (self.reopen_button, self.may_reopen), (self.close_button, self.may_close)):
            widget.setVisible(allowed)
            self.actions.addWidget(widget)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.prev_button = self._nav_button("Previous", "chevron-left", _("Previous day"), lambda: self.go(-1))
        self.today_button = button(_("Today"), tooltip=_("Go to today"), on_click=self.go_today)
        self.today_button.setObjectName("TodayButton")
        self.next_button = self._nav_button("Next", "chevron-right", _("Next day"), lambda: self.go(1))
        for widget in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        self.day_label = label("", "title")
        self.day_label.setObjectName("DayLabel")
        bar.addWidget(self.day_label)
        bar.addSpacing(12)
        self.padlock = QLabel()
        self.padlock.setPixmap(icons.pixmap("lock", theme.current().text_muted, 16))
        self.padlock.setVisible(False)
        bar.addWidget(self.padlock)
        self.state_label = label("", "muted")
        self.state_label.setObjectName("DayState")
        bar.addWidget(self.state_label, 1)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setVisible(False)
        self.busy_label = label("", "small")
        self.busy_label.setVisible(False)
        bar.addWidget(self.busy_label)
        bar.addWidget(self.busy_bar)
        self.body.addLayout(bar)

        strip = QHBoxLayout()
        strip.setSpacing(12)
        self.totals: dict[str, AmountCard] = {}
        captions = [(str(m), _(METHOD_LABELS[m]) if m != Method.OTHER else _("Other")) for m in TOTAL_METHODS]
        captions += [("total", _("Taken")), ("drawer", _("Expected in the drawer")) if self.may_take
                     else ("share", _("Your share"))]
        for key, caption in captions:
            self.totals[key] = AmountCard(caption, f"Total-{key}")
            strip.addWidget(self.totals[key], 1)
        if self.may_take:
            self.totals["drawer"].setToolTip(_("The opening float plus the day's cash in and out."))
        self.body.addLayout(strip)

        self.form = EntryForm(self)
        self.form.setVisible(self.may_take)
        self.body.addWidget(self.form)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.kind_filter = self._filter_combo("KindFilter", _("All kinds"),
                                              [(str(k), _(v)) for k, v in KIND_LABELS.items()])
        self.method_filter = self._filter_combo("MethodFilter", _("All methods"),
                                                [(str(k), _(v)) for k, v in METHOD_LABELS.items()])
        self.artist_filter = self._filter_combo("ArtistFilter", _("All artists"), [])
        self.artist_filter.setVisible(can(role, Permission.TAKE_PAYMENTS))
        for widget in (self.kind_filter, self.method_filter, self.artist_filter):
            filters.addWidget(widget)
        self.count_label = label("", "muted")
        self.count_label.setObjectName("EntryCount")
        filters.addSpacing(8)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        self.refund_button = button(_("Refund…"), variant="ghost", on_click=lambda: self._on_current(self.refund))
        self.refund_button.setObjectName("RefundEntry")
        self.correct_button = button(_("Correct…"), variant="ghost",
                                     on_click=lambda: self._on_current(self.correct))
        self.correct_button.setObjectName("CorrectEntry")
        for widget in (self.refund_button, self.correct_button):
            widget.setVisible(self.may_take)
            widget.setEnabled(False)
            filters.addWidget(widget)
        self.body.addLayout(filters)

        self.model = EntryTableModel(self.currency, host.settings.timezone)
        self.table = QTableView()
        self.table.setObjectName("EntriesTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: 84, 1: 130, 2: 110, 3: 110, 4: 110, 5: 130, 7: 100, 8: 72}, stretch=6)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        row_menu(self.table, self._fill_menu)
        self.body.addWidget(self.table, 1)
        self.empty = label("", "muted")
        self.empty.setObjectName("RegisterEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        self._show_day()

    def _nav_button(self, name: str, icon_name: str, tip: str, run):
        widget = button("", icon_name=icon_name, variant="ghost", tooltip=tip, on_click=run)
        widget.setObjectName(f"Nav{name}")
        widget.setAccessibleName(tip)
        return widget

    def _filter_combo(self, name: str, everything: str, options) -> QComboBox:
        return filter_combo(name, everything, options, self.refresh)

    # --- loading ----------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.artists:
            self.host.call(lambda s, a: s.scheduling.artists(a), self._artists_arrived)
        self.refresh()

    def _artists_arrived(self, artists) -> None:
        if self.artists:
            return
        self.artists = tuple(artists)
        self.form.set_artists(self.artists)
        blocker = self.artist_filter.blockSignals(True)
        for artist in self.artists:
            self.artist_filter.addItem(artist.name, artist.id)
        self.artist_filter.blockSignals(blocker)

    def refresh(self) -> None:
        self._generation += 1
        generation, day = self._generation, self.day
        kind, method, artist = (self.kind_filter.currentData(), self.method_filter.currentData(),
                                self.artist_filter.currentData())

        def read(s, a):
            return s.register.day(a, day, kind=EntryKind(kind) if kind else None,
                                  method=Method(method) if method else None, artist_id=artist)

        def arrived(view: RegisterDayView) -> None:
            if generation != self._generation:
                return
            self.loaded = True
            if day is None:  # asked for today's: the studio's clock said which day that is
                self.today = view.day
            self.day = view.day
            self.show_view(view)
            self._shown_generation = generation

        self.host.call(read, arrived)

    # --- where it is ------------------------------------------------------------------------
    def go(self, direction: int) -> None:
        if self.day is None:
            return
        self.day += timedelta(days=direction)
        self._show_day()
        self.refresh()

    def go_today(self) -> None:
        self.day = None
        self.refresh()

    def new_item(self) -> None:
        """Ctrl+N: to today's entry form."""
        if not self.may_take:
            return
        if self.day != self.today and self.today is not None:
            self.go_today()
        self.form.amount.setFocus()
        self.form.amount.selectAll()

    def focus_filter(self) -> None:
        self.kind_filter.setFocus()

    def _show_day(self) -> None:
        self.day_label.setText(full_date(self.day) if self.day else "")
        self.next_button.setEnabled(self.day is None or self.today is None or self.day < self.today)

    # --- showing a day ----------------------------------------------------------------------
    def closed(self) -> bool:
        return self.view is not None and self.view.close is not None and self.view.close.closed

    def show_view(self, view: RegisterDayView) -> None:
        self.view = view
        closed = self.closed()
        self._show_day()
        self.padlock.setVisible(closed)
        self.state_label.setText(self._state_text(view))
        self.model.show(view.entries, locked=closed)
        for key, card_ in self.totals.items():
            if key == "total":
                cents = sum(v for m, v in view.by_method.items() if m != Method.VOUCHER)
            elif key == "drawer":
                cents = view.expected_cash_cents
            elif key == "share":
                cents = self._show_share(card_, view)
            else:
                cents = view.by_method.get(key, 0)
            card_.amount.setText(money(cents, self.currency))
        for rare in (Method.OTHER, Method.VOUCHER):  # shown on a day that has them
            self.totals[str(rare)].setVisible(bool(view.by_method.get(str(rare))))
        self.count_label.setText(ngettext("{n} entry", "{n} entries", view.count).format(n=view.count))
        filtered = any(c.currentData() for c in (self.kind_filter, self.method_filter, self.artist_filter))
        self.empty.setText(_("No entries match these filters.") if filtered else
                           _("No entries on this day yet. Type an amount above and press Enter.")
                           if self.may_take and not closed and view.day == self.today else _("No entries on this day."))
        self.empty.setVisible(not view.entries)
        if closed:
            self.form.set_locked(_("This day is closed, so nothing can be added to it. An admin can reopen it, "
                                   "giving a reason."))
        elif view.day != self.today:
            self.form.set_locked(_("Entries go into today. Go to Today to add one."))
        else:
            self.form.set_locked("")
        is_past_or_today = self.today is None or view.day <= self.today
        self.close_button.setVisible(self.may_close and not closed and is_past_or_today)
        self.reopen_button.setVisible(self.may_reopen and closed)
        self._selection_changed()

    def _show_share(self, card_: AmountCard, view: RegisterDayView) -> int:
        """An artist's card: their commission on the day's sales plus their tips."""
        mine = view.share_of(self.host.actor.staff_id)
        if mine is None:
            card_.setToolTip(_("Your commission on the day's sales, and your tips."))
            return 0
        card_.setToolTip(_("{share} commission ({rate}) on {sales} of sales, plus {tips} in tips.").format(
            share=money(mine.share_cents, self.currency), rate=percent(Decimal(mine.rate_bp).scaleb(-4), decimals=2),
            sales=money(mine.sales_cents, self.currency), tips=money(mine.tips_cents, self.currency)))
        return mine.share_cents + mine.tips_cents

    def _state_text(self, view: RegisterDayView) -> str:
        close = view.close
        if close is None or not close.closed:
            if close is not None and close.reopened_at is not None:
                return _("Open · reopened by {who} at {time}: {reason}").format(
                    who=close.reopened_by_name, time=short_time(close.reopened_at, self.host.settings.timezone),
                    reason=close.reopen_reason)
            return _("Open")
        when = short_time(close.closed_at, self.host.settings.timezone)
        off = money(abs(close.difference_cents), self.currency)
        if close.difference_cents < 0:
            return _("Closed by {who} at {time} · the drawer was {amount} short").format(
                who=close.closed_by_name, time=when, amount=off)
        if close.difference_cents > 0:
            return _("Closed by {who} at {time} · the drawer held {amount} more than expected").format(
                who=close.closed_by_name, time=when, amount=off)
        return _("Closed by {who} at {time} · the count matched").format(who=close.closed_by_name, time=when)

    def entry_added(self, entry: EntryRecord) -> None:
        self.host.toast(_("{kind} of {amount} added.").format(kind=_(KIND_LABELS[entry.kind]),
                                                              amount=money(entry.amount_cents, self.currency)))
        self.refresh()

    # --- a row's actions --------------------------------------------------------------------
    def current_entry(self) -> EntryRecord | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _on_current(self, run) -> None:
        entry = self.current_entry()
        if entry is not None:
            run(entry)

    @staticmethod
    def refundable(entry: EntryRecord) -> bool:
        return entry.refundable_cents > 0

    @staticmethod
    def correctable(entry: EntryRecord) -> bool:
        return (entry.kind in CORRECTABLE and entry.receipt_number is None and entry.refers_to_id is None
                and entry.appointment_id is None)

    def _selection_changed(self) -> None:
        entry = self.current_entry()
        self.refund_button.setEnabled(entry is not None and self.refundable(entry))
        self.correct_button.setEnabled(entry is not None and self.correctable(entry))

    def _fill_menu(self, menu: QMenu) -> None:
        entry = self.current_entry()
        if entry is None or not self.may_take:
            return
        if self.refundable(entry):
            menu.addAction(icons.icon("refresh-cw"), _("Refund…"), lambda: self.refund(entry))
        if self.correctable(entry):
            menu.addAction(icons.icon("pencil"), _("Correct…"), lambda: self.correct(entry))
        if entry.receipt_id is not None:
            menu.addAction(icons.icon("printer"), _("Receipt No. {number}…").format(number=entry.receipt_number),
                           lambda: self.show_receipt(entry.receipt_id))

    def show_receipt(self, receipt_id: int) -> None:
        from studio.ui.register.receipt_panel import open_receipt

        self.host.call(lambda s, a: s.checkout.receipt(a, receipt_id), lambda r: open_receipt(self.host, self, r))

    def walk_in_sale(self) -> None:
        from studio.ui.register.checkout import open_checkout

        open_checkout(self.host, self, on_done=lambda _receipt: self.refresh())

    def refund(self, entry: EntryRecord) -> None:
        from studio.ui.register.dialogs import RefundDialog

        self._open(RefundDialog(self.host, entry, self), _("Refund saved."))

    def correct(self, entry: EntryRecord) -> None:
        from studio.ui.register.dialogs import CorrectDialog

        self._open(CorrectDialog(self.host, entry, self), _("Correction saved."))

    def _open(self, dialog, done: str) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: (self.host.toast(done), self.refresh()))
        dialog.open()

    # --- the day's close --------------------------------------------------------------------
    def close_day(self) -> None:
        from studio.ui.register.close_day import CloseDayDialog

        if self.view is None or self.closed():
            return
        dialog = CloseDayDialog(self.host, self.view, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._day_closed)
        dialog.open()

    def _day_closed(self, close) -> None:
        self.refresh()
        self._busy(_("Writing the day's report…"))
        day = close.day
        self.host.call(lambda s, a: s.register.write_reports(a, day), self._reports_written, self._reports_failed)

    def _busy(self, text: str) -> None:
        self.busy_label.setText(text)
        for widget in (self.busy_label, self.busy_bar):
            widget.setVisible(bool(text))

    def _reports_written(self, paths) -> None:
        self._busy("")
        csv_path, pdf_path = paths
        self.report_paths = paths
        prompts.offer(self, _("Day closed"), _("The day is closed. Its report is in {folder}.").format(
            folder=pdf_path.parent), {_("Open PDF"): lambda: _open_file(pdf_path),
                                      _("Open CSV"): lambda: _open_file(csv_path)})

    def _reports_failed(self, error) -> None:
        self._busy("")
        prompts.tell(self, _("Day closed"), _("The day is closed, but its report could not be written: {reason}")
                     .format(reason=getattr(error, "message", str(error))))

    def reopen_day(self) -> None:
        from studio.ui.register.dialogs import ReopenDialog

        if self.view is None or not self.closed():
            return
        self._open(ReopenDialog(self.host, self.view.day, self), _("Day reopened."))

    # --- vouchers ---------------------------------------------------------------------------
    def sell_voucher(self) -> None:
        from studio.ui.register.dialogs import SellVoucherDialog, offer_card

        dialog = SellVoucherDialog(self.host, self.today or date.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda voucher: (self.refresh(), offer_card(self.host, voucher, self)))
        dialog.open()

    def lookup_voucher(self) -> None:
        from studio.ui.register.dialogs import VoucherLookupDialog

        dialog = VoucherLookupDialog(self.host, self.today or date.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _open_file(path) -> None:
    from PySide6.QtCore import QUrl

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
