"""The client view's History tab: the client's appointments, newest first, and their
projects (sessions done, deposit), read off the GUI thread the first time the tab opens. A
double-click opens a project; "New project…" starts one. Those who take payments also see
the money: receipts, payments, credit and vouchers (money.py); those who see the stock, the
lots used in the client's sessions (lots_used.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from studio.services.common import N_, Permission, _, can, money, ngettext, time_range
from studio.services.scheduling import AppointmentRecord, ProjectRecord, Status
from studio.ui.clients.project_dialog import ProjectDialog, deposit_text
from studio.ui.kit import prompts
from studio.ui.kit.format import local_datetime
from studio.ui.kit.widgets import button, configure_table, label
from studio.ui.shell.page import PageHost

# When (the date and start), the artist, the kind and piece, the status, the price: five
# columns fit the client view's tab; the time span, the placement and size are the tooltips.
APPOINTMENT_COLUMNS = (N_("When"), N_("Artist"), N_("Appointment"), N_("Status"), N_("Price"))
PROJECT_COLUMNS = (N_("Project"), N_("Sessions"), N_("Deposit"))


# Starting widths that fit the client view's tab (940 px dialog beside the QR panel); the
# piece (appointments) and the title (projects) take the rest.
APPOINTMENT_WIDTHS = {0: 188, 1: 124, 3: 104, 4: 74}
PROJECT_WIDTHS = {1: 116, 2: 160}
PROJECT_ROWS_SHOWN = 3  # the projects table is as tall as its rows, up to this many; it scrolls past


def _table(columns: tuple[str, ...], name: str, widths: dict[int, int], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_(c) for c in columns])
    configure_table(table, widths, stretch=stretch)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def _fill(table: QTableWidget, rows: list[tuple[tuple[str, str], ...]]) -> None:
    """Each cell a (text, tooltip) pair; plain text, so a cell never renders markup."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, (text, tip) in enumerate(values):
            item = QTableWidgetItem(text)
            if tip:
                item.setToolTip(tip)
            table.setItem(r, c, item)


class HistoryPanel(QWidget):
    """Appointments and projects of one client. ``load()`` asks the services once."""

    def __init__(self, host: PageHost, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClientHistory")
        self.host = host
        self.client_id = client_id
        self.requested = False
        self.loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.status = label(_("Loading…"), "muted", wrap=True)
        self.status.setObjectName("ClientHistoryStatus")
        layout.addWidget(self.status)
        self.appointments_title = label(_("Appointments"), "title")
        layout.addWidget(self.appointments_title)
        self.appointments = _table(APPOINTMENT_COLUMNS, "ClientAppointments", APPOINTMENT_WIDTHS, stretch=2)
        layout.addWidget(self.appointments, 1)
        self.projects_title = label(_("Projects"), "title")
        self.new_project_button = button(_("New project…"), icon_name="plus", on_click=self.new_project)
        self.new_project_button.setObjectName("NewProject")
        self.new_project_button.setVisible(False)
        heading = QHBoxLayout()
        heading.addWidget(self.projects_title, 1)
        heading.addWidget(self.new_project_button)
        layout.addLayout(heading)
        self.projects = _table(PROJECT_COLUMNS, "ClientProjects", PROJECT_WIDTHS, stretch=0)
        self.projects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.projects.setToolTip(_("Double-click a project to open it."))
        self.projects.cellDoubleClicked.connect(lambda row, _column: self.open_project(self.project_ids[row]))
        self.project_ids: list[int] = []
        layout.addWidget(self.projects, 0)
        self.money = None
        if can(host.actor.role, Permission.TAKE_PAYMENTS):
            from studio.ui.clients.money import MoneySection

            self.money = MoneySection(self)
            self.money.setVisible(False)
            layout.addWidget(self.money, 0)
        self.lots = None
        if can(host.actor.role, Permission.VIEW_STOCK):
            from studio.ui.clients.lots_used import LotsSection

            self.lots = LotsSection(self)
            self.lots.setVisible(False)
            layout.addWidget(self.lots, 0)
        for widget in (self.appointments_title, self.appointments, self.projects_title, self.projects):
            widget.setVisible(False)

    def reload(self) -> None:
        self.requested = False
        self.load()

    def new_project(self) -> None:
        prompts.ask_text(self, _("New project"), _("The project's name (e.g. Koi sleeve):"), self._create,
                         max_length=200)

    def _create(self, title: str) -> None:
        client_id = self.client_id

        def created(project: ProjectRecord) -> None:
            self.reload()
            self.open_project(project.id)

        self.host.call(lambda s, a: s.projects.create(a, client_id, title), created,
                       lambda e: prompts.tell(self, _("New project"), getattr(e, "message", "") or str(e)), write=True)

    def open_project(self, project_id: int) -> None:
        dialog = ProjectDialog(self.host, project_id, self.window())
        dialog.saved.connect(lambda _record: self.reload())
        dialog.finished.connect(dialog.deleteLater)
        self.project_dialog = dialog
        dialog.open()

    def load(self) -> None:
        if self.requested:
            return
        self.requested = True
        client_id, with_money, with_lots = self.client_id, self.money is not None, self.lots is not None
        self.host.call(lambda s, a: (s.scheduling.client_appointments(a, client_id),
                                     s.projects.client_projects(a, client_id),
                                     s.register.client_money(a, client_id) if with_money else None,
                                     s.recall.client_lots(a, client_id) if with_lots else ()),
                       self._show, self._failed)

    def _failed(self, error) -> None:
        self.requested = False
        self.status.setText(getattr(error, "message", "") or _("The history could not be read."))

    def _show(self, result: tuple[tuple[AppointmentRecord, ...], tuple[ProjectRecord, ...], object, tuple]) -> None:
        appointments, projects, found_money, lots = result
        if self.lots is not None:
            self.lots.show_lots(lots, self.host.settings.timezone)
            self.lots.setVisible(bool(lots))
        if self.money is not None and found_money is not None:
            self.money.show_money(found_money, self.host.settings.currency)
            self.money.setVisible(bool(found_money.receipts or found_money.entries or found_money.credit_cents
                                       or found_money.vouchers))
        self.loaded = True
        settings = self.host.settings
        zone, currency = settings.timezone, settings.currency
        self.status.setText("" if appointments or projects else
                            _("No appointments yet. Book one from the calendar."))
        self.status.setVisible(not (appointments or projects))
        _fill(self.appointments, [
            ((local_datetime(a.starts_at, zone), time_range(a.starts_at, a.ends_at, zone)),
             (a.artist_name, ""),
             (_what(a), " · ".join(p for p in (a.description, a.placement, a.size) if p)), (a.status.label, ""),
             ("" if a.price_cents is None else money(a.price_cents, currency), ""))
            for a in appointments])
        _fill(self.projects, [((p.title, p.placement), (_sessions(p), ""), (deposit_text(p, currency), ""))
                              for p in projects])
        self.project_ids = [p.id for p in projects]
        self.appointments_title.setVisible(bool(appointments))
        self.appointments.setVisible(bool(appointments))
        header = self.projects.horizontalHeader().sizeHint().height()
        rows = self.projects.verticalHeader().defaultSectionSize()
        self.projects.setFixedHeight(header + rows * min(len(projects), PROJECT_ROWS_SHOWN) + 2 * self.projects.frameWidth())
        can_open = can(self.host.actor.role, Permission.BOOK_APPOINTMENTS)
        self.projects_title.setVisible(bool(projects) or can_open)
        self.new_project_button.setVisible(can_open)
        self.projects.setVisible(bool(projects))


def _what(a: AppointmentRecord) -> str:
    # Translators: an appointment in the client's history, e.g. "Tattoo session · koi on the calf".
    return _("{kind} · {piece}").format(kind=a.kind.label, piece=a.description) if a.description else a.kind.label


def _sessions(project: ProjectRecord) -> str:
    booked = [a for a in project.appointments if a.status not in (Status.CANCELLED, Status.NO_SHOW)]
    done = sum(1 for a in booked if a.status == Status.COMPLETED)
    # Translators: sessions of a tattoo project, e.g. "2 of 3 done".
    return ngettext("{done} of {n} done", "{done} of {n} done", len(booked)).format(done=done, n=len(booked))

