"""Values and small helpers the tests share (importable, unlike conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The first admin every `admin` fixture creates. The password passes the policy.
STUDIO_NAME = "Ink & Iron"
ADMIN_NAME = "Ana Ruiz"
ADMIN_EMAIL = "ana@studio.test"
ADMIN_PASSWORD = "violet anchors drift softly 42"
# Everyone `make_staff` adds gets this password unless the test gives another.
STAFF_PASSWORD = "lantern pepper orbit canyon 7"

# Argon2id at the OWASP minimum: what the shared ``passwords`` fixture hashes with. Real
# argon2, several times cheaper than the app's default (which test_auth checks separately).
TEST_ARGON2 = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}

# Where every FakeClock starts: a fixed, aware UTC moment.
EPOCH = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
# `studio demo` is built at this moment in the tests (a Wednesday, mid-slot).
DEMO_NOW = datetime(2026, 5, 13, 12, 17, tzinfo=UTC)


class FakeClock:
    """A clock services can be given: call it for "now"; move it with ``advance``.

    Time stands still unless a test moves it, so every timestamp a test sees is known.
    """

    def __init__(self, start: datetime = EPOCH) -> None:
        if start.tzinfo is None:
            raise ValueError("a FakeClock needs an aware datetime")
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**kwargs)``; returns the new now."""
        step = delta if delta is not None else timedelta(**kwargs)
        if step < timedelta(0):
            raise ValueError("a clock only moves forward")
        self.now += step
        return self.now


class DeskShell:
    """The window around a page, for tests that open a page or dialog without the main
    window: the signed-in person, the settings, and what the window was asked to do."""

    def __init__(self, actor, settings, toasts: list[str] | None = None) -> None:
        self.actor = actor
        self.settings = settings
        self.toasts = toasts if toasts is not None else []
        self.asked: list[str] = []  # "open_page staff", "run_action studio-settings", …

    def toast(self, text: str) -> None:
        self.toasts.append(text)

    def open_page(self, key: str) -> None:
        self.asked.append(f"open_page {key}")

    def run_action(self, key: str) -> None:
        self.asked.append(f"run_action {key}")

    def lock(self) -> None:
        self.asked.append("lock")

    def settings_saved(self, settings) -> None:
        self.settings = settings

    def region_saved(self, region: str) -> None:
        self.asked.append(f"region_saved {region}")

    def pause_background(self) -> None:
        self.asked.append("pause_background")

    def resume_background(self) -> None:
        self.asked.append("resume_background")

    def restored(self, message: str) -> None:
        self.asked.append(f"restored {message}")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def new_studio(data_dir: Path, passwords, *, timezone: str, currency: str, clock=None):
    """(services, admin) of a new studio "Ink & Iron" in ``data_dir`` (made here), its clock
    now unless one is given, for tests that set data up before a command runs on it."""
    from studio.services.core import open_services

    data_dir.mkdir()
    services = open_services(sqlite_url(data_dir / "studio.db"), clock=clock or FakeClock(datetime.now(UTC)),
                             passwords=passwords)
    admin = services.setup.create_studio(studio_name="Ink & Iron", timezone=timezone, currency=currency,
                                         admin_name=ADMIN_NAME, admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    return services, admin


def back_up_and_close(services, admin, database_path: Path):
    """One verified backup, then every connection closed and the WAL files gone, so the
    database file alone holds the studio (ready to be damaged on purpose). Returns the
    backup's BackupInfo."""
    made = services.backup.back_up_now(admin).backup
    services.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    return made


def run_cli(*args: str, data_dir: Path | None = None, stdin: str | bytes = "",
            env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m studio [--data-dir D] ARGS`` in a real subprocess of this checkout,
    with ``stdin`` as its (non-terminal) standard input and ``env`` added to the environment.
    Bytes are given to stdin as they are (to send what is not UTF-8); output is always text."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen") | (env or {})
    env.pop("STUDIO_DATABASE_URL", None)
    command = [sys.executable, "-m", "studio"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += list(args)
    data = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8")
    result = subprocess.run(command, input=data, capture_output=True, env=env, cwd=ROOT,
                            timeout=timeout)
    return subprocess.CompletedProcess(
        result.args, result.returncode,
        result.stdout.decode("utf-8", "replace").replace("\r\n", "\n"),
        result.stderr.decode("utf-8", "replace").replace("\r\n", "\n"))


@contextmanager
def read_only_mount(path: Path, fill: Callable[[Path], None] = lambda _path: None) -> Iterator[Path]:
    """A fresh tmpfs on the empty folder ``path``: ``fill`` writes into it, then it is
    remounted read-only, which stops root too (permission bits don't). Skips the test
    where mounting is not allowed (not root, no CAP_SYS_ADMIN); unmounts afterwards."""
    import pytest

    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        fill(path)
        subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True, capture_output=True)


# Reading the database behind the services' back: tests check what was really stored.

def audit_rows(services, action_prefix: str = "") -> list[dict]:
    """Every audit row (oldest first) whose action starts with ``action_prefix``, as dicts."""
    from sqlalchemy import select

    from studio.models import AuditEvent

    with services.db.unit_of_work(write=False) as uow:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action_prefix:
            query = query.where(AuditEvent.action.startswith(action_prefix))
        return [
            {column: getattr(row, column) for column in (
                "at", "actor_id", "actor_name", "action", "subject_type", "subject_id",
                "subject", "detail")}
            for row in uow.session.scalars(query)
        ]


def row_counts(services) -> dict[str, int]:
    """How many rows each table holds; compare before and after a refused action."""
    from sqlalchemy import func, select

    from studio.models import Base

    with services.db.unit_of_work(write=False) as uow:
        return {
            name: uow.session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def table_snapshot(services) -> dict[str, list[tuple]]:
    """Every row of every table, to prove that a refused action changed nothing at all."""
    from sqlalchemy import select

    from studio.models import Base

    with services.db.unit_of_work(write=False) as uow:
        return {
            name: sorted(tuple(row) for row in uow.session.execute(select(table)))
            for name, table in Base.metadata.tables.items()
        }


def stored_hash(services, email: str) -> str:
    from sqlalchemy import select

    from studio.models import Staff

    with services.db.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(Staff.password_hash).where(Staff.email == email))


def use_catalogs(folder: Path, phrases: dict[str, dict[str, str]], monkeypatch) -> None:
    """Linework reads its catalogs from ``folder`` from now on: the real ones (studio/locale)
    with ``phrases`` ({language: {msgid: translation}}) laid over them, compiled there. For a
    test of strings the lead has not translated into the real catalogs yet."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from studio.services.common import i18n

    for language, table in phrases.items():
        with (ROOT / "studio" / "locale" / language / "LC_MESSAGES" / "linework.po").open("rb") as source:
            catalog = read_po(source)
        for msgid, text in table.items():
            catalog.delete(msgid)  # add() would keep the catalog's own translation
            catalog.add(msgid, text)
        target = folder / language / "LC_MESSAGES" / "linework.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as out:
            write_mo(out, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.forget_catalogs()


def book_artist(services, booker, artist, client_id: int, *, days_ahead: int = 1):
    """An appointment of ``artist`` with the client ``days_ahead`` days from the clock's now
    (two hours, outside working hours allowed): what lets an artist read the client's
    health section."""
    from studio.services.scheduling import AppointmentInput, Kind

    start = services.clock() + timedelta(days=days_ahead)
    data = AppointmentInput(client_id=client_id, artist_id=artist.staff_id, kind=Kind.SESSION,
                            starts_at=start, ends_at=start + timedelta(hours=2))
    return services.scheduling.book(booker, data, outside_hours_ok=True)
