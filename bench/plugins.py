"""What plugins add to sign-in: ten plugins (five modules, five packages — the shipped ones
among them — each adding a page, a card, a client tab, a menu action and two hooks) found,
imported and registered, and the main window built with their pages, against none.

Target: scanning and loading the ten adds < 50 ms to sign-in (the host's start plus the
window's build, minus the same with no plugins).

    PYTHONPATH=. .venv/bin/python bench/plugins.py [--keep DIR]

Not part of the test run.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

from bench.clients import bench_folder, open_bench_studio
from bench.page_open import bench_app
from studio.config import shipped_plugins_dir

TARGET_MS = 50.0
PLUGINS = 10
ROUNDS = 9

BODY = '''
PLUGIN = {{"name": "Bench {n}", "version": "1.0", "description": "Plugin {n} of the bench.", "api": 1}}

from studio.plugin_api import Permission, _


def register(app, ui):
    from PySide6.QtWidgets import QLabel

    class Body(QLabel):
        def refresh(self):
            self.setText(_("Plugin {n}"))

        def show_client(self, client_id):
            self.setText(str(client_id))

    ui.add_page("page", "Bench {n}", Body)
    ui.add_dashboard_card("card", "Bench {n}", Body)
    ui.add_client_tab("tab", "Bench {n}", Body, permission=Permission.VIEW_CLIENTS)
    ui.add_menu_action("hello", "Bench {n}…", lambda window: None)
    app.on("client_created", lambda event: None)
    app.on("day_closed", lambda event: None)
'''


def write_plugins(folder: Path) -> list[str]:
    """The shipped plugins, then bench plugins up to PLUGINS, half modules and half packages."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    shipped = shipped_plugins_dir()
    for entry in sorted(shipped.iterdir()) if shipped.is_dir() else []:
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_dir() and (entry / "__init__.py").is_file():
            shutil.copytree(entry, folder / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
            names.append(entry.name)
        elif entry.suffix == ".py":
            shutil.copy(entry, folder / entry.name)
            names.append(entry.stem)
    n = 0
    while len(names) < PLUGINS:
        n += 1
        if n % 2:
            (folder / f"bench_{n}.py").write_text(BODY.format(n=n), encoding="utf-8")
        else:
            (folder / f"bench_{n}").mkdir()
            (folder / f"bench_{n}" / "__init__.py").write_text(BODY.format(n=n), encoding="utf-8")
        names.append(f"bench_{n}")
    return names


def sign_in_ms(bench, services, admin, folder: Path | None) -> tuple[float, float, int]:
    """(host start ms, window build ms, plugins loaded) for one sign-in with the plugins in ``folder``."""
    from PySide6.QtCore import QCoreApplication

    from studio.ui.plugins.host import PluginHost

    ctx = bench.ctx
    host = PluginHost(ctx, folders=lambda: [(folder, "shipped")] if folder else [])
    ctx.use_plugin_host(host)
    started = time.perf_counter()
    host.start(admin, services.plugins.switches(admin))
    loaded = time.perf_counter()
    window = bench.window(services, admin)
    QCoreApplication.processEvents()
    built = time.perf_counter()
    count = sum(s.state == "loaded" for s in host.statuses())
    failed = [f"{s.id}: {s.error}" for s in host.statuses() if s.state == "failed"]
    if failed:
        raise RuntimeError(f"plugins failed: {failed}")
    window.idle.stop()
    window.close()
    window.deleteLater()
    host.stop()
    QCoreApplication.processEvents()
    return (loaded - started) * 1000, (built - loaded) * 1000, count


def main() -> int:
    with bench_folder(__doc__.splitlines()[0]) as folder:
        _db, services, admin, _reuse = open_bench_studio(folder)
        plugins = folder / "bench-plugins"
        shutil.rmtree(plugins, ignore_errors=True)
        names = write_plugins(plugins)
        bench = bench_app(services, folder, "plugins bench")
        sign_in_ms(bench, services, admin, None)  # warm: Qt, the window's own modules
        sign_in_ms(bench, services, admin, plugins)
        without, with_plugins, starts, loaded = [], [], [], 0
        for _round in range(ROUNDS):
            start, build, _n = sign_in_ms(bench, services, admin, None)
            without.append(start + build)
            start, build, loaded = sign_in_ms(bench, services, admin, plugins)
            with_plugins.append(start + build)
            starts.append(start)
        added = statistics.median(with_plugins) - statistics.median(without)
        print(f"{loaded} plugins loaded ({', '.join(names)})")
        print(f"  host start (scan, import, register): median {statistics.median(starts):.1f} ms")
        print(f"  sign-in to window built: {statistics.median(without):.1f} ms without plugins, "
              f"{statistics.median(with_plugins):.1f} ms with them")
        print(f"plugins add to sign-in: median {added:.1f} ms  (target < {TARGET_MS:.0f} ms)")
        bench.ctx.tasks.wait_for_done(30_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
