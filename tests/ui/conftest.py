"""Fixtures for widget tests: a real studio on a real SQLite file, real argon2, real
widgets offscreen. Every test gets its own data dir."""

from __future__ import annotations

import shutil

import pytest

from studio.config import load_config
from studio.services.common import Actor, Role
from studio.services.core import open_services
from studio.ui.app import build_context, create_app

ADMIN_EMAIL = "ana@studio.test"
ADMIN_PASSWORD = "violet anchors drift softly 42"
ARTIST_EMAIL = "mara@studio.test"
ARTIST_PASSWORD = "lantern pepper orbit canyon 7"


@pytest.fixture
def ui_config(tmp_path):
    return load_config(tmp_path / "data")


@pytest.fixture
def ui_services(ui_config):
    services = open_services(ui_config.database_url)
    yield services
    services.db.dispose()


@pytest.fixture(scope="session")
def studio_template(tmp_path_factory):
    """A set-up studio made once (argon2 is slow on purpose); each test gets a copy of the file."""
    folder = tmp_path_factory.mktemp("studio-template")
    services = open_services(f"sqlite:///{folder / 'studio.db'}")
    admin = services.setup.create_studio(
        studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
        admin_name="Ana Ruiz", admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD,
    )
    artist = services.staff.add_staff(admin, name="Mara Okafor", email=ARTIST_EMAIL,
                                      role="artist", password=ARTIST_PASSWORD)
    services.db.dispose()  # closing the last connection checkpoints the WAL into the file
    return folder / "studio.db", admin.staff_id, artist.id


@pytest.fixture
def studio(ui_config, studio_template):
    """A set-up studio: an admin and an artist. Returns (services, admin actor, artist actor)."""
    template, admin_id, artist_id = studio_template
    shutil.copyfile(template, ui_config.data_dir / "studio.db")
    services = open_services(ui_config.database_url, data_dir=ui_config.data_dir)
    admin = services.auth.current_actor(Actor(admin_id, "", "", Role.ADMIN))
    artist = services.auth.current_actor(Actor(artist_id, "", "", Role.ARTIST))
    yield services, admin, artist
    services.db.dispose()


@pytest.fixture
def ctx(qapp, ui_config):
    """An AppContext on the test's data dir; its workers are drained after the test."""
    context = build_context(ui_config, create_app())
    yield context
    context.plugins.stop()  # a test that loaded plugins: their pages, pools and hooks let go
    context.stop_runners()
    assert context.tasks.wait_for_done(30_000)
    qapp.processEvents()


@pytest.fixture
def settle(qtbot, ctx):
    """Wait until every background call has finished and delivered its result, and what
    the results changed is laid out (a layout runs in a posted event, so a widget shown by a
    result has its place only after one more turn of the event loop)."""
    from PySide6.QtWidgets import QApplication

    def wait(timeout: int = 10_000) -> None:
        def idle() -> bool:
            if ctx.tasks.busy:
                return False
            QApplication.processEvents()
            return not ctx.tasks.busy

        qtbot.waitUntil(idle, timeout=timeout)

    return wait


def open_window(qtbot, ctx, settle, services, actor, *, signed_in=None):
    """The main window for ``actor``, shown, with auto-lock far away (tests lock on purpose).
    ``signed_in()`` runs once the services are in use and before the window is built, as
    the sign-in's own steps do (the plugin tests start the plugin host there)."""
    from studio.ui.shell.main_window import MainWindow

    ctx.use_services(services)
    if signed_in is not None:
        signed_in()
    main = MainWindow(ctx, actor, services.settings.studio(), idle_timeout_ms=60 * 60_000)
    qtbot.addWidget(main)
    main.show()
    settle()
    return main


@pytest.fixture
def artist_window(qtbot, ctx, settle, studio):
    """The artist's main window on the test studio."""
    services, _admin, artist = studio
    main = open_window(qtbot, ctx, settle, services, artist)
    yield main
    main.idle.stop()
    main.close()
    settle()


@pytest.fixture
def window(qtbot, ctx, settle, studio):
    """The admin's main window on the test studio; its timers stop after the test."""
    main = open_window(qtbot, ctx, settle, studio[0], studio[1])
    yield main
    main.idle.stop()
    main.close()
    settle()
