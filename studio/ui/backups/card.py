"""The dashboard's backup card: one line of the backups' state when all is well ("Last good
backup 3 h ago."); the warning card's look, with what to do about it for the person reading, while
the backups need attention (a failed or missing backup)."""

from __future__ import annotations

from studio.services.common import Permission, _, can
from studio.ui.backups.model import age, status_line
from studio.ui.kit import theme
from studio.ui.kit.figure_card import FigureCard
from studio.ui.shell.page import PageHost


class BackupCard(FigureCard):
    def __init__(self, host: PageHost) -> None:
        super().__init__(host, _("BACKUP"), (("backups", _("Open Backups")),))
        self.text = self.note  # the sentence the card shows
        self.text.setObjectName("BackupState")
        self.status = None
        host.ctx.runner("backups").changed.connect(self.refresh)

    def refresh(self) -> None:
        self.host.call(lambda s, a: (s.backup.status(a), s.clock()), self._show, lambda _e: None)

    def _show(self, result) -> None:
        status, now = result
        self.status = status
        if status.warning:
            # What to do depends on who reads it: the services' sentence names no page.
            admin = can(self.host.actor.role, Permission.MANAGE_BACKUPS)
            advice = _("Open Backups to back up now.") if admin else _("Tell an admin.")
            self.show_figure("", f"{status.warning} {advice}", warning=True,
                             icon=("triangle-alert", theme.current().warning))
        else:
            _text, level = status_line(status, now)  # amber over a day old, as in the status bar
            tokens = theme.current()
            colour = {"ok": tokens.success, "warning": tokens.warning}.get(level, tokens.danger)
            # Translators: {age} is how long ago, e.g. "3 h ago".
            self.show_figure("", _("Last good backup {age}.").format(age=age(now - status.newest_verified_at)),
                             icon=("circle-check" if level == "ok" else "circle-alert", colour))
