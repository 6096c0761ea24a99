"""Booking: what a booking is checked for, and what it refuses with which sentence."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta

import pytest

from studio.services.common import Conflict, NotFound, PermissionDenied, Role, ValidationError
from studio.services.scheduling import AppointmentInput, Clash, Kind, OutsideHours, Status
from tests.scheduling.conftest import LISBON, MONDAY, at
from tests.support import row_counts

TUESDAY = MONDAY + timedelta(days=1)


def test_a_booking_is_stored_with_its_piece_and_who_made_it(studio):
    record = studio.book(studio.mia, at(TUESDAY, 14), 3, description="Rose", placement="Forearm", size="10 cm",
                         flash=True, price_cents=25000, notes="bring the stencil")
    again = studio.services.scheduling.appointment(studio.desk, record.id)
    assert again == record
    assert (again.client_name, again.artist_name, again.artist_color) == ("Ana Lima", "Mia", "#E11D48")
    assert (again.description, again.placement, again.size, again.flash) == ("Rose", "Forearm", "10 cm", True)
    assert again.starts_at == datetime(2026, 3, 17, 14, tzinfo=UTC) and again.minutes == 180
    assert again.status == Status.BOOKED and again.updated_by_name == "Dana Desk"
    assert not again.outside_hours and not again.back_office


def test_touching_appointments_are_fine_and_an_overlap_is_refused_naming_the_clash(studio):
    studio.book(studio.mia, at(TUESDAY, 14), 3, client_id=studio.ben_id)
    studio.book(studio.mia, at(TUESDAY, 12), 2)  # ends at 14:00 exactly
    studio.book(studio.mia, at(TUESDAY, 17), 2)  # starts at 17:00 exactly
    before = row_counts(studio.services)
    with pytest.raises(Clash) as refused:
        studio.book(studio.mia, at(TUESDAY, 16, 30), 1)
    assert refused.value.message == "Mia is with Ben Park 14:00\u201317:00."
    assert refused.value.field == "starts_at"
    assert row_counts(studio.services) == before
    # Another artist at the same time is fine.
    studio.book(studio.leo, at(TUESDAY, 15), 1)


def test_a_clash_across_midnight_is_found_and_names_its_day(studio):
    late = at(TUESDAY, 22)
    studio.services.scheduling.book(studio.desk, AppointmentInput(
        studio.ben_id, studio.mia.staff_id, Kind.SESSION, late, late + timedelta(hours=4)), outside_hours_ok=True)
    with pytest.raises(Clash) as refused:
        studio.services.scheduling.book(studio.desk, AppointmentInput(
            studio.ana_id, studio.mia.staff_id, Kind.SESSION, at(TUESDAY + timedelta(days=1), 1),
            at(TUESDAY + timedelta(days=1), 3)), outside_hours_ok=True)
    assert refused.value.message == "Mia is with Ben Park 17 Mar 2026, 22:00\u201318 Mar 2026, 02:00."


@pytest.mark.parametrize("day, hour", [
    (datetime(2026, 3, 29).date(), 0),    # Lisbon springs forward 01:00 → 02:00
    (datetime(2026, 10, 25).date(), 0),   # and falls back 02:00 → 01:00
])
def test_clashes_hold_across_both_daylight_saving_changes(studio, day, hour):
    start = at(day, hour).astimezone(UTC)  # an hour of real time is an hour in UTC
    first = studio.services.scheduling.book(studio.desk, AppointmentInput(
        studio.ben_id, studio.mia.staff_id, Kind.SESSION, start, start + timedelta(hours=3)), outside_hours_ok=True)
    assert first.minutes == 180  # real time, whatever the wall clock did
    with pytest.raises(Clash):
        studio.services.scheduling.book(studio.desk, AppointmentInput(
            studio.ana_id, studio.mia.staff_id, Kind.SESSION, first.ends_at - timedelta(minutes=15),
            first.ends_at + timedelta(hours=1)), outside_hours_ok=True)
    # Right after it, in real time, is free.
    studio.services.scheduling.book(studio.desk, AppointmentInput(
        studio.ana_id, studio.mia.staff_id, Kind.SESSION, first.ends_at, first.ends_at + timedelta(hours=1)),
        outside_hours_ok=True)


def test_requests_do_not_hold_the_slot_until_they_are_booked(studio):
    studio.book(studio.mia, at(TUESDAY, 14), 2, client_id=studio.ben_id)
    request = studio.book(studio.mia, at(TUESDAY, 14), 2, status=Status.REQUESTED)
    with pytest.raises(Clash):
        studio.services.scheduling.set_status(studio.desk, request.id, Status.BOOKED, version=request.version)
    assert studio.services.scheduling.appointment(studio.desk, request.id).status == Status.REQUESTED


def test_outside_the_artist_hours_asks_first_and_is_flagged_when_confirmed(studio):
    monday_noon = at(MONDAY, 12)  # the studio is closed on Mondays by default
    with pytest.raises(OutsideHours) as asked:
        studio.book(studio.mia, monday_noon, 1)
    assert "outside Mia's working hours" in asked.value.message
    record = studio.services.scheduling.book(studio.desk, AppointmentInput(
        studio.ana_id, studio.mia.staff_id, Kind.SESSION, monday_noon, monday_noon + timedelta(hours=1)),
        outside_hours_ok=True)
    assert record.outside_hours
    # A break (the gap between two stretches of a day) is outside the hours too.
    day = ((time(11), time(15)), (time(15, 30), time(19)))
    studio.services.hours.set_hours(studio.desk, ((), day, day, day, day, day, ()), artist_id=studio.mia.staff_id)
    with pytest.raises(OutsideHours):
        studio.book(studio.mia, at(TUESDAY, 14, 30), 1)
    studio.book(studio.leo, at(TUESDAY, 14, 30), 1)  # Leo keeps the studio's hours


def test_time_off_and_closed_days_count_as_outside_hours(studio):
    wednesday = TUESDAY + timedelta(days=1)
    studio.services.hours.add_time_off(studio.desk, wednesday, wednesday, artist_id=studio.mia.staff_id,
                                       reason="Convention")
    with pytest.raises(OutsideHours):
        studio.book(studio.mia, at(wednesday, 12), 1)
    studio.book(studio.leo, at(wednesday, 12), 1)
    studio.services.hours.add_time_off(studio.desk, TUESDAY, TUESDAY, reason="Holiday")
    with pytest.raises(OutsideHours):
        studio.book(studio.leo, at(TUESDAY, 12), 1)
    week = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6))
    assert week.closed == {TUESDAY: "Holiday"}
    assert week.hours[(studio.mia.staff_id, wednesday)] == ()
    assert week.hours[(studio.leo.staff_id, wednesday)] != ()


@pytest.mark.parametrize("length, sentence", [
    (timedelta(0), "The appointment must end after it starts."),
    (timedelta(hours=-1), "The appointment must end after it starts."),
    (timedelta(hours=12, minutes=15), "An appointment can last at most 12 hours; book a second session for the rest."),
])
def test_an_impossible_length_is_refused(studio, length, sentence):
    start = at(TUESDAY, 12)
    before = row_counts(studio.services)
    with pytest.raises(ValidationError) as refused:
        studio.services.scheduling.book(studio.desk, AppointmentInput(
            studio.ana_id, studio.mia.staff_id, Kind.SESSION, start, start + length))
    assert refused.value.message == sentence
    assert row_counts(studio.services) == before


def test_an_inactive_artist_a_non_artist_and_an_erased_client_are_refused(studio, make_staff):
    services = studio.services
    with pytest.raises(ValidationError, match="Dana Desk is not an artist"):
        studio.book(studio.desk)
    services.staff.set_active(studio.admin, studio.leo.staff_id, False)
    with pytest.raises(ValidationError, match="Leo is no longer active"):
        studio.book(studio.leo)
    services.client_rights.erase_client(studio.admin, studio.ben_id, "Ben Park")
    with pytest.raises(NotFound, match="That client no longer exists"):
        studio.book(studio.mia, client_id=studio.ben_id)


def test_only_an_admin_enters_a_past_appointment_and_it_is_flagged_as_back_office(studio):
    friday = MONDAY - timedelta(days=3)
    with pytest.raises(ValidationError, match="Only an admin can enter an appointment in the past"):
        studio.book(studio.mia, at(friday, 12), 2)
    record = studio.book(studio.mia, at(friday, 12), 2, actor=studio.admin)
    assert record.back_office


def test_artists_book_and_change_only_their_own_appointments(studio):
    own = studio.book(studio.mia, at(TUESDAY, 12), 2, actor=studio.mia)
    assert own.artist_id == studio.mia.staff_id
    with pytest.raises(PermissionDenied, match="only their own"):
        studio.book(studio.leo, at(TUESDAY, 12), 2, actor=studio.mia)
    theirs = studio.book(studio.leo, at(TUESDAY, 16), 2)
    with pytest.raises(PermissionDenied):
        studio.services.scheduling.move(studio.mia, theirs.id, at(TUESDAY, 17), at(TUESDAY, 19),
                                        version=theirs.version)


def test_an_artist_sees_colleagues_appointments_as_busy_time_only(studio):
    studio.book(studio.mia, at(TUESDAY, 12), 2, description="Koi", notes="allergic to latex gloves")
    studio.book(studio.leo, at(TUESDAY, 12), 2, client_id=studio.ben_id, description="Dagger")
    week = studio.services.scheduling.calendar(studio.leo, MONDAY, MONDAY + timedelta(days=6))
    theirs = next(a for a in week.appointments if a.artist_id == studio.mia.staff_id)
    own = next(a for a in week.appointments if a.artist_id == studio.leo.staff_id)
    assert theirs.busy_only and (theirs.client_name, theirs.description, theirs.notes) == ("", "", "")
    assert theirs.client_id is None
    assert not own.busy_only and own.client_name == "Ben Park" and own.description == "Dagger"
    desk_view = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6))
    assert not any(a.busy_only for a in desk_view.appointments)


def test_two_windows_moving_one_appointment_the_second_is_refused_with_who_and_when(studio):
    record = studio.book(studio.mia, at(TUESDAY, 12), 2)
    studio.clock.advance(minutes=5)
    studio.services.scheduling.move(studio.admin, record.id, at(TUESDAY, 16), at(TUESDAY, 18), version=record.version)
    with pytest.raises(Conflict) as refused:
        studio.services.scheduling.move(studio.desk, record.id, at(TUESDAY, 17), at(TUESDAY, 19),
                                        version=record.version)
    assert refused.value.message == (f"This appointment was changed by {studio.admin.name} at 09:05 — it now "
                                     "shows their change; nothing was saved.")
    assert studio.services.scheduling.appointment(studio.desk, record.id).starts_at == at(TUESDAY, 16)


def test_a_move_is_checked_like_a_booking_and_a_refused_one_changes_nothing(studio):
    studio.book(studio.leo, at(TUESDAY, 14), 2, client_id=studio.ben_id)
    record = studio.book(studio.mia, at(TUESDAY, 14), 2)
    with pytest.raises(Clash, match="Leo is with Ben Park"):
        studio.services.scheduling.move(studio.desk, record.id, at(TUESDAY, 14), at(TUESDAY, 16),
                                        version=record.version, artist_id=studio.leo.staff_id)
    assert studio.services.scheduling.appointment(studio.desk, record.id) == record
    moved = studio.services.scheduling.move(studio.desk, record.id, at(TUESDAY, 16), at(TUESDAY, 19),
                                            version=record.version, artist_id=studio.leo.staff_id).appointment
    assert (moved.artist_id, moved.starts_at, moved.minutes) == (studio.leo.staff_id, at(TUESDAY, 16), 180)


def test_the_week_range_holds_what_touches_it_and_nothing_else(studio):
    sunday_before = MONDAY - timedelta(days=1)
    next_monday = MONDAY + timedelta(days=7)
    late = studio.services.scheduling.book(studio.admin, AppointmentInput(
        studio.ana_id, studio.mia.staff_id, Kind.SESSION, at(sunday_before, 22), at(MONDAY, 1)), outside_hours_ok=True)
    inside = studio.book(studio.mia, at(TUESDAY, 12), 2)
    studio.services.scheduling.book(studio.desk, AppointmentInput(
        studio.ben_id, studio.leo.staff_id, Kind.SESSION, at(next_monday, 0), at(next_monday, 2)), outside_hours_ok=True)
    cancelled = studio.book(studio.leo, at(TUESDAY, 16), 1, client_id=studio.ben_id)
    studio.services.scheduling.cancel(studio.desk, cancelled.id, "flu", version=cancelled.version)
    week = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6))
    assert [a.id for a in week.appointments] == [late.id, inside.id]
    with_cancelled = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6),
                                                         include_cancelled=True)
    assert cancelled.id in [a.id for a in with_cancelled.appointments]
    only_leo = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6),
                                                   artist_ids=(studio.leo.staff_id,))
    assert only_leo.appointments == () and [a.name for a in only_leo.artists] == ["Leo"]


def test_a_range_of_more_than_62_days_is_refused(studio):
    with pytest.raises(ValidationError, match="at most 62 days"):
        studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=62))


def test_every_change_is_audited(studio):
    record = studio.book(studio.mia, at(TUESDAY, 12), 2)
    record = studio.services.scheduling.move(studio.desk, record.id, at(TUESDAY, 16), at(TUESDAY, 18),
                                             version=record.version).appointment
    record = studio.services.scheduling.set_status(studio.desk, record.id, Status.CONFIRMED,
                                                   version=record.version).appointment
    studio.services.scheduling.cancel(studio.desk, record.id, "moved abroad", version=record.version)
    actions = [e.action for e in studio.services.audit.events(studio.admin)][:4]
    assert actions == ["appointment.cancelled", "appointment.status", "appointment.moved", "appointment.booked"]
    assert all(e.subject == "Ana Lima" for e in studio.services.audit.events(studio.admin)[:4])


def test_the_desk_role_books_and_the_permission_matrix_says_so(studio):
    from studio.services.common import Permission, can

    assert can(Role.FRONT_DESK, Permission.BOOK_APPOINTMENTS)
    assert not can(Role.FRONT_DESK, Permission.BOOK_IN_PAST)
    assert can(Role.ARTIST, Permission.VIEW_CALENDAR)
    assert not can(Role.ARTIST, Permission.RECORD_DEPOSITS)


def test_times_are_kept_to_the_minute_in_utc(studio):
    start = datetime(2026, 3, 17, 12, 0, 42, 123, tzinfo=LISBON)
    record = studio.book(studio.mia, start, 1)
    assert record.starts_at == datetime(2026, 3, 17, 12, tzinfo=UTC) and record.starts_at.tzinfo is UTC


def test_two_desks_booking_one_artist_at_once_make_one_booking(studio):
    barrier = threading.Barrier(8)

    def attempt(n):
        barrier.wait(timeout=10)
        try:
            return studio.book(studio.mia, at(TUESDAY, 12, 15 * (n % 2)), 2,
                               client_id=studio.ana_id if n % 2 else studio.ben_id).id
        except Clash:
            return None

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(8), timeout=60))
    assert len([r for r in results if r is not None]) == 1
    week = studio.services.scheduling.calendar(studio.desk, MONDAY, MONDAY + timedelta(days=6))
    assert len(week.appointments) == 1
