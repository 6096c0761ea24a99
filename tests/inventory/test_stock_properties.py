"""For random sequences of deliveries, uses, waste and adjustments, what is on hand stays
the sum of the movements (item and lot alike) and never goes below zero; a refused step
changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.services.common import ValidationError
from studio.services.inventory import Delivery, Use

step = st.one_of(
    st.tuples(st.just("receive"), st.sampled_from(("black", "gloves")), st.integers(1, 20)),
    st.tuples(st.just("use"), st.sampled_from(("black", "gloves")), st.integers(1, 12)),
    st.tuples(st.just("waste"), st.sampled_from(("black", "gloves")), st.integers(1, 8)),
    st.tuples(st.just("adjust"), st.sampled_from(("black", "gloves")), st.integers(0, 15)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, max_size=15))
def test_on_hand_is_always_the_sum_of_movements_and_never_negative(stock, steps):
    studio = stock.desk
    moves, inventory = studio.services.stock, studio.services.inventory
    items = {"black": stock.black, "gloves": stock.gloves}
    counter = [0]

    def lot_of(name):
        if name != "black":
            return None
        lots = inventory.item(studio.desk, stock.black).lots
        return max(lots, key=lambda lot: lot.on_hand).id

    for kind, name, n in steps:
        item = items[name]
        before = {i: inventory.item(studio.desk, i).item.on_hand for i in items.values()}
        try:
            if kind == "receive":
                counter[0] += 1
                lot = f"H-{len(steps)}-{counter[0]}-{id(steps)}" if name == "black" else ""
                moves.receive(studio.desk, (Delivery(item, n, lot),))
            elif kind == "use":
                moves.use(studio.desk, (Use(item, n, lot_of(name)),))
            elif kind == "waste":
                moves.waste(studio.desk, item, n, "hypothesis", lot_id=lot_of(name))
            else:
                moves.adjust(studio.desk, item, n, "hypothesis", lot_id=lot_of(name))
        except ValidationError:
            after = {i: inventory.item(studio.desk, i).item.on_hand for i in items.values()}
            assert after == before  # a refusal changes nothing
        detail = inventory.item(studio.desk, item)
        assert detail.item.on_hand >= 0 and all(lot.on_hand >= 0 for lot in detail.lots)
        if detail.item.by_lot:
            assert detail.item.on_hand == sum(lot.on_hand for lot in detail.lots)
    assert moves.discrepancies() == []
