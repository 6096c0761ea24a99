"""Stock: items, deliveries by lot, a session's use, waste, adjustments and stock-takes,
the alerts, the barcode lookup, and on hand kept equal to the sum of the movements."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from studio.services.common import PermissionDenied, ValidationError
from studio.services.inventory import Category, Counted, Delivery, ExpiredLot, ItemInput, MovementKind, Use
from tests.inventory.conftest import MONDAY, at, finished

TUESDAY = MONDAY + timedelta(days=1)


def _on_hand(studio, item_id):
    return studio.services.inventory.item(studio.desk, item_id).item.on_hand


def test_a_delivery_makes_lots_and_on_hand_is_the_sum_of_movements(stock):
    studio = stock.desk
    detail = studio.services.inventory.item(studio.desk, stock.black)
    assert detail.item.on_hand == 15
    assert [(lot.lot_number, lot.on_hand) for lot in detail.lots] == [("B-200", 5), ("A-100", 10)]  # soonest first
    assert [(m.kind, m.delta, m.lot_number) for m in detail.movements] == [
        (MovementKind.RECEIVED, 5, "B-200"), (MovementKind.RECEIVED, 10, "A-100")]
    assert studio.services.stock.discrepancies() == []


@pytest.mark.parametrize(("line", "says"), [
    (lambda s: Delivery(s.black, 3, "A-100"), "was received already"),
    (lambda s: Delivery(s.black, 3, ""), "lot number"),
    (lambda s: Delivery(s.black, -3, "C-1"), "above zero"),
    (lambda s: Delivery(s.black, 3, "C-1", MONDAY - timedelta(days=1)), "before the day it is received"),
    (lambda s: Delivery(s.gloves, 3, "G-1"), "not stocked by lot"),
])
def test_bad_delivery_lines_get_a_sentence_and_change_nothing(stock, line, says):
    studio = stock.desk
    with pytest.raises(ValidationError, match=says):
        studio.services.stock.receive(studio.desk, (Delivery(stock.gloves, 2), line(stock)))
    assert (_on_hand(studio, stock.black), _on_hand(studio, stock.gloves)) == (15, 8)


def test_a_session_records_its_use_from_lots_and_the_artist_may_for_their_own_only(stock):
    studio = stock.desk
    appointment = studio.book(studio.mia, at(TUESDAY, 12), 2)
    with pytest.raises(ValidationError, match="once the session has started"):
        studio.services.stock.use(studio.mia, (Use(stock.black, 1, stock.lot_a),), appointment_id=appointment.id)
    done = finished(studio, appointment)
    with pytest.raises(PermissionDenied, match="your own appointments"):
        studio.services.stock.use(studio.leo, (Use(stock.black, 1, stock.lot_a),), appointment_id=done.id)
    with pytest.raises(ValidationError, match="Choose which lot"):
        studio.services.stock.use(studio.mia, (Use(stock.black, 1),), appointment_id=done.id)
    used = studio.services.stock.use(studio.mia, (Use(stock.black, 2, stock.lot_a), Use(stock.gloves, 1)),
                                     appointment_id=done.id)
    assert [(m.kind, m.delta, m.lot_number, m.appointment_id) for m in used] == [
        (MovementKind.USED, -2, "A-100", done.id), (MovementKind.USED, -1, "", done.id)]
    assert (_on_hand(studio, stock.black), _on_hand(studio, stock.gloves)) == (13, 7)
    # The artist's last lot comes first next time, before the one expiring soonest.
    assert [lot.lot_number for lot in studio.services.stock.lots_for(studio.mia, stock.black,
                                                                     artist_id=studio.mia.staff_id)] == ["A-100", "B-200"]
    assert [lot.lot_number for lot in studio.services.stock.lots_for(studio.leo, stock.black,
                                                                     artist_id=studio.leo.staff_id)] == ["B-200", "A-100"]
    with pytest.raises(PermissionDenied):
        studio.services.stock.use(studio.mia, (Use(stock.gloves, 1),))  # outside a session: the desk's


def test_using_more_than_is_left_says_how_many_are_left_and_changes_nothing(stock):
    studio = stock.desk
    with pytest.raises(ValidationError, match="Only 5 of Black ink are left in lot B-200."):
        studio.services.stock.use(studio.desk, (Use(stock.gloves, 1), Use(stock.black, 6, stock.lot_b)))
    assert (_on_hand(studio, stock.black), _on_hand(studio, stock.gloves)) == (15, 8)
    assert studio.services.stock.discrepancies() == []


def test_an_expired_lot_asks_first_and_is_recorded_as_used_expired(stock):
    studio = stock.desk
    studio.clock.now = at(MONDAY + timedelta(days=21), 10)
    with pytest.raises(ExpiredLot, match="Lot B-200 of Black ink expired on"):
        studio.services.stock.use(studio.desk, (Use(stock.black, 1, stock.lot_b),))
    (move,) = studio.services.stock.use(studio.desk, (Use(stock.black, 1, stock.lot_b),), allow_expired=True)
    assert move.expired_use


def test_waste_returns_and_adjustments_move_stock_with_a_reason(stock):
    studio = stock.desk
    moves = studio.services.stock
    moves.waste(studio.desk, stock.black, 1, "Dropped", lot_id=stock.lot_a)
    moves.waste(studio.desk, stock.gloves, 2, "Wrong size", returned=True)
    fix = moves.adjust(studio.desk, stock.gloves, 5, "Counted the shelf")
    assert (fix.kind, fix.delta) == (MovementKind.ADJUSTED, -1)
    with pytest.raises(ValidationError, match="already has 5 on hand"):
        moves.adjust(studio.desk, stock.gloves, 5, "again")
    with pytest.raises(ValidationError):
        moves.waste(studio.desk, stock.gloves, 1, "  ")
    with pytest.raises(PermissionDenied):
        moves.waste(studio.mia, stock.gloves, 1, "mine")
    assert (_on_hand(studio, stock.black), _on_hand(studio, stock.gloves)) == (14, 5)
    assert moves.discrepancies() == []


def test_a_stock_take_writes_an_adjustment_for_each_line_that_differs(stock):
    studio = stock.desk
    result = studio.services.stock.stock_take(studio.desk, Category.INK, (
        Counted(stock.black, 9, stock.lot_a), Counted(stock.black, 5, stock.lot_b)))
    assert (len(result.adjusted), result.unchanged, result.adjusted[0].delta) == (1, 1, -1)
    with pytest.raises(ValidationError, match="lot by lot"):
        studio.services.stock.stock_take(studio.desk, Category.INK, (Counted(stock.black, 9),))
    with pytest.raises(ValidationError, match="not in this stock-take"):
        studio.services.stock.stock_take(studio.desk, Category.INK, (Counted(stock.gloves, 1),))
    assert _on_hand(studio, stock.black) == 14


def test_alerts_count_low_stock_and_list_lots_expiring_and_expired(stock):
    studio = stock.desk
    inventory = studio.services.inventory
    assert inventory.low_count(studio.mia) == 0
    studio.services.stock.use(studio.desk, (Use(stock.gloves, 5),))
    alerts = inventory.alerts(studio.desk)
    assert [i.name for i in alerts.low] == ["Nitrile gloves"] and inventory.low_count(studio.mia) == 1
    assert [lot.lot_number for lot in alerts.expiring] == ["B-200"] and alerts.expired == ()
    assert [i.name for i in inventory.items(studio.desk)][0] == "Nitrile gloves"  # low stock first
    studio.clock.now = at(MONDAY + timedelta(days=25), 10)
    later = inventory.alerts(studio.desk)
    assert [lot.lot_number for lot in later.expired] == ["B-200"] and later.expiring == ()


def test_items_are_searched_found_by_barcode_and_archived_only_when_empty(stock):
    studio = stock.desk
    inventory = studio.services.inventory
    assert [i.name for i in inventory.items(studio.desk, search="dynam")] == ["Black ink"]
    assert [i.name for i in inventory.items(studio.desk, category=Category.GLOVES)] == ["Nitrile gloves"]
    item, lot = inventory.by_barcode(studio.desk, "LOT-A100")
    assert (item.name, lot.lot_number) == ("Black ink", "A-100")
    assert inventory.by_barcode(studio.desk, "8400001")[1] is None
    with pytest.raises(Exception, match="No item has the barcode “999”"):
        inventory.by_barcode(studio.desk, "999")
    with pytest.raises(ValidationError, match="already an item called"):
        inventory.create(studio.desk, ItemInput("black INK", Category.INK, "bottle"))
    with pytest.raises(ValidationError, match="already Black ink's"):
        inventory.create(studio.desk, ItemInput("Red ink", Category.INK, "bottle", barcode="8400001"))
    with pytest.raises(PermissionDenied):
        inventory.archive(studio.desk, stock.gloves)
    with pytest.raises(ValidationError, match="still has 8 on hand"):
        inventory.archive(studio.admin, stock.gloves)
    studio.services.stock.adjust(studio.desk, stock.gloves, 0, "Moved to the other studio")
    assert inventory.archive(studio.admin, stock.gloves).archived
    assert [i.name for i in inventory.items(studio.desk, archived=True)] == ["Nitrile gloves"]


def test_two_desks_using_the_last_units_at_once_never_go_below_zero(stock):
    studio = stock.desk
    studio.services.stock.use(studio.desk, (Use(stock.gloves, 7),))
    outcomes, barrier = [], threading.Barrier(2, timeout=10)

    def desk():
        barrier.wait()
        try:
            studio.services.stock.use(studio.desk, (Use(stock.gloves, 1),))
            outcomes.append("used")
        except ValidationError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes, key=len) == ["used", "Only 0 of Nitrile gloves are left."]
    assert _on_hand(studio, stock.gloves) == 0 and studio.services.stock.discrepancies() == []


def test_an_item_changes_only_on_its_current_version_and_lot_tracking_only_when_empty(stock):
    studio = stock.desk
    inventory = studio.services.inventory
    item = inventory.item(studio.desk, stock.gloves).item
    changed = inventory.update(studio.desk, item.id, ItemInput("Nitrile gloves M", Category.GLOVES, "box",
                                                               threshold=4), version=item.version)
    assert changed.name == "Nitrile gloves M" and changed.threshold == 4
    with pytest.raises(Exception, match="changed"):
        inventory.update(studio.desk, item.id, ItemInput("Gloves", Category.GLOVES, "box"), version=item.version)
    with pytest.raises(ValidationError, match="has stock"):
        inventory.update(studio.desk, item.id, ItemInput("Nitrile gloves M", Category.GLOVES, "box", by_lot=True),
                         version=changed.version)
    assert date(2027, 1, 1) > MONDAY


def test_the_stock_list_says_how_many_lots_have_stock_and_the_soonest_expiry(stock):
    studio = stock.desk
    inventory = studio.services.inventory
    by_name = {i.name: i for i in inventory.items(studio.desk)}
    assert (by_name["Black ink"].lots, by_name["Black ink"].next_expiry) == (2, MONDAY + timedelta(days=20))
    assert (by_name["Nitrile gloves"].lots, by_name["Nitrile gloves"].next_expiry) == (0, None)
    studio.services.stock.waste(studio.desk, stock.black, 5, "Dropped", lot_id=stock.lot_b)  # B-200 emptied
    black = next(i for i in inventory.items(studio.desk) if i.name == "Black ink")
    assert (black.lots, black.next_expiry) == (1, date(2027, 3, 1))
