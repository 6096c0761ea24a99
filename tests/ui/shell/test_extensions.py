"""Extension points: an area registered from outside (as a new module or, later, a plugin
will be) appears in the real window — its sidebar page with its badge, its client tab, its
dashboard card, its status-bar widget and its account-menu action — for the roles allowed,
and nowhere else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu

from studio.services.clients import ClientInput
from studio.services.common import Permission, Role
from studio.ui import AREAS
from studio.ui.shell.extensions import (
    AreaDescriptor,
    BackgroundRunner,
    ClientTab,
    DashboardCard,
    Extensions,
    MenuAction,
    SidebarPage,
    StatusWidget,
)
from studio.ui.shell.page import Page
from tests.ui.conftest import open_window
from tests.ui.dialogs import choose_menu_action, find_dialog


class StockPage(Page):
    title = "Stock"
    subtitle = "What is on the shelves."

    def __init__(self, host) -> None:
        super().__init__(host)
        self.shown = label_of("StockBody", "")
        self.body.addWidget(self.shown)

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.clients.search(a, "").total, self._show)

    def _show(self, total: int) -> None:
        self.shown.setText(f"{total} clients could be tattooed with this stock.")


def label_of(name: str, text: str) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def low_stock_badge(_host, show) -> None:
    show(3)


class StockTab(QLabel):
    def __init__(self, host, parent=None) -> None:
        super().__init__("…", parent)
        self.setObjectName("StockTab")
        self.host = host

    def show_client(self, client_id: int) -> None:
        self.host.call(lambda s, a: s.clients.get(a, client_id).full_name,
                       lambda name: self.setText(f"No ink lots recorded for {name} yet."))


class StockCard(QLabel):
    def __init__(self, _host) -> None:
        super().__init__("")
        self.setObjectName("StockCard")
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1
        self.setText("2 inks expire this month.")


class StockStatus(QLabel):
    def __init__(self, _host) -> None:
        super().__init__("")
        self.setObjectName("StockStatus")
        self.polling = False

    def start(self) -> None:
        self.polling = True
        self.setText(" · Stock counted today")

    def stop(self) -> None:
        self.polling = False


class StockRunner(QObject):
    changed = Signal()

    def __init__(self, _ctx) -> None:
        super().__init__()
        self.running = False
        self.ready_with = None

    def studio_ready(self, settings) -> None:
        self.running = True
        self.ready_with = settings.name

    def resume(self, settings) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


counted: list[str] = []


def count_stock(host, window) -> None:
    counted.append(f"{host.actor.name} in {window.windowTitle()}")
    host.toast("Stock count started.")


STOCK = AreaDescriptor(
    name="stock",
    pages=(SidebarPage("stock", "Stock", "package", Permission.VIEW_CLIENTS, StockPage, order=25,
                       badge=low_stock_badge),),
    client_tabs=(ClientTab("stock", "Ink lots", Permission.VIEW_MEDICAL, StockTab),),
    dashboard_cards=(DashboardCard("stock", Permission.VIEW_CLIENTS, StockCard, order=5),),
    status_widgets=(StatusWidget("stock", Permission.MANAGE_STAFF, StockStatus),),
    menu_actions=(MenuAction("count-stock", "Count stock…", Permission.VIEW_CLIENTS, count_stock, order=15),),
    runners=(BackgroundRunner("stock", StockRunner),),
)


@pytest.fixture
def stock_ctx(ctx):
    ctx.extensions.add(STOCK)
    counted.clear()
    return ctx


def test_a_registered_area_gets_its_page_badge_card_status_and_menu_action(qtbot, stock_ctx, settle, studio):
    services, admin, _artist = studio
    services.clients.create(admin, ClientInput(full_name="Zoe Quinn", phone="+351 912 345 678"))
    window = open_window(qtbot, stock_ctx, settle, services, admin)

    assert list(window.nav) == ["dashboard", "clients", "calendar", "stock", "intake", "register", "inventory", "finance",
                                "staff", "backups", "audit", "plugins"]
    assert window.nav["stock"].badge.text() == "3" and window.nav["stock"].badge.isVisible()
    qtbot.mouseClick(window.nav["stock"], Qt.MouseButton.LeftButton)
    settle()
    assert window.current_key == "stock"
    assert window.pages["stock"].shown.text() == "1 clients could be tattooed with this stock."

    status = window.status_widgets["stock"]
    assert status.isVisible() and status.polling and status.text() == " · Stock counted today"

    window.open_page("dashboard")
    settle()
    card = window.pages["dashboard"].cards["stock"]
    assert card.isVisible() and card.text() == "2 inks expire this month." and card.refreshed == 1

    qtbot.mouseClick(window.user_button, Qt.MouseButton.LeftButton)
    choose_menu_action(qtbot, "Count stock…")
    assert counted == [f"Ana Ruiz in {window.windowTitle()}"]
    assert window.message.text() == "Stock count started."

    window.close()
    assert not status.polling  # the window stopped its widgets as it closed
    settle()


def test_a_registered_area_adds_a_tab_to_the_client_view(qtbot, stock_ctx, settle, studio):
    from studio.ui.clients.dialog import ClientDialog

    services, admin, _artist = studio
    client = services.clients.create(admin, ClientInput(full_name="Zoe Quinn", phone="+351 912 345 678"))
    window = open_window(qtbot, stock_ctx, settle, services, admin)
    dialog = ClientDialog(window.host, client.id, window)
    dialog.show()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Details", "Health", "History", "Photo", "Consents", "Ink lots"]
    tab_bar = dialog.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(titles.index("Ink lots")).center())
    tab = dialog.area_tabs["stock"]
    qtbot.waitUntil(lambda: tab.text() == "No ink lots recorded for Zoe Quinn yet.", timeout=10_000)
    assert tab.isVisible()
    dialog.reject()
    window.close()
    settle()


def test_what_a_role_may_not_use_is_not_there_at_all(qtbot, stock_ctx, settle, studio):
    """The front desk sees the page and card, not the admin's status widget nor the
    health-area tab; nothing greyed out."""
    from studio.ui.clients.dialog import ClientDialog

    services, admin, _artist = studio
    desk = services.staff.add_staff(admin, name="Rui Costa", email="rui@studio.test", role=Role.FRONT_DESK.value,
                                    password="kettle brass morning 42")
    desk_actor = services.auth.login("rui@studio.test", "kettle brass morning 42")
    client = services.clients.create(admin, ClientInput(full_name="Zoe Quinn", phone="+351 912 345 678"))
    window = open_window(qtbot, stock_ctx, settle, services, desk_actor)
    assert "stock" in window.nav and "stock" not in window.status_widgets
    dialog = ClientDialog(window.host, client.id, window)
    assert "stock" not in dialog.area_tabs
    assert "Ink lots" not in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    dialog.reject()
    qtbot.mouseClick(window.user_button, Qt.MouseButton.LeftButton)
    menu = find_dialog(qtbot, QMenu)
    assert "Count stock…" in [a.text() for a in menu.actions()]
    assert "Studio settings…" not in [a.text() for a in menu.actions()]
    menu.close()
    window.close()
    settle()
    assert desk.role is Role.FRONT_DESK


def test_a_runner_starts_once_the_studio_is_ready_and_stops_with_a_restore(qtbot, stock_ctx, settle, studio):
    services, admin, _artist = studio
    window = open_window(qtbot, stock_ctx, settle, services, admin)
    runner = stock_ctx.runner("stock")
    assert not runner.running
    stock_ctx.studio_ready(window.settings)
    assert runner.running and runner.ready_with == "Ink & Iron"
    window.pause_background()
    assert not runner.running and not window.status_widgets["backup"].timer.isActive()
    window.resume_background()
    assert runner.running and window.status_widgets["backup"].timer.isActive()
    stock_ctx.studio_ready(window.settings)  # once per opening of the data: nothing restarts twice
    window.close()
    settle()


def test_a_key_or_name_already_taken_is_refused_and_changes_nothing():
    extensions = Extensions.from_packages(AREAS)
    before = [p.key for p in extensions.pages(Role.ADMIN)]
    clash = AreaDescriptor("clash", pages=(SidebarPage("clients", "Clients again", "users",
                                                       Permission.VIEW_CLIENTS, StockPage),))
    with pytest.raises(ValueError, match="pages 'clients', which is already taken"):
        extensions.add(clash)
    with pytest.raises(ValueError, match="already registered"):
        extensions.add(AreaDescriptor("clients"))
    with pytest.raises(ValueError, match="section"):
        extensions.add(AreaDescriptor("odd", pages=(SidebarPage("odd", "Odd", "users", Permission.VIEW_CLIENTS,
                                                                StockPage, section="top"),)))
    assert [p.key for p in extensions.pages(Role.ADMIN)] == before
    assert extensions.remove("clash") is None and extensions.remove("audit").name == "audit"
    assert "audit" not in [p.key for p in extensions.pages(Role.ADMIN)]


def test_every_area_in_the_list_has_a_descriptor_and_every_target_resolves():
    from studio.ui.shell.extensions import resolve

    extensions = Extensions.from_packages(AREAS)
    assert [area.name for area in extensions.areas] == [package.rsplit(".", 1)[1] for package in AREAS]
    for area in extensions.areas:
        for kind in ("pages", "client_tabs", "dashboard_cards", "status_widgets", "menu_actions", "runners"):
            for entry in getattr(area, kind):
                target = {"pages": "page", "client_tabs": "widget", "dashboard_cards": "widget",
                          "status_widgets": "widget", "menu_actions": "run", "runners": "runner"}[kind]
                assert callable(resolve(getattr(entry, target))), (area.name, entry.key)
                if kind == "pages" and entry.badge is not None:
                    assert callable(resolve(entry.badge))
    assert callable(resolve(extensions.unlock_form()))
    with pytest.raises(ValueError, match="not a target"):
        resolve("studio.ui.clients.ClientsPage")
