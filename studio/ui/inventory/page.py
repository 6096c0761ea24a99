"""The Inventory page: the alerts (low stock, lots expiring, expired lots still on the
shelf), the stock list (on hand with its unit; low stock first and tinted) with its search,
category filter and archived items, and the chosen item beside it with its lots and
history. Those who manage stock add and edit items, receive deliveries, waste, return and
adjust stock and count a shelf; admins archive items and bring them back.

Opening it reads two things, off the GUI thread: the stock list and the alerts, both from
the maintained totals (no sum over movements). An item's lots and history are read when
it is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMenu,
    QSpinBox,
    QSplitter,
    QTableView,
)

from studio.services.common import N_, Permission, _, can, ngettext, number
from studio.services.inventory import CATEGORY_LABELS, Alerts, Category, ItemRecord
from studio.ui.inventory.item_view import ItemView
from studio.ui.inventory.model import ExpiryMarks, ItemTableModel, TintDelegate
from studio.ui.kit import icons, prompts, theme
from studio.ui.kit.widgets import SEARCH_DELAY_MS, button, configure_table, label, row_menu, search_field
from studio.ui.shell.page import Page


WIDE_ONLY = (1, 3, 4)  # Category, Low at, Supplier: hidden while the item's view is open


class InventoryPage(Page):
    title = N_("Inventory")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.layout().setContentsMargins(24, 16, 24, 16)
        role = host.actor.role
        self.may_manage = can(role, Permission.MANAGE_STOCK)
        self.may_archive = can(role, Permission.ARCHIVE_STOCK)
        self.alerts: Alerts | None = None
        self.marks = ExpiryMarks()
        self._generation = 0
        self._shown_generation = 0
        self._detail_generation = 0
        self.chosen_id: int | None = None

        self.stock_take_button = button(_("Stock-take…"), icon_name="check", on_click=self.stock_take)
        self.stock_take_button.setObjectName("StockTake")
        self.new_button = button(_("New item…"), icon_name="plus", keys="Ctrl+N", on_click=self.new_item)
        self.new_button.setObjectName("NewItem")
        self.receive_button = button(_("Receive…"), icon_name="download", variant="primary", on_click=self.receive)
        self.receive_button.setObjectName("Receive")
        self.receive_button.setToolTip(_("A delivery: scan each item's barcode, then Enter."))
        self.may_recall = can(role, Permission.RECALL_SEARCH)
        self.recall_button = button(_("Recall…"), icon_name="search", variant="ghost", on_click=self.recall)
        self.recall_button.setObjectName("Recall")
        self.recall_button.setToolTip(_("Which clients a lot, or an item, touched: for an ink recall."))
        self.lists_button = button(_("Lists…"), icon_name="download", variant="ghost", on_click=self.lists_menu)
        self.lists_button.setObjectName("Lists")
        self.lists_button.setToolTip(_("The purchase list of what is running low, and the stock on hand, to save"))
        for widget, allowed in ((self.recall_button, self.may_recall), (self.lists_button, True)):
            widget.setVisible(allowed)
            self.actions.addWidget(widget)
        for widget in (self.stock_take_button, self.new_button, self.receive_button):
            widget.setVisible(self.may_manage)
            self.actions.addWidget(widget)

        strip = QHBoxLayout()
        strip.setSpacing(16)
        self.low_alert = self._alert("LowAlert")
        self.expiring_alert = self._alert("ExpiringAlert")
        self.expired_alert = self._alert("ExpiredAlert")
        for widget in (self.low_alert, self.expiring_alert, self.expired_alert):
            strip.addWidget(widget)
        strip.addStretch(1)
        # How far ahead a lot counts as expiring: the studio's setting, for those who manage stock.
        self.warn_days = QSpinBox()
        self.warn_days.setObjectName("WarnDays")
        self.warn_days.setRange(1, 365)
        self.warn_days.setValue(30)
        self.warn_days.setSuffix(" " + _("days"))
        self.warn_days.setAccessibleName(_("Warn before a lot expires"))
        self.warn_days.setKeyboardTracking(False)
        self.warn_days.setMaximumWidth(120)
        self.warn_days.valueChanged.connect(self._warn_days_changed)
        warn_label = label(_("Warn before expiry"), "muted")
        for widget in (warn_label, self.warn_days):
            widget.setVisible(self.may_manage)
            strip.addWidget(widget)
        self.body.addLayout(strip)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.search = search_field(_("Name, supplier, SKU or barcode"), max_width=340)
        self.search.setMinimumWidth(280)
        self.search.setObjectName("InventorySearch")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.load_items)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search)
        self.category = QComboBox()
        self.category.setObjectName("CategoryFilter")
        self.category.setAccessibleName(_("All categories"))
        self.category.addItem(_("All categories"), None)
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(_(text), str(key))
        self.category.currentIndexChanged.connect(lambda _i: self.load_items())
        filters.addWidget(self.category)
        self.archived = QCheckBox(_("Show archived"))
        self.archived.setObjectName("ShowArchived")
        self.archived.toggled.connect(lambda _on: self.load_items())
        filters.addWidget(self.archived)
        self.count_label = label("", "muted")
        self.count_label.setObjectName("ItemCount")
        filters.addSpacing(8)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        self.body.addLayout(filters)

        # The chosen item's actions, in its view (built when an item is first chosen).
        self.view: ItemView | None = None
        self.edit_button = self._row_button("EditItem", _("Edit…"), self.edit)
        self.waste_button = self._row_button("WasteItem", _("Waste…"), lambda item: self.waste(item))
        self.return_button = self._row_button("ReturnItem", _("Return…"), lambda item: self.waste(item, returned=True))
        self.adjust_button = self._row_button("AdjustItem", _("Adjust…"), self.adjust)
        self.archive_button = self._row_button("ArchiveItem", _("Archive"), self.archive)
        self.archive_button.setProperty("allowed", self.may_archive)
        self.row_buttons = (self.edit_button, self.waste_button, self.return_button, self.adjust_button,
                            self.archive_button)

        self.model = ItemTableModel()
        self.table = QTableView()
        self.table.setObjectName("ItemsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(TintDelegate(self.table))
        configure_table(self.table, {0: 200, 1: 100, 2: 100, 3: 64, 4: 120, 5: 48, 6: 120}, stretch=0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.may_manage and self._on_current(self.edit))
        row_menu(self.table, self._fill_menu)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.table)
        self.body.addWidget(self.split, 1)
        self.empty = label("", "muted", wrap=True)
        self.empty.setObjectName("InventoryEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        self._selection_changed()

    def _alert(self, name: str):
        widget = button("", variant="ghost", on_click=lambda: self._alert_clicked(name))
        widget.setObjectName(name)
        widget.setVisible(False)
        return widget

    def _row_button(self, name: str, text: str, run):
        widget = button(text, on_click=lambda: self._on_current(run))
        widget.setObjectName(name)
        widget.setProperty("allowed", self.may_manage)  # shown in the item's view when allowed
        return widget

    # --- loading ----------------------------------------------------------------------------
    def filters(self) -> tuple[str, Category | None, bool]:
        category = self.category.currentData()
        return self.search.text(), Category(category) if category else None, self.archived.isChecked()

    def refresh(self) -> None:
        """The stock list and the alerts (one call each, in one trip off the GUI thread)."""
        self._generation += 1
        generation, (search, category, archived) = self._generation, self.filters()

        def read(s, a):
            return s.inventory.items(a, search=search, category=category, archived=archived), s.inventory.alerts(a)

        self.host.call(read, lambda found: self._arrived(generation, *found))

    def load_items(self) -> None:
        """The stock list again, as filtered (the alerts stay as they were)."""
        self._generation += 1
        generation, (search, category, archived) = self._generation, self.filters()
        self.host.call(lambda s, a: s.inventory.items(a, search=search, category=category, archived=archived),
                       lambda rows: self._arrived(generation, rows, None))

    def _arrived(self, generation: int, rows, alerts: Alerts | None) -> None:
        if generation != self._generation:
            return
        self.loaded = True
        if alerts is not None:
            self.show_alerts(alerts)
        self.model.show(rows, self.marks)
        self._shown_generation = generation
        n = len(rows)
        self.count_label.setText(ngettext("{n} item", "{n} items", n).format(n=number(n)))
        search, category, archived = self.filters()
        if search.strip() or category or archived:
            self.empty.setText(_("No items match these filters."))
        elif self.may_manage:
            self.empty.setText(_("No items yet. Add the first with New item…, or receive a delivery."))
        else:
            self.empty.setText(_("No items yet. Those at the desk add them."))
        self.empty.setVisible(not rows)
        self._reselect()

    def _warn_days_changed(self, days: int) -> None:
        if self.alerts is None or days == self.alerts.days:
            return
        self.host.call(lambda s, a: s.inventory.set_expiry_days(a, days), lambda _d: self.refresh(), write=True)

    def show_alerts(self, alerts: Alerts) -> None:
        self.alerts = alerts
        blocker = self.warn_days.blockSignals(True)
        self.warn_days.setValue(alerts.days)
        self.warn_days.blockSignals(blocker)
        self.marks = ExpiryMarks(alerts)
        self.badge_changed.emit(alerts.count)
        self.host.ctx.runner("inventory").low_changed.emit(alerts.count)
        low, expiring, expired = len(alerts.low), len(alerts.expiring), len(alerts.expired)
        self.low_alert.setText(ngettext("{n} item low on stock", "{n} items low on stock", low).format(n=number(low)))
        self.expiring_alert.setText(ngettext("{n} lot expires soon", "{n} lots expire soon", expiring)
                                    .format(n=number(expiring)))
        self.expired_alert.setText(ngettext("{n} expired lot on the shelf", "{n} expired lots on the shelf",
                                            expired).format(n=number(expired)))
        t = theme.current()
        for widget, n, level, icon_name in ((self.low_alert, low, "warning", "triangle-alert"),
                                            (self.expiring_alert, expiring, "warning", "circle-alert"),
                                            (self.expired_alert, expired, "danger", "triangle-alert")):
            widget.setVisible(bool(n))
            widget.setProperty("level", level)
            widget.setIcon(icons.icon(icon_name, getattr(t, level)))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.expiring_alert.setToolTip(", ".join(f"{lot.item_name} {lot.lot_number}" for lot in alerts.expiring[:8]))
        self.expired_alert.setToolTip(", ".join(f"{lot.item_name} {lot.lot_number}" for lot in alerts.expired[:8]))

    def _alert_clicked(self, name: str) -> None:
        """An alert shows the items it names: the first one chosen."""
        if self.alerts is None:
            return
        ids = ([i.id for i in self.alerts.low] if name == "LowAlert" else
               [lot.item_id for lot in (self.alerts.expiring if name == "ExpiringAlert" else self.alerts.expired)])
        for row, item in enumerate(self.model.rows):
            if item.id in ids:
                self.table.selectRow(row)
                self.table.setFocus()
                return

    # --- the chosen item --------------------------------------------------------------------
    def current_item(self) -> ItemRecord | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _on_current(self, run) -> None:
        item = self.current_item()
        if item is not None:
            run(item)

    def _reselect(self) -> None:
        """After a reload, the item chosen before stays chosen (and its view is read again)."""
        if self.chosen_id is None:
            self._selection_changed()
            return
        row = next((r for r, item in enumerate(self.model.rows) if item.id == self.chosen_id), None)
        if row is None:
            self._close_view()
        else:
            self.table.selectRow(row)
            self.load_detail(self.chosen_id)

    def _selection_changed(self) -> None:
        item = self.current_item()
        for widget in (self.edit_button, self.waste_button, self.return_button, self.adjust_button,
                       self.archive_button):
            widget.setEnabled(item is not None)
        if item is not None:
            self.archive_button.setText(_("Bring back") if item.archived else _("Archive"))
            for widget in (self.edit_button, self.waste_button, self.return_button, self.adjust_button):
                widget.setEnabled(not item.archived)
            if item.id != self.chosen_id or self.view is None or not self.view.isVisible():
                self.chosen_id = item.id
                self.load_detail(item.id)

    def load_detail(self, item_id: int) -> None:
        self._detail_generation += 1
        generation = self._detail_generation

        def arrived(detail) -> None:
            if generation == self._detail_generation and detail.item.id == self.chosen_id:
                self.item_view().show_detail(detail, self.marks)
                self._show_view(True)

        self.host.call(lambda s, a: s.inventory.item(a, item_id), arrived, lambda _e: self._close_view())

    def _close_view(self) -> None:
        self.chosen_id = None
        self._detail_generation += 1
        self._show_view(False)
        self.table.clearSelection()

    def item_view(self) -> ItemView:
        """The chosen item's view, built the first time an item is chosen."""
        if self.view is None:
            self.view = ItemView(self.host.settings.timezone)
            self.view.setVisible(False)
            self.view.closed.connect(self._close_view)
            for widget in self.row_buttons:
                self.view.actions.addWidget(widget)
                widget.setVisible(bool(widget.property("allowed")))
            self.view.actions.addStretch(1)
            self.split.addWidget(self.view)
            self.split.setStretchFactor(0, 1)
            self.split.setStretchFactor(1, 1)
        return self.view

    def _show_view(self, shown: bool) -> None:
        """Beside the item, the list keeps what tells items apart: the category, threshold and
        supplier are in the item's view."""
        for column in WIDE_ONLY:
            self.table.setColumnHidden(column, shown)
        if not shown and self.view is None:
            return
        view = self.item_view()
        if shown and not view.isVisible():
            total = self.split.width()
            self.split.setSizes([total * 47 // 100, total - total * 47 // 100])  # the names stay readable
        view.setVisible(shown)

    def _fill_menu(self, menu: QMenu) -> None:
        item = self.current_item()
        if item is None:
            return
        if self.may_manage and not item.archived:
            menu.addAction(icons.icon("pencil"), _("Edit…"), lambda: self.edit(item))
            menu.addAction(_("Waste…"), lambda: self.waste(item))
            menu.addAction(_("Return…"), lambda: self.waste(item, returned=True))
            menu.addAction(_("Adjust…"), lambda: self.adjust(item))
        if self.may_archive:
            menu.addAction(_("Bring back") if item.archived else _("Archive"), lambda: self.archive(item))

    # --- keys -------------------------------------------------------------------------------
    def recall(self) -> None:
        from studio.ui.inventory.recall_dialog import open_recall

        open_recall(self.host, self)

    def lists_menu(self) -> None:
        """Save the purchase list (CSV or PDF) or the stock on hand (CSV)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for name, text, make, suffix in (
                ("purchase-csv", _("Purchase list (CSV)…"), lambda s, a: s.inventory.purchase_list_csv(a), "csv"),
                ("purchase-pdf", _("Purchase list (PDF)…"), lambda s, a: s.inventory.purchase_list_pdf(a), "pdf"),
                ("stock-csv", _("Stock on hand (CSV)…"), lambda s, a: s.inventory.stock_csv(a), "csv")):
            action = menu.addAction(text, lambda make=make, suffix=suffix, name=name: self._save_list(make, name, suffix))
            action.setObjectName(name)
        menu.popup(self.lists_button.mapToGlobal(self.lists_button.rect().bottomLeft()))

    def _save_list(self, make, name: str, suffix: str) -> None:
        from studio.ui.kit.saving import save_made

        save_made(self, self.host, _("Save the list"), f"{name}.{suffix}",
                  _("CSV files (*.csv)") if suffix == "csv" else _("PDF files (*.pdf)"), make)

    def new_item(self) -> None:
        """Ctrl+N: a new item."""
        if not self.may_manage:
            return
        from studio.ui.inventory.item_form import ItemDialog

        self._open(ItemDialog(self.host, None, self), self._item_saved)

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- actions ----------------------------------------------------------------------------
    def _open(self, dialog, on_saved) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(on_saved)
        dialog.open()

    def _item_saved(self, item: ItemRecord) -> None:
        self.host.toast(_("{name} saved.").format(name=item.name))
        self.chosen_id = item.id
        self.refresh()

    def _moved(self, text: str):
        def done(_result) -> None:
            self.host.toast(text)
            self.refresh()

        return done

    def edit(self, item: ItemRecord) -> None:
        from studio.ui.inventory.item_form import ItemDialog

        self._open(ItemDialog(self.host, item, self), self._item_saved)

    def receive(self) -> None:
        from studio.ui.inventory.receive import ReceiveDialog

        rows = tuple(self.model.rows)
        self._open(ReceiveDialog(self.host, rows, self), lambda made: (
            self.host.toast(ngettext("Delivery received: {n} line.", "Delivery received: {n} lines.", len(made))
                            .format(n=len(made))), self.refresh()))

    def _with_lots(self, item: ItemRecord, make) -> None:
        """Open ``make(lots)``: the item's lots with stock (none needed for an item not by lot)."""
        if not item.by_lot:
            make(())
            return
        item_id = item.id
        self.host.call(lambda s, a: s.stock.lots_for(a, item_id), make)

    def waste(self, item: ItemRecord, *, returned: bool = False) -> None:
        from studio.ui.inventory.moves import WasteDialog

        done = self._moved(_("Return recorded.") if returned else _("Waste recorded."))
        self._with_lots(item, lambda lots: self._open(WasteDialog(self.host, item, lots, self, returned=returned),
                                                      done))

    def adjust(self, item: ItemRecord) -> None:
        from studio.ui.inventory.moves import AdjustDialog

        self._with_lots(item, lambda lots: self._open(AdjustDialog(self.host, item, lots, self),
                                                      self._moved(_("Adjustment saved."))))

    def stock_take(self) -> None:
        from studio.ui.inventory.stock_take import StockTakeDialog, summary

        category = self.filters()[1] or Category.INK

        def done(result) -> None:
            self.refresh()
            prompts.tell(self, _("Stock-take saved"), summary(result), level="info")

        self._open(StockTakeDialog(self.host, self, category), done)

    def archive(self, item: ItemRecord) -> None:
        item_id, bring_back = item.id, item.archived

        def done(saved: ItemRecord) -> None:
            self.host.toast((_("{name} is back on the list.") if bring_back else _("{name} archived."))
                            .format(name=saved.name))
            self.refresh()

        def refused(error) -> None:
            prompts.tell(self, _("Archive item"), getattr(error, "message", str(error)))

        self.host.call(lambda s, a: s.inventory.archive(a, item_id, archived=not bring_back), done, refused,
                       write=True)
