"""The intake server's limits, and the two small gates that enforce the per-address POST
rate and the number of open connections. Tests build tighter Limits; the app uses these."""

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
    idle_timeout: float = 10.0  # no byte for this long: the connection is dropped
    header_deadline: float = 15.0  # request line and headers, in all
    body_deadline: float = 120.0  # 20 MB over poor Wi-Fi; idle_timeout still applies
    max_connections: int = 64
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
