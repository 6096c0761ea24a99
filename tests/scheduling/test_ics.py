"""Calendar files: an artist's appointments and one appointment's file for the client,
read back with icalendar."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from icalendar import Calendar

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import NotFound, PermissionDenied
from studio.services.scheduling import Kind
from tests.scheduling.booking import book_any_time as book
from tests.scheduling.conftest import MONDAY, at

SECRET_NOTE = "Allergic to latex; takes warfarin"


def events(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def booked(studio):
    detail = studio.services.clients.get(studio.admin, studio.ana_id)
    studio.services.clients.update(studio.admin, studio.ana_id,
                                   ClientInput(full_name=detail.full_name, phone=detail.phone),
                                   version=detail.version, medical=MedicalInfo(allergies="latex allergy"))
    # After the DST change (29 March): Lisbon is UTC+1 then.
    rose = book(studio, studio.mia, at(MONDAY + timedelta(days=15), 14), description="Rose",
                placement="forearm", size="10 cm", notes=SECRET_NOTE, price_cents=25000)
    koi = book(studio, studio.mia, at(MONDAY + timedelta(days=1), 10), client_id=studio.ben_id,
               kind=Kind.CONSULTATION, description="Koi sleeve")
    dropped = book(studio, studio.mia, at(MONDAY + timedelta(days=2), 10), description="Dropped")
    studio.services.scheduling.cancel(studio.desk, dropped.id, "ill", version=dropped.version)
    leos = book(studio, studio.leo, at(MONDAY + timedelta(days=1), 10), description="Leo's piece")
    return rose, koi, leos


def test_an_artists_file_has_their_appointments_in_the_studios_zone_first_names_only(booked, studio):
    rose, koi, _leos = booked
    data = studio.services.calendar_files.artist_calendar(studio.mia)
    calendar, found = events(data)
    assert set(found) == {f"appointment-{rose.id}@linework", f"appointment-{koi.id}@linework"}
    event = found[f"appointment-{rose.id}@linework"]
    assert str(event["summary"]) == "Tattoo session · Ana"
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Lisbon"
    assert start == at(MONDAY + timedelta(days=15), 14) and start.utcoffset() == timedelta(hours=1)
    assert event.decoded("dtend") - start == timedelta(hours=2)
    assert event["dtstart"].params["TZID"] == "Europe/Lisbon"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    assert "Rose" in str(event["description"]) and "forearm" in str(event["description"])
    assert int(event["sequence"]) == rose.version
    assert str(found[f"appointment-{koi.id}@linework"]["summary"]) == "Consultation · Ben"
    text = data.decode("utf-8")
    for leak in ("warfarin", "latex", "Lima", "Park", "+351", "ben@example.test", "Dropped", "Leo's"):
        assert leak not in text
    assert not any("250" in e.to_ical().decode() for e in found.values())  # no price


def test_an_artist_exports_only_their_own_the_desk_anyones(booked, studio):
    with pytest.raises(PermissionDenied):
        studio.services.calendar_files.artist_calendar(studio.mia, studio.leo.staff_id)
    _calendar, found = events(studio.services.calendar_files.artist_calendar(studio.desk, studio.leo.staff_id))
    assert [str(e["summary"]) for e in found.values()] == ["Tattoo session · Ana"]
    with pytest.raises(NotFound, match="not an artist"):
        studio.services.calendar_files.artist_calendar(studio.desk, studio.desk.staff_id)


def test_the_clients_file_has_one_appointment_and_nothing_private(booked, studio):
    rose, _koi, leos = booked
    data = studio.services.calendar_files.appointment_file(studio.desk, rose.id)
    calendar, found = events(data)
    event, = found.values()
    assert str(event["summary"]).startswith("Tattoo session at ")
    assert "With Mia." in str(event["description"]) and "Rose" in str(event["description"])
    assert event.decoded("dtstart").astimezone(UTC) == rose.starts_at
    assert str(event["status"]) == "CONFIRMED"
    text = data.decode("utf-8")
    assert "warfarin" not in text and "latex" not in text and "Lima" not in text
    assert "250" not in event.to_ical().decode()  # no price
    with pytest.raises(PermissionDenied):
        studio.services.calendar_files.appointment_file(studio.mia, leos.id)
    assert studio.services.calendar_files.appointment_file(studio.leo, leos.id)
    with pytest.raises(NotFound):
        studio.services.calendar_files.appointment_file(studio.desk, 99_999)


def test_the_command_lines_export_finds_the_artist_by_email(booked, studio):
    email = studio.services.staff.list_staff(studio.admin)
    mia = next(s for s in email if s.name == "Mia")
    _calendar, found = events(studio.services.calendar_files.artist_calendar_for_command_line(mia.email.upper()))
    assert len(found) == 2
    with pytest.raises(NotFound, match="nobody@x.test"):
        studio.services.calendar_files.artist_calendar_for_command_line("nobody@x.test")
