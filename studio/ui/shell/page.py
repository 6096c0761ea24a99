"""What every page shares: a header with title and actions, lazy loading, and a way to
call services as the signed-in person without blocking the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from studio.ui.kit.widgets import label

if TYPE_CHECKING:
    from studio.services.common import Actor, StudioSettings
    from studio.services.core import Services
    from studio.ui.context import AppContext


class PageHost:
    """The narrow view of the main window that pages get."""

    def __init__(self, ctx: AppContext, actor_getter: Callable[[], Actor], toast: Callable[[str], None],
                 settings_getter: Callable[[], StudioSettings]) -> None:
        self.ctx = ctx
        self._actor = actor_getter
        self._settings = settings_getter
        self.toast = toast
        # Set by the main window: quiet the background work before a restore and resume it
        # after a failed one; and, once the data is replaced, sign everyone in again.
        self.pause_background: Callable[[], None] = lambda: None
        self.resume_background: Callable[[], None] = lambda: None
        self.restored: Callable[[str], None] = lambda _message: None
        # Set by the main window: go to another page, open the studio settings, lock.
        self.open_page: Callable[[str], None] = lambda _key: None
        self.edit_settings: Callable[[], None] = lambda: None
        self.lock: Callable[[], None] = lambda: None

    @property
    def actor(self) -> Actor:
        return self._actor()

    @property
    def settings(self) -> StudioSettings:
        """The studio's settings as of sign-in or the last save (time zone, currency…)."""
        return self._settings()

    @property
    def services(self) -> Services:
        return self.ctx.services()

    def call(
        self,
        fn: Callable[[Services, Actor], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        *,
        write: bool = False,
    ) -> None:
        """Run ``fn(services, actor)`` off the GUI thread; results come back on it."""
        services, actor = self.services, self.actor
        self.ctx.tasks.run(lambda: fn(services, actor), on_success, on_error, write=write)


class Page(QWidget):
    """A sidebar page. Built the first time it is opened; ``activate`` runs on every visit."""

    title = ""
    subtitle = ""
    badge_changed = Signal(int)

    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.host = host
        self.loaded = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(16)
        header = QHBoxLayout()
        header.setSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title_label = label(self.title, "pageTitle")
        titles.addWidget(self.title_label)
        # Wraps rather than slides under the header's buttons on a small window.
        self.subtitle_label = label(self.subtitle, "muted", wrap=True)
        self.subtitle_label.setVisible(bool(self.subtitle))
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        header.addLayout(self.actions)
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        outer.addLayout(self.body, 1)

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Reload the page's data (F5)."""

    def new_item(self) -> None:
        """Ctrl+N on this page; pages that create things override it."""

    def focus_filter(self) -> None:
        """Ctrl+F on this page; pages with a filter field override it."""

    def open_record(self, record_id: int) -> None:
        """Open one of this page's records, a hit of the global search (the page's
        PageSpec names the kind); pages with a search_kind override it."""
