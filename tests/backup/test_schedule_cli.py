"""The daily schedule on APScheduler, and `studio backup …` on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from studio.services.backup import SCHEDULER
from studio.services.backup.schedule import CATCH_UP_ID, JOB_ID, MISFIRE_GRACE_SECONDS, BackupScheduler

ROOT = Path(__file__).resolve().parents[2]


def test_the_daily_job_and_a_catch_up_run_when_the_newest_backup_is_old(studio, clock):
    services, admin, _artist = studio
    services.backup.back_up_now(admin)
    clock.advance(days=2)
    done = threading.Event()
    results = []
    scheduler = BackupScheduler(services.backup, timezone="Europe/Lisbon",
                                on_result=lambda result, problem: (results.append((result, problem)), done.set()))
    try:
        scheduler.start()
        job = scheduler.scheduler.get_job(JOB_ID)
        assert job is not None and job.coalesce and job.max_instances == 1
        assert job.misfire_grace_time == MISFIRE_GRACE_SECONDS
        assert (job.trigger.fields[5].expressions[0].first, job.trigger.fields[6].expressions[0].first) == (2, 0)
        assert done.wait(30), "the catch-up backup did not run"
        assert results[0][0] is not None and results[0][0].backup.kind == "scheduled"
        services.backup.update_settings(admin, time="04:15")
        job = scheduler.scheduler.get_job(JOB_ID)
        assert (job.trigger.fields[5].expressions[0].first, job.trigger.fields[6].expressions[0].first) == (4, 15)
        services.backup.update_settings(admin, enabled=False)
        assert scheduler.scheduler.get_job(JOB_ID) is None
    finally:
        scheduler.shutdown()
    assert services.backup.status(SCHEDULER).newest_verified_at == clock()


def test_no_catch_up_when_a_recent_backup_exists(studio, clock):
    services, admin, _artist = studio
    services.backup.back_up_now(admin)
    clock.advance(hours=3)
    scheduler = BackupScheduler(services.backup, timezone="UTC")
    try:
        scheduler.start()
        assert scheduler.catch_up is None and scheduler.scheduler.get_job(CATCH_UP_ID) is None
    finally:
        scheduler.shutdown()


def _studio(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "studio", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_the_command_line(studio, config, clock):
    services, admin, _artist = studio
    services.backup.back_up_now(admin)
    services.db.dispose()
    made = _studio(config.data_dir, "backup", "now")
    assert made.returncode == 0, made.stderr
    listing = _studio(config.data_dir, "backup", "list")
    assert listing.returncode == 0 and listing.stdout.count(" yes ") == 2
    name = listing.stdout.splitlines()[1].split()[0]
    assert _studio(config.data_dir, "backup", "verify", name).returncode == 0
    bad = config.data_dir.parent / "bad.zip"
    bad.write_bytes(b"PK not really")
    refused = _studio(config.data_dir, "backup", "verify", str(bad))
    assert refused.returncode == 1 and "damaged" in refused.stderr
    unconfirmed = _studio(config.data_dir, "backup", "restore", name)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    restored = _studio(config.data_dir, "backup", "restore", "--yes", name)
    assert restored.returncode == 0 and "sign in again" in restored.stdout
