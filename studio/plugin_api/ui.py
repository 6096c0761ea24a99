"""``ui``: what a plugin may add to the window. Everything it adds is recorded here, so the
plugin host can take all of it away again when the plugin is switched off, reloaded or fails.

The additions are made while ``register`` runs; the window shows them as soon as the plugin
is loaded (no restart). Keys are the plugin's own: Linework prefixes them with its id, so two
plugins never collide. The widgets' factories are called when first needed (a page when it
is first opened, a tab when a client is shown), on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    from studio.services.common import Permission

WidgetFactory = Callable[[], "QWidget"]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: WidgetFactory
    icon: str
    permission: Permission | None
    admin: bool
    order: int


@dataclass(frozen=True)
class MenuSpec:
    key: str
    text: str
    run: Callable[[QWidget], None]
    permission: Permission | None


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    factory: WidgetFactory
    permission: Permission | None


@dataclass(frozen=True)
class CardSpec:
    key: str
    title: str
    factory: WidgetFactory
    permission: Permission | None
    order: int


@dataclass
class Contributions:
    """What one plugin added: its pages, menu actions, client tabs, cards (and, through
    ``app.on``, its hooks)."""

    pages: list[PageSpec] = field(default_factory=list)
    menu_actions: list[MenuSpec] = field(default_factory=list)
    client_tabs: list[TabSpec] = field(default_factory=list)
    dashboard_cards: list[CardSpec] = field(default_factory=list)
    hooks: list[tuple[str, Callable[[Any], None]]] = field(default_factory=list)


class Toolkit(Protocol):
    """What the window lends a plugin's widgets (given by the plugin host)."""

    def run(self, fn: Callable[[], Any], done: Callable[[Any], None] | None,
            failed: Callable[[Any], None] | None) -> None: ...

    def toast(self, text: str) -> None: ...

    def icon(self, name: str) -> QIcon: ...

    @property
    def colors(self) -> Any: ...

    def button(self, text: str, **options: Any) -> QPushButton: ...

    def label(self, text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel: ...


class Ui:
    """One per loaded plugin (see docs/plugins.md)."""

    def __init__(self, plugin_id: str, contributions: Contributions, toolkit: Toolkit) -> None:
        self.plugin_id = plugin_id
        self._added = contributions
        self._kit = toolkit
        self._open = True

    def _key(self, key: str, group: list) -> str:
        """The plugin's ``key`` made unique among all plugins' (each kind of addition has
        its own keys: a page and a card may share one)."""
        if not self._open:
            raise RuntimeError("The ui.add_… calls are for register(); nothing can be added afterwards.")
        if not key or not key.replace("_", "").replace("-", "").isalnum():
            raise ValueError(f"{key!r} is not a key: use letters, digits, '-' and '_'.")
        full = f"{self.plugin_id}.{key}"
        if any(entry.key == full for entry in group):
            raise ValueError(f"This plugin already added {key!r}.")
        return full

    # --- what a plugin adds -----------------------------------------------------------------
    def add_page(self, key: str, title: str, factory: WidgetFactory, *, icon: str = "puzzle",
                 permission: Permission | None = None, admin: bool = False, order: int = 200) -> None:
        """A sidebar page: ``factory()`` builds its body when the page is first opened; the
        body's ``refresh()`` (if any) runs on each visit and F5, ``focus_filter()`` on Ctrl+F
        and ``new_item()`` on Ctrl+N."""
        self._added.pages.append(PageSpec(self._key(key, self._added.pages), title, factory, icon, permission, admin, order))

    def add_menu_action(self, key: str, text: str, run: Callable[[QWidget], None], *,
                        permission: Permission | None = None) -> None:
        """An entry in the account menu; ``run(window)`` gets the main window (a dialog's parent)."""
        self._added.menu_actions.append(MenuSpec(self._key(key, self._added.menu_actions), text, run, permission))

    def add_client_tab(self, key: str, title: str, factory: WidgetFactory, *,
                       permission: Permission | None = None) -> None:
        """A tab on the client view: ``factory()`` returns a widget with ``show_client(client_id)``."""
        self._added.client_tabs.append(TabSpec(self._key(key, self._added.client_tabs), title, factory, permission))

    def add_dashboard_card(self, key: str, title: str, factory: WidgetFactory, *,
                           permission: Permission | None = None, order: int = 200) -> None:
        """A dashboard card: ``factory()`` returns its body (Linework draws the card and its
        title); the body's ``refresh()`` (if any) runs on each dashboard visit."""
        self._added.dashboard_cards.append(CardSpec(self._key(key, self._added.dashboard_cards), title, factory, permission, order))

    # --- what the window lends -------------------------------------------------------------
    def run(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None,
            failed: Callable[[Any], None] | None = None) -> None:
        """``fn()`` off the GUI thread; ``done(result)`` back on it, or ``failed(refusal)``
        for a sentence from Linework (``Refused``). Any other exception marks the plugin failed."""
        self._kit.run(fn, done, failed)

    def toast(self, text: str) -> None:
        self._kit.toast(text)

    def icon(self, name: str) -> QIcon:
        return self._kit.icon(name)

    @property
    def colors(self) -> Any:
        """The theme's colours (``.text``, ``.text_muted``, ``.accent``, ``.surface``, ``.border``…;
        docs/plugins.md lists them)."""
        return self._kit.colors

    def button(self, text: str, **options: Any) -> QPushButton:
        return self._kit.button(text, **options)

    def label(self, text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
        """A label of plain text (names and notes from people never render as markup)."""
        return self._kit.label(text, role, wrap=wrap)

    def _close(self) -> None:
        self._open = False
