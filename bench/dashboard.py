"""The dashboard's morning view at a large multi-artist studio's size: finance's 1,000,000
cash entries over five years (bench/finance.py's builder),
with 20,000 appointments over three years around today (bench/clients.py's builder).

Target: every card's service call, made one after the other as the cards make them when the
dashboard opens (today's takings by method, the week's and month's against last year, the
deposits awaiting, the 90-day no-show rate, today's schedule, the forms waiting, the stock
alerts, the backup state, and the page's own overview), < 100 ms together; for an admin
(the studio's figures) and an artist (their own, filtered in SQL).

    PYTHONPATH=. .venv/bin/python bench/dashboard.py [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import sys
import time

from bench.clients import bench_folder, open_bench_studio, populate, populate_appointments
from bench.finance import median_ms, populate_finance
from studio.services.common import Role

TARGET_MS = 100.0
APPOINTMENTS = 20_000

CALLS = {
    "takings today by method": lambda s, a: s.overview.takings(a),
    "week and month vs last year": lambda s, a: s.overview.takings_compared(a),
    "deposits awaiting": lambda s, a: s.overview.deposits_awaiting(a),
    "no-show rate, 90 days": lambda s, a: s.overview.no_show_rate(a, 90),
    "today's schedule": lambda s, a: s.overview.schedule(a),
    "forms waiting": lambda s, a: s.intake.pending_count(a),
    "stock alerts": lambda s, a: s.inventory.alerts(a),
    "backup state": lambda s, a: s.backup.status(a),
    "the page's overview": lambda s, a: s.overview.overview(a),
}
ADMIN_ONLY = {"forms waiting"}  # the intake card is the desk's (MANAGE_INTAKE): an artist has none


def main() -> int:
    with bench_folder(__doc__.splitlines()[0]) as folder:
        _db, services, admin, reuse = open_bench_studio(folder)
        today = services.register.today()
        if not reuse:
            started = time.perf_counter()
            n = populate_finance(services, admin, today)
            populate(services, 5_000)  # clients for the appointments
            populate_appointments(services, APPOINTMENTS, services.clock())
            print(f"{n:,} entries and {APPOINTMENTS:,} appointments inserted in {time.perf_counter() - started:.1f} s")
        artist_id = next(s.id for s in services.staff.list_staff(admin) if s.role == Role.ARTIST)
        artist = services.auth.current_actor(type(admin)(artist_id, "", "", Role.ARTIST))
        for who, actor in (("admin", admin), ("artist", artist)):
            calls = {name: call for name, call in CALLS.items() if who == "admin" or name not in ADMIN_ONLY}
            for name, call in calls.items():
                print(f"  {who}: {name}: median {median_ms(lambda call=call: call(services, actor)):.1f} ms")
            total = median_ms(lambda calls=calls: [call(services, actor) for call in calls.values()])
            print(f"{who}: the dashboard's cards together: median {total:.1f} ms  (target < {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
