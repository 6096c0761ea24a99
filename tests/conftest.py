"""Fixtures every test area shares. Area folders add their own conftest.py beside this one.

- ``data_dir``: an empty data folder for this test (a ``tmp_path`` subfolder).
- ``clock``: a ``FakeClock`` (tests/support.py) starting at ``support.EPOCH``; call it for an
  aware UTC now, ``clock.advance(minutes=15)`` to move it. Services get it, nobody sleeps.
- ``passwords``: one ``Passwords`` for the whole session: real argon2id, at the OWASP minimum
  (``support.TEST_ARGON2``: m=19456 KiB, t=2, p=1) instead of the app's heavier default, so
  the many sign-ins the lockout tests need stay fast. Tests about the stored parameters and
  re-hashing use ``Passwords()`` itself. Building one hashes a dummy password; it holds no
  studio data, so sharing it is safe.
- ``database_url``: the SQLite URL of ``data_dir/studio.db``.
- ``services``: ``Services`` from ``open_services(database_url, clock=clock,
  passwords=passwords)`` on a real SQLite file in ``data_dir``: at schema head, no studio yet
  (``needs_setup()`` is true); disposed after the test. The file starts as a copy of one
  migrated once per session (``_templates``), so tests skip Alembic; test_migrations
  migrates from empty itself.
- ``admin``: sets the studio up and returns its first admin's ``Actor``: studio
  support.STUDIO_NAME (Europe/Lisbon, EUR), admin support.ADMIN_NAME / ADMIN_EMAIL /
  ADMIN_PASSWORD, made by ``services.setup.create_studio`` at ``clock()`` (so there is a
  ``studio.created`` audit row). To save an argon2 hash per test, the studio is usually a
  copy of one made that way once per session (when the database is untouched and the clock
  still reads ``support.EPOCH``).
- ``make_staff(role, name=None, email=None, password=STAFF_PASSWORD, color=None)``: adds an
  account as ``admin`` and returns its ``Actor``, as a sign-in would.
- ``demo_studio``: the whole `studio demo` built once for the session (a few seconds) at
  support.DEMO_NOW: ``DemoStudio(services, admin, seconds)``, ``seconds`` mapping each step's
  progress text to how long that step took. The demo tests of each area share it; a test
  that writes to it adds only what no other demo test reads.

The whole session runs offscreen with ``STUDIO_DATA_DIR`` pointing at a temp folder (and
``STUDIO_DATABASE_URL`` unset), so nothing reads or writes the real user data folder.
"""

from __future__ import annotations

import os

# Before anything can load Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import gc  # noqa: E402
import itertools  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support import (  # noqa: E402
    ADMIN_EMAIL,
    ADMIN_NAME,
    ADMIN_PASSWORD,
    EPOCH,
    STAFF_PASSWORD,
    STUDIO_NAME,
    TEST_ARGON2,
    FakeClock,
    row_counts,
    sqlite_url,
)


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test may touch the real user data dir or a developer's database URL."""
    from studio.config import DATA_DIR_ENV, DATABASE_URL_ENV

    saved = {key: os.environ.get(key) for key in (DATA_DIR_ENV, DATABASE_URL_ENV)}
    user_dir = tmp_path_factory.mktemp("user-data-dir")
    os.environ[DATA_DIR_ENV] = str(user_dir)
    os.environ.pop(DATABASE_URL_ENV, None)
    yield user_dir
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _english_as_the_test_studio_writes_it() -> Iterator[None]:
    """Every test starts in English, in the region of the ``admin`` studio (Lisbon: PT, so
    dates read "9 Sept 1999", times "14:05"), as a sign-in to it would set; a test that
    switches the language or region cannot leak it into the next."""
    from studio.services.common import formats, i18n

    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    formats.set_region("PT")
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    formats.set_region("PT")
    if "PySide6.QtCore" in sys.modules:  # Qt's default locale, which a sign-in sets, as it started
        from PySide6.QtCore import QLocale

        QLocale.setDefault(QLocale.system())
    language = sys.modules.get("studio.ui.kit.language")
    if language is not None and language.qt_translated():
        language.apply(i18n.DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def _collect_cycles_on_the_main_thread() -> Iterator[None]:
    """Once a test has made the app, automatic cycle collection is off for the process
    (studio/ui/kit/collector.py) and the app's timer collects on the GUI thread. Between tests
    no event loop runs that timer, so collect what is due here, on the main thread too."""
    yield
    collector = sys.modules.get("studio.ui.kit.collector")
    if collector is not None and not gc.isenabled():
        collector.MainThreadCollector.collect_due()


@pytest.fixture(autouse=True)
def _no_dialog_left_open(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test ends with no dialog or menu on screen: one left open would answer (or block)
    the next test. What is left is closed, and the test fails naming it."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication, QDialog, QMenu

    app = QApplication.instance()
    if app is None:
        return
    app.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMenu)) and w.isVisible()]
    if not left:
        return
    names = [f"{type(w).__name__} “{w.windowTitle() or w.objectName()}”" for w in left]
    for widget in left:
        widget.close()
    app.processEvents()
    pytest.fail(f"{request.node.name} left open: {', '.join(names)}", pytrace=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def passwords():
    from argon2 import PasswordHasher

    from studio.services.accounts import Passwords

    return Passwords(PasswordHasher(**TEST_ARGON2))


@dataclass(frozen=True)
class _Templates:
    empty: Path     # migrated to head, no studio yet
    studio: Path    # the same, after create_studio made the admin
    admin: object   # that admin's Actor


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory, passwords) -> _Templates:
    """Migrating and hashing the admin's password cost about 0.3 s; do them once a session
    and give each test a byte-for-byte copy of the resulting (closed, checkpointed) file."""
    from studio.services.core import open_services

    root = tmp_path_factory.mktemp("templates")
    empty, studio = root / "empty.db", root / "studio.db"
    opened = open_services(sqlite_url(empty), clock=FakeClock(), passwords=passwords)
    opened.db.dispose()
    shutil.copyfile(empty, studio)
    opened = open_services(sqlite_url(studio), clock=FakeClock(), passwords=passwords)
    admin = _create_admin(opened)
    opened.db.dispose()
    for path in (empty, studio):  # closed cleanly: everything is in the main file
        assert not path.with_name(path.name + "-wal").exists()
    return _Templates(empty, studio, admin)


def _create_admin(services):
    return services.setup.create_studio(
        studio_name=STUDIO_NAME, timezone="Europe/Lisbon", currency="EUR",
        admin_name=ADMIN_NAME, admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD,
    )


@pytest.fixture
def database_url(data_dir: Path) -> str:
    return sqlite_url(data_dir / "studio.db")


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix):]) if url.startswith(prefix) and ":memory:" not in url else None


@pytest.fixture
def services(database_url: str, clock: FakeClock, passwords, _templates: _Templates):
    from studio.services.core import open_services

    path = _sqlite_path(database_url)
    if path is not None and not path.exists():
        shutil.copyfile(_templates.empty, path)
    opened = open_services(database_url, clock=clock, passwords=passwords)
    yield opened
    opened.db.dispose()


@pytest.fixture
def admin(services, _templates: _Templates):
    """Set up the studio and return its admin. While the database is untouched and the clock
    reads EPOCH (the usual case) that is a copy of the studio ``_templates`` set up with
    ``create_studio``; otherwise ``create_studio`` runs here."""
    path = _sqlite_path(services.db.url)
    if (path is not None and services.clock() == EPOCH
            and not any(row_counts(services).values())):
        services.db.dispose()  # every connection closed: the file holds everything
        if not path.with_name(path.name + "-wal").exists():
            shutil.copyfile(_templates.studio, path)
            return _templates.admin
    return _create_admin(services)


@dataclass(frozen=True)
class DemoStudio:
    services: object
    admin: object              # the demo admin's Actor
    seconds: dict[str, float]  # each step's progress text → how long the step took


@pytest.fixture(scope="session")
def demo_studio(tmp_path_factory: pytest.TempPathFactory, passwords) -> Iterator[DemoStudio]:
    import time

    from sqlalchemy import select

    from studio.models import Staff
    from studio.services.common import Role
    from studio.services.common.records import Actor
    from studio.services.core import open_services
    from studio.services.system.demo import build_demo
    from tests.support import DEMO_NOW

    folder = tmp_path_factory.mktemp("demo")
    services = open_services(sqlite_url(folder / "studio.db"), clock=FakeClock(DEMO_NOW), passwords=passwords,
                             data_dir=folder)
    said: list[tuple[str, float]] = []
    build_demo(services, lambda text: said.append((text, time.perf_counter())))
    said.append(("", time.perf_counter()))
    with services.db.unit_of_work(write=False) as uow:
        row = uow.session.scalar(select(Staff).where(Staff.role == Role.ADMIN))
        admin = Actor(row.id, row.name, row.email, Role.ADMIN)
    yield DemoStudio(services, admin, {text: ended - at for (text, at), (_next, ended) in zip(said, said[1:])})
    services.db.dispose()


@pytest.fixture
def make_staff(services, admin) -> Callable[..., object]:
    """Add a staff member of ``role`` (a Role or its value) as the admin; returns its Actor."""
    from studio.services.common import Actor, Role

    numbers = itertools.count(1)

    def make(role, *, name: str | None = None, email: str | None = None,
             password: str = STAFF_PASSWORD, color: str | None = None) -> Actor:
        role = Role(role)
        n = next(numbers)
        record = services.staff.add_staff(
            admin, name=name or f"{role.label} {n}", email=email or f"{role.value}{n}@studio.test",
            role=role.value, password=password, color=color,
        )
        return Actor(staff_id=record.id, name=record.name, email=record.email, role=record.role)

    return make
