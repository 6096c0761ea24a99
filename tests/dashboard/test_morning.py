"""The morning view's figures against hand-computed ones: today's takings by method (a
deposit applied or kept counts once, a voucher redeemed and an expense not at all), this week
and month against last year, the deposits awaiting, the no-show rate, and an artist seeing
only their own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from studio.services.common import PermissionDenied
from studio.services.register import EntryInput, EntryKind, Method
from studio.services.scheduling import Kind, Status
from tests.register.conftest import finished, pay
from tests.scheduling.booking import book_any_time
from tests.scheduling.conftest import MONDAY, at

TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def sale(studio, when, cents, method=Method.CASH, artist=None):
    studio.clock.now = when
    studio.services.register.record(studio.desk, EntryInput(EntryKind.SALE, method, cents,
                                                            artist_id=artist.staff_id if artist else None))


def test_todays_takings_by_method_net_of_refunds_and_without_the_drawer_moves(studio):
    s, desk = studio.services, studio.desk
    sale(studio, at(MONDAY - timedelta(days=1), 18), 9900)  # yesterday: not today's
    studio.clock.now = at(MONDAY, 10)
    # Mia's walk-in, 100 € and a 10 € tip in cash; 20 € of it refunded (cash).
    s.checkout.checkout(desk, pay(10000, (Method.CASH, 11000), artist_id=studio.mia.staff_id, tip_cents=1000,
                                  tip_method=Method.CASH))
    s.register.refund(desk, s.register.day(desk, MONDAY, kind=EntryKind.SALE).entries[0].id, 2000, "Smaller piece")
    s.register.record(desk, EntryInput(EntryKind.EXPENSE, Method.CASH, 2000, note="Needles"))  # the drawer's, not takings
    s.register.record(desk, EntryInput(EntryKind.CASH_IN, Method.CASH, 5000, note="Float"))
    s.vouchers.sell(desk, 5000, Method.CARD, for_name="Ben")
    booked = studio.book(studio.mia, at(TUESDAY, 12), 2, price_cents=20000)
    s.scheduling.record_deposit(desk, booked.id, 5000, "card")  # Mia's booking: her deposit
    sale(studio, at(MONDAY, 16), 3000, Method.TRANSFER, studio.leo)

    today = s.overview.takings(desk)
    assert today.day == MONDAY and today.artist_id is None
    assert today.by_method == ((Method.CASH, 9000), (Method.CARD, 10000), (Method.TRANSFER, 3000))
    assert today.total_cents == 22000
    assert s.overview.takings(studio.admin).total_cents == 22000
    mia = s.overview.takings(studio.mia)
    assert mia.artist_id == studio.mia.staff_id
    assert mia.by_method == ((Method.CASH, 9000), (Method.CARD, 5000))  # her sale, tip, refund; her deposit
    assert s.overview.takings(studio.leo).by_method == ((Method.TRANSFER, 3000),)

    # Tuesday: the deposit is applied at the checkout (a pair by card that nets to nothing), the
    # rest paid by card: only the 150 € is Tuesday's takings.
    done = finished(studio, booked)
    s.checkout.checkout(desk, pay(20000, (Method.CARD, 15000), appointment_id=done.id))
    assert s.overview.takings(desk).by_method == ((Method.CARD, 15000),)


def test_week_and_month_against_the_same_spans_last_year(studio):
    s = studio.services
    wednesday_last_year = date(2025, 3, 19)  # 364 days before Wednesday 18 March 2026
    sale(studio, at(date(2025, 3, 16), 12), 3000)  # in last year's month (1–18), before its week (17–19)
    sale(studio, at(wednesday_last_year, 12), 4000, artist=studio.mia)  # in last year's week, after its month's 18th
    sale(studio, at(date(2025, 3, 20), 12), 7000)  # after both
    sale(studio, at(date(2025, 2, 28), 12), 6500)  # the month before
    sale(studio, at(date(2026, 3, 2), 12), 10000)  # this month, before this week
    sale(studio, at(date(2026, 3, 17), 12), 5000, Method.CARD, studio.mia)  # this week
    studio.clock.now = at(WEDNESDAY, 18)

    compared = s.overview.takings_compared(studio.admin)
    week, month = compared.week, compared.month
    assert (week.first, week.last, week.last_year_first, week.last_year_last) == (
        MONDAY, WEDNESDAY, date(2025, 3, 17), wednesday_last_year)
    assert (week.cents, week.last_year_cents, week.change) == (5000, 4000, 0.25)
    assert (month.first, month.last, month.last_year_first, month.last_year_last) == (
        date(2026, 3, 1), WEDNESDAY, date(2025, 3, 1), date(2025, 3, 18))
    assert (month.cents, month.last_year_cents) == (15000, 3000)

    mine = s.overview.takings_compared(studio.mia)
    assert mine.artist_id == studio.mia.staff_id
    assert (mine.week.cents, mine.week.last_year_cents, mine.month.cents, mine.month.last_year_cents) == (
        5000, 4000, 5000, 0)
    leo = s.overview.takings_compared(studio.leo)
    assert (leo.week.cents, leo.week.last_year_cents, leo.week.change) == (0, 0, None)
    with pytest.raises(PermissionDenied, match="front desk"):
        s.overview.takings_compared(studio.desk)  # the studio's year on year is the finance page's


def test_a_29_february_is_compared_with_the_28th(studio):
    sale(studio, at(date(2027, 2, 28), 12), 1200)
    sale(studio, at(date(2028, 2, 29), 12), 2500)
    month = studio.services.overview.takings_compared(studio.admin).month
    assert (month.last, month.last_year_last, month.cents, month.last_year_cents) == (
        date(2028, 2, 29), date(2027, 2, 28), 2500, 1200)


def test_deposits_awaiting_count_the_bookings_ahead_once_each(studio):
    s, desk = studio.services, studio.desk
    first = book_any_time(studio, studio.mia, at(TUESDAY, 12), hours=2, price_cents=20000)  # 50 € asked, none paid
    held = book_any_time(studio, studio.leo, at(WEDNESDAY, 12), hours=2, client_id=studio.ben_id)
    s.scheduling.record_deposit(desk, held.id, 7000, "cash")
    book_any_time(studio, studio.mia, at(MONDAY + timedelta(days=3), 12), hours=1, kind=Kind.CONSULTATION)  # none asked
    request = book_any_time(studio, studio.leo, at(MONDAY + timedelta(days=4), 12), hours=2, client_id=studio.ben_id,
                            status=Status.REQUESTED)
    gone = book_any_time(studio, studio.mia, at(MONDAY + timedelta(days=7), 12), hours=2)
    s.scheduling.cancel(desk, gone.id, "Client moved", version=gone.version)
    project = s.projects.create(desk, studio.ana_id, "Back piece", quote_cents=90000)
    for day in (8, 15):  # two sessions of one project, no deposit yet: one booking awaiting
        book_any_time(studio, studio.mia, at(MONDAY + timedelta(days=day), 12), hours=3, project_id=project.id)
    past = book_any_time(studio, studio.leo, at(MONDAY, 10), hours=1)  # starts in an hour…
    studio.clock.now = at(MONDAY, 10, 30)  # …and has started: not ahead any more
    assert past.deposit.value == "awaiting"

    ahead = s.overview.deposits_awaiting(desk)
    assert (ahead.count, ahead.amount_cents, ahead.held_count, ahead.held_cents) == (3, 15000, 1, 7000)
    assert [(d.appointment_id, d.client_name, d.artist_name, d.amount_cents) for d in ahead.soonest] == [
        (first.id, "Ana Lima", "Mia", 5000), (request.id, "Ben Park", "Leo", 5000),
        (ahead.soonest[2].appointment_id, "Ana Lima", "Mia", 5000)]
    assert ahead.soonest[0].starts_at == at(TUESDAY, 12)
    mia = s.overview.deposits_awaiting(studio.mia)
    assert (mia.count, mia.amount_cents, mia.held_count, mia.held_cents) == (2, 10000, 0, 0)
    leo = s.overview.deposits_awaiting(studio.leo)
    assert (leo.count, leo.amount_cents, leo.held_count, leo.held_cents) == (1, 5000, 1, 7000)

    # A policy of 20 % of the quote: the appointment's price, the project's quote, else the flat 50 €.
    s.hours.set_policy(studio.admin, replace(s.hours.policy(studio.admin), deposit_percent=20))
    ahead = s.overview.deposits_awaiting(desk)
    assert (ahead.count, ahead.amount_cents) == (3, 4000 + 5000 + 18000)
    assert [d.amount_cents for d in ahead.soonest] == [4000, 5000, 18000]


def test_no_show_rate_over_the_appointments_whose_outcome_is_known(studio):
    s, desk = studio.services, studio.desk
    studio.clock.now = at(date(2025, 12, 1), 9)
    old = book_any_time(studio, studio.mia, at(date(2025, 12, 10), 12))  # more than 90 days before the end
    studio.clock.now = at(date(2025, 12, 10), 13)
    s.scheduling.set_status(desk, old.id, Status.NO_SHOW, version=old.version)
    studio.clock.now = at(MONDAY, 9)
    missed = studio.book(studio.mia, at(TUESDAY, 12), 2)
    came = studio.book(studio.mia, at(WEDNESDAY, 12), 2)
    here = studio.book(studio.leo, at(MONDAY + timedelta(days=3), 12), 2, client_id=studio.ben_id)
    studio.book(studio.mia, at(MONDAY + timedelta(days=4), 12), 2)  # never marked: says nothing
    called_off = studio.book(studio.leo, at(TUESDAY, 15), 2, client_id=studio.ben_id)
    s.scheduling.cancel(desk, called_off.id, "Ill", version=called_off.version)
    studio.clock.now = at(TUESDAY, 12, 45)
    s.scheduling.set_status(desk, missed.id, Status.NO_SHOW, version=missed.version)
    finished(studio, came)
    studio.clock.now = at(MONDAY + timedelta(days=3), 12, 5)
    s.scheduling.set_status(desk, here.id, Status.CHECKED_IN, version=here.version)
    studio.clock.now = at(MONDAY + timedelta(days=5), 12)  # Saturday: 90 days back is 21 December

    rate = s.overview.no_show_rate(desk)
    assert (rate.days, rate.no_shows, rate.due) == (90, 1, 3)
    assert rate.rate == pytest.approx(1 / 3)
    assert s.overview.no_show_rate(desk, days=120).no_shows == 2  # the December one too
    mia = s.overview.no_show_rate(studio.mia)
    assert (mia.no_shows, mia.due) == (1, 2)
    leo = s.overview.no_show_rate(studio.leo)
    assert (leo.no_shows, leo.due, leo.rate) == (0, 1, 0.0)
    assert s.overview.no_show_rate(studio.admin, days=1).rate is None  # nothing due yesterday: no rate
