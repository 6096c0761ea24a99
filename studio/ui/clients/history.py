"""The client view's History tab: the client's appointments, newest first, and their
projects (sessions done, deposit), read off the GUI thread the first time the tab opens."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from studio.services.common import N_, _, money, ngettext, short_date, time_range
from studio.services.scheduling import AppointmentRecord, ProjectRecord, Status
from studio.ui.kit.widgets import configure_table, label
from studio.ui.shell.page import PageHost

APPOINTMENT_COLUMNS = (N_("Date"), N_("Time"), N_("Artist"), N_("Kind"), N_("Piece"), N_("Status"), N_("Price"))
PROJECT_COLUMNS = (N_("Project"), N_("Sessions"), N_("Deposit"))
# What a project's deposit shows, by its state (the deposit records' ``state``).
DEPOSIT_STATES = {"held": N_("{amount} held"), "applied": N_("{amount} applied"),
                  "forfeited": N_("{amount} forfeited"), "credited": N_("{amount} credited"),
                  "refunded": N_("{amount} refunded")}


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_(c) for c in columns])
    configure_table(table, {}, stretch=len(columns) - 3 if len(columns) > 3 else 0)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))  # plain text: a cell never renders markup
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


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
        self.appointments = _table(APPOINTMENT_COLUMNS, "ClientAppointments")
        layout.addWidget(self.appointments, 2)
        self.projects_title = label(_("Projects"), "title")
        layout.addWidget(self.projects_title)
        self.projects = _table(PROJECT_COLUMNS, "ClientProjects")
        layout.addWidget(self.projects, 1)
        for widget in (self.appointments_title, self.appointments, self.projects_title, self.projects):
            widget.setVisible(False)

    def load(self) -> None:
        if self.requested:
            return
        self.requested = True
        client_id = self.client_id
        self.host.call(lambda s, a: (s.scheduling.client_appointments(a, client_id),
                                     s.projects.client_projects(a, client_id)),
                       self._show, self._failed)

    def _failed(self, error) -> None:
        self.requested = False
        self.status.setText(getattr(error, "message", "") or _("The history could not be read."))

    def _show(self, result: tuple[tuple[AppointmentRecord, ...], tuple[ProjectRecord, ...]]) -> None:
        appointments, projects = result
        self.loaded = True
        settings = self.host.settings
        zone, currency = settings.timezone, settings.currency
        self.status.setText("" if appointments or projects else
                            _("No appointments yet. Book one from the calendar."))
        self.status.setVisible(not (appointments or projects))
        _fill(self.appointments, [
            (short_date(a.starts_at, zone), time_range(a.starts_at, a.ends_at, zone),
             a.artist_name, a.kind.label, a.description, a.status.label,
             "" if a.price_cents is None else money(a.price_cents, currency))
            for a in appointments])
        _fill(self.projects, [(p.title, _sessions(p), _deposit(p, currency)) for p in projects])
        self.appointments_title.setVisible(bool(appointments))
        self.appointments.setVisible(bool(appointments))
        self.projects_title.setVisible(bool(projects))
        self.projects.setVisible(bool(projects))


def _sessions(project: ProjectRecord) -> str:
    booked = [a for a in project.appointments if a.status not in (Status.CANCELLED, Status.NO_SHOW)]
    done = sum(1 for a in booked if a.status == Status.COMPLETED)
    # Translators: sessions of a tattoo project, e.g. "2 of 3 done".
    return ngettext("{done} of {n} done", "{done} of {n} done", len(booked)).format(done=done, n=len(booked))


def _deposit(project: ProjectRecord, currency: str) -> str:
    if not project.deposits:
        return _("No deposit")
    return ", ".join(_(DEPOSIT_STATES.get(d.state, "{amount}")).format(amount=money(d.amount_cents, currency))
                     for d in project.deposits)
