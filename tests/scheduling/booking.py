"""Booking for the tests of what scheduling feeds elsewhere (care, visits, calendar files,
search): the desk books, outside working hours allowed, so a test picks any time."""

from __future__ import annotations

from datetime import timedelta

from studio.services.scheduling import AppointmentInput, Kind


def book_any_time(studio, artist, start, *, client_id=None, hours=2, kind=Kind.SESSION, **more):
    data = AppointmentInput(client_id=client_id or studio.ana_id, artist_id=artist.staff_id, kind=kind,
                            starts_at=start, ends_at=start + timedelta(hours=hours), **more)
    return studio.services.scheduling.book(studio.desk, data, outside_hours_ok=True)
