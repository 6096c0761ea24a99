"""The plugin host: loads the switched-on plugins after sign-in, turns what each one adds
into an area descriptor of its own, and takes all of it away again when the plugin is
switched off, reloaded or fails.

One per application (``ctx.plugins``), on the GUI thread. Every call into a plugin's code
(its import, ``register``, its widgets' factories and refreshes, its menu actions, its
hooks, ``unregister``) is guarded: a plugin that raises is marked failed with the error's
first line and its traceback, logged, and unloaded; the window, the service call that fired
a hook and the other plugins carry on. Hooks run on a thread of their own, one after the
other, so a slow hook never holds the GUI thread or the service call that fired it.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Signal, Slot

from studio.config import shipped_plugins_dir
from studio.plugin_api import App, Refused, Ui
from studio.plugin_api.ui import Contributions
from studio.services.common import EVENTS, _
from studio.ui.plugins import loading
from studio.ui.plugins.loading import Found, PluginFailed
from studio.ui.shell.extensions import (
    AreaDescriptor,
    ClientTab,
    DashboardCard,
    MenuAction,
    SidebarPage,
)

if TYPE_CHECKING:
    from studio.services.common import Actor
    from studio.ui.context import AppContext

log = logging.getLogger(__name__)

State = Literal["loaded", "disabled", "failed"]
AREA_PREFIX = "plugin:"


@dataclass(frozen=True)
class PluginStatus:
    """One plugin as the Plugins page lists it."""

    id: str
    name: str
    version: str
    description: str
    origin: loading.Origin
    path: Path
    state: State
    enabled: bool  # switched on (a failed plugin may be on and still not loaded)
    error: str = ""  # the first line of what went wrong
    details: str = ""  # the traceback, for "Details"


@dataclass
class _Plugin:
    found: Found
    enabled: bool
    state: State = "disabled"
    error: str = ""
    details: str = ""
    module: ModuleType | None = None
    added: Contributions | None = None
    app: App | None = None


class PluginHost(QObject):
    """``statuses_changed``: the Plugins page lists anew. The window's parts rebuild on
    ``ctx.changes.extensions_changed``, emitted whenever a plugin's additions come or go."""

    statuses_changed = Signal()
    _hook_failed = Signal(str, object)  # plugin id, the exception (from the hook thread)

    def __init__(self, ctx: AppContext, folders: Callable[[], list[tuple[Path, loading.Origin]]] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self._folders = folders or (lambda: [(shipped_plugins_dir(), "shipped"),
                                             (ctx.config.plugins_dir, "studio")])
        self._plugins: dict[str, _Plugin] = {}
        self._switches: dict[str, bool] = {}
        self._actor: Actor | None = None
        self._started = False
        self._events = None  # the Events of the services the hooks listen to
        self._hooks_lock = threading.Lock()
        self._hooks: dict[str, tuple[tuple[str, Callable[[Any], None]], ...]] = {name: () for name in EVENTS}
        self._hook_thread: ThreadPoolExecutor | None = None
        self._hook_failed.connect(self._on_hook_failed)
        ctx.crash.claim(self._claim)  # an error raised in a plugin's own widget code is the plugin's

    # --- the signed-in person -----------------------------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self._actor

    def set_actor(self, actor: Actor | None) -> None:
        """Who plugins act as from now on (None: nobody; their calls are refused)."""
        self._actor = actor

    def start(self, actor: Actor, switches: dict[str, bool]) -> None:
        """After sign-in: scan the folders and load every plugin switched on. Once per
        opening of the data; a later sign-in only changes who the plugins act as."""
        self._actor = actor
        self._listen_to_services()
        if self._started:
            return
        self._started = True
        self._switches = dict(switches)
        self.scan()

    def stop(self) -> None:
        """The data is about to close (a restore, quitting): unload every plugin."""
        for plugin in list(self._plugins.values()):
            if plugin.state == "loaded":
                self._unload(plugin)
        self._plugins.clear()
        self._started = False
        self._stop_listening()
        if self._hook_thread is not None:
            self._hook_thread.shutdown(wait=True, cancel_futures=True)
            self._hook_thread = None
        self._emit_changed()

    # --- the plugins --------------------------------------------------------------------
    def statuses(self) -> list[PluginStatus]:
        return [PluginStatus(p.found.id, p.found.name, p.found.version, p.found.description, p.found.origin,
                             p.found.path, p.state, p.enabled, p.error, p.details)
                for p in self._plugins.values()]

    def status(self, plugin_id: str) -> PluginStatus:
        return next(s for s in self.statuses() if s.id == plugin_id)

    def module(self, plugin_id: str) -> ModuleType | None:
        """A loaded plugin's module (None when it is not loaded): for the self-test and scripts."""
        plugin = self._plugins.get(plugin_id)
        return plugin.module if plugin is not None else None

    def scan(self) -> None:
        """Look in the folders again: new plugins are listed (loaded when switched on),
        vanished ones unloaded; the loaded ones stay as they are."""
        found = {entry.id: entry for entry in loading.find(self._folders())}
        for plugin_id in [i for i in self._plugins if i not in found]:
            plugin = self._plugins.pop(plugin_id)
            if plugin.state == "loaded":
                self._unload(plugin)
        for plugin_id, entry in found.items():
            if plugin_id in self._plugins and self._plugins[plugin_id].found.path == entry.path:
                continue
            enabled = self._switches.get(plugin_id, entry.origin == "shipped")
            plugin = _Plugin(entry, enabled)
            self._plugins[plugin_id] = plugin
            if enabled:
                self._load(plugin)
        self._emit_changed()

    def enable(self, plugin_id: str) -> None:
        """Switched on (already saved by the caller): load it now."""
        plugin = self._plugins[plugin_id]
        self._switches[plugin_id] = plugin.enabled = True
        if plugin.state != "loaded":
            self._load(plugin)
        self._emit_changed()

    def disable(self, plugin_id: str) -> None:
        """Switched off (already saved): everything it added goes at once, and its
        ``unregister()`` runs."""
        plugin = self._plugins[plugin_id]
        self._switches[plugin_id] = plugin.enabled = False
        if plugin.state == "loaded":
            self._unload(plugin)
        plugin.state, plugin.error, plugin.details = "disabled", "", ""
        self._emit_changed()

    def reload(self, plugin_id: str) -> None:
        """Unload and load again from its files (after its author changed them)."""
        plugin = self._plugins[plugin_id]
        if plugin.state == "loaded":
            self._unload(plugin)
        plugin.found = next((e for e in loading.find(self._folders()) if e.id == plugin_id), plugin.found)
        if plugin.enabled:
            self._load(plugin)
        else:
            plugin.state, plugin.error, plugin.details = "disabled", "", ""
        self._emit_changed()

    def fail(self, plugin_id: str, sentence: str, details: str = "") -> None:
        """A plugin's code raised: logged, marked failed and unloaded."""
        plugin = self._plugins.get(plugin_id)
        if plugin is None:
            return
        log.error("plugin %s failed: %s\n%s", plugin_id, sentence, details)
        if plugin.state == "loaded":
            self._unload(plugin)
        plugin.state, plugin.error, plugin.details = "failed", sentence, details
        self._emit_changed()

    def guard(self, plugin_id: str, where: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Call the plugin's ``fn``; if it raises, the plugin fails (and None is returned)."""
        try:
            return fn(*args)
        except Refused as refused:  # a sentence from Linework the plugin did not catch: say it
            self.ctx.crash.handle(refused)
            return None
        except Exception as exc:  # noqa: BLE001 - a plugin's bug must not take the window down
            self.fail(plugin_id, loading.first_line(exc, where), loading.details(exc))
            return None

    def _claim(self, exc: BaseException, tb) -> bool:
        """An unexpected error whose innermost frame of plugin code is a loaded plugin's
        (a slot of its widget raised): that plugin fails; the crash dialog is not needed."""
        owner = None
        for frame, _line in traceback.walk_tb(tb):
            path = Path(frame.f_code.co_filename)
            owner = next((p for p in self._plugins.values() if p.state == "loaded"
                          and (path == p.found.source or p.found.path in path.parents)), owner)
        if owner is None:
            return False
        plugin_id = owner.found.id
        self.fail(plugin_id, loading.first_line(exc, _("It failed")), loading.details(exc))
        window_toast(_("{name} stopped working and was unloaded; the Plugins page says why.")
                     .format(name=owner.found.name))
        return True

    # --- loading and unloading ------------------------------------------------------------
    def _load(self, plugin: _Plugin) -> None:
        try:
            module = loading.import_plugin(plugin.found)
        except PluginFailed as failed:
            plugin.state, plugin.error, plugin.details = "failed", failed.sentence, failed.details
            if failed.details:
                log.error("plugin %s failed to load: %s\n%s", plugin.found.id, failed.sentence, failed.details)
            else:
                log.warning("plugin %s not loaded: %s", plugin.found.id, failed.sentence)
            return
        plugin_id = plugin.found.id
        added = Contributions()
        app = App(plugin_id, self.ctx.services, lambda: self._actor, added.hooks)
        ui = Ui(plugin_id, added, _Toolkit(self, plugin_id))
        try:
            module.register(app, ui)
        except Exception as exc:  # noqa: BLE001 - reported on the Plugins page
            loading.unload_modules(plugin.found.module_name)
            plugin.state, plugin.error = "failed", loading.first_line(exc, _("It failed in register()"))
            plugin.details = loading.details(exc)
            log.error("plugin %s failed in register: %s", plugin_id, plugin.details)
            self._call_unregister(plugin_id, module)
            return
        finally:
            app._close()
            ui._close()
        plugin.module, plugin.added, plugin.app = module, added, app
        plugin.state, plugin.error, plugin.details = "loaded", "", ""
        self.ctx.extensions.add(self._descriptor(plugin_id, added))
        with self._hooks_lock:
            for event, hook in added.hooks:
                self._hooks[event] += ((plugin_id, hook),)

    def _unload(self, plugin: _Plugin) -> None:
        plugin_id = plugin.found.id
        self.ctx.extensions.remove(AREA_PREFIX + plugin_id)
        with self._hooks_lock:
            for event in self._hooks:
                self._hooks[event] = tuple(h for h in self._hooks[event] if h[0] != plugin_id)
        module, plugin.module, plugin.added, plugin.app = plugin.module, None, None, None
        plugin.state = "disabled"
        if module is not None:
            self._call_unregister(plugin_id, module)
        loading.unload_modules(plugin.found.module_name)

    def _call_unregister(self, plugin_id: str, module: ModuleType) -> None:
        unregister = getattr(module, "unregister", None)
        if not callable(unregister):
            return
        try:
            unregister()
        except Exception:  # noqa: BLE001 - it is going anyway; the log says why it did not tidy up
            log.exception("plugin %s failed in unregister()", plugin_id)

    def _emit_changed(self) -> None:
        self.ctx.changes.extensions_changed.emit()
        self.statuses_changed.emit()

    # --- what a plugin adds, as an area descriptor -----------------------------------------
    def _descriptor(self, plugin_id: str, added: Contributions) -> AreaDescriptor:
        from studio.ui.plugins import wrappers

        return AreaDescriptor(
            name=AREA_PREFIX + plugin_id,
            pages=tuple(SidebarPage(spec.key, spec.title, spec.icon, spec.permission,
                                    wrappers.page_factory(self, plugin_id, spec),
                                    section="admin" if spec.admin else "studio", order=spec.order)
                        for spec in added.pages),
            client_tabs=tuple(ClientTab(spec.key, spec.title, spec.permission,
                                        wrappers.tab_factory(self, plugin_id, spec))
                              for spec in added.client_tabs),
            dashboard_cards=tuple(DashboardCard(spec.key, spec.permission,
                                                wrappers.card_factory(self, plugin_id, spec), order=spec.order)
                                  for spec in added.dashboard_cards),
            menu_actions=tuple(MenuAction(spec.key, spec.text, spec.permission,
                                          lambda _host, window, s=spec: self.guard(plugin_id, _("It failed in a menu action"),
                                                                                   s.run, window))
                               for spec in added.menu_actions),
        )

    # --- hooks ------------------------------------------------------------------------------
    def hooks(self, event: str) -> tuple[tuple[str, Callable[[Any], None]], ...]:
        """(plugin id, hook) of every loaded plugin listening to ``event``."""
        return self._hooks[event]

    def _listen_to_services(self) -> None:
        if not self.ctx.services_ready:
            return
        events = self.ctx.services().events
        if events is self._events:
            return
        self._stop_listening()
        self._events = events
        for name in EVENTS:
            events.subscribe(name, self._heard(name))

    def _stop_listening(self) -> None:
        if self._events is None:
            return
        for name in EVENTS:
            for listener in self._events.listeners(name):
                if getattr(listener, "plugin_host", None) is self:
                    self._events.unsubscribe(name, listener)
        self._events = None

    def _heard(self, name: str) -> Callable[[Any], None]:
        def heard(event: object) -> None:  # on the thread of the service call: hand it over
            hooks = self._hooks[name]
            if not hooks:
                return
            if self._hook_thread is None:
                self._hook_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plugin-hooks")
            self._hook_thread.submit(self._run_hooks, hooks, event)

        heard.plugin_host = self  # type: ignore[attr-defined]
        return heard

    def _run_hooks(self, hooks, event: object) -> None:
        for plugin_id, hook in hooks:
            if (plugin_id, hook) not in self._hooks[_event_name(event)]:
                continue  # its plugin was switched off after the change was made
            try:
                hook(event)
            except Exception as exc:  # noqa: BLE001 - the plugin fails, nothing else does
                self._hook_failed.emit(plugin_id, exc)

    def wait_for_hooks(self, timeout: float = 10.0) -> bool:
        """Block until the hooks handed over so far have run (tests, and before unloading)."""
        if self._hook_thread is None:
            return True
        return self._hook_thread.submit(lambda: None).result(timeout) is None

    @Slot(str, object)
    def _on_hook_failed(self, plugin_id: str, exc: BaseException) -> None:
        plugin = self._plugins.get(plugin_id)
        if plugin is None or plugin.state != "loaded":
            return  # switched off or failed meanwhile: its hooks are already gone
        self.fail(plugin_id, loading.first_line(exc, _("It failed in a hook")), loading.details(exc))


class _Toolkit:
    """What the window lends one plugin's widgets (plugin_api.ui.Toolkit)."""

    def __init__(self, host: PluginHost, plugin_id: str) -> None:
        self._host = host
        self._id = plugin_id

    def run(self, fn, done, failed) -> None:
        host, plugin_id = self._host, self._id

        def arrived(result) -> None:
            if done is not None:
                host.guard(plugin_id, _("It failed with a result"), done, result)

        def refused(error) -> None:
            if failed is not None:
                host.guard(plugin_id, _("It failed with a refusal"), failed, error)
            else:
                host.ctx.crash.handle(error)

        def work():
            try:
                return True, fn()
            except Refused:
                raise
            except Exception as exc:  # noqa: BLE001 - the plugin's bug, reported as its own
                return False, exc

        def finished(outcome) -> None:
            ok, value = outcome
            if ok:
                arrived(value)
            else:
                host.fail(plugin_id, loading.first_line(value, _("It failed in background work")),
                          loading.details(value))

        host.ctx.tasks.run(work, finished, refused)

    def toast(self, text: str) -> None:
        window_toast(text)

    def icon(self, name: str):
        from studio.ui.kit import icons

        return icons.icon(name)

    @property
    def colors(self):
        from studio.ui.kit import theme

        return theme.current()

    def button(self, text: str, **options):
        from studio.ui.kit.widgets import button

        return button(text, **options)

    def label(self, text: str = "", role: str | None = None, *, wrap: bool = False):
        from studio.ui.kit.widgets import label

        return label(text, role, wrap=wrap)


def _event_name(event: object) -> str:
    return next(name for name, kind in EVENTS.items() if isinstance(event, kind))


def window_toast(text: str) -> None:
    """The main window's status-bar message, if a main window is open."""
    from PySide6.QtWidgets import QApplication

    window = next((w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "MainWindow" and w.isVisible()), None)
    if window is not None:
        window.toast(text)
