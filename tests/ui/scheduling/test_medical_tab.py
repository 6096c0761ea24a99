"""An artist opening the Health tab of a client they do not look after reads why, in the
tab; with an appointment the health section loads."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.scheduling import AppointmentInput, Kind
from tests.ui.scheduling.client_view import click_tab, open_client


def open_health(qtbot, window, settle, client_id):
    dialog = open_client(qtbot, window, settle, client_id)
    click_tab(qtbot, dialog, dialog.medical_tab)
    settle()
    return dialog


def test_an_artist_without_an_appointment_reads_the_refusal_in_the_tab(qtbot, artist_window, settle, studio):
    services, admin, artist = studio
    client = services.clients.create(admin, ClientInput(full_name="Zoë Martín"), medical=MedicalInfo(allergies="Latex"))
    dialog = open_health(qtbot, artist_window, settle, client.id)
    qtbot.waitUntil(lambda: dialog.medical_refused.isVisibleTo(dialog), timeout=5_000)
    assert "their own clients only" in dialog.medical_refused.text.text()
    consents = dialog.area_tabs["consents"]
    assert "their own clients only" in consents.empty.text.text()
    assert not dialog.medical_loaded and not dialog.medical_area.isVisibleTo(dialog)
    dialog.reject()
    settle()


def test_an_artist_with_an_appointment_reads_the_health_section(qtbot, artist_window, settle, studio):
    services, admin, artist = studio
    client = services.clients.create(admin, ClientInput(full_name="Zoë Martín"), medical=MedicalInfo(allergies="Latex"))
    start = datetime.now(ZoneInfo("Europe/Lisbon")) + timedelta(days=3)
    services.scheduling.book(admin, AppointmentInput(client_id=client.id, artist_id=artist.staff_id, kind=Kind.SESSION,
                                                     starts_at=start, ends_at=start + timedelta(hours=2)),
                             outside_hours_ok=True)
    dialog = open_health(qtbot, artist_window, settle, client.id)
    qtbot.waitUntil(lambda: dialog.medical_loaded, timeout=5_000)
    assert not dialog.medical_refused.isVisibleTo(dialog)
    assert dialog.medical.value().allergies == "Latex"
    dialog.reject()
    settle()
