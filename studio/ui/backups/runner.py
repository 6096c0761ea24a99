"""The daily backup inside the app: APScheduler's thread, reported through Qt signals.

One per app (``ctx.runner("backups")``, registered by the backups area's descriptor). It
starts once the studio is open, signed in or not: a PC left at the sign-in window
overnight still backs up at 02:00. ``start`` builds and starts the BackupScheduler off
the GUI thread (it reads the settings and status); ``stop`` shuts it down and joins its
threads. ``changed`` fires after any backup, restore, import or delete, from the scheduler
or from the page, so the status bar, the dashboard and the page refresh.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class BackupRunner(QObject):
    # Emitted on the scheduler thread; receivers on the GUI thread get them queued.
    result = Signal(object, object)  # BackupResult | None, problem sentence | None
    changed = Signal()

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.scheduler = None
        self._wanted = False

    @property
    def running(self) -> bool:
        return self.scheduler is not None

    def start(self, timezone: str) -> None:
        if self._wanted:
            return
        self._wanted = True
        services = self.ctx.services()

        def work():
            from studio.services.backup import BackupScheduler

            scheduler = BackupScheduler(services.backup, timezone=ZoneInfo(timezone), on_result=self._on_result)
            scheduler.start()
            return scheduler

        def started(scheduler) -> None:
            if self._wanted:
                self.scheduler = scheduler
            else:  # stopped while it was starting
                scheduler.shutdown(wait=True)

        def failed(error) -> None:
            self._wanted = False
            log.warning("the backup schedule could not start: %s", error.message)

        self.ctx.tasks.run(work, started, failed)

    def studio_ready(self, settings) -> None:
        self.start(settings.timezone)

    def resume(self, settings) -> None:
        self.start(settings.timezone)

    def _on_result(self, result, problem) -> None:
        # Scheduler thread: only signal emission here, never a widget.
        self.result.emit(result, problem)
        self.changed.emit()

    def stop(self) -> None:
        """Shut the scheduler down and join its threads (a backup in progress finishes first)."""
        self._wanted = False
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=True)
