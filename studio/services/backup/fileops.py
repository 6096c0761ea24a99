"""The seam through which backup code writes files, so faults can be injected in tests.

Every byte the backup service writes itself (sidecars, archives, copies) goes through
``FileOps.open_write``; the SQLite copy is written by SQLite, and ``FileOps.prepare_sqlite``
gets the destination connection before the copy starts. A test hands in a subclass that
fails the k-th write with ENOSPC (or caps SQLite's page count, which SQLite reports exactly
as a full disk) to prove every step fails cleanly.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import BinaryIO, Callable

from studio.services.backup.errors import DISK_FULL, BackupCancelled, DiskFull
from studio.services.common.i18n import _

Progress = Callable[[float, str], None]
CHUNK = 1 << 20


def no_progress(_done: float, _text: str) -> None:
    pass


def scaled(progress: Progress, start: float, end: float) -> Progress:
    """``progress`` for one step of a longer job: 0..1 of the step is start..end of the job."""
    return lambda done, text: progress(start + (end - start) * done, text)


class FileOps:
    def open_write(self, path: Path) -> BinaryIO:
        """A new file for writing; fails if it exists (temporary names are unique)."""
        return open(path, "xb")

    def prepare_sqlite(self, conn: sqlite3.Connection) -> None:
        """Called with the destination connection before SQLite writes a copy."""

    def fsync(self, handle: BinaryIO) -> None:
        handle.flush()
        os.fsync(handle.fileno())

    def step(self, name: str) -> None:
        """Called as a restore reaches each of its named steps (RESTORE_STEPS). A test's
        subclass raises here to prove that a failure at that step changes nothing; it is
        the one seam for faults no real file can cause at that moment (the moment after
        the swap, before anyone signs in)."""


# The steps of a restore, in order; until "reopened" passes, each can still be undone.
RESTORE_STEPS = ("checked", "unpacked", "migrated", "safety backup", "audited", "opened",
                 "swapped", "files placed", "reopened")


DEFAULT_OPS = FileOps()


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return "disk is full" in str(exc).lower() or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL"
    return False


def raise_if_disk_full(exc: BaseException) -> None:
    if is_disk_full(exc):
        raise DiskFull(_(DISK_FULL)) from exc


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BackupCancelled(_("Cancelled; nothing was kept."))


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - e.g. a file still open on Windows
            pass


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows makes renames durable by itself
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path, *, progress: Progress = no_progress, cancel=None,
                label: str | None = None) -> str:
    label = label or _("Checking")
    digest = hashlib.sha256()
    total = max(1, path.stat().st_size)
    done = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if done % (64 * CHUNK) < CHUNK:
                check_cancel(cancel)
                progress(min(1.0, done / total), label)
    return digest.hexdigest()


def copy_file(source: Path, dest: Path, *, ops: FileOps = DEFAULT_OPS, progress: Progress = no_progress,
              cancel=None, label: str | None = None) -> tuple[int, str]:
    """Copy through ``ops`` to ``dest`` (which must not exist), fsynced; returns (size, sha256).
    On any failure the partial ``dest`` is removed."""
    label = label or _("Copying")
    digest = hashlib.sha256()
    total = max(1, source.stat().st_size)
    done = 0
    try:
        with open(source, "rb") as src, ops.open_write(dest) as out:
            while chunk := src.read(CHUNK):
                check_cancel(cancel)
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                progress(min(1.0, done / total), label)
            ops.fsync(out)
    except BaseException as exc:
        remove_quietly(dest)
        raise_if_disk_full(exc)
        raise
    return done, digest.hexdigest()
