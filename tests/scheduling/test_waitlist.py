"""The waitlist: who fits a freed slot, and booking them in one step."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio.services.clients import ClientInput
from studio.services.common import ValidationError
from studio.services.scheduling import Clash, Kind, Status
from tests.scheduling.conftest import MONDAY, at

THURSDAY = MONDAY + timedelta(days=3)


@pytest.fixture
def waiting(studio):
    """Three clients waiting: Cara for Mia this week, Dev for anyone this week, Eli for Leo
    next month."""
    clients = studio.services.clients
    cara = clients.create(studio.admin, ClientInput(full_name="Cara Diaz"))
    dev = clients.create(studio.admin, ClientInput(full_name="Dev Rao"))
    eli = clients.create(studio.admin, ClientInput(full_name="Eli Moss"))
    waitlist = studio.services.waitlist
    studio.clock.advance(minutes=1)
    dev_entry = waitlist.add(studio.desk, dev.id, Kind.SESSION, MONDAY, MONDAY + timedelta(days=6))
    studio.clock.advance(minutes=1)
    cara_entry = waitlist.add(studio.desk, cara.id, Kind.TOUCH_UP, MONDAY, MONDAY + timedelta(days=6),
                              artist_id=studio.mia.staff_id, notes="small fix on the wrist")
    waitlist.add(studio.desk, eli.id, Kind.SESSION, MONDAY + timedelta(days=30), MONDAY + timedelta(days=40),
                 artist_id=studio.leo.staff_id)
    return {"cara": cara_entry, "dev": dev_entry}


def test_a_cancel_offers_those_who_fit_the_freed_slot_who_asked_for_the_artist_first(studio, waiting):
    record = studio.book(studio.mia, at(THURSDAY, 12), 3)
    result = studio.services.scheduling.cancel(studio.desk, record.id, "flu", version=record.version)
    assert [w.client_name for w in result.waitlist] == ["Cara Diaz", "Dev Rao"]
    assert result.waitlist[1].artist_name == "Any artist"


def test_a_move_offers_the_old_slot_and_a_resize_inside_it_offers_nothing(studio, waiting):
    record = studio.book(studio.leo, at(THURSDAY, 12), 3)
    resized = studio.services.scheduling.move(studio.desk, record.id, at(THURSDAY, 12), at(THURSDAY, 14),
                                              version=record.version)
    assert resized.waitlist == ()
    moved = studio.services.scheduling.move(studio.desk, record.id, at(THURSDAY + timedelta(days=1), 12),
                                            at(THURSDAY + timedelta(days=1), 14), version=resized.appointment.version)
    assert [w.client_name for w in moved.waitlist] == ["Dev Rao"]  # Cara waits for Mia


def test_booking_from_the_waitlist_makes_the_appointment_and_the_entry_stops_waiting(studio, waiting):
    entry = waiting["cara"]
    booked = studio.services.waitlist.book(studio.desk, entry.id, studio.mia.staff_id, at(THURSDAY, 12),
                                           at(THURSDAY, 13))
    assert (booked.client_name, booked.kind, booked.status, booked.notes) == (
        "Cara Diaz", Kind.TOUCH_UP, Status.BOOKED, "small fix on the wrist")
    assert entry.id not in [e.id for e in studio.services.waitlist.entries(studio.desk)]
    with pytest.raises(ValidationError, match="booked from the waitlist already"):
        studio.services.waitlist.book(studio.desk, entry.id, studio.mia.staff_id, at(THURSDAY, 15),
                                      at(THURSDAY, 16))


def test_a_waitlist_booking_that_clashes_changes_nothing(studio, waiting):
    studio.book(studio.mia, at(THURSDAY, 12), 3)
    with pytest.raises(Clash):
        studio.services.waitlist.book(studio.desk, waiting["cara"].id, studio.mia.staff_id, at(THURSDAY, 13),
                                      at(THURSDAY, 14))
    assert waiting["cara"].id in [e.id for e in studio.services.waitlist.entries(studio.desk)]


def test_a_window_that_ends_before_it_starts_or_has_passed_is_refused(studio):
    waitlist = studio.services.waitlist
    with pytest.raises(ValidationError, match="on or after the first"):
        waitlist.add(studio.desk, studio.ana_id, Kind.SESSION, MONDAY, MONDAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="passed already"):
        waitlist.add(studio.desk, studio.ana_id, Kind.SESSION, MONDAY - timedelta(days=9), MONDAY - timedelta(days=2))
    assert waitlist.entries(studio.desk) == ()


def test_artists_can_not_manage_the_waitlist(studio):
    from studio.services.common import PermissionDenied

    with pytest.raises(PermissionDenied):
        studio.services.waitlist.add(studio.mia, studio.ana_id, Kind.SESSION, MONDAY, MONDAY)
