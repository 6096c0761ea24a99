"""A plugin's widgets in the window's frames: its page under Linework's page header, its
card in a dashboard card, its client tab as it is. Each factory and each call into the
widget (refresh, show_client, the page keys) goes through the host's guard, so a plugin
that raises fails alone and its place shows a sentence instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from studio.services.common import _
from studio.ui.kit.widgets import label
from studio.ui.shell.page import Page

if TYPE_CHECKING:
    from studio.plugin_api.ui import CardSpec, PageSpec, TabSpec
    from studio.ui.plugins.host import PluginHost


def _failed_note() -> QWidget:
    note = label(_("This plugin stopped working; the Plugins page says why."), "muted", wrap=True)
    note.setObjectName("PluginFailedNote")
    return note


def _build(host: PluginHost, plugin_id: str, factory) -> QWidget | None:
    # A failure here unloads the plugin; that rebuilds the window, which must not happen
    # while the window is still building this widget: the host hears of it a moment later.
    try:
        widget = factory()
        if not isinstance(widget, QWidget):
            raise TypeError(f"the factory returned {type(widget).__name__}, not a QWidget")
        return widget
    except Exception as exc:  # noqa: BLE001 - the plugin's bug
        from studio.ui.plugins import loading

        sentence, details = loading.first_line(exc, _("It failed while building its widget")), loading.details(exc)
        QTimer.singleShot(0, host, lambda: host.fail(plugin_id, sentence, details))
        return None


def _call(host: PluginHost, plugin_id: str, widget: QWidget | None, method: str, *args) -> None:
    fn = getattr(widget, method, None) if widget is not None else None
    if callable(fn):
        host.guard(plugin_id, _("It failed in {method}()").format(method=method), fn, *args)


class PluginPage(Page):
    """A plugin's sidebar page: Linework's header, the plugin's widget as the body."""

    def __init__(self, page_host, host: PluginHost, plugin_id: str, spec: PageSpec) -> None:
        self.title = spec.title
        super().__init__(page_host)
        self.setObjectName("PluginPage")
        self.plugin_id = plugin_id
        self._host = host
        self.content = _build(host, plugin_id, spec.factory)
        self.body.addWidget(self.content or _failed_note(), 1)

    def refresh(self) -> None:
        self.loaded = True
        _call(self._host, self.plugin_id, self.content, "refresh")

    def focus_filter(self) -> None:
        _call(self._host, self.plugin_id, self.content, "focus_filter")

    def new_item(self) -> None:
        _call(self._host, self.plugin_id, self.content, "new_item")


class PluginCard(QFrame):
    """A plugin's dashboard card: the house card with its title over the plugin's body."""

    columns = 1

    def __init__(self, host: PluginHost, plugin_id: str, spec: CardSpec) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.plugin_id = plugin_id
        self._host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        heading = label(spec.title, "fieldLabel", wrap=True)
        heading.setObjectName("FigureHeading")
        layout.addWidget(heading)
        self.content = _build(host, plugin_id, spec.factory)
        layout.addWidget(self.content or _failed_note(), 1)

    def refresh(self) -> None:
        self.setVisible(True)  # the dashboard keeps a card hidden until it has something to show
        _call(self._host, self.plugin_id, self.content, "refresh")


class PluginTab(QWidget):
    """A plugin's tab on the client view."""

    def __init__(self, host: PluginHost, plugin_id: str, spec: TabSpec, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("PluginTab")
        self.plugin_id = plugin_id
        self._host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.content = _build(host, plugin_id, spec.factory)
        layout.addWidget(self.content or _failed_note())

    def show_client(self, client_id: int) -> None:
        _call(self._host, self.plugin_id, self.content, "show_client", client_id)


def page_factory(host: PluginHost, plugin_id: str, spec: PageSpec):
    return lambda page_host: PluginPage(page_host, host, plugin_id, spec)


def card_factory(host: PluginHost, plugin_id: str, spec: CardSpec):
    return lambda _page_host: PluginCard(host, plugin_id, spec)


def tab_factory(host: PluginHost, plugin_id: str, spec: TabSpec):
    return lambda _page_host, parent: PluginTab(host, plugin_id, spec, parent)
