"""Running service calls off the GUI thread and delivering their results back on it.

``Tasks.run(fn, on_success, on_error)`` runs ``fn`` in a worker and calls back on the GUI
thread. Writes (``write=True``) go through one worker at a time, so two quick clicks never
race each other to SQLite. A DomainError goes to ``on_error`` (a sentence for the user);
anything else is a bug and goes to the crash handler.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from studio.services.common import DomainError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """One per Tasks, living on the GUI thread: a worker's emit arrives there queued.

    Jobs never own a QObject of their own. A QObject made per job would be freed by whichever
    thread dropped the last reference to it, and a QObject freed on a worker thread while
    the GUI thread still delivers its signal is a crash that shows up once in a hundred runs.
    """

    # job id, (succeeded, result or exception). The flag travels inside the tuple: a bool
    # signal argument crossing threads has been seen to unbalance the refcount of True/False.
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.job_id = job_id
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread below
            self.relay.finished.emit(self.job_id, (False, exc))
        else:
            self.relay.finished.emit(self.job_id, (True, result))
        self.fn = None  # the worker keeps no reference to the caller's objects


class Tasks(QObject):
    """One per application. ``busy`` tells tests and spinners when work is in flight."""

    busy_changed = Signal(bool)
    crashed = Signal(object)  # an unexpected exception, for the crash dialog

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        # Opening the data layer has a lane of its own: calls queued on the other lanes
        # wait for it, so it must never queue behind them.
        self._loader = QThreadPool(self)
        self._loader.setMaxThreadCount(1)
        # Long work (backups, restores, exports) has its own lane too, so a backup of many
        # minutes never holds up the quick writes behind it.
        self._long = QThreadPool(self)
        self._long.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._next_id = itertools.count(1)
        # job id -> (on_success, on_error), touched on the GUI thread only
        self._live: dict[int, tuple[Callable[[Any], None] | None, Callable[[DomainError], None] | None]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[DomainError], None] | None = None,
        *,
        write: bool = False,
        loader: bool = False,
        long: bool = False,
    ) -> None:
        job_id = next(self._next_id)
        self._live[job_id] = (on_success, on_error)
        if len(self._live) == 1:
            self.busy_changed.emit(True)
        pool = self._loader if loader else self._long if long else self._writer if write else self._readers
        pool.start(_Job(job_id, fn, self._relay))

    @Slot(int, object)
    def _finished(self, job_id: int, outcome: tuple[bool, Any]) -> None:
        ok, payload = outcome
        on_success, on_error = self._live.pop(job_id)
        if not self._live:
            self.busy_changed.emit(False)
        if ok:
            if on_success is not None:
                on_success(payload)
        elif isinstance(payload, DomainError) and on_error is not None:
            on_error(payload)
        elif isinstance(payload, DomainError):
            self.crashed.emit(payload)
        else:
            log.error("background task failed", exc_info=(type(payload), payload, payload.__traceback__))
            self.crashed.emit(payload)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the pools are idle (shutdown and tests only)."""
        return all(pool.waitForDone(msecs) for pool in (self._loader, self._long, self._writer, self._readers))
