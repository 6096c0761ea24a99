"""The plugin API as a plugin uses it: the docs' complete example loads from the data
folder once an admin switches it on and does all it says; a plugin cannot do through ``app``
what its person's role cannot; switching a plugin off takes its tab off an open client view
and its card off the dashboard; Reload reads the edited file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from studio.plugin_api import NotSignedIn, PermissionDenied
from studio.services.clients import ClientInput
from studio.ui.clients.dialog import ClientDialog
from tests.ui.dialogs import choose_menu_action, click_on
from tests.ui.plugins.conftest import DEADLINE, declaration, write_plugin

DOCS = Path(__file__).resolve().parents[3] / "docs" / "plugins.md"


def docs_example() -> str:
    """The one complete example in docs/plugins.md (the python block after its heading)."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## A complete example", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def switch_on(plugged, plugin_id: str) -> None:
    window = plugged.window
    click_on(plugged.qtbot, window.nav["plugins"])
    plugged.settle()
    page = window.pages["plugins"]
    if plugin_id not in page.cards:
        click_on(plugged.qtbot, page.scan_button)
        plugged.settle()
    card = page.cards[plugin_id]
    assert card.switch_button.text() == "Switch on"
    click_on(plugged.qtbot, card.switch_button)
    plugged.qtbot.waitUntil(lambda: plugged.state(plugin_id) == "loaded", timeout=DEADLINE)
    plugged.settle()


def test_the_docs_example_loads_once_switched_on_and_does_what_it_says(plugged):
    window = plugged.open()
    write_plugin(plugged.own, "greeter", docs_example())  # dropped in while Linework runs
    switch_on(plugged, "greeter")
    assert plugged.host.status("greeter").origin == "studio"

    zoe = plugged.services.clients.create(plugged.admin, ClientInput(full_name="Zoe <b>Quinn</b>"))
    assert plugged.host.wait_for_hooks()
    click_on(plugged.qtbot, window.nav["greeter.welcomed"])
    body = window.pages["greeter.welcomed"].content
    plugged.qtbot.waitUntil(lambda: body.text.text() == "Zoe <b>Quinn</b>", timeout=DEADLINE)
    assert body.text.textFormat().name == "PlainText"

    click_on(plugged.qtbot, window.user_button)
    choose_menu_action(plugged.qtbot, "Say hello")
    plugged.qtbot.waitUntil(lambda: window.message.text() == "Hello from Greeter.", timeout=DEADLINE)

    dialog = ClientDialog(window.host, zoe.id, window)
    dialog.show()
    tab = dialog.area_tabs["greeter.visits"]
    plugged.qtbot.waitUntil(lambda: tab.content.text.text() == "0 appointments", timeout=DEADLINE)
    dialog.reject()

    click_on(plugged.qtbot, window.nav["dashboard"])
    plugged.settle()
    card = window.pages["dashboard"].cards["greeter.welcomed"]
    plugged.qtbot.waitUntil(lambda: card.isVisible() and card.content.text.text() == "Zoe <b>Quinn</b>",
                            timeout=DEADLINE)


WHO = declaration("Who") + '''
def register(app, ui):
    global APP
    APP = app
'''


def test_a_plugin_may_do_only_what_its_persons_role_may(plugged):
    write_plugin(plugged.shipped, "who", WHO)
    plugged.open(plugged.artist)
    app = plugged.host._plugins["who"].module.APP
    assert app.actor.name == "Mara Okafor" and app.actor.role == "artist"
    with pytest.raises(PermissionDenied, match="may not see the staff list"):
        app.staff.members()
    assert app.clients.search("zzz") == []  # artists see clients
    plugged.host.set_actor(plugged.admin)  # the same plugin, the admin signed in
    assert {m.name for m in app.staff.members()} == {"Ana Ruiz", "Mara Okafor"}
    plugged.host.set_actor(None)
    with pytest.raises(NotSignedIn):
        app.clients.search("a")


TAB = declaration("Tab") + '''
from PySide6.QtWidgets import QLabel
class Shown(QLabel):
    def show_client(self, client_id):
        self.setText(f"client {client_id}")
    def refresh(self):
        self.setText("card")
def register(app, ui):
    ui.add_client_tab("tab", "Tabbed", Shown)
    ui.add_dashboard_card("card", "Carded", Shown)
'''


def test_switching_off_takes_the_tab_off_an_open_client_view_and_the_card_off_the_dashboard(plugged):
    write_plugin(plugged.shipped, "tab", TAB)
    window = plugged.open()
    zoe = plugged.services.clients.create(plugged.admin, ClientInput(full_name="Zoe Quinn"))
    plugged.settle()
    window.open_page("dashboard")
    plugged.settle()
    dashboard = window.pages["dashboard"]
    assert dashboard.cards["tab.card"].content.text() == "card"
    dialog = ClientDialog(window.host, zoe.id, window)
    dialog.show()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Tabbed" in titles and dialog.area_tabs["tab.tab"].content.text() == f"client {zoe.id}"

    plugged.host.disable("tab")  # what the Plugins page's switch does once the switch is saved
    plugged.settle()
    assert "Tabbed" not in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "tab.tab" not in dialog.area_tabs and "tab.card" not in dashboard.cards
    assert not [w for w in dashboard.findChildren(QLabel) if w.text() == "card"]

    plugged.host.enable("tab")
    plugged.settle()
    assert dialog.area_tabs["tab.tab"].content.text() == f"client {zoe.id}"
    assert "tab.card" in dashboard.cards
    dialog.reject()


def test_reload_reads_the_edited_file_and_a_fix_brings_a_failed_plugin_back(plugged):
    path = write_plugin(plugged.shipped, "edit", declaration("Edit") + "def register(app, ui):\n    1 / 0\n")
    window = plugged.open()
    assert plugged.state("edit") == "failed"
    path.write_text(declaration("Edited") + "from PySide6.QtWidgets import QLabel\n"
                    "def register(app, ui):\n    ui.add_page('p', 'Edited', lambda: QLabel('fixed'))\n",
                    encoding="utf-8")
    click_on(plugged.qtbot, window.nav["plugins"])
    plugged.settle()
    click_on(plugged.qtbot, window.pages["plugins"].cards["edit"].reload_button)
    plugged.qtbot.waitUntil(lambda: plugged.state("edit") == "loaded", timeout=DEADLINE)
    plugged.settle()
    assert plugged.host.status("edit").name == "Edited" and "edit.p" in window.nav
    assert window.message.text() == "Edited reloaded."
