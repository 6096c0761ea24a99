"""`studio backup now` and `studio backup restore` SIGKILLed half-way, in a real subprocess:
the database still opens, passes integrity_check and holds every committed row, and no
partial backup is listed as good."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.services.backup import COMMAND_LINE
from studio.services.core import open_services

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _fill(path: Path, rows: int, tag: str) -> None:
    """Committed rows of hard-to-compress data (a few tens of MB in all), in a table the
    schema has (verify refuses a database with tables Linework does not make)."""
    conn = sqlite3.connect(path, timeout=15)
    try:
        with conn:
            conn.executemany("INSERT INTO audit_events(at, actor_name, action, subject_type, subject_id, "
                             "subject, detail) VALUES ('2026-01-01 00:00:00.000000', 'test', 'test.fill', "
                             "'', '', ?, ?)",
                             ((f"fill.{tag}{i}", os.urandom(3072).hex()) for i in range(rows)))
    finally:
        conn.close()


def _keys(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {k for (k,) in conn.execute("SELECT subject FROM audit_events WHERE action = 'test.fill'")}
    finally:
        conn.close()


def _run_and_kill(data_dir: Path, args: list[str], started) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "studio", "--data-dir", str(data_dir), *args],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not started() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)  # polling a real process: there is no event to wait on
    proc.send_signal(signal.SIGKILL)
    return proc.wait(30)


@pytest.fixture
def big_studio(studio, config):
    services, admin, _artist = studio
    services.db.dispose()
    _fill(config.database_path, 5000, "row")  # ~20 MB
    return services, admin


def _no_bad_backup_listed(config) -> None:
    services = open_services(config.database_url, config=config)
    try:
        for info in services.backup.list_backups(COMMAND_LINE):
            if info.verified:
                assert services.backup.verify(COMMAND_LINE, info.name).ok, info.name
        # The next backup sweeps the leftovers away and succeeds.
        services.backup.back_up_now(COMMAND_LINE)
        assert not [p for p in config.backups_dir.iterdir() if p.name.endswith(".partial")]
    finally:
        services.db.dispose()


def test_sigkill_in_the_middle_of_a_backup(big_studio, config):
    services, _admin = big_studio
    before = _keys(config.database_path)
    backups = config.backups_dir

    def started() -> bool:
        return backups.is_dir() and any(p.name.endswith(".partial") for p in backups.iterdir())

    code = _run_and_kill(config.data_dir, ["backup", "now"], started)
    assert code == -signal.SIGKILL
    assert _keys(config.database_path) == before
    _no_bad_backup_listed(config)


def test_sigkill_in_the_middle_of_a_restore(big_studio, config):
    services, _admin = big_studio
    made = services.backup.back_up_now(COMMAND_LINE).backup
    in_backup = _keys(config.backups_dir / f"{made.name}.db")
    services.db.dispose()
    _fill(config.database_path, 500, "later")
    current = _keys(config.database_path)
    data_dir = config.data_dir

    def started() -> bool:
        return any(p.name.startswith(".restore-") for p in data_dir.iterdir())

    code = _run_and_kill(data_dir, ["backup", "restore", "--yes", made.name], started)
    assert code == -signal.SIGKILL
    after = _keys(config.database_path)
    assert after in (current, in_backup)
    _no_bad_backup_listed(config)
