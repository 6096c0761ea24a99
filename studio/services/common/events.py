"""What the services tell whoever listens once a change is committed: a client created, an
appointment's status changed, a day closed, a backup made. Plugins hook into these
(studio.plugin_api); the services neither know nor wait for who listens.

A service publishes through its unit of work (``uow.after_commit``), so an event is heard
only for a change that is really saved. ``publish`` calls each listener in turn on the
publishing thread and never raises: a listener that fails is logged, and the service call
that fired it returns as if nobody had listened. A listener that has slow work to do hands
it to a thread of its own (the plugin host does)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClientCreated:
    client_id: int
    name: str


@dataclass(frozen=True)
class AppointmentStatusChanged:
    appointment_id: int
    client_id: int | None
    old: str  # a Status value: "booked", "checked_in", "cancelled"…
    new: str


@dataclass(frozen=True)
class DayClosed:
    day: date


@dataclass(frozen=True)
class BackupDone:
    path: str  # the archive
    size: int  # bytes


# The names listeners subscribe by, and the record each one carries.
EVENTS: dict[str, type] = {
    "client_created": ClientCreated,
    "appointment_status_changed": AppointmentStatusChanged,
    "day_closed": DayClosed,
    "backup_done": BackupDone,
}
_NAMES = {kind: name for name, kind in EVENTS.items()}

Listener = Callable[[Any], None]


class Events:
    """The listeners of one studio's services. Safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: dict[str, tuple[Listener, ...]] = {name: () for name in EVENTS}

    def subscribe(self, name: str, listener: Listener) -> None:
        if name not in EVENTS:
            raise ValueError(f"There is no event called {name!r}; the events are {', '.join(EVENTS)}.")
        with self._lock:
            self._listeners[name] += (listener,)

    def unsubscribe(self, name: str, listener: Listener) -> None:
        with self._lock:
            self._listeners[name] = tuple(fn for fn in self._listeners.get(name, ()) if fn is not listener)

    def listeners(self, name: str) -> tuple[Listener, ...]:
        return self._listeners[name]

    def publish(self, event: object) -> None:
        """Tell every listener of ``event``'s kind; a failing listener is logged and skipped."""
        for listener in self._listeners[_NAMES[type(event)]]:
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - a listener never undoes or fails a saved change
                log.exception("an event listener failed on %s", type(event).__name__)
