"""Plugins loaded into a real main window: the test studio (tests/ui/conftest.py), a
plugin host looking in two folders of the test's own (``shipped`` and the data dir's
``plugins``), and helpers to write plugins into them.

``plugged(actor=None)`` starts the host as a sign-in would (the studio's saved switches,
then the folders scanned and the plugins switched on loaded) and opens the window for
``actor`` (the admin by default). The window closes and the host stops after the test."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from studio.ui.plugins.host import PluginHost
from tests.ui.conftest import open_window

DEADLINE = 5_000


def write_plugin(folder: Path, plugin_id: str, body: str, *, package: bool = False) -> Path:
    """A plugin module (or package) with ``body`` as its code, dedented."""
    folder.mkdir(parents=True, exist_ok=True)
    code = textwrap.dedent(body).lstrip()
    if package:
        path = folder / plugin_id
        path.mkdir(exist_ok=True)
        (path / "__init__.py").write_text(code, encoding="utf-8")
        return path
    path = folder / f"{plugin_id}.py"
    path.write_text(code, encoding="utf-8")
    return path


def declaration(name: str, api: int = 1) -> str:
    return f'PLUGIN = {{"name": "{name}", "version": "1.0", "description": "{name} for tests", "api": {api}}}\n'


@dataclass
class Plugged:
    qtbot: object
    ctx: object
    settle: object
    services: object
    admin: object
    artist: object
    shipped: Path
    own: Path
    window: object = None

    @property
    def host(self) -> PluginHost:
        return self.ctx.plugins

    def open(self, actor=None):
        actor = actor or self.admin
        self.window = open_window(self.qtbot, self.ctx, self.settle, self.services, actor,
                                  signed_in=lambda: self.host.start(actor, self.services.plugins.switches(actor)))
        self.window.resize(1366, 768)
        return self.window

    def state(self, plugin_id: str) -> str:
        return self.host.status(plugin_id).state


@pytest.fixture
def plugin_folders(tmp_path, ui_config):
    return tmp_path / "shipped", ui_config.plugins_dir


@pytest.fixture
def plugged(qtbot, ctx, settle, studio, plugin_folders):
    services, admin, artist = studio
    shipped, own = plugin_folders
    ctx.use_plugin_host(PluginHost(ctx, folders=lambda: [(shipped, "shipped"), (own, "studio")]))
    found = Plugged(qtbot, ctx, settle, services, admin, artist, shipped, own)
    yield found
    if found.window is not None:
        found.window.idle.stop()
        found.window.close()
        settle()
    ctx.plugins.stop()
