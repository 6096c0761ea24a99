"""The backups folder: names, sidecars, listing, leftovers and the one-at-a-time lock.

``<data dir>/backups/YYYYMMDD-HHMMSS.db`` is a backup; ``….json`` beside it is its sidecar
(SHA-256, size, schema revision, when and why it was made) and ``….zip`` its archive.
Files are written under a hidden ``.…partial`` name and renamed into place after they were
checked and fsynced, sidecar first, so a crash never leaves a file that looks like a good
backup: a ``.db`` without a sidecar is listed as not verified, and leftovers are removed.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studio.services.backup.errors import BackupBusy
from studio.services.backup.fileops import DEFAULT_OPS, FileOps, fsync_dir, remove_quietly
from studio.services.common import formats

SIDECAR_FORMAT = 1
NAME_RE = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?$")
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class Sidecar:
    sha256: str
    size: int
    schema_revision: str | None
    created_at: datetime
    app_version: str
    kind: str  # "manual", "scheduled", "safety" or "imported"
    included: tuple[str, ...] = ()
    # The SHA-256 of the .zip beside it, so damage anywhere in the archive is caught.
    archive_sha256: str | None = None

    def to_json(self) -> str:
        return json.dumps({
            "format": SIDECAR_FORMAT, "sha256": self.sha256, "size": self.size,
            "schema_revision": self.schema_revision, "created_at": self.created_at.isoformat(),
            "app_version": self.app_version, "kind": self.kind, "included": list(self.included),
            "archive_sha256": self.archive_sha256,
        }, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Sidecar:
        data = json.loads(text)
        created = datetime.fromisoformat(data["created_at"])
        if created.tzinfo is None:
            raise ValueError("created_at must carry a time zone")
        sha = str(data["sha256"]).lower()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError("bad sha256")
        return cls(sha256=sha, size=int(data["size"]), schema_revision=data.get("schema_revision"),
                   created_at=created, app_version=str(data.get("app_version", "")),
                   kind=str(data.get("kind", "manual")), included=tuple(data.get("included", ())),
                   archive_sha256=data.get("archive_sha256"))


@dataclass(frozen=True)
class Entry:
    """One backup in a folder, as found on disk."""

    name: str
    db_path: Path | None
    zip_path: Path | None
    sidecar: Sidecar | None

    @property
    def verified(self) -> bool:
        """Checked when made and still the size it was: the full SHA-256 check is verify()."""
        if self.sidecar is None:
            return False
        if self.db_path is not None:
            try:
                return self.db_path.stat().st_size == self.sidecar.size
            except OSError:
                return False
        return self.zip_path is not None


def stamp(local_time: datetime) -> str:
    return formats.stamp(local_time)


def sidecar_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.json"


def partial_path(final: Path) -> Path:
    return final.with_name(f".{final.name}{PARTIAL_SUFFIX}")


def free_name(folder: Path, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… when two backups fall in the same second."""
    name, n = base, 1
    while any((folder / f"{name}{ext}").exists() for ext in (".db", ".zip", ".json")):
        n += 1
        name = f"{base}-{n}"
    return name


def write_sidecar(folder: Path, name: str, sidecar: Sidecar, ops: FileOps = DEFAULT_OPS) -> Path:
    final = sidecar_path(folder, name)
    temp = partial_path(final)
    remove_quietly(temp)
    try:
        with ops.open_write(temp) as handle:
            handle.write(sidecar.to_json().encode("utf-8"))
            ops.fsync(handle)
        os.replace(temp, final)
    except BaseException:
        remove_quietly(temp)
        raise
    return final


def read_sidecar(path: Path) -> Sidecar | None:
    try:
        return Sidecar.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def scan(folder: Path) -> list[Entry]:
    """Every backup in ``folder``, newest first; leftovers are ignored (see clean_leftovers)."""
    if not folder.is_dir():
        return []
    names: dict[str, dict[str, Path]] = {}
    for path in folder.iterdir():
        if path.name.startswith(".") or path.suffix not in (".db", ".zip", ".json"):
            continue
        if NAME_RE.match(path.stem):
            names.setdefault(path.stem, {})[path.suffix] = path
    entries = []
    for name, files in names.items():
        if ".db" not in files and ".zip" not in files:
            continue  # an orphaned sidecar: its backup was never renamed into place
        sidecar = read_sidecar(files[".json"]) if ".json" in files else None
        entries.append(Entry(name, files.get(".db"), files.get(".zip"), sidecar))
    entries.sort(key=_order, reverse=True)
    return entries


def _order(entry: Entry) -> tuple[str, int]:
    match = NAME_RE.match(entry.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what an interrupted backup left: temporary files and orphaned sidecars."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        orphan = (path.suffix == ".json" and NAME_RE.match(path.stem)
                  and not (folder / f"{path.stem}.db").exists() and not (folder / f"{path.stem}.zip").exists())
        if path.name.endswith(PARTIAL_SUFFIX) or path.name.endswith(".partial-journal") or orphan:
            remove_quietly(path)
            removed.append(path)
    if removed:
        fsync_dir(folder)
    return removed


_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


class FolderLock:
    """Never two backups (or a backup and a restore) at once: a lock per data folder within
    this process, and an OS file lock across processes (the GUI and `studio backup`), which
    the OS releases if the process dies."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        with _thread_locks_guard:
            self._thread_lock = _thread_locks.setdefault(str(folder.resolve()), threading.Lock())
        self._handle = None

    def __enter__(self) -> FolderLock:
        if not self._thread_lock.acquire(blocking=False):
            raise BackupBusy("A backup or restore is already running. Wait for it to finish.")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.folder / ".lock", "a+b")
            if not _try_lock(self._handle):
                self._handle.close()
                self._handle = None
                raise BackupBusy("A backup or restore is already running in another Linework window "
                                 "or command. Wait for it to finish.")
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None
        self._thread_lock.release()


def _try_lock(handle) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows builds
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(handle) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
