"""The second tier of errors: anything unexpected is logged with its traceback and shown as
one calm dialog on the GUI thread; the app carries on."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication

from studio.services.common import DomainError, _

log = logging.getLogger("studio.crash")


class CrashReporter(QObject):
    report = Signal(object)

    def __init__(self, log_path: str = "") -> None:
        super().__init__()
        self.log_path = log_path
        self.shown: list[str] = []
        self._claimants: list = []
        self._open = False
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = lambda args: self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.handle(exc, tb)

    def claim(self, claimant) -> None:
        """``claimant(exc, tb) -> bool`` hears of each unexpected error first; True means it
        dealt with it (the plugin host takes the errors raised in a plugin's own code)."""
        self._claimants.append(claimant)

    def handle(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        for claimant in self._claimants:
            try:
                if not isinstance(exc, DomainError) and claimant(exc, tb or exc.__traceback__):
                    return
            except Exception:  # noqa: BLE001 - never crash while reporting a crash
                log.exception("a crash claimant failed")
        if isinstance(exc, DomainError):
            self.report.emit(exc.message)
            return
        from studio.services.backup import describe_failure

        damage = describe_failure(exc)  # the database file went bad under us: say that, not "a bug"
        if damage is not None:
            log.error("database damaged: %s", damage)
            self.report.emit(damage)
            return
        log.error("unexpected error", exc_info=(type(exc), exc, tb or exc.__traceback__))
        sorry = _("Something went wrong and that action did not finish. Your saved data is safe.")
        # Translators: {path} is the log file's path on this PC.
        where = _("The details were written to the log:\n{path}").format(path=self.log_path) if self.log_path \
            else _("The details were written to the log.")
        self.report.emit(f"{sorry}\n\n{where}")

    @Slot(object)
    def _show(self, text: str) -> None:
        self.shown.append(text)
        if self._open or QApplication.instance() is None:
            return  # one dialog at a time; the log has every one
        self._open = True
        try:
            from studio.ui.kit import prompts  # loaded on the first crash, not at start-up

            box = prompts.tell(QApplication.activeWindow(), "Linework", text,
                               on_closed=lambda: setattr(self, "_open", False))
            box.setObjectName("CrashDialog")
        except Exception:  # noqa: BLE001 - never crash while reporting a crash
            self._open = False
