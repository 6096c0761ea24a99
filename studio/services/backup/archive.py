"""Backup archives: one ZIP holding the database, its manifest and the studio's files.

A Linework archive holds ``manifest.json`` (app version, schema revision, created at, size
and SHA-256 of the database, and every other file with its size and SHA-256),
``database.db`` and the folders ``consents/``, ``photos/``, ``intake/`` and ``reports/`` of the data dir.
Archives that leave the PC can be AES-256 encrypted (pyzipper, WinZip AES).

Reading an archive trusts nothing in it: member names are checked for ``..``, absolute
paths and drive letters (zip slip), declared sizes against a ceiling and the free disk
space (zip bombs), actual bytes against declared sizes while unpacking, and every file
against the manifest's SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import stat
import threading
import traceback
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from zipfile import BadZipFile, LargeZipFile

from studio.services.backup.errors import BackupFailed, BackupRefused, PassphraseNeeded
from studio.services.common.formats import number
from studio.services.common.i18n import _
from studio.services.backup.fileops import (
    CHUNK,
    DEFAULT_OPS,
    FileOps,
    Progress,
    check_cancel,
    no_progress,
    raise_if_disk_full,
    remove_quietly,
)

MANIFEST = "manifest.json"
DATABASE = "database.db"
# intake: reference photos from phones; projects: a project's reference images;
# plugin-data: each plugin's own files (its gallery…)
FOLDERS = ("consents", "photos", "intake", "projects", "reports", "plugin-data")
MANIFEST_FORMAT = 1
MAX_MANIFEST_BYTES = 4 << 20
# No studio's data comes near this; anything declaring more is refused before unpacking.
MAX_UNPACKED_BYTES = 256 << 30
# Deflate tops out near 1032:1; a real database or photo is nowhere near it.
MAX_RATIO = 200
RATIO_CHECK_FROM = 16 << 20
ALREADY_COMPRESSED = {".jpg", ".jpeg", ".png", ".heic", ".webp", ".pdf", ".zip", ".gz"}


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_revision: str | None
    created_at: datetime
    size: int
    sha256: str
    files: tuple[tuple[str, int, str], ...]  # (path in the archive, size, sha256)

    def to_json(self) -> str:
        return json.dumps({
            "format": MANIFEST_FORMAT, "app": "Linework", "app_version": self.app_version,
            "schema_revision": self.schema_revision, "created_at": self.created_at.isoformat(),
            "database": {"path": DATABASE, "size": self.size, "sha256": self.sha256},
            "included": [DATABASE] + sorted({p.split("/")[0] for p, _s, _h in self.files}),
            "files": [{"path": p, "size": s, "sha256": h} for p, s, h in self.files],
        }, indent=2)

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("app") != "Linework" or int(data.get("format", 0)) > MANIFEST_FORMAT:
                raise ValueError("not a Linework manifest of a known format")
            db = data["database"]
            created = datetime.fromisoformat(data["created_at"])
            files = tuple((str(f["path"]), int(f["size"]), str(f["sha256"]).lower()) for f in data.get("files", ()))
            manifest = cls(app_version=str(data.get("app_version", "")),
                           schema_revision=data.get("schema_revision"), created_at=created,
                           size=int(db["size"]), sha256=str(db["sha256"]).lower(), files=files)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as exc:
            raise BackupRefused(_("This archive's manifest is unreadable; it is not a Linework backup.")) from exc
        if created.tzinfo is None or manifest.size < 0 or len(manifest.sha256) != 64:
            raise BackupRefused(_("This archive's manifest is unreadable; it is not a Linework backup."))
        return manifest


def studio_files(data_dir: Path) -> list[tuple[Path, str]]:
    """The data dir's consent PDFs, photos and reports, as (file, path in the archive)."""
    found = []
    for folder in FOLDERS:
        root = data_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found.append((path, path.relative_to(data_dir).as_posix()))
    return found


def preload() -> None:
    """Import the ZIP library now. Loading its native parts holds the GIL; done in the
    middle of a backup, while the copy fills the disk's write queue, that can freeze the
    window for a few hundred milliseconds (bench/backup_gui.py), so long calls do it first."""
    import pyzipper  # noqa: F401


class _Discarded(io.RawIOBase):
    """Where a discarded archive's last writes go."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)

    def tell(self) -> int:
        return 0

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0


def write_archive(dest: Path, database: Path, manifest_base: Manifest, files: list[tuple[Path, str]], *,
                  passphrase: str | None = None, ops: FileOps = DEFAULT_OPS,
                  progress: Progress = no_progress, cancel: threading.Event | None = None) -> Manifest:
    """Write the archive to the new file ``dest`` (fsynced). On failure ``dest`` is removed."""
    import pyzipper  # only when an archive is written

    total = max(1, manifest_base.size + sum(p.stat().st_size for p, _a in files))
    done = 0
    listed: list[tuple[str, int, str]] = []

    def add(zf, source: Path, arcname: str) -> tuple[int, str]:
        nonlocal done
        stored = source.suffix.lower() in ALREADY_COMPRESSED
        info = zf.zipinfo_cls(arcname, date_time=max((1980, 1, 1, 0, 0, 0), manifest_base.created_at.timetuple()[:6]))
        info.compress_type = pyzipper.ZIP_STORED if stored else pyzipper.ZIP_DEFLATED
        info.file_size = source.stat().st_size  # lets zipfile choose ZIP64 up front
        digest = hashlib.sha256()
        size = 0
        with open(source, "rb") as src, zf.open(info, "w", force_zip64=info.file_size > (1 << 31)) as out:
            while chunk := src.read(CHUNK):
                check_cancel(cancel)
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                done += len(chunk)
                progress(min(1.0, done / total), _("Packing the archive"))
        return size, digest.hexdigest()

    try:
        with ops.open_write(dest) as handle:
            kwargs = {"encryption": pyzipper.WZ_AES} if passphrase else {}
            zf = pyzipper.AESZipFile(handle, "w", compression=pyzipper.ZIP_DEFLATED, compresslevel=1,
                                     allowZip64=True, **kwargs)
            try:
                if passphrase:
                    zf.setpassword(passphrase.encode("utf-8"))
                    zf.setencryption(pyzipper.WZ_AES, nbits=256)
                size, sha = add(zf, database, DATABASE)
                if size != manifest_base.size or sha != manifest_base.sha256:
                    raise BackupFailed(_("The database changed while it was being packed; try again."))
                for source, arcname in files:
                    listed.append((arcname, *add(zf, source, arcname)))
                manifest = Manifest(manifest_base.app_version, manifest_base.schema_revision,
                                    manifest_base.created_at, size, sha, tuple(listed))
                zf.writestr(MANIFEST, manifest.to_json())
                zf.close()
            except BaseException as exc:
                # The file is discarded, so what zipfile still writes goes into nothing rather
                # than a failing disk: the end of a member a failed write left open, and of
                # one half made when its header's write failed, which is closed only when
                # collected (Python 3.13 reports a finalizer's failed write as an error). The
                # traceback's frames let go of it first, so it goes now, while the sink is in place.
                zf._writing = False
                zf.fp = _Discarded()
                traceback.clear_frames(exc.__traceback__)
                try:
                    zf.close()
                except Exception:
                    pass
                raise
            ops.fsync(handle)
    except BaseException as exc:
        remove_quietly(dest)
        raise_if_disk_full(exc)
        raise
    return manifest


def _safe_member(name: str) -> PurePosixPath:
    """Refuse names that could land outside the folder they are unpacked into."""
    bad = ("\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":")
           or "\x00" in name)
    path = PurePosixPath(name)
    if bad or path.is_absolute() or any(part in ("..", "") for part in name.rstrip("/").split("/")):
        raise BackupRefused(_("This archive tries to write outside its folder ({name}); it was refused.").format(
            name=repr(name)))
    if name not in (MANIFEST, DATABASE) and (path.parts[0] not in FOLDERS or len(path.parts) < 2):
        raise BackupRefused(_("This archive holds an unexpected file ({name}); it is not a Linework backup.").format(
            name=repr(name)))
    return path


class ArchiveReader:
    """An opened, checked archive. Use as a context manager; nothing is unpacked until asked."""

    def __init__(self, path: Path, passphrase: str | None = None, *, free_space_of: Path | None = None) -> None:
        import pyzipper

        self.path = path
        try:
            self._zip = pyzipper.AESZipFile(path)
        except (BadZipFile, LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise BackupRefused(_("This file is not a readable backup archive (it is damaged or not a ZIP).")) from exc
        try:
            self._check_members(free_space_of)
            if passphrase:
                self._zip.setpassword(passphrase.encode("utf-8"))
            self.encrypted = any(info.flag_bits & 0x1 for info in self._zip.infolist())
            if self.encrypted and not passphrase:
                raise PassphraseNeeded(_("This backup is encrypted. Enter the passphrase it was exported with."))
            self.manifest = Manifest.from_json(self._read_small(MANIFEST))
            if self._zip.getinfo(DATABASE).file_size != self.manifest.size:
                raise BackupRefused(_("This archive's database does not match its manifest; it was refused."))
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def _check_members(self, free_space_of: Path | None) -> None:
        infos = self._zip.infolist()
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise BackupRefused(_("This archive holds the same file twice; it was refused."))
        for name in names:
            _safe_member(name)
        for info in infos:
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the ZIP records no Unix type
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise BackupRefused(_("This archive holds a link or a special file ({name}), which no Linework "
                                      "backup has; it was refused as unsafe.").format(name=repr(info.filename)))
        files = {name.rstrip("/") for name in names if not name.endswith("/")}
        for name in names:
            parts = name.rstrip("/").split("/")
            clash = next(("/".join(parts[:n]) for n in range(1, len(parts)) if "/".join(parts[:n]) in files), None)
            if clash is not None or (name.endswith("/") and name.rstrip("/") in files):
                raise BackupRefused(_("This archive uses the name {name} both for a file and for a folder; it is "
                                      "not a Linework backup and was refused.").format(
                                          name=repr(clash or name.rstrip("/"))))
        if MANIFEST not in names or DATABASE not in names:
            raise BackupRefused(_("This ZIP is not a Linework backup: it has no manifest or no database."))
        declared = sum(info.file_size for info in infos)
        free = shutil.disk_usage(free_space_of).free if free_space_of is not None else None
        too_big = declared > MAX_UNPACKED_BYTES or (free is not None and declared > free)
        bomb = any(info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size)
                   for info in infos)
        if too_big:
            # Translators: {size} is a number of gigabytes.
            raise BackupRefused(_("This archive claims to unpack to {size} GB, more than a backup could hold "
                                  "or this disk has free; it was refused as unsafe.").format(
                                      size=number(round(declared / 1e9, 1))))
        if bomb:
            raise BackupRefused(_("This archive holds a file that unpacks to hundreds of times its packed "
                                "size (a 'zip bomb'); it was refused as unsafe."))

    def _read_small(self, name: str) -> bytes:
        info = self._zip.getinfo(name)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise BackupRefused(_("This archive's manifest is far too large; it was refused as unsafe."))
        return self._read_limited(name, MAX_MANIFEST_BYTES)

    def _read_limited(self, name: str, limit: int) -> bytes:
        try:
            with self._zip.open(name) as src:
                data = src.read(limit + 1)
        except RuntimeError as exc:
            raise PassphraseNeeded(_("The passphrase is not right for this backup.")) from exc
        except (BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise BackupRefused(_("This archive is damaged; it was refused.")) from exc
        if len(data) > limit:
            raise BackupRefused(_("This archive unpacks to more than it declares; it was refused as unsafe."))
        return data

    def extract(self, name: str, dest: Path, *, expected_size: int, expected_sha: str,
                ops: FileOps = DEFAULT_OPS, progress: Progress = no_progress,
                cancel: threading.Event | None = None) -> None:
        """Unpack one member into the new file ``dest``, never more bytes than declared,
        and check its SHA-256. On any failure ``dest`` is removed."""
        digest = hashlib.sha256()
        size = 0
        try:
            with self._zip.open(name) as src, ops.open_write(dest) as out:
                while chunk := src.read(CHUNK):
                    check_cancel(cancel)
                    size += len(chunk)
                    if size > expected_size:
                        raise BackupRefused(_("This archive unpacks to more than it declares; it was refused as unsafe."))
                    out.write(chunk)
                    digest.update(chunk)
                    progress(min(1.0, size / max(1, expected_size)), _("Unpacking"))
                ops.fsync(out)
            if size != expected_size or digest.hexdigest() != expected_sha:
                raise BackupRefused(_("This archive's contents do not match the SHA-256 in its manifest; "
                                    "it is damaged or was altered, and was refused."))
        except BaseException as exc:
            remove_quietly(dest)
            if isinstance(exc, RuntimeError) and not isinstance(exc, BackupRefused):
                raise PassphraseNeeded(_("The passphrase is not right for this backup.")) from exc
            if isinstance(exc, (BadZipFile, zlib.error, EOFError)):
                raise BackupRefused(_("This archive is damaged; it was refused.")) from exc
            raise_if_disk_full(exc)
            raise

    def check_files(self, cancel: threading.Event | None = None) -> None:
        """Read every listed studio file (without writing it) and check its SHA-256."""
        listed = {p: (s, h) for p, s, h in self.manifest.files}
        present = {info.filename for info in self._zip.infolist() if not info.is_dir()} - {MANIFEST, DATABASE}
        if present != set(listed):
            raise BackupRefused(_("This archive's files do not match its manifest; it was refused."))
        for name, (expected_size, expected_sha) in listed.items():
            digest = hashlib.sha256()
            size = 0
            try:
                with self._zip.open(name) as src:
                    while chunk := src.read(CHUNK):
                        check_cancel(cancel)
                        size += len(chunk)
                        if size > expected_size:
                            break
                        digest.update(chunk)
            except RuntimeError as exc:
                raise PassphraseNeeded(_("The passphrase is not right for this backup.")) from exc
            if size != expected_size or digest.hexdigest() != expected_sha:
                raise BackupRefused(_("The file {name} in this archive does not match the SHA-256 in its "
                                      "manifest; the archive is damaged and was refused.").format(name=name))

    def extract_database(self, dest: Path, **kwargs) -> None:
        self.extract(DATABASE, dest, expected_size=self.manifest.size, expected_sha=self.manifest.sha256, **kwargs)

    def extract_files(self, folder: Path, **kwargs) -> list[str]:
        """Unpack every listed studio file under ``folder`` (names already checked)."""
        listed = {p: (s, h) for p, s, h in self.manifest.files}
        present = {info.filename for info in self._zip.infolist() if not info.is_dir()} - {MANIFEST, DATABASE}
        if present != set(listed):
            raise BackupRefused(_("This archive's files do not match its manifest; it was refused."))
        for name in sorted(listed):
            target = folder.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_quietly(target)
            size, sha = listed[name]
            self.extract(name, target, expected_size=size, expected_sha=sha, **kwargs)
        return sorted(listed)
