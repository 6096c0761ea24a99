"""Running Linework's own main loop (``QApplication.exec()``) in a test, as ``studio`` does,
while a script plays the person: each step waits for what the person would see, then acts.

If the app quits by itself before the script is done (a window replaced by another and Qt
deciding that was the last one), ``exec()`` returns early and the test says at which step.
Every step has a deadline; past it the loop is ended and the test fails naming the step.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

# A step yields (what it waits for, a condition); the script goes on once the condition holds.
Script = Generator[tuple[str, Callable[[], bool]], None, None]
FINISHED = 0
TIMED_OUT = 97
SCRIPT_FAILED = 98


@dataclass
class Run:
    exit_code: int = -1
    waiting_for: str = "the script to start"
    finished: bool = False
    error: BaseException | None = None
    steps: list[str] = field(default_factory=list)


def run_main_loop(app: QApplication, script: Script, *, step_timeout_ms: int = 20_000,
                  poll_ms: int = 25) -> Run:
    """Runs ``app.exec()`` while ``script`` plays; returns how it went. The script's last
    step should leave the app running: this ends the loop itself once the script is done."""
    run = Run()
    elapsed = [0]
    pending: list[tuple[str, Callable[[], bool]]] = []
    timer = QTimer()
    timer.setInterval(poll_ms)

    def advance() -> None:
        try:
            pending[:] = [next(script)]
            run.waiting_for = pending[0][0]
            run.steps.append(run.waiting_for)
            elapsed[0] = 0
        except StopIteration:
            run.finished = True
            timer.stop()
            QApplication.exit(FINISHED)

    def poll() -> None:
        try:
            if not pending:
                advance()
                return
            what, ready = pending[0]
            if ready():
                advance()
                return
            elapsed[0] += poll_ms
            if elapsed[0] > step_timeout_ms:
                timer.stop()
                QApplication.exit(TIMED_OUT)
        except BaseException as error:  # an assertion in the script: end the loop and report it
            run.error = error
            timer.stop()
            QApplication.exit(SCRIPT_FAILED)

    timer.timeout.connect(poll)
    timer.start()
    run.exit_code = app.exec()
    timer.stop()
    return run


def explain(run: Run) -> str:
    if run.error is not None:
        return f"the script failed while waiting for {run.waiting_for}: {run.error!r}"
    if run.exit_code == TIMED_OUT:
        return f"nothing happened in time while waiting for {run.waiting_for}"
    if not run.finished:
        return f"Linework quit by itself (exit code {run.exit_code}) while the script waited for {run.waiting_for}"
    return "finished"
