"""What every window shares: the config, the task runner, the crash reporter, window
preferences, the studio's services (opened in the background at start-up), the areas'
extensions and their background runners."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QSettings, Signal

from studio.config import Config
from studio.ui.kit.collector import MainThreadCollector
from studio.ui.kit.crash import CrashReporter
from studio.ui.kit.tasks import Tasks

if TYPE_CHECKING:
    from studio.services.common import StudioSettings
    from studio.services.core import AreaServices, Services
    from studio.ui.plugins.host import PluginHost
    from studio.ui.shell.extensions import Extensions, Runner


class Changes(QObject):
    """What the window's parts listen to. ``extensions_changed``: a plugin's pages, tabs,
    cards or actions came or went; the sidebar, the menu, the dashboard and open client views
    rebuild theirs."""

    extensions_changed = Signal()


class AppContext:
    def __init__(self, config: Config, tasks: Tasks, crash: CrashReporter,
                 extensions: Callable[[], Extensions] | None = None) -> None:
        self.config = config
        self.tasks = tasks
        self.crash = crash
        self.prefs = QSettings(str(config.ui_settings_path), QSettings.Format.IniFormat)
        self._services: Future[Services] = Future()
        tasks.crashed.connect(crash.handle)
        self._make_extensions = extensions or _studio_extensions
        self._extensions: Extensions | None = None
        self._runners: dict[str, Runner] = {}
        self._studio_started = False
        self.changes = Changes()
        self._plugins: PluginHost | None = None

    # --- extensions and runners --------------------------------------------------------
    @property
    def extensions(self) -> Extensions:
        """The areas' descriptors, read on first use (after the first window is up)."""
        if self._extensions is None:
            self._extensions = self._make_extensions()
        return self._extensions

    @property
    def plugins(self) -> PluginHost:
        """The plugin host (made on first use: sign-in starts it)."""
        if self._plugins is None:
            from studio.ui.plugins.host import PluginHost

            self._plugins = PluginHost(self)
        return self._plugins

    def use_plugin_host(self, host: PluginHost) -> None:
        """For tests and the self-test: a host looking in other folders."""
        self._plugins = host

    def runner(self, key: str) -> Runner:
        """A registered background runner, made on first use (one per app)."""
        if key not in self._runners:
            from studio.ui.shell.extensions import resolve

            entry = next((r for r in self.extensions.runners() if r.key == key), None)
            if entry is None:
                raise KeyError(f"No area registers a runner called {key!r}.")
            self._runners[key] = resolve(entry.runner)(self)
        return self._runners[key]

    def studio_ready(self, settings: StudioSettings) -> None:
        """The studio is open and set up: every runner starts what runs while Linework is
        open. Once per opening of the data: a second sign-in restarts nothing the person stopped."""
        if self._studio_started:
            return
        self._studio_started = True
        for entry in self.extensions.runners():
            self.runner(entry.key).studio_ready(settings)

    def pause_runners(self) -> list[str]:
        """Stop every runner (before a restore); the keys of those that were running."""
        running = [key for key, runner in self._runners.items() if runner.running]
        self.stop_runners()
        return running

    def resume_runners(self, keys: list[str], settings: StudioSettings) -> None:
        for key in keys:
            self.runner(key).resume(settings)

    def stop_runners(self) -> None:
        for runner in self._runners.values():
            runner.stop()

    # --- services --------------------------------------------------------------------------
    def reset_services(self) -> None:
        """Forget the open services (after a restore); ``open_services`` opens them anew."""
        if self._plugins is not None:
            self._plugins.stop()  # the next sign-in loads them on the restored data
        self.close_services()
        self._services = Future()
        self._studio_started = False

    def close_services(self) -> None:
        if self.services_ready:
            self._services.result().close()

    def open_services(self, on_ready: Callable[[AreaServices], None], on_error: Callable[[object], None]) -> None:
        """Import the data layer and migrate in a worker, so the first window shows at once."""

        def work() -> Services:
            from studio.services.core import open_services

            from studio.services.backup import database_problem
            from studio.services.common import DatabaseDamaged

            problem = database_problem(self.config.database_path, self.config.backups_dir)
            if problem is not None:  # never migrate a file SQLite cannot read, or not ours
                self._services.set_exception(DatabaseDamaged(problem.message, reason=problem.reason))
                raise DatabaseDamaged(problem.message, reason=problem.reason)
            try:
                services = open_services(self.config.database_url, config=self.config)
            except BaseException as exc:
                self._services.set_exception(exc)
                from studio.services.backup import raise_if_damaged

                raise_if_damaged(exc)  # a damaged file: a DomainError, so the recovery screen opens
                raise
            self._services.set_result(services)
            return services

        def ready(services: Services) -> None:
            MainThreadCollector.freeze_startup_heap()
            on_ready(services.areas)

        self.tasks.run(work, ready, on_error, loader=True)

    def services(self, timeout: float | None = 60) -> AreaServices:
        """The area services; waits for the background open (call from workers, or after ready)."""
        return self._services.result(timeout).areas

    def use_services(self, services: Services) -> None:
        """For tests and the self-test: services opened elsewhere."""
        MainThreadCollector.freeze_startup_heap()
        self._services.set_result(services)

    @property
    def services_ready(self) -> bool:
        return self._services.done() and self._services.exception() is None


def _studio_extensions() -> Extensions:
    from studio.ui import AREAS
    from studio.ui.shell.extensions import Extensions

    return Extensions.from_packages(AREAS)
