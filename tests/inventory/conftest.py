"""Fixtures for the inventory tests: the scheduling tests' studio (Lisbon, Monday 16 March
2026 09:00, artists Mia and Leo, desk Dana, clients Ana and Ben) with a small stock list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from studio.services.inventory import Category, Delivery, ItemInput
from tests.register.conftest import finished
from tests.scheduling.conftest import MONDAY, Desk, at, studio

__all__ = ["MONDAY", "at", "finished", "studio"]


@dataclass
class Stock:
    desk: Desk
    black: int     # Black ink (by lot), 2 lots
    needles: int   # 3RL needles (by lot)
    gloves: int    # Nitrile gloves (boxes, no lots)
    lot_a: int     # Black ink lot A-100, expires in a year, 10 bottles
    lot_b: int     # Black ink lot B-200, expires in 20 days, 5 bottles
    needle_lot: int


@pytest.fixture
def stock(studio) -> Stock:
    inventory, moves = studio.services.inventory, studio.services.stock
    black = inventory.create(studio.desk, ItemInput("Black ink", Category.INK, "bottle", threshold=4,
                                                     reorder_quantity=10, supplier="Dynamic", barcode="8400001"))
    needles = inventory.create(studio.desk, ItemInput("3RL needles", Category.NEEDLES, "box", threshold=2))
    gloves = inventory.create(studio.desk, ItemInput("Nitrile gloves", Category.GLOVES, "box", threshold=3,
                                                      reorder_quantity=20, supplier="MedSupply"))
    moves.receive(studio.desk, (
        Delivery(black.id, 10, "A-100", date(2027, 3, 1), barcode="LOT-A100"),
        Delivery(black.id, 5, "B-200", MONDAY + timedelta(days=20)),
        Delivery(needles.id, 6, "N-1", date(2027, 1, 1)),
        Delivery(gloves.id, 8),
    ))
    lots = {lot.lot_number: lot.id for item in (black, needles)
            for lot in inventory.item(studio.desk, item.id).lots}
    return Stock(studio, black.id, needles.id, gloves.id, lots["A-100"], lots["B-200"], lots["N-1"])
