"""Recovery when things break or someone attacks: look-alike backups are refused, a failed
restore at any step changes nothing, and a damaged live database is no obstacle to restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from studio.services.backup import COMMAND_LINE, BackupRefused, database_problem
from studio.services.backup import archive as arc
from studio.services.backup.fileops import RESTORE_STEPS, FileOps

from tests.backup.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, content_digest, sha256_of, staff_emails


@pytest.fixture
def made(studio, config):
    services, admin, _artist = studio
    (config.data_dir / "consents").mkdir()
    (config.data_dir / "consents" / "a.pdf").write_bytes(b"%PDF-1.4 backed up")
    info = services.backup.back_up_now(admin).backup
    # The live studio moves on after the backup: a restore would change it.
    services.staff.add_staff(admin, name="Zed Later", email="zed@studio.test", role="artist",
                             password="lantern pepper orbit canyon 8")
    (config.data_dir / "consents" / "a.pdf").write_bytes(b"%PDF-1.4 changed since")
    return services, admin, info


def _tampered_archive(tmp_path: Path, good: Path, change, *, revision: str | None = None) -> Path:
    """A copy of a real backup's database changed by ``change(conn)``, zipped with a correct
    manifest: it passes every hash, so only the schema check can refuse it."""
    db = tmp_path / "tampered.db"
    shutil.copyfile(good, db)
    conn = sqlite3.connect(db, isolation_level=None)
    change(conn)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    with zipfile.ZipFile(good.with_suffix(".zip")) as zf:
        manifest = arc.Manifest.from_json(zf.read(arc.MANIFEST))
    out = tmp_path / "tampered.zip"
    arc.write_archive(out, db, arc.Manifest(manifest.app_version, revision or manifest.schema_revision,
                                            manifest.created_at, db.stat().st_size, sha256_of(db), ()), [])
    return out


LOOK_ALIKES = {
    "a trigger that deletes login failures": (
        lambda c: c.execute("CREATE TRIGGER forget AFTER INSERT ON login_failures BEGIN "
                            "DELETE FROM login_failures; END"), "trigger forget"),
    "a trigger that aborts every audit row": (
        lambda c: c.execute("CREATE TRIGGER no_audit BEFORE INSERT ON audit_events BEGIN "
                            "SELECT RAISE(ABORT, 'no'); END"), "trigger no_audit"),
    "a recursive view": (
        lambda c: c.executescript("CREATE VIEW loop1 AS SELECT 1 AS x; DROP VIEW loop1; "
                                  "CREATE VIEW loop2 AS SELECT * FROM loop2;"), "view loop2"),
    "audit_events replaced by a view": (
        lambda c: c.executescript("DROP TABLE audit_events; CREATE VIEW audit_events AS "
                                  "SELECT 1 AS id;"), "audit_events is a view"),
    "two tables dropped": (
        lambda c: c.executescript("PRAGMA foreign_keys=OFF; DROP TABLE intake_photos; DROP TABLE consents;"),
        "lacks the table consents"),
    "an extra table": (lambda c: c.execute("CREATE TABLE notes(x)"), "table notes"),
    "a column added": (lambda c: c.execute("ALTER TABLE staff ADD COLUMN backdoor TEXT"), "table staff"),
    "an index dropped": (lambda c: c.execute("DROP INDEX ix_audit_events_at"), "index ix_audit_events_at"),
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_look_alike_backup_is_refused_naming_the_difference(made, config, tmp_path, name):
    services, admin, info = made
    change, words = LOOK_ALIKES[name]
    archive = _tampered_archive(tmp_path, info.path, change)
    before = content_digest(config.database_path)
    report = services.backup.verify(COMMAND_LINE, archive)
    assert not report.ok and "not a Linework database of schema" in report.problem, report.problem
    assert words in report.problem, report.problem
    with pytest.raises(BackupRefused):
        services.backup.restore(COMMAND_LINE, archive)
    assert content_digest(config.database_path) == before


def test_a_head_schema_labelled_as_an_older_revision_is_refused(made, tmp_path):
    services, _admin, info = made
    archive = _tampered_archive(tmp_path, info.path,
                                lambda c: c.execute("UPDATE alembic_version SET version_num='0005_search_index'"),
                                revision="0005_search_index")
    report = services.backup.verify(COMMAND_LINE, archive)
    assert not report.ok and "schema 0005_search_index" in report.problem, report.problem


def test_a_crafted_archive_with_only_alembic_version_and_staff_is_refused(made, config, tmp_path):
    services, _admin, _info = made
    db = tmp_path / "crafted.db"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
                       "INSERT INTO alembic_version VALUES ('0006_search_initials');"
                       "CREATE TABLE staff (id INTEGER PRIMARY KEY);")
    conn.close()
    out = tmp_path / "crafted.zip"
    from datetime import UTC, datetime
    arc.write_archive(out, db, arc.Manifest("0.1.0", "0006_search_initials", datetime.now(UTC),
                                            db.stat().st_size, sha256_of(db), ()), [])
    before = content_digest(config.database_path)
    report = services.backup.verify(COMMAND_LINE, out)
    assert not report.ok and "lacks the table" in report.problem
    with pytest.raises(BackupRefused):
        services.backup.restore(COMMAND_LINE, out)
    assert content_digest(config.database_path) == before


def _zip_with_extra(good_zip: Path, out: Path, extra) -> Path:
    with zipfile.ZipFile(good_zip) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        extra(dst)
    return out


def test_a_symlink_member_is_refused_at_verify(made, tmp_path):
    services, _admin, info = made

    def link(zf):
        member = zipfile.ZipInfo("photos/evil")
        member.create_system = 3
        member.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(member, "/etc/passwd")

    out = _zip_with_extra(info.archive_path, tmp_path / "link.zip", link)
    report = services.backup.verify(COMMAND_LINE, out)
    assert not report.ok and "link" in report.problem, report.problem


def test_a_name_used_as_file_and_folder_is_refused_at_verify(made, tmp_path):
    services, _admin, info = made
    out = _zip_with_extra(info.archive_path, tmp_path / "clash.zip",
                          lambda zf: (zf.writestr("photos/a", b"x"), zf.writestr("photos/a/b", b"y")))
    report = services.backup.verify(COMMAND_LINE, out)
    assert not report.ok and "both for a file and for a folder" in report.problem, report.problem


# --- a failure at every step changes nothing ------------------------------------------------

class FailAt(FileOps):
    def __init__(self, step: str) -> None:
        self.at = step

    def step(self, name: str) -> None:
        if name == self.at:
            raise OSError(5, f"injected fault at {name}")


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_failure_at_each_step_of_a_restore_changes_nothing(made, config, step):
    services, admin, info = made
    services.db.dispose()
    before = content_digest(config.database_path, but_safety_backups=True)
    consent = (config.data_dir / "consents" / "a.pdf").read_bytes()
    services.backup.ops = FailAt(step)
    with pytest.raises(Exception) as err:
        services.backup.restore(COMMAND_LINE, info.name)
    assert "nothing was changed" in str(getattr(err.value, "message", err.value)) or "injected" in str(err.value)
    services.db.dispose()
    assert content_digest(config.database_path, but_safety_backups=True) == before
    assert (config.data_dir / "consents" / "a.pdf").read_bytes() == consent
    assert not [p.name for p in config.data_dir.iterdir() if p.name.startswith(".restore")]
    assert "zed@studio.test" in staff_emails(services)
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD).email == ADMIN_EMAIL


def test_a_trigger_in_the_live_database_that_breaks_the_safety_backup_changes_nothing(made, config):
    """A real fault: the live studio refuses audit rows, so the safety backup fails."""
    services, _admin, info = made
    services.db.dispose()
    conn = sqlite3.connect(config.database_path)
    conn.execute("CREATE TRIGGER no_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'no'); END")
    conn.commit()
    conn.close()
    before = content_digest(config.database_path)
    with pytest.raises(Exception):
        services.backup.restore(COMMAND_LINE, info.name)
    services.db.dispose()
    assert content_digest(config.database_path) == before


def test_a_file_in_the_way_of_the_restored_files_changes_nothing(made, config):
    """A real fault: where the backup's consents/a.pdf goes there is a folder with a file in it."""
    services, _admin, info = made
    services.db.dispose()
    target = config.data_dir / "consents" / "a.pdf"
    target.unlink()
    target.mkdir()
    (target / "in-the-way").write_text("x")
    before = content_digest(config.database_path, but_safety_backups=True)
    with pytest.raises(Exception):
        services.backup.restore(COMMAND_LINE, info.name)
    services.db.dispose()
    assert content_digest(config.database_path, but_safety_backups=True) == before
    assert (target / "in-the-way").read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_data_folder_refuses_restore_and_changes_nothing(made, config):  # pragma: no cover
    services, _admin, info = made
    services.db.dispose()
    before = content_digest(config.database_path)
    config.data_dir.chmod(0o555)
    try:
        with pytest.raises(Exception):
            services.backup.restore(COMMAND_LINE, info.name)
    finally:
        config.data_dir.chmod(0o755)
    assert content_digest(config.database_path) == before


# --- restoring over a damaged database ------------------------------------------------------

def smash_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"\x00" * 100)


def truncate_half(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2)


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def a_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


DAMAGE = {"header smashed": smash_header, "half the file gone": truncate_half, "random bytes": random_bytes,
          "0 bytes": empty, "a folder": a_folder, "a FIFO": a_fifo}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_good_backup_restores_over_a_damaged_database(made, config, kind):
    services, _admin, info = made
    services.db.dispose()
    live = config.database_path
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    DAMAGE[kind](live)
    raw = live.read_bytes() if live.is_file() else None
    problem = database_problem(live, config.backups_dir)
    assert problem is not None and problem.reason, kind
    result = services.backup.restore(COMMAND_LINE, info.name)
    assert result.safety_backup is None and result.damaged_copy is not None
    assert result.damaged_copy.parent == config.backups_dir and result.damaged_copy.name.startswith("damaged-")
    if raw is not None:
        assert result.damaged_copy.read_bytes() == raw  # kept as it was, byte for byte
    assert database_problem(live, config.backups_dir) is None
    services.db.dispose()
    assert "zed@studio.test" not in staff_emails(services)
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD).email == ADMIN_EMAIL
    assert [b.name for b in services.backup.list_backups(COMMAND_LINE)] == [info.name]  # damaged- not listed
    assert (config.data_dir / "consents" / "a.pdf").read_bytes() == b"%PDF-1.4 backed up"


def test_verify_and_list_work_on_a_read_only_studio(made, config):
    services, _admin, info = made
    services.db.dispose()
    config.database_path.chmod(0o444)
    try:
        assert [b.name for b in services.backup.list_backups(COMMAND_LINE)] == [info.name]
        assert services.backup.verify(COMMAND_LINE, info.name).ok
        assert services.backup.verify(COMMAND_LINE, info.archive_path).ok
    finally:
        config.database_path.chmod(0o644)
