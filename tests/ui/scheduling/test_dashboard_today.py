"""The dashboard's Today card: today's appointments per artist and the week's booked
hours; an artist sees their own only."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QLabel

from studio.services.clients import ClientInput
from studio.services.scheduling import AppointmentInput, Kind
from tests.ui.conftest import open_window

LISBON = ZoneInfo("Europe/Lisbon")


@pytest.fixture
def day(studio):
    """Today: Mara (the artist) with Zoë 10:00–12:00 and Noah 15:00–18:00; a colleague,
    Leo, with Noah 10:00–11:00. Booked by the admin (past times are back-office entries)."""
    services, admin, artist = studio
    leo = services.staff.add_staff(admin, name="Leo Park", email="leo@studio.test", role="artist",
                                   password="copper lanterns sway at dusk 58")
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id
    noah = services.clients.create(admin, ClientInput(full_name="Noah Kim")).id
    today = datetime.now(LISBON).date()

    def book(artist_id, client_id, hour, hours, description):
        start = datetime.combine(today, time(hour), LISBON)
        services.scheduling.book(admin, AppointmentInput(
            client_id=client_id, artist_id=artist_id, kind=Kind.SESSION, starts_at=start,
            ends_at=start + timedelta(hours=hours), description=description), outside_hours_ok=True)

    book(artist.staff_id, zoe, 10, 2, "Rose")
    book(artist.staff_id, noah, 15, 3, "Koi")
    book(leo.id, noah, 10, 1, "Dagger")
    return services


def texts(card, name):
    return [w.text() for w in card.findChildren(QLabel, name) if w.isVisibleTo(card)]


def open_dashboard(qtbot, window, settle):
    window.open_page("dashboard")
    settle()
    card = window.pages["dashboard"].cards["today"]
    qtbot.waitUntil(lambda: card.loaded and card.isVisible(), timeout=5_000)
    return card


def test_the_desk_sees_every_artists_day_and_the_weeks_hours(qtbot, window, settle, day):
    card = open_dashboard(qtbot, window, settle)
    assert card.summary.text() == "3 appointments today · 6 h booked this week"
    assert texts(card, "TodayArtist") == ["Leo Park · 1 h this week", "Mara Okafor · 5 h this week"]
    lines = texts(card, "TodayAppointment")
    assert lines == ["10:00–11:00 Tattoo session · Noah Kim — Dagger (Booked)",
                     "10:00–12:00 Tattoo session · Zoë Martín — Rose (Booked)",
                     "15:00–18:00 Tattoo session · Noah Kim — Koi (Booked)"]


def test_an_artist_sees_their_own_day_only(qtbot, ctx, settle, studio, day):
    services, _admin, artist = studio
    window = open_window(qtbot, ctx, settle, services, artist)
    try:
        card = open_dashboard(qtbot, window, settle)
        assert card.summary.text() == "2 appointments today · 5 h booked this week"
        assert texts(card, "TodayArtist") == ["Mara Okafor · 5 h this week"]
        assert not any("Dagger" in line for line in texts(card, "TodayAppointment"))
    finally:
        window.idle.stop()
        window.close()
        settle()


def test_without_artists_the_card_stays_hidden(qtbot, ctx, settle, studio):
    services, admin, artist = studio
    services.staff.set_active(admin, artist.staff_id, False)
    window = open_window(qtbot, ctx, settle, services, admin)
    try:
        window.open_page("dashboard")
        card = window.pages["dashboard"].cards["today"]
        qtbot.waitUntil(lambda: card.overview is not None, timeout=5_000)
        assert not card.isVisible() and card.overview.artists == ()
    finally:
        window.idle.stop()
        window.close()
        settle()
