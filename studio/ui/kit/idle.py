"""Auto-lock: watches for keyboard and mouse activity anywhere in the app and says when the
person has been idle for the configured time."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# As plain ints: the filter sees every event in the app, so its test must be cheap.
ACTIVITY = frozenset(t.value for t in (
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
))


class IdleMonitor(QObject):
    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._paused = False
        QApplication.instance().installEventFilter(self)

    def start(self) -> None:
        self._last = time.monotonic()
        # Check often enough to lock within a second or two of the deadline.
        self._timer.start(max(50, min(1000, self.timeout_ms // 4)))

    def set_timeout(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        if self._timer.isActive():
            self.start()

    def pause(self) -> None:
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        self._last = time.monotonic()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type().value in ACTIVITY:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self._paused and (time.monotonic() - self._last) * 1000 >= self.timeout_ms:
            self._paused = True
            self.idle.emit()
