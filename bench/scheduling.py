"""The scheduling service at a busy studio's size: 5 artists, 20,000 appointments over 3
years, 100,000 clients.

Targets: the calendar's week range (``scheduling.calendar`` for 7 days, what the week view
asks for) p95 < 10 ms; a drag-and-drop commit (``scheduling.move``, with its clash and
hours checks, the audit row and the commit) p95 < 50 ms. The month range (42 days) is
printed too.

    PYTHONPATH=. .venv/bin/python bench/scheduling.py [--clients 100000] [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.clients import open_bench_studio, populate
from bench.schedule_data import populate_schedule

TARGET_WEEK_P95_MS = 10.0
TARGET_MOVE_P95_MS = 50.0


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the data dir here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="linework-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        _db, services, admin, reuse = open_bench_studio(folder)
        if not reuse:
            started = time.perf_counter()
            populate(services, args.clients)
            populate_schedule(services)
            print(f"{args.clients:,} clients and 20,000 appointments inserted in "
                  f"{time.perf_counter() - started:.1f} s")
        scheduling = services.scheduling

        weeks = [date(2024, 1, 1) + timedelta(weeks=w) for w in range(0, 156, 3)]
        shown = [len(scheduling.calendar(admin, monday, monday + timedelta(days=6)).appointments) for monday in weeks]
        week_ms = [timed(lambda m=monday: scheduling.calendar(admin, m, m + timedelta(days=6)))
                   for _ in range(2) for monday in weeks]
        month_ms = [timed(lambda m=monday: scheduling.calendar(admin, m, m + timedelta(days=41))) for monday in weeks]

        # Drag-and-drop commits: move future appointments by 15 minutes and back, as the
        # calendar does on a drop (checks, audit, commit).
        future = date(2026, 12, 7)
        blocks = [a for a in scheduling.calendar(admin, future, future + timedelta(days=13)).appointments
                  if a.status.holds_time][:40]
        move_ms = []
        for block in blocks:
            for shift in (timedelta(minutes=15), timedelta(0)):
                current = scheduling.appointment(admin, block.id)
                started = time.perf_counter()
                try:
                    scheduling.move(admin, block.id, block.starts_at + shift, block.ends_at + shift,
                                    version=current.version, outside_hours_ok=True)
                except Exception as exc:  # a clash with the next block: skip it
                    if exc.__class__.__name__ != "Clash":
                        raise
                    continue
                move_ms.append((time.perf_counter() - started) * 1000)

        print(f"week range, {statistics.mean(shown):.0f} appointments a week: p95 {p95(week_ms):.1f} ms "
              f"(target < {TARGET_WEEK_P95_MS:.0f} ms), median {statistics.median(week_ms):.1f} ms")
        print(f"month range (42 days): p95 {p95(month_ms):.1f} ms, median {statistics.median(month_ms):.1f} ms")
        print(f"drag-and-drop commit, {len(move_ms)} moves: p95 {p95(move_ms):.1f} ms "
              f"(target < {TARGET_MOVE_P95_MS:.0f} ms), median {statistics.median(move_ms):.1f} ms")
        ok = p95(week_ms) < TARGET_WEEK_P95_MS and p95(move_ms) < TARGET_MOVE_P95_MS
        services.close()
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
