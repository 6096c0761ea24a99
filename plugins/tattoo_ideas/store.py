"""The gallery's own records: a small SQLite file in the plugin's data folder.

Images live in ``images/`` beside it, each written under a temporary name, synced and
renamed before its row is inserted, so a crash mid-copy leaves at worst a stray file and
never a row that points at half an image. Every thread gets its own connection (sqlite3
connections are not shared between threads); WAL lets the thumbnail workers read while an
import writes. No Qt here: the widgets call this through ``ui.run``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS images (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tags (
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (image_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_by_tag ON tags(tag);
CREATE TABLE IF NOT EXISTS attachments (
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    project_id INTEGER,
    attached_at REAL NOT NULL,
    PRIMARY KEY (image_id, client_id)
);
CREATE INDEX IF NOT EXISTS attachments_by_client ON attachments(client_id);
"""

MAX_TAG = 40
MAX_TITLE = 120


@dataclass(frozen=True)
class Image:
    id: int
    file: str          # the name inside images/
    title: str
    width: int
    height: int
    added_at: float
    tags: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        """True when ``text`` (folded) is in the title or one of the tags."""
        return not text or text in self.title.casefold() or any(text in tag.casefold() for tag in self.tags)


@dataclass(frozen=True)
class Attachment:
    image: Image
    client_id: int
    project_id: int | None


def clean_tag(text: str) -> str:
    """A tag as stored: one line, trimmed, single spaces, at most MAX_TAG characters."""
    return " ".join(text.split())[:MAX_TAG]


class Store:
    """The gallery's database and image folder under ``root`` (the plugin's data dir)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.images_dir = self.root / "images"
        self.images_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.root / "gallery.sqlite3"
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._connection().db.executescript(SCHEMA)
        self._sweep()

    # --- connections -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            # check_same_thread=False only so close() may close every thread's connection at
            # unload; each is used by the thread that opened it.
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return _Transaction(db)

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()

    def _sweep(self, older_than: float = 3600.0) -> None:
        """Files a crash left behind: a copy half written (``.part``), or one written whose
        row never went in. Only those over an hour old, in case another Linework on the
        same data folder is adding an image right now."""
        with self._connection() as db:
            known = {name for (name,) in db.execute("SELECT file FROM images")}
        cutoff = time.time() - older_than
        for path in self.images_dir.iterdir():
            try:
                if path.name not in known and path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                pass  # swept next time

    # --- images --------------------------------------------------------------------------

    def image_path(self, image: Image) -> Path:
        return self.images_dir / image.file

    def write_image(self, data: bytes, suffix: str) -> str:
        """``data`` stored durably under a new name in images/ (temp file, fsync, rename);
        returns the name. Not yet registered: ``insert_image`` does that."""
        name = f"{uuid.uuid4().hex}{suffix}"
        temp = self.images_dir / f".{name}.part"
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, self.images_dir / name)
        _sync_folder(self.images_dir)
        return name

    def insert_image(self, file: str, title: str, width: int, height: int) -> Image:
        added = time.time()
        title = " ".join(title.split())[:MAX_TITLE]
        with self._connection() as db:
            cursor = db.execute("INSERT INTO images(file, title, width, height, added_at) VALUES (?, ?, ?, ?, ?)",
                                (file, title, width, height, added))
        return Image(cursor.lastrowid, file, title, width, height, added)

    def images(self) -> list[Image]:
        """Every image, newest first, with its tags."""
        with self._connection() as db:
            rows = db.execute("SELECT id, file, title, width, height, added_at FROM images "
                              "ORDER BY added_at DESC, id DESC").fetchall()
            tags: dict[int, list[str]] = {}
            for image_id, tag in db.execute("SELECT image_id, tag FROM tags ORDER BY tag"):
                tags.setdefault(image_id, []).append(tag)
        return [Image(*row, tags=tuple(tags.get(row[0], ()))) for row in rows]

    def image(self, image_id: int) -> Image | None:
        with self._connection() as db:
            row = db.execute("SELECT id, file, title, width, height, added_at FROM images WHERE id = ?",
                             (image_id,)).fetchone()
            if row is None:
                return None
            tags = tuple(t for (t,) in db.execute("SELECT tag FROM tags WHERE image_id = ? ORDER BY tag",
                                                   (image_id,)))
        return Image(*row, tags=tags)

    def remove_image(self, image_id: int) -> None:
        """The row (with its tags and attachments) first, then the file: a crash between
        the two leaves a stray file, never a row without its image."""
        image = self.image(image_id)
        if image is None:
            return
        with self._connection() as db:
            db.execute("DELETE FROM images WHERE id = ?", (image_id,))
        self.image_path(image).unlink(missing_ok=True)

    # --- tags ----------------------------------------------------------------------------

    def add_tag(self, image_id: int, tag: str) -> Image | None:
        tag = clean_tag(tag)
        if tag:
            with self._connection() as db:
                db.execute("INSERT OR IGNORE INTO tags(image_id, tag) SELECT id, ? FROM images WHERE id = ?",
                           (tag, image_id))
        return self.image(image_id)

    def remove_tag(self, image_id: int, tag: str) -> Image | None:
        with self._connection() as db:
            db.execute("DELETE FROM tags WHERE image_id = ? AND tag = ?", (image_id, tag))
        return self.image(image_id)

    def all_tags(self) -> list[str]:
        with self._connection() as db:
            return [t for (t,) in db.execute("SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE")]

    # --- attachments ---------------------------------------------------------------------

    def attach(self, image_id: int, client_id: int, project_id: int | None) -> None:
        """Attaching again to the same client replaces the project."""
        with self._connection() as db:
            db.execute("INSERT INTO attachments(image_id, client_id, project_id, attached_at) "
                       "SELECT id, ?, ?, ? FROM images WHERE id = ? "
                       "ON CONFLICT(image_id, client_id) DO UPDATE SET project_id = excluded.project_id",
                       (client_id, project_id, time.time(), image_id))

    def detach(self, image_id: int, client_id: int) -> None:
        with self._connection() as db:
            db.execute("DELETE FROM attachments WHERE image_id = ? AND client_id = ?", (image_id, client_id))

    def attachments_of_client(self, client_id: int) -> list[Attachment]:
        with self._connection() as db:
            rows = db.execute("SELECT image_id, project_id FROM attachments WHERE client_id = ? "
                              "ORDER BY attached_at DESC", (client_id,)).fetchall()
        found = []
        for image_id, project_id in rows:
            image = self.image(image_id)
            if image is not None:
                found.append(Attachment(image, client_id, project_id))
        return found


class _Transaction:
    """``with`` a connection: BEGIN … COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN")
        return self.db

    def __exit__(self, kind, _value, _tb) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut once the folder is synced (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
