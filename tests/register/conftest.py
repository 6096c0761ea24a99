"""Fixtures for the register tests: the scheduling tests' studio (Lisbon, Monday 16 March
2026 09:00, artists Mia and Leo, desk Dana, clients Ana and Ben), and a way to bring an
appointment to the desk finished."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio.services.register import CheckoutInput, Method, Payment
from studio.services.scheduling import Status
from tests.scheduling.conftest import MONDAY, Desk, at, studio

__all__ = ["MONDAY", "at", "studio"]  # the scheduling tests' fixture, shared


def finished(desk: Desk, appointment, actor=None):
    """Walk the appointment through check-in and the session to completed (the clock is
    moved to its start); returns the completed record."""
    actor = actor or desk.desk
    desk.clock.now = max(desk.clock.now, appointment.starts_at + timedelta(minutes=5))
    record = appointment
    for status in (Status.CHECKED_IN, Status.IN_PROGRESS, Status.COMPLETED):
        record = desk.services.scheduling.set_status(actor, record.id, status, version=record.version).appointment
    return record


def pay(price: int, *parts: tuple[Method, int], **more) -> CheckoutInput:
    return CheckoutInput(price_cents=price, payments=tuple(Payment(m, a) for m, a in parts), **more)


@pytest.fixture
def booked(studio):
    """Mia's two-hour session for Ana on Tuesday at noon, a 50 € deposit paid by card."""
    appointment = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2, price_cents=20000)
    studio.services.scheduling.record_deposit(studio.desk, appointment.id, 5000, "card")
    return appointment
