"""What one loaded copy of the plugin holds: the API objects, and the store and thumbnail
cache, both made on first use (the first time the page or the client tab is built) and
closed when the plugin unloads."""

from __future__ import annotations

import threading

THUMB_SIZE = 160


class Gallery:
    def __init__(self, app, ui) -> None:
        self.app, self.ui = app, ui
        self._store = None
        self._thumbs = None
        self._lock = threading.Lock()  # the store may first be asked for from a worker
        self._widgets: list = []

    @property
    def store(self):
        """The gallery's database (opened on first use, on whichever thread asks)."""
        with self._lock:
            if self._store is None:
                from .store import Store

                self._store = Store(self.app.data_dir)
            return self._store

    @property
    def thumbs(self):
        """The thumbnail cache (GUI thread: it owns a QObject and a thread pool)."""
        if self._thumbs is None:
            from .thumbs import ThumbCache

            root = self.app.data_dir
            self._thumbs = ThumbCache(root / "images", root / "thumbs", THUMB_SIZE)
        return self._thumbs

    def make_page(self):
        from .page import IdeasPage

        page = IdeasPage(self)
        self._widgets.append(page)
        return page

    def make_client_tab(self):
        from .client_tab import ClientIdeasTab

        tab = ClientIdeasTab(self)
        self._widgets.append(tab)
        return tab

    def changed(self, source=None) -> None:
        """Images, tags or attachments changed: every other view of them reads again."""
        import shiboken6

        self._widgets = [w for w in self._widgets if shiboken6.isValid(w)]
        for widget in self._widgets:
            if widget is not source and hasattr(widget, "data_changed"):
                widget.data_changed()

    def close(self) -> None:
        if self._thumbs is not None:
            import shiboken6

            if shiboken6.isValid(self._thumbs):
                self._thumbs.stop()
                self._thumbs.deleteLater()
            self._thumbs = None
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._widgets.clear()
