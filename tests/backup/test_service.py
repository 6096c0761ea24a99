"""Making, listing, checking, exporting, importing and restoring backups through the service."""

from __future__ import annotations

import json
import threading

import pytest

from studio.db import SCHEMA_HEAD
from studio.services import audit
from studio.services.audit import AuditFilter
from studio.services.backup import COMMAND_LINE, SCHEDULER, BackupCancelled, BackupKind, DiskFull, System, rotation
from studio.services.common import PermissionDenied, ValidationError, i18n

from tests.backup.conftest import add_staff, full_disk_ops, live_sha, staff_emails


def test_backup_is_verified_listed_and_audited(studio, config):
    services, admin, _artist = studio
    (config.data_dir / "consents").mkdir()
    (config.data_dir / "consents" / "client-1.pdf").write_bytes(b"%PDF-1.4 consent")
    seen = []
    result = services.backup.back_up_now(admin, progress=lambda done, text: seen.append(done))
    info = result.backup
    assert info.name == "20260504-110000"  # studio local time (Lisbon, UTC+1 in May)
    assert info.verified and info.kind == "manual" and info.schema_revision == SCHEMA_HEAD
    assert info.path == config.backups_dir / f"{info.name}.db"
    assert info.archive_path == config.backups_dir / f"{info.name}.zip"
    assert seen == sorted(seen) and seen[-1] == 1.0
    sidecar = json.loads((config.backups_dir / f"{info.name}.json").read_text())
    assert sidecar["sha256"] == info.sha256 and sidecar["included"] == ["database", "consents"]
    assert [b.name for b in services.backup.list_backups(admin)] == [info.name]
    report = services.backup.verify(admin, info.name)
    assert report.ok and report.sha256 == info.sha256
    assert services.backup.verify(admin, info.archive_path).ok
    events = services.audit.events(admin, AuditFilter(action_prefix="backup."))
    assert [e.action for e in events] == [audit.BACKUP_CREATED]
    assert not [p for p in config.backups_dir.iterdir() if p.name.endswith(".partial")]



def test_a_backup_is_recorded_as_the_kind_its_maker_says_not_by_its_name(studio, config):
    services, admin, _artist = studio
    assert services.backup.back_up_now(SCHEDULER).backup.kind == BackupKind.SCHEDULED
    renamed = System("nightly job", BackupKind.SCHEDULED)  # a scheduler under another name
    assert services.backup.back_up_now(renamed).backup.kind == "scheduled"
    assert services.backup.back_up_now(System("scheduled backup")).backup.kind == "manual"
    assert services.backup.back_up_now(admin).backup.kind == "manual"

def test_artists_may_not_back_up_but_see_the_status(studio):
    services, _admin, artist = studio
    with pytest.raises(PermissionDenied):
        services.backup.back_up_now(artist)
    with pytest.raises(PermissionDenied):
        services.backup.list_backups(artist)
    assert services.backup.status(artist).warning == "There is no backup yet."


def test_restore_brings_back_the_data_and_keeps_a_safety_backup(studio, clock, config):
    services, admin, _artist = studio
    before = staff_emails(services)
    first = services.backup.back_up_now(admin).backup
    clock.advance(minutes=5)
    add_staff(services, admin, 3)
    assert len(staff_emails(services)) == len(before) + 3
    clock.advance(minutes=5)
    result = services.backup.restore(admin, first.name)
    assert result.sign_in_again and result.restored_from == first.name
    assert staff_emails(services) == before
    names = [b.name for b in services.backup.list_backups(COMMAND_LINE)]
    assert result.safety_backup in names and first.name in names
    services.db.dispose()
    for suffix in ("-wal", "-shm", "-journal"):
        assert not config.database_path.with_name(config.database_path.name + suffix).exists()
    # The safety backup holds what was replaced.
    services.backup.restore(COMMAND_LINE, result.safety_backup)
    assert len(staff_emails(services)) == len(before) + 3
    restored = services.audit.events(services.auth.login("ana@studio.test", "violet anchors drift softly 42"),
                                     AuditFilter(action_prefix=audit.BACKUP_RESTORED))
    assert restored and "Ana Ruiz" in restored[0].actor_name or restored[0].actor_name == "command line"


def test_export_encrypted_then_import_asks_for_the_passphrase(studio, tmp_path, clock):
    services, admin, _artist = studio
    (services.config.data_dir / "photos").mkdir()
    (services.config.data_dir / "photos" / "arm.jpg").write_bytes(b"\xff\xd8 jpeg bytes")
    (services.config.data_dir / "intake").mkdir(exist_ok=True)
    (services.config.data_dir / "intake" / "idea.jpg").write_bytes(b"\xff\xd8 reference")
    made = services.backup.back_up_now(admin).backup
    out = tmp_path / "usb"
    out.mkdir()
    exported = services.backup.export_backup(admin, made.name, out, passphrase="long secret phrase")
    assert exported.encrypted and exported.path == out / f"{made.name}.zip"
    with pytest.raises(ValidationError):
        services.backup.export_backup(admin, made.name, out / "x.zip", passphrase="short")
    report = services.backup.verify(admin, exported.path)
    assert not report.ok and "passphrase" in report.problem
    assert not services.backup.verify(admin, exported.path, passphrase="wrong phrase!").ok
    assert services.backup.verify(admin, exported.path, passphrase="long secret phrase").ok
    clock.advance(days=1)
    imported = services.backup.import_backup(admin, exported.path, passphrase="long secret phrase")
    assert imported.kind == "imported" and imported.sha256 == made.sha256 and imported.verified
    (services.config.data_dir / "photos" / "arm.jpg").unlink()
    (services.config.data_dir / "intake" / "idea.jpg").unlink()
    services.backup.restore(admin, imported.name)
    assert (services.config.data_dir / "photos" / "arm.jpg").read_bytes() == b"\xff\xd8 jpeg bytes"
    assert (services.config.data_dir / "intake" / "idea.jpg").read_bytes() == b"\xff\xd8 reference"


def test_a_backup_carries_projects_images_and_plugins_data_and_a_restore_brings_them_back(studio):
    services, admin, _artist = studio
    data = services.config.data_dir
    for relative, content in (("projects/7/flash.jpg", b"\xff\xd8 flash"),
                              ("plugin-data/tattoo_ideas/images/rose.jpg", b"\xff\xd8 rose"),
                              ("plugin-data/tattoo_ideas/ideas.sqlite", b"SQLite format 3\x00")):
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_bytes(content)
    made = services.backup.back_up_now(admin).backup
    import zipfile

    with zipfile.ZipFile(services.backup.folder / f"{made.name}.zip") as archive:
        names = set(archive.namelist())
    assert {"projects/7/flash.jpg", "plugin-data/tattoo_ideas/images/rose.jpg",
            "plugin-data/tattoo_ideas/ideas.sqlite"} <= names
    (data / "projects" / "7" / "flash.jpg").unlink()
    (data / "plugin-data" / "tattoo_ideas" / "images" / "rose.jpg").write_bytes(b"changed since")
    services.backup.restore(admin, made.name)
    assert (data / "projects" / "7" / "flash.jpg").read_bytes() == b"\xff\xd8 flash"
    assert (data / "plugin-data" / "tattoo_ideas" / "images" / "rose.jpg").read_bytes() == b"\xff\xd8 rose"


def test_cancel_leaves_nothing(studio, config):
    services, admin, _artist = studio
    cancel = threading.Event()

    def progress(done, _text):
        if done > 0.3:
            cancel.set()

    with pytest.raises(BackupCancelled):
        services.backup.back_up_now(admin, progress=progress, cancel=cancel)
    assert [p.name for p in config.backups_dir.iterdir()] == [".lock"]
    assert services.backup.status(admin).last_failure is None


def test_settings_are_checked_and_audited(studio):
    services, admin, artist = studio
    assert services.backup.settings(admin).time == "02:00"
    with pytest.raises(ValidationError) as err:
        services.backup.update_settings(admin, time="25:00")
    assert err.value.field == "time"
    with pytest.raises(ValidationError):
        services.backup.update_settings(admin, second_folder="relative/path")
    with pytest.raises(PermissionDenied):
        services.backup.update_settings(artist, keep_daily=3)
    new = services.backup.update_settings(admin, time="03:30", keep_daily=3, archive_mode="replace")
    assert (new.time, new.keep_daily, new.archive_mode) == ("03:30", 3, "replace")
    assert services.backup.settings(admin) == new
    events = services.audit.events(admin, AuditFilter(action_prefix=audit.SETTINGS_CHANGED))
    assert events[0].detail == ("Daily at: 02:00 → 03:30; Keep daily: 14 → 3; "
                                "Archive: ZIP next to the database copy → ZIP only (saves space)")


def test_rotation_keeps_days_weeks_months_and_the_newest_verified(studio, clock, config):
    services, admin, _artist = studio
    services.backup.update_settings(admin, keep_daily=2, keep_weekly=2, keep_monthly=2, archive_mode="replace")
    made = []
    for _day in range(40):
        made.append(services.backup.back_up_now(admin).backup.name)
        clock.advance(days=1)
    names = {b.name for b in services.backup.list_backups(admin)}
    assert made[-1] in names and made[-2] in names
    assert len(names) <= 6
    assert all(b.archive_path and b.path is None for b in services.backup.list_backups(admin))
    deleted = services.audit.count(admin, AuditFilter(action_prefix=audit.BACKUP_DELETED))
    assert deleted == 40 - len(names)


def test_rotation_never_drops_the_newest_verified_one():
    from datetime import datetime

    day = datetime(2026, 1, 1)
    kept = rotation.keep([rotation.Candidate("a", day, True)], daily=0, weekly=0, monthly=0)
    assert kept == {"a"}


def test_second_folder_gets_an_encrypted_copy_and_rotation(studio, tmp_path, clock):
    services, admin, _artist = studio
    usb = tmp_path / "usb"
    usb.mkdir()
    services.backup.update_settings(admin, second_folder=str(usb), second_folder_encrypted=True,
                                    keep_daily=1, keep_weekly=0, keep_monthly=0,
                                    second_folder_passphrase="usb passphrase 1")
    for _ in range(3):
        result = services.backup.back_up_now(admin)
        assert result.second_folder_problem is None
        clock.advance(days=1)
    copies = sorted(p.name for p in usb.iterdir() if p.suffix == ".zip")
    assert copies == [f"{result.backup.name}.zip"]
    assert services.backup.verify(admin, usb / copies[0], passphrase="usb passphrase 1").ok
    usb.rename(tmp_path / "unplugged")
    result = services.backup.back_up_now(admin)
    assert result.backup.verified and "not there" in result.second_folder_problem


def test_a_failed_backup_is_the_dashboard_warning_until_one_succeeds(studio, config, clock):
    services, admin, artist = studio
    services.backup.back_up_now(admin)
    clock.advance(hours=2)
    services.backup.ops = full_disk_ops(fail_at=1)
    with pytest.raises(DiskFull):
        services.backup.back_up_now(COMMAND_LINE)
    services.backup.ops = full_disk_ops()
    status = services.backup.status(artist)
    assert status.last_failure and status.warning.startswith("The last backup failed")
    assert status.last_failure.startswith("The disk is full")
    i18n.set_language("es")  # the failure's sentence, from its audit row, in the reader's language
    assert services.backup.status(artist).last_failure.startswith("El disco está lleno")
    i18n.set_language("en")
    [failed] = services.audit.events(admin, AuditFilter(action_prefix=audit.BACKUP_FAILED))
    assert (failed.actor_name, failed.subject) == ("command line", "backup")
    clock.advance(hours=1)
    services.backup.back_up_now(admin)
    assert services.backup.status(artist).warning is None
    clock.advance(days=3)
    assert services.backup.status(artist).warning == "The newest backup is 3 days old."


def test_the_live_database_is_untouched_by_verify(studio, config):
    services, admin, _artist = studio
    made = services.backup.back_up_now(admin).backup
    before = live_sha(services, config)
    assert services.backup.verify(COMMAND_LINE, made.name).ok
    assert live_sha(services, config) == before


def test_restore_an_exported_archive_on_a_new_pc(studio, tmp_path, clock):
    from studio.config import load_config
    from studio.services.core import Services
    from studio.db import Database

    services, admin, _artist = studio
    (services.config.data_dir / "consents").mkdir()
    (services.config.data_dir / "consents" / "c.pdf").write_bytes(b"%PDF consent")
    made = services.backup.back_up_now(admin).backup
    exported = services.backup.export_backup(admin, made.name, tmp_path / "stick.zip", passphrase="carry it home")
    new_pc = load_config(tmp_path / "new-pc")
    fresh = Services(Database(new_pc.database_url), clock=clock, config=new_pc)
    try:
        result = fresh.backup.restore(COMMAND_LINE, exported.path, passphrase="carry it home")
        assert result.safety_backup is None and result.files_restored == 1
        assert staff_emails(fresh) == staff_emails(services)
        assert (new_pc.data_dir / "consents" / "c.pdf").read_bytes() == b"%PDF consent"
    finally:
        fresh.db.dispose()


def test_a_backup_says_how_its_schema_stands_and_which_linework_made_it(studio, config, tmp_path):
    services, admin, _artist = studio
    from studio import __version__
    from tests.backup.conftest import older_archive

    older = services.backup.import_backup(admin, older_archive(services, admin, tmp_path / "old.zip"))
    assert (older.schema_revision, older.schema_state, older.app_version) == ("0005_search_index", "older", "0.0.9")
    fresh = services.backup.back_up_now(admin).backup
    assert (fresh.schema_state, fresh.app_version) == ("current", __version__)
    # One made by a newer Linework in the same data folder (after going back a version).
    sidecar = config.backups_dir / f"{fresh.name}.json"
    data = json.loads(sidecar.read_text())
    sidecar.write_text(json.dumps({**data, "schema_revision": "0099_from_the_future", "app_version": "9.0.0"}))
    listed = {b.name: b for b in services.backup.list_backups(admin)}
    assert (listed[fresh.name].schema_state, listed[fresh.name].app_version) == ("newer", "9.0.0")
    sidecar.unlink()  # a backup whose sidecar was lost records neither
    assert [(b.schema_state, b.app_version) for b in services.backup.list_backups(admin)
            if b.name == fresh.name] == [("unknown", None)]


def test_the_backups_page_reads_its_list_and_status_in_one_call(studio, clock):
    services, admin, artist = studio
    empty = services.backup.listing(admin)
    assert empty.backups == () and empty.status.warning == "There is no backup yet." and empty.read_at == clock()
    made = services.backup.back_up_now(admin).backup
    listing = services.backup.listing(admin)
    assert [b.name for b in listing.backups] == [made.name] == [b.name for b in services.backup.list_backups(admin)]
    assert listing.status == services.backup.status(admin) and listing.status.warning is None
    with pytest.raises(PermissionDenied):
        services.backup.listing(artist)  # the list is for admins; the status bar's status is not
