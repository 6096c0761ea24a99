"""Plugins found in both folders, loaded into the window, switched off and on and reloaded
from the Plugins page: what they add comes and goes with nothing left behind."""

from __future__ import annotations


from tests.ui.dialogs import click_on
from tests.ui.plugins.conftest import DEADLINE, declaration, write_plugin

FULL = declaration("Counter") + '''
from PySide6.QtWidgets import QLabel
from studio.plugin_api import Permission

heard = []

class Body(QLabel):
    refreshed = 0
    def refresh(self):
        Body.refreshed += 1
        self.setText(f"visits {Body.refreshed}")

class Tab(QLabel):
    def show_client(self, client_id):
        self.setText(f"client {client_id}")

def register(app, ui):
    ui.add_page("main", "Counter", Body, icon="sparkles")
    ui.add_menu_action("hello", "Say hello…", lambda window: window.toast("hello from a plugin"))
    ui.add_client_tab("tab", "Counted", Tab, permission=Permission.VIEW_CLIENTS)
    ui.add_dashboard_card("card", "Counted today", lambda: QLabel("42"))
    app.on("client_created", heard.append)

def unregister():
    heard.append("unregistered")
'''


def nav_titles(window) -> list[str]:
    return [nav.spec.title for nav in window.nav.values()]


def test_a_shipped_module_and_a_studio_package_are_found_and_only_the_shipped_one_starts_on(plugged):
    write_plugin(plugged.shipped, "counter", FULL)
    write_plugin(plugged.own, "mine", declaration("Mine") + "def register(app, ui):\n    ui.add_page('p', 'Mine', lambda: __import__('PySide6.QtWidgets').QtWidgets.QLabel('mine'))\n",
                 package=True)
    window = plugged.open()
    assert plugged.state("counter") == "loaded" and plugged.state("mine") == "disabled"
    assert "counter.main" in window.nav and "mine.p" not in window.nav
    statuses = {s.id: s for s in plugged.host.statuses()}
    assert statuses["mine"].origin == "studio" and statuses["mine"].path == plugged.own / "mine"
    assert statuses["counter"].origin == "shipped" and statuses["counter"].name == "Counter"


def test_disabling_from_the_plugins_page_removes_everything_at_once_and_enabling_brings_it_back(plugged):
    write_plugin(plugged.shipped, "counter", FULL)
    window = plugged.open()
    qtbot = plugged.qtbot
    click_on(qtbot, window.nav["counter.main"])
    page = window.pages["counter.main"]
    qtbot.waitUntil(lambda: page.content.text() == "visits 1", timeout=DEADLINE)
    module = plugged.host._plugins["counter"].module
    assert [h for h in plugged.host.hooks("client_created")] and "counter.hello" in window.area_actions

    click_on(qtbot, window.nav["plugins"])
    plugins_page = window.pages["plugins"]
    qtbot.waitUntil(lambda: "counter" in plugins_page.cards, timeout=DEADLINE)
    plugged.settle()
    card = plugins_page.cards["counter"]
    assert card.state.text() == "On" and card.switch_button.text() == "Switch off"
    click_on(qtbot, card.switch_button)
    qtbot.waitUntil(lambda: plugged.state("counter") == "disabled", timeout=DEADLINE)
    plugged.settle()
    assert "counter.main" not in window.nav and "counter.main" not in window.pages
    assert "counter.hello" not in window.area_actions
    assert plugged.host.hooks("client_created") == ()
    assert module.heard == ["unregistered"]
    assert not plugged.ctx.extensions.client_tabs(plugged.admin.role) or all(
        not t.key.startswith("counter.") for t in plugged.ctx.extensions.client_tabs(plugged.admin.role))
    assert plugged.services.plugins.switches(plugged.admin) == {"counter": False}
    entry = plugged.services.audit.entries(plugged.admin, limit=1)[0] if hasattr(plugged.services.audit, "entries") else None
    if entry is not None:
        assert "plugin" in entry.action

    card = plugins_page.cards["counter"]
    assert card.state.text() == "Off" and not card.reload_button.isVisible()
    click_on(qtbot, card.switch_button)
    qtbot.waitUntil(lambda: plugged.state("counter") == "loaded", timeout=DEADLINE)
    plugged.settle()
    assert "counter.main" in window.nav and "counter.hello" in window.area_actions
    assert len(plugged.host.hooks("client_created")) == 1
