"""The daily backup on APScheduler's BackgroundScheduler.

One job at the set local time (default 02:00), plus a catch-up run at start-up when the
newest verified backup is older than a day (the PC was off at 02:00). ``coalesce`` folds
missed runs into one, ``misfire_grace_time`` lets a run that was due while the PC slept
still happen within a few hours, and ``max_instances=1`` plus the folder lock mean never two
backups at once. The scheduler thread reaches the UI only through the status the service
returns (the UI polls ``status`` or listens to ``on_result``).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Callable

from studio.services.backup.records import SCHEDULER, BackupResult
from studio.services.backup.settings import BackupSettings
from studio.services.common.errors import DomainError

log = logging.getLogger(__name__)

JOB_ID = "daily-backup"
CATCH_UP_ID = "catch-up-backup"
MISFIRE_GRACE_SECONDS = 6 * 3600
_DAY = timedelta(days=1)


class BackupScheduler:
    def __init__(self, backup_service, *, timezone=None,
                 on_result: Callable[[BackupResult | None, str | None], None] | None = None) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler  # lazy: not on the login path

        self.service = backup_service
        self.on_result = on_result
        self.timezone = timezone or _local_zone()
        self.scheduler = BackgroundScheduler(
            timezone=self.timezone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        )
        self._run_lock = threading.Lock()
        self.catch_up: threading.Thread | None = None  # the start-up run, when one was due
        backup_service.settings_listeners.append(self.apply)

    def start(self) -> None:
        """Schedule the daily job and, when the newest good backup is over a day old, a
        catch-up run now."""
        self.apply(self.service.settings(SCHEDULER))
        self.scheduler.start()
        status = self.service.status(SCHEDULER)
        if status.newest_verified_at is None or self.service.clock() - status.newest_verified_at > _DAY:
            # A thread of its own, not a one-off APScheduler job: APScheduler removes a
            # finished one-off job from its store, and a shutdown at that moment makes its
            # thread raise JobLookupError. ``run`` and the daily job share one lock.
            self.catch_up = threading.Thread(target=self.run, name=CATCH_UP_ID, daemon=True)
            self.catch_up.start()

    def apply(self, settings: BackupSettings) -> None:
        """(Re)schedule the daily job from the settings."""
        from apscheduler.triggers.cron import CronTrigger

        if not settings.enabled:
            if self.scheduler.get_job(JOB_ID):
                self.scheduler.remove_job(JOB_ID)
            return
        hour, minute = settings.hour_minute
        self.scheduler.add_job(self.run, CronTrigger(hour=hour, minute=minute, timezone=self.timezone),
                               id=JOB_ID, replace_existing=True, misfire_grace_time=MISFIRE_GRACE_SECONDS,
                               coalesce=True, max_instances=1)

    def run(self) -> BackupResult | None:
        """One scheduled backup; failures are audited by the service and reported, not raised."""
        if not self._run_lock.acquire(blocking=False):
            return None
        try:
            result = self.service.back_up_now(SCHEDULER)
            problem = result.second_folder_problem
        except DomainError as exc:
            result, problem = None, exc.message
        except Exception:  # the scheduler thread must survive a bug; it is logged
            log.exception("scheduled backup crashed")
            result, problem = None, "The scheduled backup failed unexpectedly; the details are in the log."
        finally:
            self._run_lock.release()
        if self.on_result is not None:
            self.on_result(result, problem)
        return result

    def shutdown(self, wait: bool = True) -> None:
        if self.apply in self.service.settings_listeners:
            self.service.settings_listeners.remove(self.apply)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)
        if wait and self.catch_up is not None:
            self.catch_up.join()


def _local_zone():
    from tzlocal import get_localzone

    return get_localzone()
