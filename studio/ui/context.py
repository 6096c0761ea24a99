"""What every window shares: the config, the task runner, the crash reporter, window
preferences, and the studio's services (opened in the background at start-up)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSettings

from studio.config import Config
from studio.ui.kit.collector import MainThreadCollector
from studio.ui.kit.crash import CrashReporter
from studio.ui.kit.tasks import Tasks

if TYPE_CHECKING:
    from studio.services.core import Services


class AppContext:
    def __init__(self, config: Config, tasks: Tasks, crash: CrashReporter) -> None:
        self.config = config
        self.tasks = tasks
        self.crash = crash
        self.prefs = QSettings(str(config.ui_settings_path), QSettings.Format.IniFormat)
        self._services: Future[Services] = Future()
        tasks.crashed.connect(crash.handle)
        self._intake = None
        self._backups = None

    @property
    def intake(self):
        """The in-app intake server (studio.ui.intake.runner.IntakeRunner), made on first use."""
        if self._intake is None:
            from studio.ui.intake import IntakeRunner

            self._intake = IntakeRunner(self)
        return self._intake

    @property
    def backups(self):
        """The in-app backup schedule (studio.ui.backups.runner.BackupRunner), made on first use."""
        if self._backups is None:
            from studio.ui.backups import BackupRunner

            self._backups = BackupRunner(self)
        return self._backups

    def stop_backups(self) -> None:
        if self._backups is not None:
            self._backups.stop()

    def reset_services(self) -> None:
        """Forget the open services (after a restore); ``open_services`` opens them anew."""
        if self.services_ready:
            self._services.result().db.dispose()
        self._services = Future()

    def stop_intake(self) -> None:
        if self._intake is not None:
            self._intake.stop()

    def open_services(self, on_ready: Callable[[Services], None], on_error: Callable[[object], None]) -> None:
        """Import the data layer and migrate in a worker, so the first window shows at once."""

        def work() -> Services:
            from studio.services.core import open_services

            from studio.services.backup.health import database_problem
            from studio.services.common import DatabaseDamaged

            problem = database_problem(self.config.database_path, self.config.backups_dir)
            if problem is not None:  # never migrate a file SQLite cannot read, or not ours
                self._services.set_exception(DatabaseDamaged(problem.message, reason=problem.reason))
                raise DatabaseDamaged(problem.message, reason=problem.reason)
            try:
                services = open_services(self.config.database_url, config=self.config)
            except BaseException as exc:
                self._services.set_exception(exc)
                from studio.services.backup.health import raise_if_damaged

                raise_if_damaged(exc)  # a damaged file: a DomainError, so the recovery screen opens
                raise
            self._services.set_result(services)
            return services

        def ready(services: Services) -> None:
            MainThreadCollector.freeze_startup_heap()
            on_ready(services)

        self.tasks.run(work, ready, on_error, loader=True)

    def services(self, timeout: float | None = 60) -> Services:
        """The services; waits for the background open (call from workers, or after ready)."""
        return self._services.result(timeout)

    def use_services(self, services: Services) -> None:
        """For tests and the self-test: services opened elsewhere."""
        MainThreadCollector.freeze_startup_heap()
        self._services.set_result(services)

    @property
    def services_ready(self) -> bool:
        return self._services.done() and self._services.exception() is None
