"""Python's cycle collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. If
that is a worker thread and the garbage holds a widget (a closed dialog in a reference
cycle, say), Qt destroys the widget off the GUI thread, and the app crashes at random.
So, while the app runs, automatic collection is off and a timer on the GUI thread collects
instead, with Python's own thresholds. Plain reference counting is untouched: only cyclic
garbage waits, for at most one tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

TICK_MS = 500


class MainThreadCollector(QObject):
    """``MainThreadCollector.install(app)`` once per process; ``stop()`` gives collection back."""

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
        """One tick: the oldest generation whose count has passed its threshold, as Python
        would pick, or else the youngest. Python counts allocations minus frees, so a burst
        that has been freed again leaves the count low while its cycles stay behind;
        collecting the youngest generation every tick frees those too, and costs little
        because it only looks at objects made since the last tick."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
        gc.collect(0)
