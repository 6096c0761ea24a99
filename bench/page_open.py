"""How long a page takes to open from the sidebar of a real main window (offscreen), for
the benchmarks of the pages that read a studio's data."""

from __future__ import annotations

import time
from pathlib import Path


def page_open_ms(services, admin, folder: Path, key: str, page_class, rounds: int = 7) -> list[float]:
    """The admin's main window at 1366×768, then the page ``key`` opened from the sidebar,
    until it has loaded (its ``loaded`` set and no task left): milliseconds, ``rounds`` times."""
    from PySide6.QtCore import QCoreApplication

    from studio.config import Config
    from studio.ui.app import build_context, create_app
    from studio.ui.shell.main_window import MainWindow

    app = create_app()
    ctx = build_context(Config(data_dir=folder, database_url=services.db.url), app)
    ctx.use_services(services)

    def wait(condition, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the {key} page did not answer")
            QCoreApplication.processEvents()
            time.sleep(0.0002)

    samples = []
    for _round in range(rounds):
        window = MainWindow(ctx, admin, services.settings.studio(), idle_timeout_ms=3_600_000)
        window.resize(1366, 768)
        window.show()
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
