"""The cash register at a busy studio's size: a year of 50,000 entries, and a day of 500.

Targets: the close-of-day report of a 500-entry day (its figures read, the CSV and the PDF
written) < 0.5 s; a checkout's commit (split payment and tip, its receipt number, the audit
row) p95 < 50 ms; the register page on a year of entries opens (the page built and today's
entries shown) < 100 ms.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/register.py [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, datetime, time as clock_time, timedelta, timezone

from sqlalchemy import insert

from bench.clients import bench_folder, open_bench_studio, p95
from bench.page_open import page_open_ms
from studio.models import CashEntry
from studio.services.common import Role
from studio.services.register import CheckoutInput, Method, Payment, rebuild_day_totals

TARGET_REPORT_S = 0.5
TARGET_CHECKOUT_P95_MS = 50.0
TARGET_PAGE_OPEN_MS = 100.0
YEAR_ENTRIES = 50_000
DAY_ENTRIES = 500
KINDS = (("sale", 0.55), ("tip", 0.2), ("deposit", 0.1), ("expense", 0.05), ("voucher_sold", 0.03),
         ("refund", 0.02), ("cash_in", 0.025), ("cash_out", 0.025))



def populate_entries(services, artist_ids: list[int], first: date, days: int, per_day: int, seed: int = 5) -> int:
    """``days`` × ``per_day`` entries from ``first`` on, inserted directly."""
    rng = random.Random(seed)
    kinds, weights = zip(*KINDS)
    rows = []
    for d in range(days):
        day = first + timedelta(days=d)
        for i in range(per_day):
            kind = rng.choices(kinds, weights)[0]
            method = "cash" if kind in ("cash_in", "cash_out", "expense") else rng.choice(("cash", "card", "card",
                                                                                           "transfer"))
            amount = rng.randrange(500, 40_000)
            if kind in ("refund", "expense", "cash_out"):
                amount = -amount
            at = datetime.combine(day, clock_time(11), timezone.utc) + timedelta(minutes=i)
            rows.append(dict(day=day, at=at, kind=kind, method=method, amount_cents=amount,
                             artist_id=rng.choice(artist_ids) if kind in ("sale", "tip") else None,
                             note="Bench entry" if kind == "expense" else "", entered_by_name="Bench Desk"))
    with services.db.unit_of_work() as uow:
        for start in range(0, len(rows), 5_000):
            uow.session.execute(insert(CashEntry), rows[start:start + 5_000])
        rebuild_day_totals(uow.session)  # inserted around entries.add, which keeps them
        uow.commit()
    with services.db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return len(rows)


def main() -> int:
    with bench_folder(__doc__.splitlines()[0]) as folder:
        _db, services, admin, reuse = open_bench_studio(folder)
        artists = [s.id for s in services.staff.list_staff(admin) if s.role == Role.ARTIST]
        if not reuse:
            for n in range(3):
                services.staff.add_staff(admin, name=f"Artist {n + 1}", email=f"artist{n + 1}@bench.test",
                                         role=Role.ARTIST.value, password="bench-password-long-enough-42")
            artists = [s.id for s in services.staff.list_staff(admin) if s.role == Role.ARTIST]
            started = time.perf_counter()
            today = services.register.today()
            year = populate_entries(services, artists, today - timedelta(days=365), 365,
                                    YEAR_ENTRIES // 365)
            bench_day = today - timedelta(days=400)
            day = populate_entries(services, artists, bench_day, 1, DAY_ENTRIES, seed=9)
            print(f"{year + day:,} entries inserted in {time.perf_counter() - started:.1f} s")
        register = services.register
        bench_day = register.today() - timedelta(days=400)
        if not (register.day(admin, bench_day).close or None):
            expected = register.day(admin, bench_day).expected_cash_cents
            register.close_day(admin, bench_day, opening_float_cents=0, counted_cents=expected)

        from studio.services.register.csv_report import day_report_csv
        from studio.services.register.documents import day_report_pdf

        day_report_pdf(register.day_report(admin, bench_day))  # fonts and reportlab loaded once
        reports = []
        for _round in range(5):
            started = time.perf_counter()
            report = register.day_report(admin, bench_day)
            day_report_csv(report)
            day_report_pdf(report)
            reports.append(time.perf_counter() - started)
        report_s = statistics.median(reports)
        print(f"close-of-day report, {len(report.entries)} entries (figures + CSV + PDF): median "
              f"{report_s * 1000:.0f} ms  (target < {TARGET_REPORT_S * 1000:.0f} ms)")

        checkout = services.checkout
        samples = []
        for n in range(60):
            data = CheckoutInput(price_cents=12_000 + n, payments=(Payment(Method.CARD, 8_000 + n),
                                                                   Payment(Method.CASH, 5_000)),
                                 artist_id=artists[n % len(artists)], tip_cents=1_000, tip_method=Method.CASH,
                                 cash_tendered_cents=10_000, description="Bench walk-in")
            started = time.perf_counter()
            checkout.checkout(admin, data)
            samples.append((time.perf_counter() - started) * 1000)
        print(f"checkout commit: p95 {p95(samples):.1f} ms, median {statistics.median(samples):.1f} ms  "
              f"(target p95 < {TARGET_CHECKOUT_P95_MS:.0f} ms)")

        day_ms = []
        for _round in range(20):
            started = time.perf_counter()
            register.day(admin)
            day_ms.append((time.perf_counter() - started) * 1000)
        print(f"the register's day (service, {len(register.day(admin).entries)} entries today, "
              f"{YEAR_ENTRIES:,} in the year): p95 {p95(day_ms):.1f} ms")
        from studio.ui.register.page import RegisterPage

        opens = page_open_ms(services, admin, folder, "register", RegisterPage)
        if opens:
            print(f"register page open: median {statistics.median(opens):.0f} ms, worst {max(opens):.0f} ms  "
                  f"(target < {TARGET_PAGE_OPEN_MS:.0f} ms)")
        ok = report_s < TARGET_REPORT_S and p95(samples) < TARGET_CHECKOUT_P95_MS and (
            not opens or statistics.median(opens) < TARGET_PAGE_OPEN_MS)
        services.close()
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
