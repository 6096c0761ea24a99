"""Broken plugins are reported and the rest keep working: a syntax error, an import that
raises, a raising register, a missing or wrong PLUGIN, a hook that raises, a widget slot that
raises; and a slow hook never holds the GUI thread or the service call that fired it."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit

from studio.services.clients import ClientInput
from tests.ui.dialogs import click_on, find_dialog, wait_closed
from tests.ui.plugins.conftest import DEADLINE, declaration, write_plugin

GOOD = declaration("Good") + '''
from PySide6.QtWidgets import QLabel
def register(app, ui):
    ui.add_page("page", "Good", lambda: QLabel("good"))
'''


def test_every_kind_of_broken_plugin_is_reported_with_a_sentence_and_the_good_one_loads(plugged):
    shipped = plugged.shipped
    write_plugin(shipped, "good", GOOD)
    write_plugin(shipped, "typo", declaration("Typo") + "def register(app, ui)\n    pass\n")
    write_plugin(shipped, "boom", declaration("Boom") + "raise RuntimeError('no database here')\ndef register(app, ui): pass\n")
    write_plugin(shipped, "raiser", declaration("Raiser") + "def register(app, ui):\n    {}['missing']\n", package=True)
    write_plugin(shipped, "future", declaration("Future", api=2) + "def register(app, ui): pass\n")
    write_plugin(shipped, "anonymous", "def register(app, ui): pass\n")
    write_plugin(shipped, "lazy", declaration("Lazy"))
    plugged.open()
    status = {s.id: s for s in plugged.host.statuses()}
    assert status["good"].state == "loaded" and "good.page" in plugged.window.nav
    assert {i: s.state for i, s in status.items() if i != "good"} == dict.fromkeys(
        ("anonymous", "boom", "future", "lazy", "raiser", "typo"), "failed")
    assert status["typo"].error.startswith("Its code has a syntax error on line 2")
    assert status["boom"].error == "It failed while loading: RuntimeError: no database here"
    assert "Traceback" in status["boom"].details and "boom.py" in status["boom"].details
    assert status["raiser"].error == "It failed in register(): KeyError: 'missing'"
    assert status["future"].error.startswith("It needs version 2 of the plugin API; this Linework offers version 1.")
    assert "does not declare PLUGIN" in status["anonymous"].error
    assert status["lazy"].error == "It has no register(app, ui) function."


def test_the_failed_plugins_details_show_its_traceback_as_plain_text(plugged):
    write_plugin(plugged.shipped, "boom", declaration("Boom") + "raise RuntimeError('<b>not bold</b>')\n")
    window = plugged.open()
    click_on(plugged.qtbot, window.nav["plugins"])
    plugged.settle()
    card = window.pages["plugins"].cards["boom"]
    assert card.state.text() == "Failed" and card.error.text().endswith("RuntimeError: <b>not bold</b>")
    click_on(plugged.qtbot, card.details_button)
    dialog = find_dialog(plugged.qtbot, type(window.pages["plugins"].details), title="Boom: what went wrong")
    text = dialog.findChild(QPlainTextEdit, "PluginTraceback")
    assert "Traceback (most recent call last)" in text.toPlainText() and "<b>not bold</b>" in text.toPlainText()
    dialog.reject()
    wait_closed(plugged.qtbot, dialog, "Close")


HOOKS = declaration("Hooks") + '''
import threading, time
calls = []
def slow(event):
    calls.append(("slow", event.name, threading.current_thread().name))
    time.sleep(1.5)
def broken(event):
    raise ValueError("hook bug")
def register(app, ui):
    app.on("client_created", slow)
    app.on("client_created", broken)
'''


def test_a_raising_hook_fails_its_plugin_and_a_slow_one_holds_neither_the_call_nor_the_window(plugged):
    write_plugin(plugged.shipped, "hooks", HOOKS)
    write_plugin(plugged.shipped, "good", GOOD)
    plugged.open()
    module = plugged.host._plugins["hooks"].module
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    started = time.monotonic()
    zoe = plugged.services.clients.create(plugged.admin, ClientInput(full_name="Zoe Quinn"))
    returned = time.monotonic() - started
    assert returned < 0.5, f"the service call waited {returned:.2f} s for the hooks"
    plugged.qtbot.waitUntil(lambda: plugged.state("hooks") == "failed", timeout=DEADLINE)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert gaps and max(gaps) < 0.5, "the GUI thread stalled while the slow hook ran"
    assert module.calls == [("slow", "Zoe Quinn", module.calls[0][2])]
    assert module.calls[0][2] != threading.current_thread().name and module.calls[0][2].startswith("plugin-hooks")
    status = plugged.host.status("hooks")
    assert status.error == "It failed in a hook: ValueError: hook bug"
    assert plugged.host.hooks("client_created") == ()
    assert plugged.state("good") == "loaded" and "good.page" in plugged.window.nav
    assert plugged.services.clients.get(plugged.admin, zoe.id).full_name == "Zoe Quinn"


SLOT = declaration("Slot") + '''
from PySide6.QtWidgets import QPushButton
def register(app, ui):
    def body():
        b = QPushButton("Break")
        b.setObjectName("BreakButton")
        b.clicked.connect(lambda: 1 / 0)
        return b
    ui.add_page("page", "Slot", body)
'''


@pytest.mark.qt_no_exception_capture  # the app's own crash handler hears it, as in use
def test_a_plugin_widget_that_raises_in_a_slot_is_unloaded_instead_of_a_crash_dialog(plugged, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    plugged.ctx.crash.install()
    write_plugin(plugged.shipped, "slot", SLOT)
    window = plugged.open()
    click_on(plugged.qtbot, window.nav["slot.page"])
    plugged.settle()
    click_on(plugged.qtbot, window.pages["slot.page"].content)
    plugged.qtbot.waitUntil(lambda: plugged.state("slot") == "failed", timeout=DEADLINE)
    plugged.settle()
    assert plugged.host.status("slot").error == "It failed: ZeroDivisionError: division by zero"
    assert "slot.page" not in window.nav and window.current_key == "dashboard"
    assert plugged.ctx.crash.shown == []
    assert window.message.text() == "Slot stopped working and was unloaded; the Plugins page says why."
