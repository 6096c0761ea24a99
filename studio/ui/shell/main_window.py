"""The main window: top bar, sidebar of pages for the signed-in role, the pages, the status
bar, and the lock screen (shell/lock_screen.py) that auto-lock puts in front of them.

It names no area: the sidebar, the status bar's widgets and the account menu's actions come
from the registered area descriptors (``ctx.extensions``, shell/extensions.py)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import LANGUAGES, N_, Actor, StudioSettings, _, language_name
from studio.ui.context import AppContext
from studio.ui.kit import icons, language, theme
from studio.ui.kit.idle import IdleMonitor
from studio.ui.kit.widgets import ElidedLabel, label, plain_tip
from studio.ui.shell.extensions import resolve
from studio.ui.shell.lock_screen import LockScreen
from studio.ui.shell.nav import NavButton
from studio.ui.shell.page import Page, PageHost
from studio.ui.shell.search_field import FOCUS_KEYS, GlobalSearch

DEFAULT_SIZE = (1280, 720)  # fits a 1366×768 laptop with its taskbar
MINIMUM_SIZE = (1024, 620)
USER_NAME_WIDTH = 180  # px of the account button's name before it ends in "…"
THEMES = (("system", N_("Follow the system")), ("light", N_("Light")), ("dark", N_("Dark")))


class MainWindow(QMainWindow):
    logged_out = Signal()
    restored_data = Signal(str)  # a restore replaced the data: the message for the login window
    closed = Signal(object)  # this window, once closed (by the person, a log out or a restore)
    # The person's language changed (their own choice, or the studio's they follow): the
    # window is built again in it, for this actor and these settings, on the same page.
    rebuild = Signal(object, object)

    def __init__(self, ctx: AppContext, actor: Actor, settings: StudioSettings, *,
                 idle_timeout_ms: int | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self.actor = actor
        self.host = PageHost(ctx, self)
        self._paused_runners: list[str] = []
        self.pages: dict[str, Page] = {}
        self.nav: dict[str, NavButton] = {}
        self.hidden_dialogs: list[QWidget] = []
        self.current_key = ""
        self.setWindowTitle("Linework")
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)

        self.root = QStackedWidget()
        self.setCentralWidget(self.root)
        shell = QWidget()
        shell_layout = QVBoxLayout(shell)
        shell_layout.setContentsMargins(0, 0, 0, 0)
        shell_layout.setSpacing(0)
        shell_layout.addWidget(self._top_bar())
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self._sidebar())
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        shell_layout.addLayout(body, 1)
        self.root.addWidget(shell)
        self.lock_screen: LockScreen | None = None

        self.who = ElidedLabel(max_width=360)  # a long name ends in "…", whole in the tooltip
        self.statusBar().addWidget(self.who)
        self.message = label()  # toasts quote names typed on phones: plain text
        self.message.setObjectName("Toast")
        self.statusBar().addPermanentWidget(self.message)
        self._toast_timer = QTimer(self)  # owned by the window, so it dies with it
        self._toast_timer.setSingleShot(True)
        self._toast_timer.setInterval(6000)
        self._toast_timer.timeout.connect(self.message.clear)
        # Each area's widgets, left to right (the intake server's state, the backup's age…).
        self.status_widgets = {entry.key: resolve(entry.widget)(self.host)
                               for entry in ctx.extensions.status_widgets(actor.role)}
        for widget in self.status_widgets.values():
            self.statusBar().addWidget(widget)
            widget.start()
        self._update_identity()

        self._shortcuts()
        # A plugin switched on or off: its pages and menu actions come or go at once.
        ctx.changes.extensions_changed.connect(self._extensions_changed)
        self._listening = True
        self.idle = IdleMonitor(idle_timeout_ms or settings.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self._restore_geometry()

    # --- chrome -------------------------------------------------------------------------
    def _top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("TopBar")
        bar.setFixedHeight(56)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(12)
        mark = QLabel()
        mark.setPixmap(icons.pixmap("sparkles", theme.current().accent, 22))
        layout.addWidget(mark)
        self.brand = ElidedLabel(self.settings.name or "Linework", max_width=300)
        self.brand.setObjectName("Brand")
        layout.addWidget(self.brand)
        layout.addStretch(1)
        self.search = GlobalSearch(self.host, self)
        self.search.chosen.connect(self._open_search_hit)
        layout.addWidget(self.search.edit, 3)
        layout.addStretch(1)
        self.user_button = QToolButton()
        self.user_button.setObjectName("UserMenu")
        self.user_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.user_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # chevron after the name
        self.user_button.setAccessibleName(_("Account menu"))
        self.user_button.setToolTip(_("Account: change password, lock, log out"))
        # popup(), not setMenu(): a tool button's own menu runs a nested event loop.
        self.user_menu = self._user_menu()
        self.user_button.clicked.connect(self._open_user_menu)
        layout.addWidget(self.user_button)
        return bar

    def _user_menu(self) -> QMenu:
        menu = QMenu(self)
        # The button is laid out right-to-left (its chevron after the name); its menu must
        # not inherit that, or every entry opens mirrored.
        menu.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        # Each area's actions (change password, studio settings…), shown by role.
        self.area_actions: dict[str, QAction] = {}
        for entry in self.ctx.extensions.menu_actions(self.actor.role):
            self.area_actions[entry.key] = menu.addAction(_(entry.text), lambda k=entry.key: self.run_action(k))
        if self.area_actions:
            menu.addSeparator()
        theme_menu = menu.addMenu(_("Theme"))
        current = self.ctx.prefs.value("theme", "system")
        for key, text in THEMES:
            action = theme_menu.addAction(_(text), lambda k=key: self.set_theme(k))
            action.setCheckable(True)
            action.setChecked(key == current)
        self.language_menu = menu.addMenu(_("Language"))
        self.language_menu.setObjectName("LanguageMenu")
        self.language_actions: dict[str | None, QAction] = {}
        # Translators: {name} is the studio's language named in itself, e.g. "Español".
        choices = [(None, _("Studio's language ({name})").format(name=language_name(self.settings.language)))]
        choices += list(LANGUAGES.items())  # each language named in itself, never translated
        for code, text in choices:
            action = self.language_menu.addAction(text, lambda c=code: self.set_own_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.actor.language)
            self.language_actions[code] = action
        menu.addSeparator()
        self.lock_action = QAction(_("Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        menu.addAction(self.lock_action)
        self.addAction(self.lock_action)
        self.logout_action = menu.addAction(_("Log out"), self.logout)
        return menu

    def _extensions_changed(self) -> None:
        """The registered pages and actions changed: the sidebar and the account menu again;
        a page no longer offered is closed (its area went), and if it was on screen the
        first page opens instead."""
        self._build_nav()
        for key in [k for k in self.pages if k not in self.nav]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.removeAction(self.lock_action)  # the new menu brings its own (one Ctrl+L, not two)
        old_menu, self.user_menu = self.user_menu, self._user_menu()
        old_menu.deleteLater()
        if self.current_key in self.nav:
            self.nav[self.current_key].setChecked(True)
        elif self.current_key:
            self.open_page("dashboard")

    def _open_user_menu(self) -> None:
        """Under the button, its right edge on the button's right edge."""
        button, menu = self.user_button, self.user_menu
        corner = button.mapToGlobal(button.rect().bottomRight())
        menu.popup(corner - QPoint(menu.sizeHint().width() - 1, -4))

    def _sidebar(self) -> QWidget:
        side = QFrame()
        side.setObjectName("Sidebar")
        side.setFixedWidth(216)
        self.side_layout = QVBoxLayout(side)
        self.side_layout.setContentsMargins(12, 12, 12, 12)
        self.side_layout.setSpacing(2)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self._build_nav()
        return side

    def _build_nav(self) -> None:
        while self.side_layout.count():
            item = self.side_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for b in list(self.nav.values()):
            self.nav_group.removeButton(b)
        self.nav.clear()
        specs = self.ctx.extensions.pages(self.actor.role)
        shown_admin_label = False
        for spec in specs:
            if spec.section == "admin" and not shown_admin_label:
                shown_admin_label = True
                section = label(_("ADMIN"), "section")
                self.side_layout.addSpacing(12)
                self.side_layout.addWidget(section)
            nav = NavButton(spec)
            nav.clicked.connect(lambda _c=False, k=spec.key: self.open_page(k))
            self.nav_group.addButton(nav)
            self.nav[spec.key] = nav
            self.side_layout.addWidget(nav)
            if spec.badge is not None and self.ctx.services_ready:
                resolve(spec.badge)(self.host, nav.set_badge)
        self.side_layout.addStretch(1)
        version = label(f"Linework {__import__('studio').__version__}", "small")
        self.side_layout.addWidget(version)

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence("F5"), self, lambda: self._current_page() and self._current_page().refresh())
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self._current_page() and self._current_page().new_item())
        QShortcut(QKeySequence.StandardKey.Find, self, lambda: self._current_page() and self._current_page().focus_filter())
        QShortcut(QKeySequence(FOCUS_KEYS), self, self.search.focus)

    def _update_identity(self) -> None:
        a = self.actor
        # Translators: {name} is the staff member, {role} their role in lower case ("admin").
        self.who.setText(_("Signed in as {name} ({role})").format(name=a.name, role=a.role_label.lower()))
        self.who.setObjectName("SignedInAs")
        self.user_button.setText(self.user_button.fontMetrics().elidedText(
            a.name, Qt.TextElideMode.ElideRight, USER_NAME_WIDTH) + "  ")
        self.user_button.setToolTip(plain_tip(_("{name}: change password, lock, log out").format(name=a.name)))
        self.user_button.setIcon(icons.icon("chevron-down"))

    # --- background work around a restore (the Shell protocol) -------------------------
    def pause_background(self) -> None:
        """Before a restore: no runner or status polling may hold the database, and every
        queued call has finished."""
        for widget in self.status_widgets.values():
            widget.stop()
        self._paused_runners = self.ctx.pause_runners()
        self.ctx.tasks.wait_for_done(30_000)

    def resume_background(self) -> None:
        """After a restore that failed (nothing changed): everything as it was."""
        for widget in self.status_widgets.values():
            widget.start()
        self.ctx.resume_runners(self._paused_runners, self.settings)
        self._paused_runners = []

    def restored(self, message: str) -> None:
        self.restored_data.emit(message)

    # --- pages --------------------------------------------------------------------------
    def _current_page(self) -> Page | None:
        return self.pages.get(self.current_key)

    def open_page(self, key: str) -> None:
        if key not in self.nav:
            key = next(iter(self.nav))
        page = self.pages.get(key)
        if page is None:
            spec = self.nav[key].spec
            page = spec.load()(self.host)
            page.badge_changed.connect(self.nav[key].set_badge)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.nav[key].setChecked(True)
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self.ctx.prefs.setValue("last_page", key)
        page.activate()

    def _open_search_hit(self, hit) -> None:
        """A global-search hit opens on the page whose SidebarPage names its kind."""
        key = next((k for k, nav in self.nav.items() if nav.spec.search_kind == hit.kind), None)
        if key is not None:
            self.open_page(key)
            self.pages[key].open_record(hit.id)

    def open_first_page(self) -> None:
        self.open_page(str(self.ctx.prefs.value("last_page", "dashboard")))

    def toast(self, text: str) -> None:
        self.message.setText(text)
        self._toast_timer.start()

    # --- account ------------------------------------------------------------------------
    def run_action(self, key: str) -> None:
        """An area's account-menu action, by its key; nothing when the role has no such action."""
        entry = self.ctx.extensions.menu_action(key)
        if entry is not None and key in self.area_actions:
            resolve(entry.run)(self.host, self)

    def settings_saved(self, settings: StudioSettings) -> None:
        old, self.settings = self.settings, settings
        self.ctx.prefs.setValue(language.STUDIO_LANGUAGE_KEY, settings.language)  # the next sign-in's
        if settings.language != old.language and self.actor.language is None:
            self._rebuild_later(self.actor)  # they follow the studio's language: now a new one
            return
        self.brand.setText(settings.name)
        self.idle.set_timeout(settings.idle_lock_minutes * 60_000)
        self.toast(_("Studio settings saved."))

    def region_saved(self, region: str) -> None:
        """Dates, numbers and money in the new region's way: the window is built again."""
        from studio.services.common import set_region
        from studio.ui.kit.format import apply_locale

        set_region(region)
        apply_locale()
        self._rebuild_later(self.actor)

    def set_own_language(self, code: str | None) -> None:
        """The account menu's Language: ``code``, or None to follow the studio's. Saved off
        the GUI thread; then the window is built again in it."""
        for key, action in self.language_actions.items():
            action.setChecked(key == self.actor.language)  # until the save says otherwise
        if code == self.actor.language:
            return
        self.host.call(lambda s, a: s.staff.set_own_language(a, code), self._language_saved,
                       lambda error: self.toast(error.message), write=True)

    def _language_saved(self, actor: Actor) -> None:
        self.actor = actor
        self._rebuild_later(actor)

    def _rebuild_later(self, actor: Actor) -> None:
        # Once the call that led here (a menu, a dialog's save) has returned, so nothing of
        # this window is still running when it closes.
        settings = self.settings
        QTimer.singleShot(0, self, lambda: self.rebuild.emit(actor, settings))

    def set_theme(self, mode: str) -> None:
        from PySide6.QtWidgets import QApplication

        self.ctx.prefs.setValue("theme", mode)
        theme.apply(QApplication.instance(), mode)
        for nav in self.nav.values():
            nav.retheme()
        self.user_button.setIcon(icons.icon("chevron-down"))

    # --- lock and log out ---------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.lock_screen is not None and self.root.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self.idle.pause()
        # Dialogs in progress stay as they are, but out of sight until the same person returns.
        self.hidden_dialogs = [w for w in self.findChildren(QWidget) if w.isWindow() and w.isVisible()]
        for dialog in self.hidden_dialogs:
            dialog.hide()
        self.lock_screen = LockScreen(self.ctx, self.actor)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switch_user.connect(self.logout)
        self.root.addWidget(self.lock_screen)
        self.root.setCurrentWidget(self.lock_screen)
        self.lock_screen.form.focus_first()
        from studio.services.accounts import LOCKED_BY_IDLE_OR_KEYS

        actor = self.actor
        self.host.call(lambda s, _a: s.auth.lock(actor, reason=LOCKED_BY_IDLE_OR_KEYS), write=True)

    def _unlocked(self, actor: Actor) -> None:
        self.actor = actor
        self._update_identity()
        screen = self.lock_screen
        self.root.setCurrentIndex(0)
        self.lock_screen = None
        if screen is not None:
            self.root.removeWidget(screen)
            screen.deleteLater()
        for dialog in self.hidden_dialogs:
            dialog.show()
        self.hidden_dialogs = []
        self.idle.resume()
        page = self._current_page()
        if page is not None:  # others may have worked on another PC meanwhile
            page.refresh()

    def logout(self) -> None:
        actor = self.actor
        self.host.call(lambda s, _a: s.auth.logout(actor), write=True)
        self.logged_out.emit()  # the login window shows first, so closing this one never quits
        self.close()

    # --- window state -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ctx.prefs.value("window_geometry")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.ctx.prefs.setValue("window_geometry", self.saveGeometry())
        # A closed window (logged out, rebuilt in another language) builds nothing more.
        if self._listening:
            self._listening = False
            self.ctx.changes.extensions_changed.disconnect(self._extensions_changed)
        self.idle.stop()
        for widget in self.status_widgets.values():
            widget.stop()
        for dialog in self.hidden_dialogs:
            dialog.close()
        super().closeEvent(event)
        self.closed.emit(self)
