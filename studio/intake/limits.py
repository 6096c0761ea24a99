"""The intake server's limits, and the gate that enforces the per-address POST rate.
Tests build tighter Limits; the app uses these."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    form_bytes: int = 64 * 1024  # everything but photos
    upload_bytes: int = 20 * 1024 * 1024  # a whole POST with photos
    photo_bytes: int = 5 * 1024 * 1024
    photos: int = 3
    request_line: int = 4096
    header_line: int = 8192
    header_count: int = 64
    header_bytes: int = 32 * 1024
    # One deadline for the whole request (request line, headers and body), not per read:
    # a phone trickling a byte a second is cut as surely as a silent one. Each MB of body
    # that has arrived earns upload_grace more seconds (photos over poor Wi-Fi), up to
    # upload_deadline in all; a trickled body earns nothing.
    request_deadline: float = 10.0
    upload_grace: float = 1.0  # seconds per MB received
    upload_deadline: float = 60.0
    write_deadline: float = 10.0  # a phone that does not read its answer
    # Connections open at once, in all and from one address. When either is full, the
    # oldest connection still sending its request (a slow one) from the busiest address is
    # closed to admit the newcomer, so a real phone gets in; only when every connection is
    # being answered does the newcomer get a 503.
    max_connections: int = 128
    connections_per_address: int = 32  # a browser opens 6; a test or a kiosk may open 20
    workers: int = 16  # threads that answer fully read requests; they never wait for a phone
    bodies_bytes: int = 64 * 1024 * 1024  # request bodies held at once (a POST over it: 503)
    posts_per_window: int = 20
    post_window: float = 300.0


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window)."""

    def __init__(self, limit: int, window: float, clock=time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10_000:  # forget quiet addresses
                for stale in [k for k, v in self._events.items() if not v or v[-1] <= now - self.window]:
                    del self._events[stale]
            return True

    def retry_after(self, key: str) -> int:
        with self._lock:
            events = self._events.get(key)
            if not events:
                return 1
            return max(1, int(events[0] + self.window - self.clock()) + 1)
