"""Finance at a large multi-artist studio's size: 1,000,000 cash entries over five years.

Targets: the summary by day for a year, with its rolling averages < 50 ms; the all-time
summary by month < 100 ms; the ledger's first page (its count and totals with it) for any
filter < 50 ms. Beside the service's way (one row a day, or a month, summed in SQL from the
totals the register keeps; weeks, months and averages from those rows in Python) it times
pandas on the raw rows, the other way.

    PYTHONPATH=. .venv/bin/python bench/finance.py [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta

from bench.clients import bench_folder, open_bench_studio
from bench.register import populate_entries
from studio.services.common import Role
from studio.services.finance import DateRange, Granularity, LedgerFilter
from studio.services.register import EntryKind, Method

TARGET_YEAR_MS = 50.0
TARGET_ALL_MONTHS_MS = 100.0
TARGET_LEDGER_MS = 50.0
DAYS = 5 * 365
PER_DAY = 548  # × DAYS ≈ 1,000,000


def median_ms(fn, rounds: int = 7) -> float:
    fn()  # warm the page cache
    samples = []
    for _round in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def pandas_by_day_ms(services, first, last) -> float:
    import pandas as pd

    def run():
        with services.db.engine.connect() as conn:
            frame = pd.read_sql_query("SELECT day, kind, amount_cents FROM cash_entries WHERE day BETWEEN ? AND ?",
                                      conn.connection.driver_connection, params=(first.isoformat(), last.isoformat()))
        frame.pivot_table(index="day", columns="kind", values="amount_cents", aggfunc="sum", fill_value=0)
    return median_ms(run, rounds=3)


def populate_finance(services, admin, today) -> int:
    """The large studio: 8 artists and DAYS × PER_DAY entries up to ``today`` (bench/dashboard.py
    builds on it too); how many entries."""
    for n in range(8):
        services.staff.add_staff(admin, name=f"Artist {n + 1}", email=f"artist{n + 1}@bench.test",
                                 role=Role.ARTIST.value, password="bench-password-long-enough-42")
    artists = [s.id for s in services.staff.list_staff(admin) if s.role == Role.ARTIST]
    return populate_entries(services, artists, today - timedelta(days=DAYS), DAYS, PER_DAY)


def pandas_on_days_ms(services, first, last) -> tuple[float, float, float]:
    """pandas handed the small frame instead (the daily rows the service sums in SQL): its
    import in a fresh process, and the 7- and 30-day rolling means and the weekly resample
    of the year against the service's own arithmetic on the same rows (its summary less its
    query), in ms."""
    import subprocess

    from studio.services.finance.figures import ROLLING, daily, summarize
    from studio.services.finance.records import DateRange, Granularity

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pandas"], check=True)
    bare = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    import_ms = ((bare - started) - (time.perf_counter() - bare)) * 1000
    import pandas as pd

    with services.db.unit_of_work(write=False) as uow:
        days = daily(uow.session, first - timedelta(days=max(ROLLING) - 1), last)

        def with_pandas():
            net = pd.Series({pd.Timestamp(d): p.net_cents for d, p in days.items()}).asfreq("D", fill_value=0)
            [net.rolling(n, min_periods=1).mean() for n in ROLLING]
            net.resample("W-MON", label="left", closed="left").sum()

        span = DateRange(first, last)
        query = median_ms(lambda: daily(uow.session, first - timedelta(days=max(ROLLING) - 1), last))
        whole = median_ms(lambda: summarize(uow.session, span, Granularity.DAY))
        return import_ms, median_ms(with_pandas), max(whole - query, 0.0)


def main() -> int:
    with bench_folder(__doc__.splitlines()[0]) as folder:
        _db, services, admin, reuse = open_bench_studio(folder)
        today = services.register.today()
        if not reuse:
            started = time.perf_counter()
            n = populate_finance(services, admin, today)
            print(f"{n:,} entries inserted in {time.perf_counter() - started:.1f} s")
        finance = services.finance
        year = DateRange(today - timedelta(days=365), today)
        year_ms = median_ms(lambda: finance.summary(admin, year, Granularity.DAY))
        print(f"summary by day for a year, rolling averages: median {year_ms:.1f} ms  "
              f"(target < {TARGET_YEAR_MS:.0f} ms)")
        print(f"  pandas on the year's raw rows (read_sql + pivot_table): median "
              f"{pandas_by_day_ms(services, year.first, year.last):.0f} ms — the service sums in SQL instead")
        imported, on_days, ours = pandas_on_days_ms(services, year.first, year.last)
        print(f"  pandas on the year's daily rows (rolling means, weekly resample): median {on_days:.1f} ms, "
              f"after importing it ({imported:.0f} ms in a fresh process); the service's own arithmetic on those "
              f"rows: {ours:.1f} ms — it uses that (exact cents, and no import holding the GIL)")
        months_ms = median_ms(lambda: finance.summary(admin, None, Granularity.MONTH), rounds=3)
        print(f"summary by month, all time: median {months_ms:.1f} ms  (target < {TARGET_ALL_MONTHS_MS:.0f} ms)")
        artist = next(s.id for s in services.staff.list_staff(admin) if s.role == Role.ARTIST)
        filters = {"none": LedgerFilter(), "a month": LedgerFilter(today - timedelta(days=30), today),
                   "kind sale": LedgerFilter(kind=EntryKind.SALE), "method card": LedgerFilter(method=Method.CARD),
                   "an artist": LedgerFilter(artist_id=artist),
                   "text in 50,000 notes": LedgerFilter(text="bench entry"), "a rare text": LedgerFilter(text="zz9")}
        for name, where in filters.items():
            ms = median_ms(lambda where=where: finance.ledger(admin, where), rounds=3)
            print(f"ledger first page, filter {name}: median {ms:.1f} ms  (target < {TARGET_LEDGER_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
