"""The sidebar's low-stock badge, kept current wherever stock moves: the Inventory page,
a session's use recorded from the calendar. Whatever moves stock calls
``stock_changed(host)``; the badge (and anything else listening) gets the new count."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from studio.ui.shell.page import PageHost


class StockWatch(QObject):
    """The app's one listener for stock changes (a background runner that runs nothing)."""

    low_changed = Signal(int)

    def __init__(self, _ctx=None) -> None:
        super().__init__()

    @property
    def running(self) -> bool:
        return False  # nothing to pause before a restore, nothing to resume after

    def studio_ready(self, settings) -> None:
        """Nothing starts: the count is read when the sidebar is built and when stock moves."""

    def resume(self, settings) -> None:
        """Nothing was running."""

    def stop(self) -> None:
        """Nothing runs."""


def stock_changed(host: PageHost) -> None:
    """Stock moved (a delivery, a session's use, waste…): recount the items running low."""
    watch = host.ctx.runner("inventory")
    host.call(lambda s, a: s.inventory.low_count(a), watch.low_changed.emit)


def low_stock_badge(host: PageHost, show: Callable[[int], None]) -> None:
    """Items at or under their threshold: counted now, then again whenever stock moves.
    ``show`` is a bound method of a widget, so the connection goes when the widget does."""
    host.ctx.runner("inventory").low_changed.connect(show)
    host.call(lambda s, a: s.inventory.low_count(a), show)
