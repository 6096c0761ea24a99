"""One long backup call at a time, off the GUI thread, with progress and Cancel.

The service takes a plain ``progress(done, text)`` callback and a ``threading.Event``; this
turns the callback (called on the worker thread) into the ``progress`` Qt signal, throttled
so a fast copy cannot flood the GUI thread's event queue, and Cancel into ``Event.set``.
Runs on the tasks' long lane, so quick reads and writes carry on meanwhile.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from studio.services.common import _
from studio.ui.kit.tasks import Tasks

Progress = Callable[[float, str], None]
Work = Callable[[Progress, threading.Event], Any]

LOW_PRIORITY = 10  # nice value of the long lane's thread
MIN_INTERVAL = 0.05  # seconds between progress signals (20 a second is smooth enough)


def _yield_to_the_window() -> None:
    """Lower this worker thread's CPU priority (Linux: per thread; elsewhere a no-op), so on
    a busy PC the GUI thread is scheduled first and the window keeps answering."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOW_PRIORITY)
        except OSError:  # not allowed here: run at the normal priority
            pass


class LongJob(QObject):
    progress = Signal(float, str)
    running_changed = Signal(bool)
    _finished = Signal()  # emitted on the worker thread, before the result is delivered

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False
        self._cancel: threading.Event | None = None
        self._finished.connect(self._on_finished)

    def start(self, work: Work, on_success: Callable[[Any], None] | None = None,
              on_error: Callable[[Any], None] | None = None) -> bool:
        """Run ``work(progress, cancel)``; False (and nothing runs) while another job runs."""
        if self.running:
            return False
        cancel = self._cancel = threading.Event()
        relay = self._throttled()

        def run() -> Any:
            _yield_to_the_window()
            try:
                return work(relay, cancel)
            finally:
                self._finished.emit()

        self._set_running(True)
        self.progress.emit(0.0, _("Starting"))
        self.tasks.run(run, on_success, on_error, long=True)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _throttled(self) -> Progress:
        last = {"at": 0.0, "text": ""}

        def relay(done: float, text: str) -> None:
            now = time.monotonic()
            if text != last["text"] or done >= 1.0 or now - last["at"] >= MIN_INTERVAL:
                last["at"], last["text"] = now, text
                self.progress.emit(float(done), text)

        return relay

    @Slot()
    def _on_finished(self) -> None:
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if self.running != running:
            self.running = running
            self.running_changed.emit(running)
