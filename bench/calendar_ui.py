"""The calendar page's speed (not part of the test run).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/calendar_ui.py [--repeats 15]

A throw-away studio with 5 artists and 200 appointments in each of two weeks, the admin's
main window at 1366×768 on the Calendar page's week view. Measures, as medians (and the
slowest) over ``--repeats`` runs:

- building and painting the week view with its 200 appointments (the blocks laid out from
  the range already read, then the grid painted): target < 60 ms;
- next week end to end (the › button clicked → the range read off the GUI thread → the
  blocks built and painted): target < 100 ms;
- a drag-drop commit (the mouse released over a new time → the block repainted where it
  landed while the services commit the move off the GUI thread → their answer back on
  it): target < 50 ms. (The range is then read again in the background, as after any
  change; that is the "next week" figure's work.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.config import load_config  # noqa: E402
from studio.services.core import open_services  # noqa: E402

TARGETS_MS = {"paint": 60, "next": 100, "drop": 50}
PASSWORD = "violet anchors drift softly 42"
ZONE = ZoneInfo("Europe/Lisbon")
MONDAY = date(2026, 3, 16)
NOW = datetime(2026, 3, 16, 8, 0, tzinfo=ZONE)


def fill(services, admin) -> list[int]:
    """5 artists, 40 clients, 200 appointments a week for two weeks (40 an artist: 8 a day
    on five days, 45 minutes each with a quarter hour between)."""
    from studio.services.clients import ClientInput
    from studio.services.scheduling import AppointmentInput, Kind

    from datetime import time as clock_time

    # Open 09:00–21:00 every day, so the moves below are inside working hours.
    services.hours.set_hours(admin, (((clock_time(9), clock_time(21)),),) * 7)
    artists = [services.staff.add_staff(admin, name=f"Artist {n}", email=f"artist{n}@studio.test", role="artist",
                                        password=PASSWORD).id for n in range(5)]
    clients = [services.clients.create(admin, ClientInput(full_name=f"Client {n:02d}", email=f"c{n}@example.test")).id
               for n in range(40)]
    n = 0
    for week in range(2):
        for day in range(1, 6):
            for artist in artists:
                for slot in range(8):
                    starts = datetime.combine(MONDAY + timedelta(days=7 * week + day), datetime.min.time(), ZONE) \
                        + timedelta(hours=10, minutes=60 * slot)
                    services.scheduling.book(admin, AppointmentInput(
                        client_id=clients[n % 40], artist_id=artist, kind=Kind.SESSION, starts_at=starts,
                        ends_at=starts + timedelta(minutes=45), description=f"Piece {n}"), outside_hours_ok=True)
                    n += 1
    return artists


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QPointF, Qt
    from PySide6.QtTest import QTest

    from studio.ui.app import build_context, create_app
    from studio.ui.calendar.page import CalendarPage
    from studio.ui.shell.main_window import MainWindow

    results: dict[str, list[float]] = {key: [] for key in TARGETS_MS}
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(Path(folder) / "data")
        services = open_services(config.database_url, config=config, clock=lambda: NOW)
        admin = services.setup.create_studio(studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
                                             admin_name="Ana Ruiz", admin_email="ana@studio.test", password=PASSWORD)
        fill(services, admin)
        app = create_app()
        ctx = build_context(config, app)
        ctx.use_services(services)
        window = MainWindow(ctx, admin, services.settings.studio(), idle_timeout_ms=3_600_000)
        window.resize(1366, 768)
        window.show()

        def wait(condition, limit: float = 30.0) -> None:
            deadline = time.monotonic() + limit
            while not condition():
                if time.monotonic() > deadline:
                    raise TimeoutError("the calendar did not answer")
                QCoreApplication.processEvents()
                # An idle event loop lets the worker threads have the GIL; a spinning one would not.
                time.sleep(0.0002)

        wait(lambda: not ctx.tasks.busy)
        window.open_page("calendar")
        page = window.findChild(CalendarPage)
        wait(lambda: page is not None and page.loaded and not ctx.tasks.busy)
        grid = page.grid
        assert len(page.data.appointments) == 200, len(page.data.appointments)

        for _ in range(args.repeats):
            start = time.perf_counter()
            page.render()
            grid.viewport().repaint()
            grid.header.repaint()
            results["paint"].append(time.perf_counter() - start)

        for i in range(args.repeats + args.repeats % 2):  # there and back: it ends on the first week
            generation = page._generation
            start = time.perf_counter()
            QTest.mouseClick(page.next_button if i % 2 == 0 else page.prev_button, Qt.MouseButton.LeftButton)
            wait(lambda: page._shown_generation == generation + 1)
            grid.viewport().repaint()
            results["next"].append(time.perf_counter() - start)
            wait(lambda: not ctx.tasks.busy)
        assert page.data.first_day == MONDAY

        viewport = grid.viewport()
        for i in range(args.repeats):
            block = grid.blocks[(i * 37) % len(grid.blocks)]
            record = block.record
            box = block.sceneBoundingRect()
            grid.ensureVisible(box, 0, 60)
            origin = grid.mapFromScene(box.center())
            # Down by 15 minutes (into the gap after it), or up when it is the day's last.
            shift = grid.minutes_y(15) * (1 if i % 2 == 0 else -1)
            target = grid.mapFromScene(QPointF(box.center().x(), box.center().y() + shift))
            QCoreApplication.processEvents()  # the scroll's repaint is not the drop's
            QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, origin)
            for step in range(1, 5):
                QTest.mouseMove(viewport, origin + (target - origin) * step / 4)
                QCoreApplication.processEvents()  # the ghost painted as it follows the mouse
            done = len(page.undo_stack)
            start = time.perf_counter()
            QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
            # The block is painted where it landed at once (an update the loop runs meanwhile);
            # the commit is done when the services' answer is back on the GUI thread.
            wait(lambda: len(page.undo_stack) > done or page.banner.isVisible())
            results["drop"].append(time.perf_counter() - start)
            if page.banner.isVisible():
                raise SystemExit(f"the move was refused: {page.banner.text()} ({record.id})")
            wait(lambda: not ctx.tasks.busy)
        window.idle.stop()
        window.close()
        ctx.tasks.wait_for_done(30_000)
        services.close()

    labels = {"paint": "build and paint the week view, 200 appointments",
              "next": "next week end to end (› → range read → painted)",
              "drop": "drag-drop commit (release → block repainted where it landed, move committed, answer on the GUI thread)"}
    missed = False
    for key, times in results.items():
        median, worst = statistics.median(times) * 1000, max(times) * 1000
        met = median < TARGETS_MS[key]
        missed |= not met
        print(f"{labels[key]}: median {median:.1f} ms, slowest {worst:.1f} ms ({len(times)} runs); "
              f"target < {TARGETS_MS[key]} ms: {'met' if met else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
