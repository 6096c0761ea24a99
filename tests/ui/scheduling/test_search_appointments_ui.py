"""Ctrl+K finds appointments: typing a piece shows them under their own heading, upcoming
first, each with its client, kind, artist and time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from studio.services.clients import ClientInput
from studio.services.scheduling import AppointmentInput, Kind
from studio.ui.shell.search_results import DETAIL_ROLE, HIT_ROLE, KIND_ROLE
from tests.ui.shell.test_search_field import search, shown

LISBON = ZoneInfo("Europe/Lisbon")


def test_typing_a_piece_lists_its_appointments_under_their_heading(qtbot, window, settle, studio):
    services, admin, artist = studio
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id
    day = datetime.now(LISBON).date()
    for days, piece in ((9, "Koi colour"), (2, "Koi outline"), (3, "Rose")):
        start = datetime.combine(day + timedelta(days=days), time(11), LISBON)
        services.scheduling.book(admin, AppointmentInput(
            client_id=zoe, artist_id=artist.staff_id, kind=Kind.SESSION, starts_at=start,
            ends_at=start + timedelta(hours=2), description=piece), outside_hours_ok=True)
    search(qtbot, window, "koi")
    assert [text for kind, text in shown(window) if kind == "header"] == ["Appointments"]
    model = window.search.model
    hits = [model.index(r).data(HIT_ROLE) for r in range(model.rowCount()) if model.index(r).data(KIND_ROLE) == "hit"]
    assert [h.kind for h in hits] == ["appointments", "appointments"]
    details = [model.index(r).data(DETAIL_ROLE) for r in range(model.rowCount()) if model.index(r).data(KIND_ROLE) == "hit"]
    assert "Koi outline" in details[0] and "Koi colour" in details[1]  # the sooner first
    assert model.index(1, 0).data() == "Zoë Martín · Tattoo session" and "Mara Okafor" in details[0]


def test_choosing_an_appointment_hit_opens_the_calendar_on_its_week_and_its_dialog(qtbot, window, settle, studio):
    from PySide6.QtCore import Qt

    from studio.ui.calendar.dialog import AppointmentDialog
    from tests.ui.dialogs import cancel, find_dialog

    services, admin, artist = studio
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id
    start = datetime.combine(datetime.now(LISBON).date() + timedelta(days=40), time(11), LISBON)
    booked = services.scheduling.book(admin, AppointmentInput(
        client_id=zoe, artist_id=artist.staff_id, kind=Kind.SESSION, starts_at=start,
        ends_at=start + timedelta(hours=2), description="Koi outline"), outside_hours_ok=True)
    edit = search(qtbot, window, "koi")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    dialog = find_dialog(qtbot, AppointmentDialog)
    assert dialog.record.id == booked.id and window.current_key == "calendar"
    page = window.pages["calendar"]
    first, last = page.span()
    assert first <= start.date() <= last  # the calendar moved to the appointment's week
    settle()
    cancel(qtbot, AppointmentDialog)
