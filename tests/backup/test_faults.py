"""A full disk at every write, a real full tmpfs, and backups while another thread writes."""

from __future__ import annotations

import sqlite3
import subprocess
import threading

import pytest

from studio.models import Setting
from studio.services.backup import COMMAND_LINE, DiskFull

from tests.backup.conftest import add_staff, full_disk_ops, staff_emails


def _leftovers(config) -> list[str]:
    return sorted(p.name for p in config.backups_dir.iterdir() if p.name != ".lock")


def _still_works(services, admin, tag: str) -> None:
    add_staff(services, admin, 1, prefix=tag)
    assert f"{tag}0@studio.test" in staff_emails(services)


def test_enospc_at_every_write_fails_cleanly(studio, config, clock):
    services, admin, _artist = studio
    (config.data_dir / "consents").mkdir()
    for n in range(3):
        (config.data_dir / "consents" / f"c{n}.pdf").write_bytes(bytes(3000))
    k = 1
    while True:
        services.backup.ops = full_disk_ops(fail_at=k)
        clock.advance(minutes=1)
        try:
            result = services.backup.back_up_now(admin)
        except DiskFull as exc:
            assert "disk is full" in exc.message
            assert _leftovers(config) == [], k
            _still_works(services, admin, f"k{k}x")
            k += 1
            continue
        assert services.backup.ops.writes < k  # it succeeded because no write failed
        break
    assert k > 5
    services.backup.ops = full_disk_ops()
    assert services.backup.verify(admin, result.backup.name).ok


def test_sqlite_reports_a_full_disk_at_every_page_of_the_copy(studio, config, clock):
    services, admin, _artist = studio
    failures = 0
    for k in range(1, 500):
        services.backup.ops = full_disk_ops(sqlite_pages=k)
        clock.advance(minutes=1)
        try:
            services.backup.back_up_now(admin)
        except DiskFull as exc:
            failures += 1
            assert "disk is full" in exc.message
            assert _leftovers(config) == []
        else:
            break
    else:
        pytest.fail("the backup never succeeded")
    assert failures >= 3
    _still_works(services, admin, "after")
    assert services.backup.status(admin).warning is None  # the last one succeeded


def test_a_real_small_tmpfs_fills_up(studio, config, clock):
    services, admin, _artist = studio
    config.backups_dir.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(config.backups_dir)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        with pytest.raises(DiskFull) as err:
            services.backup.back_up_now(admin)
        assert "disk is full" in err.value.message
        assert _leftovers(config) == []
        _still_works(services, admin, "tmpfs")
        assert services.backup.status(admin).last_failure
    finally:
        subprocess.run(["umount", str(config.backups_dir)], check=True)


def test_backups_while_another_thread_writes_are_consistent_snapshots(studio, config, clock):
    services, admin, _artist = studio
    stop = threading.Event()
    batches = [0]

    def writer() -> None:
        n = 0
        while not stop.is_set():
            with services.db.unit_of_work() as uow:
                # One transaction, several rows: a snapshot holds all of them or none.
                for part in range(4):
                    uow.session.add(Setting(key=f"w{n}.{part}", value="1"))
                uow.commit()
            n += 1
            batches[0] = n

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        names = []
        for _ in range(5):
            clock.advance(minutes=1)
            names.append(services.backup.back_up_now(COMMAND_LINE).backup.name)
    finally:
        stop.set()
        thread.join()
    assert batches[0] > 0
    counts = []
    for name in names:
        assert services.backup.verify(COMMAND_LINE, name).ok
        conn = sqlite3.connect(config.backups_dir / f"{name}.db")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            rows = conn.execute("SELECT key FROM settings WHERE key LIKE 'w%'").fetchall()
        finally:
            conn.close()
        groups: dict[str, int] = {}
        for (key,) in rows:
            groups[key.split(".")[0]] = groups.get(key.split(".")[0], 0) + 1
        assert all(v == 4 for v in groups.values())
        counts.append(len(groups))
    assert counts == sorted(counts)
