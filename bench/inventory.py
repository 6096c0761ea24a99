"""The inventory at a big studio's size: 500 items, 5,000 lots and 200,000 movements, the
uses tied to three years of 20,000 appointments (5,000 clients).

Targets: the items page's data — the stock list with what is on hand, and the alerts —
(services.inventory.items + alerts) < 100 ms together; a recall search over a year (by item,
and by lot) < 50 ms; recording a session's use of 3 lines (services.stock.use) p95 < 30 ms.

    PYTHONPATH=. .venv/bin/python bench/inventory.py [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import insert, select

from bench.clients import bench_folder, open_bench_studio, p95, populate, timed
from bench.page_open import page_open_ms
from bench.schedule_data import populate_schedule
from studio.models import Appointment, StockItem, StockLot, StockMovement
from studio.services.inventory import Use

TARGET_PAGE_MS = 100.0
TARGET_RECALL_MS = 50.0
TARGET_USE_P95_MS = 30.0
ITEMS = 500
BY_LOT = 300                # inks, needles and cartridges; the rest are counted without lots
LOTS = 5_000
MOVEMENTS = 200_000
CATEGORIES = ("ink", "needles", "cartridges")
OTHER = ("gloves", "aftercare", "cleaning", "other")



def populate_stock(services, today: date, seed: int = 11) -> None:
    """The items, lots and movements, inserted directly; on hand is the movements' sum."""
    rng = random.Random(seed)
    with services.db.unit_of_work() as uow:
        session = uow.session
        done = list(session.execute(select(Appointment.id, Appointment.ends_at, Appointment.artist_id)
                                    .where(Appointment.status == "completed")))
        items = []
        for n in range(ITEMS):
            by_lot = n < BY_LOT
            category = CATEGORIES[n % 3] if by_lot else OTHER[n % 4]
            items.append(dict(id=n + 1, name=f"Bench item {n + 1:03d}", category=category,
                              unit="ml" if category == "ink" else "piece", threshold=rng.choice((0, 10, 20, 50)),
                              reorder_quantity=100, supplier=f"Supplier {n % 12}", sku=f"SKU-{n + 1:05d}",
                              barcode=f"84{n + 1:011d}" if n % 3 == 0 else None, notes="", by_lot=by_lot,
                              archived=False, on_hand=0, version=1))
        lots, moves = [], []
        first_day = today - timedelta(days=3 * 365)
        for n in range(LOTS):
            item = items[n % BY_LOT]
            received = first_day + timedelta(days=rng.randrange(0, 3 * 365 - 30))
            expires = received + timedelta(days=rng.randint(200, 1200))
            lots.append(dict(id=n + 1, item_id=item["id"], lot_number=f"L{n + 1:05d}", expires_on=expires,
                             supplier=item["supplier"], received_on=received, received_quantity=1000,
                             barcode=f"LOT{n + 1:06d}" if n % 4 == 0 else None, on_hand=1000))
            moves.append(dict(item_id=item["id"], lot_id=n + 1, kind="received", delta=1000,
                              at=done[0][1] - timedelta(days=1), reason="", appointment_id=None, expired_use=False,
                              staff_id=None, staff_name="Bench Desk"))
            item["on_hand"] += 1000
        for item in items[BY_LOT:]:
            for _n in range(5):
                moves.append(dict(item_id=item["id"], lot_id=None, kind="received", delta=2000,
                                  at=done[0][1] - timedelta(days=1), reason="", appointment_id=None,
                                  expired_use=False, staff_id=None, staff_name="Bench Desk"))
                item["on_hand"] += 2000
        lots_of = [[] for _item in items]
        for lot in lots:
            lots_of[lot["item_id"] - 1].append(lot)
        while len(moves) < MOVEMENTS:
            appointment_id, ends_at, artist_id = rng.choice(done)
            for _line in range(3):
                item = items[rng.randrange(ITEMS)]
                lot = rng.choice(lots_of[item["id"] - 1]) if item["by_lot"] else None
                if (lot or item)["on_hand"] < 2:
                    continue
                item["on_hand"] -= 1
                if lot is not None:
                    lot["on_hand"] -= 1
                moves.append(dict(item_id=item["id"], lot_id=lot["id"] if lot else None, kind="used", delta=-1,
                                  at=ends_at, reason="", appointment_id=appointment_id, expired_use=False,
                                  staff_id=artist_id, staff_name="Bench Artist"))
        for item in items[::25]:  # some under their threshold
            item["threshold"] = item["on_hand"] + 5
        connection = session.connection()
        connection.execute(insert(StockItem.__table__), items)
        connection.execute(insert(StockLot.__table__), lots)
        for start in range(0, len(moves), 20_000):
            connection.execute(insert(StockMovement.__table__), moves[start:start + 20_000])
        uow.commit()
    with services.db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def main() -> int:
    with bench_folder(__doc__.splitlines()[0]) as folder:
        _db, services, admin, reuse = open_bench_studio(folder)
        today = services.register.today()
        if not reuse:
            started = time.perf_counter()
            populate(services, 5_000)
            populate_schedule(services, appointments=20_000)
            populate_stock(services, today)
            print(f"5,000 clients, 20,000 appointments, {ITEMS} items, {LOTS:,} lots and {MOVEMENTS:,} movements "
                  f"inserted in {time.perf_counter() - started:.1f} s")
        inventory, stock, recall = services.inventory, services.stock, services.recall

        def page() -> None:
            inventory.items(admin)
            inventory.alerts(admin)

        page()
        page_ms = timed(page, 20)
        alerts = inventory.alerts(admin)
        print(f"items page data ({len(inventory.items(admin))} items, {len(alerts.low)} low, "
              f"{len(alerts.expiring)} expiring, {len(alerts.expired)} expired lots): median "
              f"{statistics.median(page_ms):.1f} ms, p95 {p95(page_ms):.1f} ms  (target < {TARGET_PAGE_MS:.0f} ms)")

        with services.db.unit_of_work(write=False) as uow:
            moves = uow.session.execute(select(StockMovement.item_id, StockMovement.lot_id)
                                        .where(StockMovement.kind == "used")).all()
            done = list(uow.session.scalars(select(Appointment.id).where(Appointment.status == "completed")
                                            .order_by(Appointment.starts_at.desc()).limit(200)))
        item_id = Counter(i for i, _lot in moves).most_common(1)[0][0]
        lot_id = Counter(lot for _i, lot in moves if lot is not None).most_common(1)[0][0]
        first, last = today - timedelta(days=365), today
        found = {}

        def by_item() -> None:
            found["item"] = recall.recall(admin, item_id=item_id, first=first, last=last)

        def by_lot() -> None:
            found["lot"] = recall.recall(admin, lot_id=lot_id, first=first, last=last)

        item_ms, lot_ms = timed(by_item, 20), timed(by_lot, 20)
        print(f"recall over a year by item ({len(found['item'])} sessions): median {statistics.median(item_ms):.1f} ms, "
              f"p95 {p95(item_ms):.1f} ms  (target < {TARGET_RECALL_MS:.0f} ms)")
        print(f"recall over a year by lot ({len(found['lot'])} sessions): median {statistics.median(lot_ms):.1f} ms, "
              f"p95 {p95(lot_ms):.1f} ms  (target < {TARGET_RECALL_MS:.0f} ms)")

        with services.db.unit_of_work(write=False) as uow:
            lots = list(uow.session.execute(select(StockLot.item_id, StockLot.id).where(
                StockLot.on_hand > 100, StockLot.expires_on > today).limit(2)))
            plain = uow.session.scalar(select(StockItem.id).where(StockItem.by_lot.is_(False),
                                                                   StockItem.on_hand > 100))
        lines = (*(Use(i, 1, lot) for i, lot in lots), Use(plain, 1))
        use_ms = []
        for n in range(60):
            started = time.perf_counter()
            stock.use(admin, lines, appointment_id=done[n % len(done)])
            use_ms.append((time.perf_counter() - started) * 1000)
        print(f"recording a use of {len(lines)} lines: p95 {p95(use_ms):.1f} ms, median "
              f"{statistics.median(use_ms):.1f} ms  (target p95 < {TARGET_USE_P95_MS:.0f} ms)")
        from studio.ui.inventory.page import InventoryPage

        opens = page_open_ms(services, admin, folder, "inventory", InventoryPage)
        print(f"Inventory page open (from the sidebar, 1366×768: the list with on hand and the alerts shown): "
              f"median {statistics.median(opens):.0f} ms, worst {max(opens):.0f} ms  (target < {TARGET_PAGE_MS:.0f} ms)")
        ok = (statistics.median(opens) < TARGET_PAGE_MS and statistics.median(item_ms) < TARGET_RECALL_MS
              and statistics.median(lot_ms) < TARGET_RECALL_MS and p95(use_ms) < TARGET_USE_P95_MS)
        services.close()
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
