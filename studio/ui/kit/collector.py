"""Python's cycle collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. If
that is a worker thread and the garbage holds a widget (a closed dialog in a reference
cycle, say), Qt destroys the widget off the GUI thread, and the app crashes at random.
So, while the app runs, automatic collection is off and a timer on the GUI thread checks
Python's own thresholds twice a second and collects what is due, as Python would have.
Plain reference counting is untouched: only cyclic garbage waits, for at most one tick.

A full collection walks every object the process holds, and most of those are the heap
the app starts with (modules, classes, SQLAlchemy's mappers): about 85 ms on the CI
machine, a visible stall on the GUI thread. Once the data layer is loaded, that heap is
frozen out of the collector's sight (``gc.freeze``), so a full collection walks only what
was made since.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

TICK_MS = 500


class MainThreadCollector(QObject):
    """``MainThreadCollector.install(app)`` once per process; ``stop()`` gives collection back."""

    _startup_frozen = False

    @classmethod
    def install(cls, app: QObject) -> "MainThreadCollector":
        existing = app.findChild(cls)
        if existing is not None:
            return existing
        collector = cls(app)
        collector.start()
        return collector

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    @staticmethod
    def collect_due() -> None:
        """One tick: nothing unless the youngest generation has passed its threshold; then
        the oldest generation whose count has passed its own, as Python picks."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if not thresholds[0] or counts[0] <= thresholds[0]:
            return
        for generation in (2, 1):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
        gc.collect(0)

    @classmethod
    def freeze_startup_heap(cls) -> None:
        """Once per process, when the data layer is loaded: what exists now is kept out of
        every later collection (it lives as long as the app anyway)."""
        if cls._startup_frozen:
            return
        cls._startup_frozen = True
        gc.freeze()
