"""Thumbnails made off the GUI thread and kept on disk (``thumbs/<id>-<size>.<ext>``).

A view asks ``pixmap(image)`` while it paints a tile: what is in memory comes back at once;
anything else is queued and ``None`` comes back (the tile shows a placeholder). The plugin's
own pool of workers takes the newest requests first (the tiles on screen now, not those
scrolled past), reads the cached file or makes it from the image with Pillow, decodes the
small result into a QImage there, and hands it to the GUI thread, which only wraps it as a
pixmap. The GUI thread never opens an image file.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

log = logging.getLogger(__name__)

# Past this many waiting requests the oldest are dropped: they are tiles scrolled away
# from, asked for again if they come back into view.
MAX_WAITING = 300
# Pixmaps kept in memory (about 70 kB each at 160 px).
MAX_KEPT = 600


class _Relay(QObject):
    """Lives on the GUI thread; a worker's emit arrives there queued. (image id, QImage or None)"""

    finished = Signal(int, object)


class _Drain(QRunnable):
    """One worker's loop: takes requests until none is left."""

    def __init__(self, cache: ThumbCache) -> None:
        super().__init__()
        self.cache = cache
        self.setAutoDelete(True)

    def run(self) -> None:
        cache, self.cache = self.cache, None
        try:
            while (job := cache._next_job()) is not None:
                image_id, source, target = job
                cache._relay.finished.emit(image_id, _load_or_make(source, target, cache.size))
        except BaseException:
            cache._drain_done()  # _next_job counts this worker out only when it finds nothing
            raise


def default_threads() -> int:
    """Workers for thumbnails: all cores but one, which stays the GUI thread's (on a laptop
    of two cores, one worker: a second would take the GUI thread's core and its turns at
    Python's lock while the grid paints)."""
    from PySide6.QtCore import QThread

    return max(1, min(4, QThread.idealThreadCount() - 1))


def _load_or_make(source: Path, target: Path, size: int) -> QImage | None:
    from . import imaging

    try:
        data = target.read_bytes()
    except FileNotFoundError:
        try:
            data, _fmt = imaging.thumbnail(source, size)
        except Exception as exc:  # noqa: BLE001 - a missing or damaged file shows as such, no crash
            log.warning("No thumbnail for %s: %s", source.name, exc)
            return None
        temp = target.with_name(f".{target.name}.{threading.get_ident()}.part")
        try:
            temp.write_bytes(data)
            os.replace(temp, target)  # a cache: no fsync, a torn file is only made again
        except OSError as exc:
            log.warning("Thumbnail %s not cached: %s", target.name, exc)
    try:
        return decoded(data)
    except Exception as exc:  # noqa: BLE001 - a damaged cache file is made again next time
        log.warning("Thumbnail %s unreadable, dropped: %s", target.name, exc)
        target.unlink(missing_ok=True)
        return None


def decoded(source: bytes | Path) -> QImage:
    """An image's bytes or file as a QImage, in a worker. Decoded by Pillow, then copied:
    QImage.fromData or QImage(path) would decode holding Python's lock, and the GUI thread
    waits on it (stalls of 100 ms and more while a cold cache filled). Raises what Pillow
    raises for a file it cannot read."""
    from . import imaging

    raw, width, height, alpha = imaging.pixels(source)
    kind = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    return QImage(raw, width, height, width * (4 if alpha else 3), kind).copy()  # copy: owns its pixels


class ThumbCache(QObject):
    """Thumbnails of ``size`` px for images in ``images_dir``, cached in ``thumbs_dir``."""

    ready = Signal(int)  # an image id whose thumbnail (or its failure) is now known

    def __init__(self, images_dir: Path, thumbs_dir: Path, size: int = 160, threads: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.images_dir, self.thumbs_dir, self.size = Path(images_dir), Path(thumbs_dir), size
        self.thumbs_dir.mkdir(parents=True, exist_ok=True)
        self._pool = QThreadPool(self)
        threads = threads or default_threads()
        self._pool.setMaxThreadCount(threads)
        self._threads = threads
        self._relay = _Relay(self)
        self._relay.finished.connect(self._arrived)
        self._lock = threading.Lock()
        self._waiting: OrderedDict[int, tuple[Path, Path]] = OrderedDict()  # guarded by _lock
        self._draining = 0                                                     # guarded by _lock
        self._stopped = False
        self._kept: OrderedDict[int, QPixmap] = OrderedDict()  # GUI thread only
        self._failed: set[int] = set()
        self._asked: set[int] = set()  # queued or in a worker (GUI thread's view of it)

    def thumb_path(self, image) -> Path:
        return self.thumbs_dir / f"{image.id}-{self.size}{Path(image.file).suffix}"

    def pixmap(self, image) -> QPixmap | None:
        """The thumbnail if it is ready; otherwise it is asked for and None comes back."""
        found = self._kept.get(image.id)
        if found is not None:
            self._kept.move_to_end(image.id)
            return found
        if image.id not in self._failed:
            self._ask(image)
        return None

    def failed(self, image_id: int) -> bool:
        return image_id in self._failed

    def forget(self, image_id: int) -> None:
        """The image is gone: drop what is kept of it, in memory and on disk."""
        self._kept.pop(image_id, None)
        self._failed.discard(image_id)
        for path in self.thumbs_dir.glob(f"{image_id}-*"):
            path.unlink(missing_ok=True)

    @property
    def busy(self) -> bool:
        return bool(self._asked)

    def _ask(self, image) -> None:
        start = False
        with self._lock:
            if self._stopped:
                return
            self._waiting[image.id] = (self.images_dir / image.file, self.thumb_path(image))
            self._waiting.move_to_end(image.id)
            while len(self._waiting) > MAX_WAITING:
                dropped, _paths = self._waiting.popitem(last=False)
                self._asked.discard(dropped)
            if self._draining < self._threads:
                self._draining += 1
                start = True
        self._asked.add(image.id)
        if start:
            self._pool.start(_Drain(self))

    def _next_job(self):
        with self._lock:
            if self._stopped or not self._waiting:
                # Counted out under the same lock that _ask counts under, so a request made
                # as this worker leaves starts another one.
                self._draining -= 1
                return None
            image_id, (source, target) = self._waiting.popitem(last=True)
            return image_id, source, target

    def _drain_done(self) -> None:
        with self._lock:
            self._draining -= 1

    def _arrived(self, image_id: int, image: QImage | None) -> None:
        self._asked.discard(image_id)
        if image is None:
            self._failed.add(image_id)
        else:
            self._kept[image_id] = QPixmap.fromImage(image)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)
        self.ready.emit(image_id)

    def stop(self, wait_ms: int = 5_000) -> None:
        """No more work: what is queued is dropped, the workers finish their current image."""
        with self._lock:
            self._stopped = True
            self._waiting.clear()
        self._pool.waitForDone(wait_ms)
        self._asked.clear()
