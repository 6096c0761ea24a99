"""For random days of entries, the close-of-day report's totals and shares equal sums
computed here on their own, and the shares always add up to the sales."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.services.register import EntryInput, EntryKind, Method

KINDS = (EntryKind.SALE, EntryKind.TIP, EntryKind.EXPENSE, EntryKind.CASH_IN, EntryKind.CASH_OUT)
METHODS = (Method.CASH, Method.CARD, Method.TRANSFER, Method.OTHER)

entry = st.tuples(st.sampled_from(KINDS), st.sampled_from(METHODS), st.integers(1, 50_000),
                  st.sampled_from((None, "mia", "leo")), st.integers(0, 100))  # last: % of it refunded
day_of_entries = st.tuples(st.lists(entry, max_size=12), st.integers(0, 10000), st.integers(0, 10000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=day_of_entries)
def test_the_reports_totals_and_shares_equal_independent_sums(studio, day):
    rows, mia_rate, default_rate = day
    # Each example is a day of its own: the clock moves on, so the days never mix.
    studio.clock.advance(days=1)
    register = studio.services.register
    today = register.today()
    studio.services.commission.set_rate(studio.admin, studio.mia.staff_id, mia_rate, today)
    studio.services.commission.set_rate(studio.admin, None, default_rate, today)
    artists = {"mia": studio.mia.staff_id, "leo": studio.leo.staff_id, None: None}
    by_method: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    sales = {"mia": 0, "leo": 0, None: 0}
    tips = {"mia": 0, "leo": 0, None: 0}

    def add(kind, method, signed):
        by_method[method] = by_method.get(method, 0) + signed
        by_kind[kind] = by_kind.get(kind, 0) + signed

    for kind, method, amount, who, refunded in rows:
        if kind in (EntryKind.CASH_IN, EntryKind.CASH_OUT):
            method = Method.CASH
        entry = register.record(studio.desk, EntryInput(kind, method, amount, note="for the test",
                                                        artist_id=artists[who]))
        signed = -amount if kind.outgoing else amount
        add(kind, method, signed)
        target = sales if kind == EntryKind.SALE else tips if kind == EntryKind.TIP else None
        if target is not None:
            target[who] += amount
        back = amount * refunded // 100
        if back and kind in (EntryKind.SALE, EntryKind.TIP):
            register.refund(studio.desk, entry.id, back, "for the test")
            add(EntryKind.REFUND, method, -back)
            target[who] -= back

    report = register.day_report(studio.desk, today)
    assert report.by_method == by_method
    assert report.by_kind == by_kind
    assert report.cash_cents == by_method.get(Method.CASH, 0)
    rates = {"mia": mia_rate, "leo": default_rate}
    expected = {}
    for who in ("mia", "leo"):
        if sales[who] or tips[who] or any(r[3] == who and r[0] in (EntryKind.SALE, EntryKind.TIP) for r in rows):
            share = sales[who] * rates[who] // 10000
            expected[who] = (sales[who], tips[who], share, sales[who] - share)
    names = {studio.mia.staff_id: "mia", studio.leo.staff_id: "leo"}
    got = {names[s.artist_id]: (s.sales_cents, s.tips_cents, s.share_cents, s.studio_cents)
           for s in report.shares if s.artist_id is not None}
    assert got == expected
    for s in report.shares:
        assert s.share_cents + s.studio_cents == s.sales_cents
    studio.clock.advance(timedelta(hours=1))
