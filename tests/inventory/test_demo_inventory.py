"""`studio demo`'s stock: about forty items with lots and a year of movements tied to the
demo's completed sessions, on hand equal to the movements' sum, no lot used when it had
none left, before it came in or after it expired, a few items low, lots near expiry and
one expired, and a recall that finds the sessions a lot touched."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import select

from studio.models import Appointment, StockItem, StockLot, StockMovement
from studio.services.common.localtime import local_day
from studio.services.inventory import Category, Use
from studio.services.system.demo import DEMO_STEPS
from studio.services.system.demo_inventory import add_demo_inventory
from studio.services.system.demo_register import add_demo_register
from tests.support import DEMO_NOW

STEP_TEXT = "Adding the stock list and a year of its use…"
ZONE = "Europe/Lisbon"


@pytest.fixture(scope="module")
def demo(demo_studio):
    """The session's demo (tests/conftest.py), its stock rows read once for the module."""
    with demo_studio.services.db.unit_of_work(write=False) as uow:
        session = uow.session
        rows = dict(items=list(session.scalars(select(StockItem))), lots=list(session.scalars(select(StockLot))),
                    moves=list(session.scalars(select(StockMovement).order_by(StockMovement.at, StockMovement.id))),
                    appointments={a.id: a for a in session.scalars(select(Appointment))})
        session.expunge_all()
    return demo_studio, rows


def test_the_stock_is_a_demo_step_after_the_register():
    assert DEMO_STEPS.index(add_demo_inventory) > DEMO_STEPS.index(add_demo_register)


def test_the_stock_step_is_quick_and_fills_the_shelves(demo):
    studio, rows = demo
    seconds = studio.seconds[STEP_TEXT]
    assert seconds < 1, f"the demo's stock took {seconds:.2f} s"
    assert len(rows["items"]) >= 40
    assert {Category(i.category) for i in rows["items"]} == set(Category)
    assert sum(1 for i in rows["items"] if i.barcode) >= 10
    kinds = Counter(m.kind for m in rows["moves"])
    assert kinds["used"] > 2000 and kinds["received"] > 60
    assert kinds["wasted"] >= 3 and kinds["adjusted"] >= 3 and kinds["returned"] >= 1


def test_on_hand_is_the_sum_of_the_movements_and_never_went_below_zero(demo):
    studio, rows = demo
    assert studio.services.stock.discrepancies() == []
    item_level, lot_level = defaultdict(int), defaultdict(int)
    for m in rows["moves"]:  # in time order, as they happened
        item_level[m.item_id] += m.delta
        assert item_level[m.item_id] >= 0, f"item {m.item_id} went below zero at {m.at}"
        if m.lot_id is not None:
            lot_level[m.lot_id] += m.delta
            assert lot_level[m.lot_id] >= 0, f"lot {m.lot_id} went below zero at {m.at}"
    assert all(m.at <= DEMO_NOW for m in rows["moves"])


def test_every_use_is_of_a_completed_session_by_its_artist_after_the_lot_came_in_and_before_it_expired(demo):
    _studio, rows = demo
    lots = {lot.id: lot for lot in rows["lots"]}
    by_lot_items = {i.id for i in rows["items"] if i.by_lot}
    per_session = Counter()
    for m in rows["moves"]:
        if m.kind != "used":
            continue
        if m.lot_id is not None:
            lot = lots[m.lot_id]
            day = local_day(m.at, ZONE)
            assert lot.received_on <= day <= lot.expires_on, (lot.lot_number, day)
            assert not m.expired_use
        else:
            assert m.item_id not in by_lot_items
        if m.appointment_id is None:
            continue
        appointment = rows["appointments"][m.appointment_id]
        assert appointment.status == "completed" and appointment.kind != "consultation"
        assert m.at <= appointment.ends_at and m.staff_id == appointment.artist_id
        per_session[m.appointment_id] += 1
    assert len(per_session) > 500
    assert set(per_session.values()) <= {1, 2, 3, 4, 5} and min(Counter(per_session.values())) >= 1
    assert sum(per_session.values()) / len(per_session) >= 3


def test_artists_stay_on_the_lot_they_opened(demo):
    _studio, rows = demo
    switches = uses = 0
    last = {}
    for m in rows["moves"]:
        if m.kind == "used" and m.lot_id is not None:
            key = (m.staff_id, m.item_id)
            switches += key in last and last[key] != m.lot_id
            uses += 1
            last[key] = m.lot_id
    assert switches < uses / 10


def test_a_few_items_are_low_and_lots_expire_soon_or_have_expired(demo):
    studio, _rows = demo
    alerts = studio.services.inventory.alerts(studio.admin)
    assert 2 <= len(alerts.low) <= 8, [i.name for i in alerts.low]
    today = local_day(DEMO_NOW, ZONE)
    assert len(alerts.expiring) >= 2
    assert all(today <= lot.expires_on <= today + timedelta(days=30) and lot.on_hand > 0 for lot in alerts.expiring)
    assert len(alerts.expired) == 1
    expired = alerts.expired[0]
    assert expired.expires_on < today and 0 < expired.on_hand < expired.received_quantity


def test_a_recall_of_a_demo_lot_finds_its_sessions(demo):
    studio, rows = demo
    used = Counter(m.lot_id for m in rows["moves"] if m.kind == "used" and m.lot_id is not None)
    lot_id, _n = used.most_common(1)[0]
    sessions = {m.appointment_id for m in rows["moves"] if m.lot_id == lot_id and m.kind == "used"}
    hits = studio.services.recall.recall(studio.admin, lot_id=lot_id)
    assert {h.appointment_id for h in hits} == sessions
    assert all(h.client_name and h.artist_name for h in hits)
    item_id = next(lot.item_id for lot in rows["lots"] if lot.id == lot_id)
    today = local_day(DEMO_NOW, ZONE)
    quarter = studio.services.recall.recall(studio.admin, item_id=item_id, first=today - timedelta(days=90),
                                            last=today)
    assert quarter and all(h.starts_at >= DEMO_NOW - timedelta(days=92) for h in quarter)


def test_the_stock_goes_on_from_the_demo(demo):
    """A session the demo left completed can record its use through the service, from the
    lot the artist has open, and the totals still add up."""
    studio, rows = demo
    used = [m for m in rows["moves"] if m.kind == "used" and m.lot_id is not None]
    lots = {lot.id: lot for lot in rows["lots"]}
    last = next(m for m in reversed(used) if lots[m.lot_id].on_hand > 0)
    picked = studio.services.stock.lots_for(studio.admin, last.item_id, artist_id=last.staff_id)
    assert picked[0].id == last.lot_id
    studio.services.stock.use(studio.admin, (Use(last.item_id, 1, last.lot_id),), appointment_id=last.appointment_id)
    assert studio.services.stock.discrepancies() == []
