"""Damaged, foreign, newer, unsafe and lying backups: every one refused with a reason, and
the live database byte-for-byte unchanged."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import zipfile

import pytest

from studio.services.backup import COMMAND_LINE, BackupRefused
from studio.services.backup.fileops import sha256_file

from tests.backup.conftest import live_sha


@pytest.fixture
def made(studio, config):
    services, admin, _artist = studio
    (config.data_dir / "reports").mkdir()
    (config.data_dir / "reports" / "day.csv").write_text("a,b\n1,2\n")
    info = services.backup.back_up_now(admin).backup
    return services, info


def _refused(services, config, source, reason: str, passphrase=None) -> None:
    before = live_sha(services, config)
    report = services.backup.verify(COMMAND_LINE, source, passphrase=passphrase)
    assert not report.ok and reason in report.problem, report.problem
    with pytest.raises(BackupRefused) as err:
        services.backup.restore(COMMAND_LINE, source, passphrase=passphrase)
    assert reason in err.value.message
    assert live_sha(services, config) == before
    leftovers = [p.name for p in config.data_dir.iterdir() if p.name.startswith(".restore")]
    assert leftovers == []


def _with_sidecar(tmp_path, name: str, data: bytes, sidecar: dict, *, rehash: bool = False):
    path = tmp_path / f"{name}.db"
    path.write_bytes(data)
    side = dict(sidecar)
    if rehash:
        side["sha256"] = sha256_file(path)
        side["size"] = len(data)
    (tmp_path / f"{name}.json").write_text(json.dumps(side))
    return path


def test_two_hundred_damaged_copies_are_all_refused(made, config, tmp_path):
    """Half damage the .db, half the .zip of a real backup; each copy sits in the backups
    folder with the real sidecar, as a backup damaged on disk would."""
    services, info = made
    good_db = info.path.read_bytes()
    good_zip = info.archive_path.read_bytes()
    sidecar = (config.backups_dir / f"{info.name}.json").read_text()
    rng = random.Random(int(os.environ.get("DAMAGE_SEED", "20260504")))
    before = live_sha(services, config)
    for i in range(200):
        source = good_db if i % 2 == 0 else good_zip
        data = bytearray(source)
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 8)):
                offset = rng.randrange(len(data))
                data[offset] ^= rng.randint(1, 255)
        else:
            data = data[: rng.randrange(len(data))]
        name = f"20250101-{i:06d}"
        suffix = ".db" if i % 2 == 0 else ".zip"
        (config.backups_dir / f"{name}{suffix}").write_bytes(bytes(data))
        (config.backups_dir / f"{name}.json").write_text(sidecar)
        report = services.backup.verify(COMMAND_LINE, name)
        assert not report.ok and report.problem, i
        if i % 20 == 0:
            with pytest.raises(BackupRefused):
                services.backup.restore(COMMAND_LINE, name)
        for path in config.backups_dir.glob(f"{name}.*"):
            path.unlink()
    assert live_sha(services, config) == before
    assert services.backup.verify(COMMAND_LINE, info.name).ok


def test_damaged_archives_from_elsewhere_never_crash(made, config, tmp_path):
    """Without a sidecar a ZIP's own metadata may be harmlessly damaged; its contents may not."""
    services, info = made
    good_zip = info.archive_path.read_bytes()
    rng = random.Random(7)
    before = live_sha(services, config)
    for i in range(60):
        data = bytearray(good_zip)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= rng.randint(1, 255)
        path = tmp_path / f"elsewhere{i}.zip"
        path.write_bytes(bytes(data))
        report = services.backup.verify(COMMAND_LINE, path)
        if report.ok:  # only metadata was hit: the database and files still match the manifest
            assert report.sha256 == info.sha256
    assert live_sha(services, config) == before


def test_truncated_random_and_foreign_files(made, config, tmp_path):
    services, info = made
    sidecar = json.loads((config.backups_dir / f"{info.name}.json").read_text())
    good = info.path.read_bytes()
    _refused(services, config, _with_sidecar(tmp_path, "trunc", good[:5000], sidecar), "SHA-256")
    _refused(services, config, _with_sidecar(tmp_path, "trunc2", good[:5000], sidecar, rehash=True), "incomplete")
    _refused(services, config, _with_sidecar(tmp_path, "noise", random.randbytes(40960), sidecar, rehash=True),
             "not an SQLite database")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    _with_sidecar(tmp_path, "other", other.read_bytes(), sidecar, rehash=True)
    _refused(services, config, other, "not a Linework one")
    bare = tmp_path / "bare" / "copy.db"
    bare.parent.mkdir()
    shutil.copy(info.path, bare)
    _refused(services, config, bare, "no recorded SHA-256")


def test_a_backup_from_a_newer_linework_is_refused(made, config, tmp_path):
    services, info = made
    newer = tmp_path / "newer.db"
    shutil.copy(info.path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    sidecar = json.loads((config.backups_dir / f"{info.name}.json").read_text())
    _with_sidecar(tmp_path, "newer", newer.read_bytes(), sidecar, rehash=True)
    _refused(services, config, newer, "newer version of Linework")


def _rezip(source, dest, *, edit=None, extra=()):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if edit is not None:
                data = edit(item.filename, data)
            zout.writestr(item.filename, data)
        for name, data in extra:
            zout.writestr(name, data)


def test_a_zip_whose_manifest_hash_does_not_match(made, config, tmp_path):
    services, info = made

    def edit(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["database"]["sha256"] = "0" * 64
            return json.dumps(manifest).encode()
        return data

    bad = tmp_path / "bad-hash.zip"
    _rezip(info.archive_path, bad, edit=edit)
    _refused(services, config, bad, "SHA-256")


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/evil", "consents/../../evil", "C:/evil.txt",
                                  "consents\\..\\..\\evil"])
def test_zip_slip_is_refused(made, config, tmp_path, name):
    services, info = made
    bad = tmp_path / "slip.zip"
    _rezip(info.archive_path, bad, extra=[(name, b"owned")])
    _refused(services, config, bad, "outside its folder")
    assert not (tmp_path / "evil.txt").exists()


def test_a_zip_bomb_is_refused_before_unpacking(made, config, tmp_path):
    services, info = made
    # A real bomb: 300 MB of zeros in a ~300 kB member.
    bomb = tmp_path / "bomb.zip"
    _rezip(info.archive_path, bomb, extra=[("photos/zeros.jpg", bytes(300 << 20))])
    _refused(services, config, bomb, "unsafe")
    # A lying one: its central directory declares a petabyte for the database.
    liar = tmp_path / "liar.zip"
    with zipfile.ZipFile(info.archive_path) as zin, zipfile.ZipFile(liar, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
        next(i for i in zout.filelist if i.filename == "database.db").file_size = 1 << 50
    with zipfile.ZipFile(liar) as check:
        assert check.getinfo("database.db").file_size == 1 << 50
    _refused(services, config, liar, "unsafe")
