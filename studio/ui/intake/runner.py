"""The intake server inside the app: starts and stops it off the GUI thread, and turns the
service's plain callback (called on the server's thread) into Qt signals the widgets use.

One per app (``ctx.runner("intake")``, registered by the intake area's descriptor). The
server module is imported only on Start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class IntakeRunner(QObject):
    # Emitted on the server thread; receivers on the GUI thread get them queued.
    submission_arrived = Signal(object)  # SubmissionNotice
    pending_changed = Signal(int)
    state_changed = Signal(bool, str)  # running, base URL ("" when stopped)
    failed = Signal(str)

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.server = None
        self.base_url = ""
        # Tests and kiosks may pin the address: (host, port); None uses the settings.
        self.bind_override: tuple[str, int] | None = None
        self._listening_to = None

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    def _listen(self, services) -> None:
        if self._listening_to is services:
            return
        services.intake.listeners.append(self._on_submission)
        self._listening_to = services

    def _on_submission(self, notice) -> None:
        # Server thread: only signal emission here, never a widget.
        self.submission_arrived.emit(notice)
        self.pending_changed.emit(notice.pending)

    def start(self) -> None:
        if self.running:
            return
        services = self.ctx.services()
        self._listen(services)
        override = self.bind_override

        def work():
            from studio.intake.server import IntakeServer

            server = IntakeServer(services)
            if override is not None:
                server.start(*override)
            else:
                server.start()
            return server

        def started(server) -> None:
            self.server = server
            self.base_url = server.base_url
            self.state_changed.emit(True, self.base_url)

        def failed(error) -> None:
            self.failed.emit(error.message)

        self.ctx.tasks.run(_as_domain(work), started, failed, write=True)

    def studio_ready(self, _settings) -> None:
        """Start with Linework when the intake settings say so."""
        services = self.ctx.services()
        self.ctx.tasks.run(lambda: services.intake.settings().autostart,
                           lambda autostart: autostart and self.start())

    def resume(self, _settings) -> None:
        self.start()

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is None:
            return
        server.stop()  # quick: closes connections and joins threads
        self.base_url = ""
        self.state_changed.emit(False, "")

    def watch(self, services) -> None:
        """Receive submission notices even while the server is run by someone else."""
        self._listen(services)


def _as_domain(work):
    """A port already in use or an address not on this PC is a sentence, not a crash."""
    from studio.services.common import DomainError, _

    def run():
        try:
            return work()
        except OSError as exc:
            log.warning("intake server could not start: %s", exc)
            # Translators: {reason} is the system's reason, e.g. "Address already in use".
            raise DomainError(_(
                "The intake server could not start: the port is in use or the address is not "
                "this PC's ({reason}). Change them in the intake settings.").format(reason=exc.strerror or exc)) from exc

    return run
