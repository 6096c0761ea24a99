"""Staff (admins): the team, their roles and colours, deactivation and password resets."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QMenu, QTableView

from studio.services.common import N_, Role, StaffRecord, _
from studio.ui.accounts.staff_form import StaffDialog, activated_toast, active_button_look, reset_password, set_active
from studio.ui.kit import icons, prompts, theme
from studio.ui.kit.format import local_datetime
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.kit.widgets import EmptyState, button, configure_table, row_menu, search_field
from studio.ui.shell.page import Page


class StaffModel(RecordTableModel[StaffRecord]):
    COLUMNS = (N_("Name"), N_("Email"), N_("Role"), N_("Status"), N_("Last sign-in"))

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
                return _("Locked out")
            return _("Active") if s.active else _("Deactivated")
        return local_datetime(s.last_login_at, self.timezone) if s.last_login_at else _("Never")

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
    title = N_("Staff")
    subtitle = N_("Who works here, what they may do, and the colour they show in.")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.add_button = button(_("Add staff"), icon_name="user-plus", variant="primary", keys="Ctrl+N",
                                 on_click=self.new_item)
        self.add_button.setObjectName("AddStaff")
        self.actions.addWidget(self.add_button)

        # The filter, and the chosen row's actions (also in its right-click menu).
        tools = QHBoxLayout()
        tools.setSpacing(8)
        self.filter = search_field(_("Filter by name, email or role"), max_width=360)
        self.filter.setMinimumWidth(240)
        tools.addWidget(self.filter, 1)  # grows first, up to its maximum width; then the gap
        tools.addStretch(0)
        self.edit_button = button(_("Edit…"), icon_name="pencil", on_click=self.edit_selected,
                                  tooltip=_("Name, email, role and colour (double-click a row)"))
        self.reset_button = button(_("Reset password…"), icon_name="key-round", on_click=self._reset_password,
                                   tooltip=_("Set a new password for them; this also lifts a lockout"))
        self.active_button = button(_("Deactivate"), icon_name="user-x", variant="ghost",
                                    on_click=self._toggle_active)
        for widget in (self.edit_button, self.reset_button, self.active_button):
            tools.addWidget(widget)
        self.body.addLayout(tools)

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
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.body.addWidget(self.table, 1)
        self.empty = EmptyState("users", _("Only you so far"),
                                _("Add your artists and front desk so each can sign in as themselves."))
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        deactivate = QAction(self.table)
        deactivate.setShortcut(QKeySequence.StandardKey.Delete)
        deactivate.triggered.connect(lambda: self._set_active(False))
        self.table.addAction(deactivate)
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.host.call(lambda s, a: s.staff.list_staff(a), self._loaded)

    def _loaded(self, rows) -> None:
        self.model.timezone = self.host.settings.timezone
        chosen = self.selected()
        self.model.set_rows(rows)
        self.loaded = True
        self.empty.setVisible(len(rows) <= 1)
        if self._to_select is not None:  # a global-search hit waiting for the list
            self._select(self._to_select)
            self._to_select = None
        elif chosen is not None:  # the same person stays chosen across a reload
            ids = [r.id for r in rows]
            if chosen.id in ids:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(ids.index(chosen.id), 0)).row())
        self._update_buttons()

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

    def _update_buttons(self) -> None:
        staff = self.selected()
        for widget in (self.edit_button, self.reset_button, self.active_button):
            widget.setEnabled(staff is not None)
        if staff is not None:
            active_button_look(self.active_button, staff, "ghost")  # quiet beside the table, like Delete

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # --- actions ------------------------------------------------------------------------
    def new_item(self) -> None:
        dialog = StaffDialog(self.host, self)
        dialog.saved.connect(lambda s: (self.host.toast(_("{name} can now sign in.").format(name=s.name)), self.refresh()))
        dialog.open()

    def edit_selected(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        dialog = StaffDialog(self.host, self, staff=staff)
        dialog.saved.connect(lambda s: (self.host.toast(_("Saved {name}.").format(name=s.name)), self.refresh()))
        dialog.changed.connect(lambda _s: self.refresh())
        dialog.open()

    def _fill_menu(self, menu: QMenu) -> None:
        staff = self.selected()
        if staff is None:
            return
        menu.addAction(icons.icon("pencil"), _("Edit…"), self.edit_selected)
        roles = menu.addMenu(_("Change role"))
        for role in Role:
            action = roles.addAction(role.label, lambda r=role: self._change_role(r))
            action.setCheckable(True)
            action.setChecked(role == staff.role)
        menu.addAction(icons.icon("key-round"), _("Reset password…"), self._reset_password)
        menu.addSeparator()
        if staff.active:
            menu.addAction(icons.icon("user-x"), _("Deactivate"), lambda: self._set_active(False))
        else:
            menu.addAction(icons.icon("user-check"), _("Reactivate"), lambda: self._set_active(True))

    def _show_error(self, error) -> None:
        prompts.tell(self, _("Staff"), error.message)

    def _change_role(self, role: Role) -> None:
        staff = self.selected()
        if staff is None or staff.role == role:
            return
        self.host.call(lambda s, a: s.staff.change_role(a, staff.id, role.value),
                       # Translators: {name} is a staff member, {role} their new role in lower case.
                       lambda r: (self.host.toast(_("{name} is now {role}.").format(name=r.name,
                                                                                    role=r.role.label.lower())),
                                  self.refresh()),
                       self._show_error, write=True)

    def _toggle_active(self) -> None:
        staff = self.selected()
        if staff is not None:
            self._set_active(not staff.active)

    def _set_active(self, active: bool) -> None:
        staff = self.selected()
        if staff is None or staff.active == active:
            return
        set_active(self, self.host, staff, active,
                   lambda r: (self.host.toast(activated_toast(r.name, active)), self.refresh()),
                   self._show_error)

    def _reset_password(self) -> None:
        staff = self.selected()
        if staff is not None:
            reset_password(self, self.host, staff, self.refresh)
