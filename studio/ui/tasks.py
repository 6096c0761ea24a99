"""Running service calls off the GUI thread and delivering their results back on it.

``Tasks.run(fn, on_success, on_error)`` runs ``fn`` in a worker and calls back on the GUI
thread. Writes (``write=True``) go through one worker at a time, so two quick clicks never
race each other to SQLite. A DomainError goes to ``on_error`` (a sentence for the user);
anything else is a bug and goes to the crash handler.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from studio.services.errors import DomainError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive queued."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread below
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


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
        self._live: set[_Relay] = set()

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
        relay = _Relay()
        self._live.add(relay)
        if len(self._live) == 1:
            self.busy_changed.emit(True)

        def done() -> None:
            self._live.discard(relay)
            relay.deleteLater()
            if not self._live:
                self.busy_changed.emit(False)

        @Slot(object)
        def succeeded(result: Any) -> None:
            done()
            if on_success is not None:
                on_success(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            done()
            if isinstance(exc, DomainError) and on_error is not None:
                on_error(exc)
            elif isinstance(exc, DomainError):
                self.crashed.emit(exc)
            else:
                log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))
                self.crashed.emit(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        pool = self._loader if loader else self._long if long else self._writer if write else self._readers
        pool.start(_Job(fn, relay))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the pools are idle (shutdown and tests only)."""
        return all(pool.waitForDone(msecs) for pool in (self._loader, self._long, self._writer, self._readers))
