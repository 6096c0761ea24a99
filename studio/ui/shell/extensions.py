"""Extension points: what an area adds to the window, and the registry the shell builds from.

Each UI area exports one :class:`AreaDescriptor` (``DESCRIPTOR`` on its public face, written
in its ``descriptor.py``): its sidebar pages with their permission and badge, its tabs on
the client view, its dashboard cards, its status-bar widgets, its account-menu actions and
its background runners. The shell asks :class:`Extensions` for what the signed-in role may
see and names no area itself, so a new module (or, through ``studio.plugin_api``, a plugin)
plugs in by registering a descriptor.

What a descriptor points at is a **target**: a ``"module:attribute"`` string, imported the
first time it is needed (so registering an area costs nothing at start-up), or the callable
itself. The callables' shapes are the ``*Factory`` aliases below; the objects they return
follow the small protocols next to them.

A minimal area (inventory, once it lands with its VIEW_STOCK permission)::

    DESCRIPTOR = AreaDescriptor(
        name="inventory",
        pages=(SidebarPage("inventory", "Inventory", "package", Permission.VIEW_STOCK,
                           "studio.ui.inventory.page:InventoryPage", order=40,
                           badge="studio.ui.inventory.badges:low_stock"),),
        dashboard_cards=(DashboardCard("low-stock", Permission.VIEW_STOCK,
                                       "studio.ui.inventory.cards:LowStockCard", order=30),),
    )
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from studio.services.common import Permission, Role, _, can

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from studio.services.common import Actor, StudioSettings
    from studio.ui.context import AppContext
    from studio.ui.shell.page import Page, PageHost

Target = str | Callable[..., Any]
Section = Literal["studio", "admin"]
SECTIONS: tuple[Section, ...] = ("studio", "admin")  # top of the sidebar, then below "ADMIN"

# The shapes of the callables a target names.
PageFactory = Callable[["PageHost"], "Page"]  # a Page subclass
BadgeFactory = Callable[["PageHost", Callable[[int], None]], None]  # wires a count to show(n)
ClientTabFactory = Callable[["PageHost", "QWidget | None"], "ClientTabWidget"]
CardFactory = Callable[["PageHost"], "DashboardCardWidget"]
StatusFactory = Callable[["PageHost"], "StatusBarWidget"]
MenuRun = Callable[["PageHost", "QWidget"], None]  # (host, the window it was chosen in)
RunnerFactory = Callable[["AppContext"], "Runner"]
UnlockFormFactory = Callable[["AppContext", "Actor"], "UnlockForm"]


class ClientTabWidget(Protocol):
    """A tab on the client view (a QWidget). Shown only for a client already saved."""

    def show_client(self, client_id: int) -> None:
        """Load what this tab shows about the client (off the GUI thread)."""


class DashboardCardWidget(Protocol):
    """A card on the dashboard (a QWidget); it hides itself when it has nothing to say."""

    def refresh(self) -> None:
        """Reload the card's figures (each visit to the dashboard, and F5)."""


class StatusBarWidget(Protocol):
    """A widget in the main window's status bar."""

    def start(self) -> None:
        """The window is open: show the current state and keep it current."""

    def stop(self) -> None:
        """The window closes, or a restore is about to replace the data: stop polling."""


class UnlockForm(Protocol):
    """The lock screen's password form (a QWidget with a ``signed_in(Actor)`` signal)."""

    def focus_first(self) -> None: ...


class Runner(Protocol):
    """Background work that lives as long as the app, signed in or not (a QObject)."""

    @property
    def running(self) -> bool: ...

    def studio_ready(self, settings: StudioSettings) -> None:
        """The studio's data is open and set up: start whatever runs while Linework is open."""

    def resume(self, settings: StudioSettings) -> None:
        """Start again as before a restore that changed nothing (it was running then)."""

    def stop(self) -> None:
        """Stop and let go of the data (quick; joins its threads)."""


@dataclass(frozen=True)
class SidebarPage:
    key: str
    title: str
    icon: str  # an icon name in studio/ui/icons
    permission: Permission
    page: Target  # PageFactory
    section: Section = "studio"
    order: int = 100  # lower first within the section
    # The global search's kind whose hits this page opens (Page.open_record), if any: the
    # kind its area's SearchProvider registers.
    search_kind: str = ""
    badge: Target | None = None  # BadgeFactory: a count on the sidebar before the page opens

    def load(self) -> PageFactory:
        return resolve(self.page)


@dataclass(frozen=True)
class ClientTab:
    key: str
    title: str
    permission: Permission
    widget: Target  # ClientTabFactory
    order: int = 100  # after the client view's own Details, Health, History and Photo


@dataclass(frozen=True)
class DashboardCard:
    key: str
    permission: Permission
    widget: Target  # CardFactory
    order: int = 100  # lower first; the dashboard's own figures come after the cards


@dataclass(frozen=True)
class StatusWidget:
    key: str
    permission: Permission | None  # None: everyone signed in
    widget: Target  # StatusFactory
    order: int = 100  # left to right, after "Signed in as …"


@dataclass(frozen=True)
class MenuAction:
    key: str
    text: str  # as the account menu shows it, with "…" when it opens a dialog
    permission: Permission | None  # None: everyone signed in
    run: Target  # MenuRun
    order: int = 100  # top to bottom, above the theme, lock and log out


@dataclass(frozen=True)
class BackgroundRunner:
    key: str
    runner: Target  # RunnerFactory


@dataclass(frozen=True)
class AreaDescriptor:
    """Everything one area adds to the window. Every key is unique across all areas."""

    name: str
    pages: tuple[SidebarPage, ...] = ()
    client_tabs: tuple[ClientTab, ...] = ()
    dashboard_cards: tuple[DashboardCard, ...] = ()
    status_widgets: tuple[StatusWidget, ...] = ()
    menu_actions: tuple[MenuAction, ...] = ()
    runners: tuple[BackgroundRunner, ...] = ()
    # The lock screen's form (UnlockFormFactory): exactly one area, accounts, provides it.
    unlock_form: Target | None = None

    def entries(self) -> Iterable[tuple[str, str]]:
        """(kind, key) of everything it adds."""
        for kind in ("pages", "client_tabs", "dashboard_cards", "status_widgets", "menu_actions", "runners"):
            for entry in getattr(self, kind):
                yield kind, entry.key


def resolve(target: Target) -> Callable[..., Any]:
    """A target's callable: ``"package.module:name"`` imported now, or the callable itself."""
    if callable(target):
        return target
    module_name, _, attribute = target.partition(":")
    if not attribute:
        raise ValueError(f"{target!r} is not a target: write it as 'package.module:name'.")
    return getattr(importlib.import_module(module_name), attribute)


E = TypeVar("E", SidebarPage, ClientTab, DashboardCard, StatusWidget, MenuAction)


class Extensions:
    """The registered area descriptors: what the shell, the client view and the dashboard
    are built from. Areas are kept in registration order; entries sort by their ``order``."""

    def __init__(self, descriptors: Iterable[AreaDescriptor] = ()) -> None:
        self._areas: dict[str, AreaDescriptor] = {}
        for descriptor in descriptors:
            self.add(descriptor)

    @classmethod
    def from_packages(cls, packages: Iterable[str]) -> Extensions:
        """The ``DESCRIPTOR`` of each UI area package, e.g. ``"studio.ui.clients"``."""
        return cls(importlib.import_module(package).DESCRIPTOR for package in packages)

    def add(self, descriptor: AreaDescriptor) -> None:
        """Register an area. A name or key already taken is refused, and nothing changes."""
        if descriptor.name in self._areas:
            raise ValueError(f"An area called {descriptor.name!r} is already registered.")
        taken = {entry for area in self._areas.values() for entry in area.entries()}
        seen: set[tuple[str, str]] = set()
        for entry in descriptor.entries():
            if entry in taken or entry in seen:
                raise ValueError(f"{descriptor.name!r} adds {entry[0]} {entry[1]!r}, which is already taken.")
            seen.add(entry)
        for page in descriptor.pages:
            if page.section not in SECTIONS:
                raise ValueError(f"Page {page.key!r}: the section is {SECTIONS}, not {page.section!r}.")
        self._areas[descriptor.name] = descriptor

    def remove(self, name: str) -> AreaDescriptor | None:
        """Unregister an area (a plugin being disabled); what it added is gone at the next build."""
        return self._areas.pop(name, None)

    @property
    def areas(self) -> tuple[AreaDescriptor, ...]:
        return tuple(self._areas.values())

    def _allowed(self, kind: str, role: Role) -> list[E]:
        entries = [entry for area in self._areas.values() for entry in getattr(area, kind)]
        allowed = [e for e in entries if e.permission is None or can(role, e.permission)]
        return sorted(allowed, key=lambda e: e.order)  # stable: ties keep registration order

    def pages(self, role: Role) -> list[SidebarPage]:
        """The sidebar for a role: the studio's pages, then the admin ones."""
        return sorted(self._allowed("pages", role), key=lambda p: SECTIONS.index(p.section))

    def client_tabs(self, role: Role) -> list[ClientTab]:
        """The client view's tabs for a role, titled in the language in use (the
        descriptors mark their titles with N_)."""
        return [replace(tab, title=_(tab.title)) for tab in self._allowed("client_tabs", role)]

    def dashboard_cards(self, role: Role) -> list[DashboardCard]:
        return self._allowed("dashboard_cards", role)

    def status_widgets(self, role: Role) -> list[StatusWidget]:
        return self._allowed("status_widgets", role)

    def menu_actions(self, role: Role) -> list[MenuAction]:
        return self._allowed("menu_actions", role)

    def menu_action(self, key: str) -> MenuAction | None:
        return next((a for area in self._areas.values() for a in area.menu_actions if a.key == key), None)

    def unlock_form(self) -> Target:
        """The one registered lock-screen form."""
        forms = [area.unlock_form for area in self._areas.values() if area.unlock_form is not None]
        if len(forms) != 1:
            raise LookupError(f"Exactly one area must provide the lock screen's form; {len(forms)} do.")
        return forms[0]

    def runners(self) -> list[BackgroundRunner]:
        return [runner for area in self._areas.values() for runner in area.runners]
