"""Background work: results come back on the GUI thread, and garbage is freed there too."""

from __future__ import annotations

import gc
import sys
import threading

from studio.services.common import DomainError
from studio.ui.app import create_app
from studio.ui.kit.collector import TICK_MS, MainThreadCollector
from studio.ui.kit.tasks import Tasks


def test_results_and_errors_come_back_on_the_gui_thread(qtbot):
    tasks = Tasks(create_app())
    main = threading.current_thread()
    seen: list[tuple[str, object, bool]] = []
    busy: list[bool] = []
    tasks.busy_changed.connect(busy.append)

    for n in range(300):
        tasks.run(lambda n=n: n * 2, lambda r: seen.append(("ok", r, threading.current_thread() is main)))
    tasks.run(lambda: (_ for _ in ()).throw(DomainError("That email is taken.")),
              on_error=lambda e: seen.append(("error", str(e), threading.current_thread() is main)), write=True)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)

    assert sorted(r for kind, r, _ in seen if kind == "ok") == [n * 2 for n in range(300)]
    assert ("error", "That email is taken.", True) in seen
    assert all(on_main for _, _, on_main in seen)
    assert busy[0] is True and busy[-1] is False


def test_an_unexpected_exception_goes_to_the_crash_signal_not_on_error(qtbot):
    tasks = Tasks(create_app())
    crashes: list[BaseException] = []
    errors: list[DomainError] = []
    tasks.crashed.connect(crashes.append)

    def broken():
        raise KeyError("nobody")

    tasks.run(broken, on_error=errors.append)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5_000)
    assert errors == [] and len(crashes) == 1 and isinstance(crashes[0], KeyError)


class _Marker:
    """Garbage in a reference cycle that notes which thread freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Marker.freed_on.append(threading.current_thread().name)


def test_cyclic_garbage_is_freed_on_the_gui_thread_even_when_a_worker_allocates(qtbot):
    create_app()
    assert not gc.isenabled()  # the app collects on its own timer
    gc.collect()
    _Marker.freed_on.clear()
    _Marker()  # unreachable at once, freed only by the cycle collector
    kept: list = []

    def allocate() -> None:
        # Far past the youngest generation's threshold, and kept: Python's own collector
        # would have run here, on this worker thread.
        kept.extend([] for _ in range(gc.get_threshold()[0] * 5))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert _Marker.freed_on == []
    qtbot.waitUntil(lambda: bool(_Marker.freed_on), timeout=5_000)
    assert _Marker.freed_on == [threading.current_thread().name]
    kept.clear()


def test_the_collector_leaves_a_quiet_app_alone_and_keeps_the_startup_heap_out_of_sight(qtbot):
    create_app()
    gc.collect()
    baseline = [stats["collections"] for stats in gc.get_stats()]
    qtbot.wait(3 * TICK_MS)  # nothing allocated: nothing is due, nothing is collected
    assert [stats["collections"] for stats in gc.get_stats()] == baseline
    MainThreadCollector.freeze_startup_heap()
    assert gc.get_freeze_count() > 0


def test_emitting_signals_from_python_keeps_reference_counts_balanced(qtbot):
    """PySide6 6.12.0 dropped a reference to True on every emit() from Python, and the app
    aborted after a few hundred background calls; pyproject.toml excludes that release.
    This fails on any Qt binding with the same fault."""
    tasks = Tasks(create_app())
    flags: list[bool] = []
    tasks.busy_changed.connect(flags.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        tasks.busy_changed.emit(True)
        tasks.busy_changed.emit(False)
    assert flags == [True, False] * 200
    flags.clear()
    if sys.version_info >= (3, 12):
        # True and False are immortal there (PEP 683): their count starts near 2**32 and an
        # extension built for an older Python that drops a reference only moves it down from
        # there, so it cannot reach the free that aborted the app. (Seen: PySide6 6.11 on
        # 3.13 drops one per emit(True) this way; on 3.11 the same wheel keeps them balanced.)
        assert sys.getrefcount(True) > 2**31 and sys.getrefcount(False) > 2**31
        return
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
