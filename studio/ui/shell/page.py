"""What every page shares: a header with title and actions, lazy loading, and a way to
call services as the signed-in person without blocking the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from studio.services.common import _
from studio.ui.kit.widgets import label

if TYPE_CHECKING:
    from studio.services.common import Actor, StudioSettings
    from studio.services.core import AreaServices
    from studio.ui.context import AppContext
    from studio.ui.shell.extensions import Extensions


class Shell(Protocol):
    """What the window around the pages does for them (the main window; a test's stand-in)."""

    @property
    def actor(self) -> Actor: ...

    @property
    def settings(self) -> StudioSettings: ...

    def toast(self, text: str) -> None:
        """A short message in the status bar."""

    def open_page(self, key: str) -> None:
        """Go to a sidebar page by its key (the first allowed page if the role has no such page)."""

    def run_action(self, key: str) -> None:
        """Run an account-menu action by its key, e.g. "studio-settings"."""

    def lock(self) -> None: ...

    def settings_saved(self, settings: StudioSettings) -> None:
        """The studio settings changed: the window shows the new name, time zone, auto-lock."""

    def region_saved(self, region: str) -> None:
        """The studio's region changed: dates, numbers and money are written its way."""

    def pause_background(self) -> None:
        """Before a restore: no runner or status poll may hold the database."""

    def resume_background(self) -> None:
        """After a restore that failed (nothing changed): everything as it was."""

    def restored(self, message: str) -> None:
        """The data was replaced: close the window and ask everyone to sign in again."""


class PageHost:
    """The narrow view of the window that pages, dialogs and cards get: the signed-in
    person, the studio's settings, the area services (never the database) and the shell's
    few actions."""

    def __init__(self, ctx: AppContext, shell: Shell) -> None:
        self.ctx = ctx
        self.shell = shell

    @property
    def actor(self) -> Actor:
        return self.shell.actor

    @property
    def settings(self) -> StudioSettings:
        """The studio's settings as of sign-in or the last save (time zone, currency…)."""
        return self.shell.settings

    @property
    def services(self) -> AreaServices:
        return self.ctx.services()

    @property
    def extensions(self) -> Extensions:
        return self.ctx.extensions

    def toast(self, text: str) -> None:
        self.shell.toast(text)

    def open_page(self, key: str) -> None:
        self.shell.open_page(key)

    def run_action(self, key: str) -> None:
        self.shell.run_action(key)

    def lock(self) -> None:
        self.shell.lock()

    def call(
        self,
        fn: Callable[[AreaServices, Actor], Any],
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

    # N_("…")-marked in each page; shown translated into the signed-in person's language.
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
        self.title_label = label(_(self.title) if self.title else "", "pageTitle")
        titles.addWidget(self.title_label)
        # Wraps rather than slides under the header's buttons on a small window.
        self.subtitle_label = label(_(self.subtitle) if self.subtitle else "", "muted", wrap=True)
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
        SidebarPage names the kind); pages with a search_kind override it."""
