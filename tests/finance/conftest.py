"""Fixtures for the finance tests: the register tests' studio (Lisbon, from Monday 16 March
2026) with a small month worked through the real services — a checkout and its tip, an
expense, a voucher sold and later redeemed, a deposit forfeited by a no-show, a refund, and
sales either side of midnight after the DST change of Sunday 29 March."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from studio.services.register import EntryInput, EntryKind, Method
from studio.services.scheduling import Status
from tests.register.conftest import MONDAY, at, finished, pay, studio

__all__ = ["MONDAY", "at", "studio", "month"]

TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
DST_SUNDAY = date(2026, 3, 29)  # Lisbon: 01:00 → 02:00, UTC+0 → UTC+1


@dataclass
class Month:
    studio: object
    mia_sale_id: int
    leo_appointment_id: int


@pytest.fixture
def month(studio) -> Month:
    s, desk = studio.services, studio.desk
    # Monday: Mia's walk-in (100 € + 10 € tip, cash), an expense of 20 €, a 50 € voucher sold by card,
    # and a 50 € card deposit for Mia's Tuesday booking.
    s.checkout.checkout(desk, pay(10000, (Method.CASH, 11000), artist_id=studio.mia.staff_id, tip_cents=1000,
                                  tip_method=Method.CASH))
    s.register.record(desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 2000, note="Needles"))
    voucher = s.vouchers.sell(desk, 5000, Method.CARD, for_name="Ben")
    booked = studio.book(studio.mia, at(TUESDAY, 12), 2, price_cents=20000)
    s.scheduling.record_deposit(desk, booked.id, 5000, "card")
    leo_booked = studio.book(studio.leo, at(WEDNESDAY, 12), 2, client_id=studio.ben_id, price_cents=8000)
    # Tuesday: Ana does not come; the deposit is kept.
    studio.clock.now = at(TUESDAY, 12, 40)
    current = s.scheduling.appointment(desk, booked.id)
    s.scheduling.set_status(desk, booked.id, Status.NO_SHOW, version=current.version)
    # Wednesday: Leo's session for Ben, 80 € (50 € of it by the voucher, 30 € cash); 20 € of Mia's sale refunded.
    done = finished(studio, leo_booked)
    studio.clock.now = at(WEDNESDAY, 14, 30)
    s.checkout.checkout(desk, pay(8000, (Method.CASH, 3000), appointment_id=done.id,
                                  voucher_code=voucher.code, voucher_cents=5000))
    mia_sale = s.register.day(desk, MONDAY, kind=EntryKind.SALE).entries[0]
    s.register.refund(desk, mia_sale.id, 2000, "Smaller piece than quoted")
    # The DST Sunday late evening (local day 29) and Monday 00:30 (still the 29th in UTC).
    studio.clock.now = at(DST_SUNDAY, 23, 30)
    s.register.record(desk, EntryInput(EntryKind.SALE, Method.CASH, 4000, artist_id=studio.leo.staff_id))
    studio.clock.now = at(DST_SUNDAY + timedelta(days=1), 0, 30)
    s.register.record(desk, EntryInput(EntryKind.SALE, Method.CARD, 1500, artist_id=studio.leo.staff_id))
    return Month(studio, mia_sale.id, leo_booked.id)
