"""The intake area's parts of the main window: the server's state in the status bar, and
the count of forms waiting on the sidebar, shown before the Intake page is first opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from studio.services.common import _
from studio.ui.shell.page import PageHost


class IntakeStateLabel(QLabel):
    """" · Intake server on 192.168.1.20:8765" or " · Intake server off"."""

    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.setObjectName("IntakeState")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.runner = host.ctx.runner("intake")
        self.runner.state_changed.connect(self._show)  # a bound slot: dropped with the label

    def start(self) -> None:
        self._show(self.runner.running, self.runner.base_url)

    def stop(self) -> None:
        """Nothing to stop: the label only listens."""

    def _show(self, running: bool, url: str) -> None:
        # Translators: {address} is e.g. 192.168.1.20:8765.
        text = (_("Intake server on {address}").format(address=url.removeprefix("http://")) if running
                else _("Intake server off"))
        self.setText(" · " + text)


def pending_badge(host: PageHost, show: Callable[[int], None]) -> None:
    """Forms waiting for the desk: counted now, then updated as each one arrives. ``show``
    is a bound method of a widget, so the connection goes when the widget does."""
    runner = host.ctx.runner("intake")
    runner.pending_changed.connect(show)
    runner.watch(host.services)
    host.call(lambda s, a: s.intake.pending_count(a), show)
