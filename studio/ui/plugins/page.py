"""The Plugins page (admins): every plugin found, where it came from and what state it is in,
with its switch, Reload, and the traceback of one that failed.

Switching a plugin on or off is saved (and audited) first, then the host loads or unloads it
at once: its pages, actions, tabs, cards and hooks come or go without a restart."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import N_, _
from studio.ui.kit import icons, prompts, theme
from studio.ui.kit.widgets import EmptyState, button, button_box, card, label, page_scroll
from studio.ui.plugins.host import PluginStatus
from studio.ui.shell.page import Page

ORIGINS = {"shipped": N_("Shipped with Linework"), "studio": N_("Added to this studio's data folder")}
STATES = {"loaded": N_("On"), "disabled": N_("Off"), "failed": N_("Failed")}
LEVELS = {"loaded": "ok", "disabled": "", "failed": "danger"}


class PluginsPage(Page):
    title = N_("Plugins")
    subtitle = N_("Add-ons that extend Linework. Those shipped with it are on; one you add to the data "
                  "folder starts off until you switch it on.")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.plugins = host.ctx.plugins
        self.scan_button = button(_("Look for new plugins"), icon_name="refresh-cw", on_click=self.rescan)
        self.scan_button.setObjectName("ScanPlugins")
        self.folder_button = button(_("Open the plugins folder"), variant="ghost", on_click=self.open_folder)
        self.folder_button.setObjectName("OpenPluginsFolder")
        self.actions.addWidget(self.folder_button)
        self.actions.addWidget(self.scan_button)

        warning, warning_layout = card(margins=14, spacing=4)
        warning.setObjectName("PluginWarning")
        row = QHBoxLayout()
        row.setSpacing(10)
        mark = QLabel()
        mark.setPixmap(icons.pixmap("triangle-alert", theme.current().warning, 20))
        row.addWidget(mark)
        self.warning = label(_("A plugin is code that runs inside Linework with its rights: it can read and "
                               "change whatever the person signed in may, and the files of this PC. Switch on "
                               "only plugins you trust."), wrap=True)
        self.warning.setObjectName("PluginWarningText")
        row.addWidget(self.warning, 1)
        warning_layout.addLayout(row)
        # Translators: {path} is the folder where a studio puts its own plugins.
        self.folder_note = label(_("This studio's plugins go in {path}").format(
            path=str(host.ctx.config.plugins_dir)), "small", wrap=True)
        warning_layout.addWidget(self.folder_note)
        self.body.addWidget(warning)

        self.list = QWidget()
        self.list.setObjectName("PluginList")
        self.rows = QVBoxLayout(self.list)
        self.rows.setContentsMargins(0, 0, 8, 0)
        self.rows.setSpacing(10)
        self.body.addWidget(page_scroll(self.list, "PluginScroll"), 1)
        self.cards: dict[str, PluginCard] = {}
        self.empty = EmptyState("puzzle", _("No plugins found"),
                                _("Put a plugin's .py file or folder in the plugins folder, then look again."))
        self.plugins.statuses_changed.connect(self.show_plugins)
        self.details: QDialog | None = None

    def refresh(self) -> None:
        self.loaded = True
        self.show_plugins()

    def show_plugins(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None and item.widget() is not self.empty:
                item.widget().deleteLater()
        self.cards = {}
        statuses = self.plugins.statuses()
        for status in statuses:
            row = PluginCard(status, self)
            self.cards[status.id] = row
            self.rows.addWidget(row)
        self.rows.addWidget(self.empty)
        self.empty.setVisible(not statuses)
        self.rows.addStretch(1)

    # --- actions --------------------------------------------------------------------------
    def switch(self, status: PluginStatus, on: bool) -> None:
        plugin_id, name = status.id, _(status.name)

        def saved(_switches) -> None:
            if on:
                self.plugins.enable(plugin_id)
                now = self.plugins.status(plugin_id)
                if now.state == "failed":
                    self.host.toast(_("{name} is on but failed to load; see why below.").format(name=name))
                else:
                    self.host.toast(_("{name} is on.").format(name=name))
            else:
                self.plugins.disable(plugin_id)
                self.host.toast(_("{name} is off.").format(name=name))

        def refused(error) -> None:
            prompts.tell(self, _("Plugins"), error.message)

        self.host.call(lambda s, a: s.plugins.set_enabled(a, plugin_id, on, name=name), saved, refused, write=True)

    def reload(self, status: PluginStatus) -> None:
        self.plugins.reload(status.id)
        now = self.plugins.status(status.id)
        if now.state == "loaded":
            self.host.toast(_("{name} reloaded.").format(name=_(now.name)))
        elif now.state == "failed":
            self.host.toast(_("{name} failed to load; see why below.").format(name=_(now.name)))

    def rescan(self) -> None:
        before = {s.id for s in self.plugins.statuses()}
        self.plugins.scan()
        new = [_(s.name) for s in self.plugins.statuses() if s.id not in before]
        if new:
            self.host.toast(_("Found: {names}.").format(names=", ".join(new)))
        else:
            self.host.toast(_("No new plugins."))

    def open_folder(self) -> None:
        folder = self.host.ctx.config.plugins_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_details(self, status: PluginStatus) -> None:
        dialog = QDialog(self)
        dialog.setObjectName("PluginDetails")
        # Translators: the title of the window with a failed plugin's error, e.g. "Tattoo ideas: what went wrong".
        dialog.setWindowTitle(_("{name}: what went wrong").format(name=_(status.name)))
        dialog.resize(720, 420)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label(status.error, wrap=True))
        text = QPlainTextEdit()
        text.setObjectName("PluginTraceback")
        text.setReadOnly(True)
        text.setPlainText(status.details or status.error)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(text, 1)
        close = button(_("Close"), variant="primary")
        buttons = button_box((close, QDialogButtonBox.ButtonRole.RejectRole))
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self.details = dialog
        dialog.open()


class PluginCard(QFrame):
    """One plugin: name, version, what it does, where it is from, its state and its buttons."""

    def __init__(self, status: PluginStatus, page: PluginsPage) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.setProperty("plugin", status.id)
        self.status = status
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        mark = QLabel()
        mark.setPixmap(icons.pixmap("puzzle", theme.current().accent, 22))
        layout.addWidget(mark)
        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(8)
        # A shipped plugin's name and description are in Linework's catalogs (marked by the
        # plugin); anyone else's read as written.
        self.name = label(_(status.name), "title")
        self.name.setObjectName("PluginName")
        top.addWidget(self.name)
        if status.version:
            # Translators: a plugin's version, e.g. "version 1.2".
            top.addWidget(label(_("version {version}").format(version=status.version), "muted"))
        self.state = label(_(STATES[status.state]), "pill")
        self.state.setObjectName("PluginState")
        self.state.setProperty("level", LEVELS[status.state])
        top.addWidget(self.state)
        top.addStretch(1)
        text.addLayout(top)
        if status.description:
            self.description = label(_(status.description), "muted", wrap=True)
            text.addWidget(self.description)
        # Translators: where a plugin came from, then its file, e.g. "Shipped with Linework · /opt/…/tattoo_ideas".
        self.origin = label(_("{origin} · {path}").format(origin=_(ORIGINS[status.origin]), path=str(status.path)),
                            "small", wrap=True)
        self.origin.setObjectName("PluginOrigin")
        text.addWidget(self.origin)
        self.error = label(status.error, "error", wrap=True)
        self.error.setObjectName("PluginError")
        self.error.setVisible(bool(status.error))
        text.addWidget(self.error)
        layout.addLayout(text, 1)

        self.details_button = button(_("Details…"), variant="ghost", on_click=lambda: page.show_details(status))
        self.details_button.setObjectName("PluginDetailsButton")
        self.details_button.setVisible(status.state == "failed")
        self.reload_button = button(_("Reload"), icon_name="refresh-cw", on_click=lambda: page.reload(status))
        self.reload_button.setObjectName("ReloadPlugin")
        self.reload_button.setVisible(status.enabled)
        on = status.enabled
        self.switch_button = button(_("Switch off") if on else _("Switch on"),
                                    variant=None if on else "primary", on_click=lambda: page.switch(status, not on))
        self.switch_button.setObjectName("SwitchPlugin")
        for widget in (self.details_button, self.reload_button, self.switch_button):
            layout.addWidget(widget)
