"""The intake's dashboard card: how many forms from the phone wait for the desk's review,
kept current as each one arrives."""

from __future__ import annotations

from studio.services.common import _, ngettext, number
from studio.ui.kit.figure_card import FigureCard
from studio.ui.shell.page import PageHost


class IntakeCard(FigureCard):
    def __init__(self, host: PageHost) -> None:
        super().__init__(host, _("INTAKE"), (("intake", _("Open Intake")),))
        self.pending: int | None = None
        runner = host.ctx.runner("intake")
        runner.pending_changed.connect(self._show)
        runner.watch(host.services)

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.intake.pending_count(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, pending: int) -> None:
        self.pending = pending
        note = (ngettext("form waits for review", "forms wait for review", pending)
                if pending else _("No forms waiting for review."))
        self.show_figure(number(pending), note)
