"""Staff (admins): the team, their roles and colours, deactivation and password resets."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView

from studio.services.permissions import Role
from studio.services.records import StaffRecord
from studio.ui import icons, prompts, theme
from studio.ui.dialogs.staff_form import ResetPasswordDialog, StaffDialog
from studio.ui.format import local_datetime
from studio.ui.pages.base import Page
from studio.ui.table_model import RecordTableModel
from studio.ui.widgets import EmptyState, button, configure_table, row_menu, search_field


class StaffModel(RecordTableModel[StaffRecord]):
    COLUMNS = ("Name", "Email", "Role", "Status", "Last sign-in")

    def __init__(self, timezone: str = "UTC") -> None:
        super().__init__()
        self.timezone = timezone

    def cell(self, s: StaffRecord, column: int):
        if column == 0:
            return s.name
        if column == 1:
            return s.email
        if column == 2:
            return s.role.label
        if column == 3:
            if s.locked_until is not None:
                return "Locked out"
            return "Active" if s.active else "Deactivated"
        return local_datetime(s.last_login_at, self.timezone) if s.last_login_at else "Never"

    def cell_role(self, s: StaffRecord, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icons.dot(s.color if s.active else theme.current().border)
        if role == Qt.ItemDataRole.ForegroundRole:
            t = theme.current()
            if column == 3 and s.locked_until is not None:
                return QColor(t.warning)
            if not s.active:
                return QColor(t.text_muted)
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None


class StaffPage(Page):
    title = "Staff"
    subtitle = "Who works here, what they may do, and the colour they show in."

    def __init__(self, host) -> None:
        super().__init__(host)
        self.add_button = button("Add staff", icon_name="user-plus", variant="primary", keys="Ctrl+N",
                                 on_click=self.new_item)
        self.add_button.setObjectName("AddStaff")
        self.actions.addWidget(self.add_button)

        self.filter = search_field("Filter by name, email or role", max_width=360)
        self.body.addWidget(self.filter)

        self.model = StaffModel()
        self._to_select: int | None = None  # a global-search hit waiting for the list
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("StaffTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        configure_table(self.table, {0: 240, 1: 280, 2: 140, 3: 140})
        row_menu(self.table, self._fill_menu)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.body.addWidget(self.table, 1)
        self.empty = EmptyState("users", "Only you so far",
                                "Add your artists and front desk so each can sign in as themselves.")
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        deactivate = QAction(self.table)
        deactivate.setShortcut(QKeySequence.StandardKey.Delete)
        deactivate.triggered.connect(lambda: self._set_active(False))
        self.table.addAction(deactivate)

    # --- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.host.call(lambda s, a: s.staff.list_staff(a), self._loaded)

    def _loaded(self, rows) -> None:
        self.model.timezone = self.host.settings.timezone
        self.model.set_rows(rows)
        self.loaded = True
        self.empty.setVisible(len(rows) <= 1)
        if self._to_select is not None:
            self._select(self._to_select)
            self._to_select = None

    def open_record(self, record_id: int) -> None:
        """Show this person selected: now, and again once the reload that opening the page
        starts has come back."""
        self._to_select = record_id
        self.filter.clear()
        if self.loaded:
            self._select(record_id)

    def _select(self, staff_id: int) -> None:
        row = next((i for i, s in enumerate(self.model.rows) if s.id == staff_id), None)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self.table.setFocus()

    def selected(self) -> StaffRecord | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # --- actions ------------------------------------------------------------------------
    def new_item(self) -> None:
        dialog = StaffDialog(self.host, self)
        dialog.saved.connect(lambda s: (self.host.toast(f"{s.name} can now sign in."), self.refresh()))
        dialog.open()

    def edit_selected(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        dialog = StaffDialog(self.host, self, staff=staff)
        dialog.saved.connect(lambda s: (self.host.toast(f"Saved {s.name}."), self.refresh()))
        dialog.open()

    def _fill_menu(self, menu: QMenu) -> None:
        staff = self.selected()
        if staff is None:
            return
        menu.addAction(icons.icon("pencil"), "Edit…", self.edit_selected)
        roles = menu.addMenu("Change role")
        for role in Role:
            action = roles.addAction(role.label, lambda r=role: self._change_role(r))
            action.setCheckable(True)
            action.setChecked(role == staff.role)
        menu.addAction(icons.icon("key-round"), "Reset password…", self._reset_password)
        menu.addSeparator()
        if staff.active:
            menu.addAction(icons.icon("user-x"), "Deactivate", lambda: self._set_active(False))
        else:
            menu.addAction(icons.icon("user-check"), "Reactivate", lambda: self._set_active(True))

    def _show_error(self, error) -> None:
        prompts.tell(self, "Staff", error.message)

    def _change_role(self, role: Role) -> None:
        staff = self.selected()
        if staff is None or staff.role == role:
            return
        self.host.call(lambda s, a: s.staff.change_role(a, staff.id, role.value),
                       lambda r: (self.host.toast(f"{r.name} is now {r.role.label.lower()}."), self.refresh()),
                       self._show_error, write=True)

    def _set_active(self, active: bool) -> None:
        staff = self.selected()
        if staff is None or staff.active == active:
            return

        def apply() -> None:
            self.host.call(lambda s, a: s.staff.set_active(a, staff.id, active),
                           lambda r: (self.host.toast(f"{r.name} {'reactivated' if active else 'deactivated'}."),
                                      self.refresh()),
                           self._show_error, write=True)

        if active:
            apply()
        else:
            prompts.ask(self, "Deactivate staff", f"Deactivate {staff.name}? They will not be able to sign in "
                        "until reactivated. Their history stays.", apply, yes="Deactivate", danger=True)

    def _reset_password(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        dialog = ResetPasswordDialog(self.host, staff, self)
        dialog.saved.connect(lambda _r: (self.host.toast(f"New password set for {staff.name}."), self.refresh()))
        dialog.open()
