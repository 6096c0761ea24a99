"""Clients: everyone the studio tattoos, found as you type by name, phone digits or email."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QMenu, QTableView

from studio.services.common import N_, Permission, _, can
from studio.ui.clients.table_model import ClientTableModel
from studio.ui.kit import icons
from studio.ui.kit.widgets import SEARCH_DELAY_MS, EmptyState, button, configure_table, label, row_menu, search_field
from studio.ui.shell.page import Page


class ClientsPage(Page):
    title = N_("Clients")
    subtitle = N_("Contact details, health notes and consent, in one place.")

    def __init__(self, host) -> None:
        super().__init__(host)
        role = host.actor.role
        self.add_button = button(_("Add client"), icon_name="user-plus", variant="primary", keys="Ctrl+N",
                                 on_click=self.new_item)
        self.add_button.setObjectName("AddClient")
        self.add_button.setVisible(can(role, Permission.EDIT_CLIENTS))
        self.actions.addWidget(self.add_button)

        bar = QHBoxLayout()
        self.search = search_field(_("Search by name, phone or email"), max_width=420)
        self.search.setObjectName("ClientSearch")
        bar.addWidget(self.search, 1)
        bar.addStretch(1)
        self.count_label = label("", "muted")
        bar.addWidget(self.count_label)
        self.body.addLayout(bar)

        self.model = ClientTableModel(host)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("ClientTable")
        self.table.setModel(self.model)
        # Last visit holds a date, Next appointment a date and a time (in the region's format).
        configure_table(self.table, {0: 200, 1: 160, 3: 48, 4: 100, 5: 116, 6: 184}, stretch=2)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        row_menu(self.table, self._fill_menu)
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        erase_action = QAction(self.table)
        erase_action.setShortcut(QKeySequence.StandardKey.Delete)
        erase_action.triggered.connect(self.erase_selected)
        self.table.addAction(erase_action)
        self.body.addWidget(self.table, 1)

        self.empty = EmptyState(
            "users", _("No clients yet"),
            _("Add a client, or let walk-ins fill the form on their phone from the Intake page's QR code."),
            button(_("Add client"), icon_name="user-plus", on_click=self.new_item)
            if can(role, Permission.EDIT_CLIENTS) else None)
        self.empty.setVisible(False)
        self.body.addWidget(self.empty, 1)
        self.no_match = label("", "muted")
        self.no_match.setVisible(False)
        self.body.addWidget(self.no_match)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(lambda: self.model.reload(self.search.text()))
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_only_match)

    # --- data -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.reload(self.search.text())

    def _loaded(self) -> None:
        self.loaded = True
        total, query = self.model.total, self.model.query.strip()
        studio_empty = total == 0 and not query
        self.empty.setVisible(studio_empty)
        self.table.setVisible(not studio_empty)
        self.no_match.setVisible(total == 0 and bool(query))
        # Translators: {query} is what the person typed in the search box.
        self.no_match.setText(_("No client matches “{query}”. Check the spelling, or add them as a new client.").format(
            query=query))
        self.count_label.setText(self.model.count_text(found=bool(query)))

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    # --- actions --------------------------------------------------------------------
    def _open_only_match(self) -> None:
        if self.model.total == 1 and self.model.rows:
            self.open_client(self.model.rows[0].id)

    def new_item(self) -> None:
        if not can(self.host.actor.role, Permission.EDIT_CLIENTS):
            return
        from studio.ui.clients.dialog import ClientDialog

        dialog = ClientDialog(self.host, None, self)
        dialog.saved.connect(lambda _d: self.refresh())
        dialog.open_existing.connect(self.open_client)
        dialog.open()

    def open_selected(self) -> None:
        client_id = self.selected_id()
        if client_id is not None:
            self.open_client(client_id)

    def open_record(self, record_id: int) -> None:
        self.open_client(record_id)

    def open_client(self, client_id: int) -> None:
        from studio.ui.clients.dialog import ClientDialog

        dialog = ClientDialog(self.host, client_id, self)
        dialog.saved.connect(lambda _d: self.refresh())
        dialog.erased.connect(self.refresh)
        dialog.open()

    def erase_selected(self) -> None:
        client_id = self.selected_id()
        if client_id is None or not can(self.host.actor.role, Permission.ERASE_CLIENT):
            return
        from studio.ui.clients.rights import EraseClientDialog

        row = self.model.rows[self.table.selectionModel().selectedRows()[0].row()]
        dialog = EraseClientDialog(self.host, row.id, row.full_name, self)
        dialog.erased.connect(self.refresh)
        dialog.open()

    def export_selected(self) -> None:
        client_id = self.selected_id()
        if client_id is not None:
            from studio.ui.clients.rights import export_client

            export_client(self.host, client_id, self)

    def _fill_menu(self, menu: QMenu) -> None:
        if self.selected_id() is None:
            return
        role = self.host.actor.role
        menu.addAction(icons.icon("eye"), _("Open"), self.open_selected)
        if can(role, Permission.EXPORT_CLIENT):
            menu.addAction(icons.icon("download"), _("Export client data…"), self.export_selected)
        if can(role, Permission.ERASE_CLIENT):
            menu.addSeparator()
            menu.addAction(icons.icon("trash-2"), _("Erase client…"), self.erase_selected)
