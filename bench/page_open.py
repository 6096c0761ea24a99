"""How long a page takes to open from the sidebar of a real main window (offscreen), for
the benchmarks of the pages that read a studio's data."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BenchApp:
    """A Qt application and a context on ``services``, as the app builds them, and a wait
    that processes events until a condition holds (or says what did not answer)."""

    ctx: object
    what: str

    def wait(self, condition, limit: float = 30.0) -> None:
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the {self.what} did not answer")
            QCoreApplication.processEvents()
            time.sleep(0.0002)

    def window(self, services, admin):
        """The admin's main window at 1366×768, shown."""
        from studio.ui.shell.main_window import MainWindow

        window = MainWindow(self.ctx, admin, services.settings.studio(), idle_timeout_ms=3_600_000)
        window.resize(1366, 768)
        window.show()
        return window


def bench_app(services, folder: Path, what: str) -> BenchApp:
    from studio.config import Config
    from studio.ui.app import build_context, create_app

    app = create_app()
    ctx = build_context(Config(data_dir=folder, database_url=services.db.url), app)
    ctx.use_services(services)
    return BenchApp(ctx, what)


def page_open_ms(services, admin, folder: Path, key: str, page_class, rounds: int = 7) -> list[float]:
    """The admin's main window at 1366×768, then the page ``key`` opened from the sidebar,
    until it has loaded (its ``loaded`` set and no task left): milliseconds, ``rounds`` times."""
    from PySide6.QtCore import QCoreApplication

    bench = bench_app(services, folder, f"{key} page")
    ctx, wait = bench.ctx, bench.wait
    samples = []
    for _round in range(rounds):
        window = bench.window(services, admin)
        wait(lambda: not ctx.tasks.busy)
        started = time.perf_counter()
        window.open_page(key)
        page = window.findChild(page_class)
        wait(lambda: page is not None and page.loaded and not ctx.tasks.busy)
        samples.append((time.perf_counter() - started) * 1000)
        window.idle.stop()
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    ctx.tasks.wait_for_done(30_000)
    return samples
