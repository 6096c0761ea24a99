"""The client view's History tab lists the client's appointments and projects, read when
the tab is opened; the Clients table shows the last visit and the next appointment."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from studio.clock import utc_now
from studio.services.clients import ClientInput
from studio.services.scheduling import AppointmentInput, Kind, Status
from studio.ui.kit.format import local_datetime
from tests.ui.scheduling.client_view import click_tab, open_client

LISBON = ZoneInfo("Europe/Lisbon")


def _book(services, admin, artist_id, client_id, start, hours=2, **more):
    data = AppointmentInput(client_id=client_id, artist_id=artist_id, kind=more.pop("kind", Kind.SESSION),
                            starts_at=start, ends_at=start + timedelta(hours=hours), **more)
    return services.scheduling.book(admin, data, outside_hours_ok=True)


@pytest.fixture
def zoe(studio):
    """Zoë: a completed visit ten days ago (a project's first session, its deposit paid)
    and the project's next session in a week."""
    services, admin, artist = studio
    client = services.clients.create(admin, ClientInput(full_name="Zoë Martín"))
    day = datetime.now(LISBON).date()
    project = services.projects.create(admin, client.id, "Koi sleeve", quote_cents=90000)
    past = _book(services, admin, artist.staff_id, client.id,
                 datetime.combine(day - timedelta(days=10), time(11), LISBON), 3,
                 description="Koi outline", price_cents=30000, project_id=project.id)
    services.scheduling.record_deposit(admin, past.id, 10000, "cash")
    for status in (Status.CHECKED_IN, Status.IN_PROGRESS, Status.COMPLETED):
        past = services.scheduling.set_status(admin, past.id, status, version=past.version).appointment
    upcoming = _book(services, admin, artist.staff_id, client.id,
                     datetime.combine(day + timedelta(days=7), time(15), LISBON), 2,
                     description="Koi colour", project_id=project.id)
    return client.id, past, upcoming


def test_opening_the_history_tab_lists_appointments_newest_first_and_projects(qtbot, window, settle, zoe):
    client_id, past, upcoming = zoe
    dialog = open_client(qtbot, window, settle, client_id)
    panel = dialog.history_panel
    assert not panel.requested  # nothing is read before the tab is opened
    click_tab(qtbot, dialog, dialog.history)
    qtbot.waitUntil(lambda: panel.loaded, timeout=5_000)
    table = panel.appointments
    assert table.isVisibleTo(dialog) and table.rowCount() == 2
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert [row[2] for row in cells] == ["Tattoo session · Koi colour", "Tattoo session · Koi outline"]  # newest first
    assert cells[0][3] == "Booked" and cells[1][3] == "Completed"
    assert cells[1][1] == "Mara Okafor" and "300" in cells[1][4]
    zone = window.host.settings.timezone
    assert cells[1][0] == local_datetime(past.starts_at, zone) and table.item(1, 0).toolTip() == "11:00–14:00"
    projects = panel.projects
    assert projects.rowCount() == 1
    assert [projects.item(0, c).text() for c in range(3)][:2] == ["Koi sleeve", "1 of 2 done"]
    assert "100" in projects.item(0, 2).text() and "held" in projects.item(0, 2).text()
    dialog.reject()
    settle()


def test_a_client_without_appointments_says_so(qtbot, window, settle, studio):
    services, admin, _artist = studio
    client = services.clients.create(admin, ClientInput(full_name="Noah Kim"))
    dialog = open_client(qtbot, window, settle, client.id)
    click_tab(qtbot, dialog, dialog.history)
    qtbot.waitUntil(lambda: dialog.history_panel.loaded, timeout=5_000)
    assert "No appointments yet" in dialog.history_panel.status.text()
    assert not dialog.history_panel.appointments.isVisibleTo(dialog)
    dialog.reject()
    settle()


def test_the_clients_table_shows_last_visit_and_next_appointment(qtbot, window, settle, zoe):
    client_id, past, upcoming = zoe
    window.open_page("clients")
    settle()
    page = window.pages["clients"]
    model = page.model
    row = next(i for i, r in enumerate(model.rows) if r.id == client_id)
    last = model.index(row, 5).data()
    following = model.index(row, 6).data()
    zone = window.host.settings.timezone
    from studio.ui.kit.format import local_date

    assert last == local_date(past.starts_at, zone) and last
    assert following == local_datetime(upcoming.starts_at, zone) and following
    assert utc_now() < upcoming.starts_at
