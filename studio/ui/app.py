"""Start-up: the first window appears before the data layer has even been imported.

The login (or set-up) dialog is shown straight away; SQLAlchemy, the migrations check and
the services load in a worker meanwhile, and the dialog's Sign in waits for them.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication

from studio.config import LOG_FILE_NAME, Config, load_config, setup_logging
from studio.ui.accounts import LoginDialog
from studio.ui.context import AppContext
from studio.ui.kit import language, theme
from studio.ui.kit.collector import MainThreadCollector
from studio.ui.kit.crash import CrashReporter
from studio.ui.kit.tasks import Tasks

log = logging.getLogger(__name__)

# Set by bench/startup.py: print a line when the first window is on screen, then quit.
STARTUP_PROBE_ENV = "STUDIO_STARTUP_PROBE"


class Controller(QObject):
    """Walks the person through set-up → sign in → main window → (log out → sign in).

    One window replaces another at each step, so Qt's "quit when the last window closes"
    would end the app in the gap between them (the set-up closing before the main window
    exists). The controller decides instead: the app ends when the person closes the
    window they are in — the sign-in, the set-up or the main window — and at no other time.
    (``quit()``, not ``exit(0)``: outside the main loop it does nothing, where exit() would
    make every later event loop return at once.)
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.login: LoginDialog | None = None
        self.setup = None
        self.main = None
        self.recovery = None
        self._region: str | None = None  # the studio's region (ISO country), as of sign-in

    # --- start-up -----------------------------------------------------------------------
    def start(self) -> None:
        QApplication.instance().setQuitOnLastWindowClosed(False)
        self._speak_the_studios_language()
        path = self.ctx.config.database_path
        # A few milliseconds on the file and its first pages, with the standard library only:
        # a damaged database opens the recovery screen instead of the sign-in.
        from studio.services.backup import database_problem

        # The file alone here (no sqlite3 before the first window); the loader thread reads
        # its first pages before migrating, and damage found there opens this screen too.
        problem = database_problem(path, self.ctx.config.backups_dir, pages=False)
        if problem is not None:
            self._show_recovery(problem.reason)
        elif path is not None and not path.exists():
            self._show_setup()
            self._open_services()
        else:
            self._show_login()
            # Load the data layer once the window is on screen, so the import does not
            # compete with the first paint; typing an email takes longer than the load.
            self.login.shown.connect(self._open_services)

    def _open_services(self) -> None:
        self.ctx.open_services(self._services_ready, self._services_failed)

    def _services_ready(self, services) -> None:
        def state():
            try:
                return services.setup.needs_setup(), services.settings.studio()
            except Exception as exc:  # damage past the first pages shows at the first query
                from studio.services.backup import raise_if_damaged

                raise_if_damaged(exc)
                raise

        self.ctx.tasks.run(state, self._state_known, self._services_failed)

    def _state_known(self, state) -> None:
        needs_setup, settings = state
        if needs_setup and self.setup is None:
            self._show_setup()
            if self.login is not None:
                self.login.hide()
                self.login = None
        elif self.login is not None:
            self.login.set_studio_name(settings.name)
            self.ctx.prefs.setValue("studio_name", settings.name)
        if not needs_setup:  # the next start's sign-in window speaks it from the first paint
            self.ctx.prefs.setValue(language.STUDIO_LANGUAGE_KEY, settings.language)
        if not needs_setup:
            # The areas' runners (the daily backup, the intake server when it starts with
            # Linework) run whenever Linework is open, signed in or not.
            self.ctx.studio_ready(settings)

    def _services_failed(self, error) -> None:
        from studio.services.common import DatabaseDamaged

        if isinstance(error, DatabaseDamaged):
            self._show_recovery(error.reason)  # shown first, so closing the others never quits
            for window in (self.login, self.setup):
                if window is not None:
                    window.hide()
            self.login = self.setup = None
            return
        from studio.services.common import _
        from studio.ui.kit import prompts  # not on the way to the first window

        prompts.tell(None, _("Linework can't open this studio"), error.message, level="danger",
                     on_closed=lambda: QApplication.exit(1))

    def _probe(self, dialog) -> None:
        if os.environ.get(STARTUP_PROBE_ENV):
            def announce() -> None:
                print("linework: first window shown", flush=True)
                QApplication.exit(0)

            dialog.shown.connect(announce)

    def _show_login(self) -> None:
        self.login = LoginDialog(self.ctx, str(self.ctx.prefs.value("studio_name", "")))
        self.login.signed_in.connect(self._signed_in)
        self.login.rejected.connect(self._closed_without_main)
        self._probe(self.login)
        self.login.show()

    def _show_setup(self) -> None:
        from studio.ui.accounts import SetupDialog

        language.apply(language.system_language())  # the dialog's chooser starts on it
        self.setup = SetupDialog(self.ctx)
        self.setup.created.connect(self._signed_in)
        self.setup.rejected.connect(self._closed_without_main)
        self.setup.show()

    def _show_recovery(self, reason: str) -> None:
        from studio.ui.backups import RecoveryScreen

        self.recovery = RecoveryScreen(self.ctx, reason)
        self.recovery.restored.connect(self._recovered)
        self.recovery.rejected.connect(self._closed_without_main)
        self.recovery.show()

    def _recovered(self, message: str) -> None:
        """Restored from the recovery screen: sign in to the restored studio."""
        screen, self.recovery = self.recovery, None
        self.ctx.reset_services()
        self._show_login()  # first, so hiding the recovery screen never quits the app
        self.login.set_notice(message)
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        self._open_services()

    def _closed_without_main(self) -> None:
        """The sign-in or set-up window was closed by the person (not replaced): quit."""
        if self.main is None:
            QApplication.quit()

    def _main_closed(self, window) -> None:
        """The main window was closed; a log out or restore has already moved on."""
        if self.main is window:
            self.main = None
            QApplication.quit()

    # --- language -----------------------------------------------------------------------
    def _speak_the_studios_language(self) -> None:
        """Signed out: the sign-in window speaks the studio's language, as last known here
        (the window prefs remember it, so no data is read before the first window)."""
        language.apply(str(self.ctx.prefs.value(language.STUDIO_LANGUAGE_KEY, "") or "en"))

    def _speak(self, actor, settings, region: str | None) -> None:
        """Signed in: the person's own language, else the studio's; dates and money as
        the studio's region writes them."""
        from studio.services.common import set_region
        from studio.ui.kit.format import apply_locale

        language.apply(actor.language or settings.language)
        set_region(region)
        apply_locale()  # Qt's own widgets (date edits, number parsing) write the same way
        self._region = region
        self.ctx.prefs.setValue(language.STUDIO_LANGUAGE_KEY, settings.language)

    # --- sessions -----------------------------------------------------------------------
    def _signed_in(self, actor) -> None:
        services = self.ctx.services()

        def read():
            return (*services.settings.studio_and_region(), services.plugins.switches(actor))

        self.ctx.tasks.run(read, lambda found: self._open_main(actor, *found))

    def _open_main(self, actor, settings, region: str | None = None, plugin_switches=None) -> None:
        from studio.ui.shell.main_window import MainWindow

        self._speak(actor, settings, region)
        # The plugins switched on load before the window is built, so it shows their pages.
        self.ctx.plugins.start(actor, plugin_switches or {})
        self.main = MainWindow(self.ctx, actor, settings)
        self.main.logged_out.connect(self._logged_out)
        self.main.restored_data.connect(self.restart_after_restore)
        self.main.closed.connect(self._main_closed)
        self.main.rebuild.connect(self._rebuild_main)
        self.main.show()
        self.ctx.studio_ready(settings)  # after a first-run set-up, the studio is ready now
        self.main.open_first_page()
        for dialog in (self.login, self.setup):
            if dialog is not None:
                dialog.hide()
        self.login = None
        self.setup = None

    def _rebuild_main(self, actor, settings) -> None:
        """The person's language changed: the same window again, built in it, on the same
        page and at the same place; the old one closes once the new one is up."""
        old = self.main
        if old is None:
            return
        self.main = None  # so closing the old window never quits
        from studio.services.common import current_region

        # its first page is the last one opened; the region as now (a save may have changed it)
        self._open_main(actor, settings, current_region() or self._region)
        self.main.restoreGeometry(old.saveGeometry())
        old.close()

    def _logged_out(self) -> None:
        self.main = None
        self.ctx.plugins.set_actor(None)  # nobody signed in: a plugin's calls are refused
        self._speak_the_studios_language()
        self._show_login()

    def restart_after_restore(self, message: str) -> None:
        """The database under the app was replaced: close the windows, let go of the old
        services (no scheduler, server or worker may hold them), open them anew on the
        restored data, and ask everyone to sign in again."""
        main, self.main = self.main, None
        self.ctx.stop_runners()
        self._speak_the_studios_language()
        self._show_login()  # first, so closing the main window never quits the app
        self.login.set_notice(message)
        if main is not None:
            main.close()
            main.deleteLater()
        self.ctx.tasks.wait_for_done(30_000)
        self.ctx.reset_services()
        self._open_services()

    def shutdown(self) -> None:
        self.ctx.plugins.stop()
        self.ctx.stop_runners()
        self.ctx.tasks.wait_for_done(30_000)
        self.ctx.close_services()


def create_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Linework")
    app.setApplicationDisplayName("Linework")
    app.setOrganizationName("Linework")
    MainThreadCollector.install(app)
    return app


def build_context(config: Config, app: QApplication) -> AppContext:
    prefs = QSettings(str(config.ui_settings_path), QSettings.Format.IniFormat)
    theme.apply(app, str(prefs.value("theme", "system")))
    crash = CrashReporter(str(config.logs_dir / LOG_FILE_NAME))
    return AppContext(config, Tasks(app), crash)


def run_app(data_dir: str | None = None) -> int:
    config = load_config(data_dir)
    setup_logging(config)
    app = create_app()
    ctx = build_context(config, app)
    ctx.crash.install()
    controller = Controller(ctx)
    controller.start()
    code = app.exec()
    controller.shutdown()
    return code
