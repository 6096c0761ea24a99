"""The intake server: a ThreadingHTTPServer with a cap on open connections, and the
start/stop controller the app, the CLI and the tests use.

One thread accepts; each open connection is served by a thread of its own, with socket
deadlines (see handler.py), so a stalled phone holds only its own thread, never the others.
The threads are kept and reused rather than started per connection (starting one makes the
accept loop wait for it): a connection is handed to an idle one, or to a new one when none
is idle, so there are never more than the cap. At the cap, a new connection gets a short 503
and is closed at once. Stopping closes every open connection, ends every thread and releases
the port.
"""

from __future__ import annotations

import logging
import queue
import socket
import threading
import time
from http.server import ThreadingHTTPServer

from studio.intake.handler import IntakeHandler
from studio.intake.limits import Limits, RateLimiter

log = logging.getLogger(__name__)

_BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"Retry-After: 5\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
         b"Content-Length: 38\r\nConnection: close\r\n\r\nBusy right now: try again in a moment.")


class IntakeHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # never keeps the process alive; stop() joins them anyway
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], desk, limits: Limits) -> None:
        self.desk = desk
        self.limits = limits
        self.rate = RateLimiter(limits.posts_per_window, limits.post_window)
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._work: queue.SimpleQueue = queue.SimpleQueue()  # (request, address), or None: stop
        self._workers: list[threading.Thread] = []
        self._idle = 0  # workers waiting for a connection that none has been promised
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, IntakeHandler)
        self.socket.setblocking(False)  # see _handle_request_noblock

    def _handle_request_noblock(self) -> None:
        # socketserver accepts one connection per wake-up of its select loop; under a
        # burst, the others then wait in the backlog while the serving threads hold the
        # interpreter lock. Take every waiting connection at once instead.
        for _ in range(self.request_queue_size):
            try:
                request, client_address = self.get_request()
            except OSError:  # BlockingIOError: none left
                return
            try:
                self.process_request(request, client_address)
            except Exception:  # noqa: BLE001 - as socketserver: log, drop this one, go on
                self.handle_error(request, client_address)
                self.shutdown_request(request)

    def process_request(self, request, client_address) -> None:
        with self._lock:
            busy = len(self._open) >= self.limits.max_connections
            if not busy:
                self._open.add(request)
                spawn = self._idle == 0  # each open connection has a worker of its own
                if not spawn:
                    self._idle -= 1
        if busy:
            try:
                request.settimeout(1.0)
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        if spawn:
            worker = threading.Thread(target=self._serve, name="intake-connection", daemon=True)
            with self._lock:
                self._workers.append(worker)
            worker.start()
        self._work.put((request, client_address))

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - one bad connection must not stop the others
                log.exception("intake connection failed")
            finally:
                self.shutdown_request(request)
                with self._lock:
                    self._open.discard(request)
                    self._idle += 1

    def shutdown_request(self, request) -> None:
        try:
            request.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        request.close()

    def handle_error(self, request, client_address) -> None:
        log.exception("intake request failed")

    def close_connections(self, timeout: float = 5.0) -> None:
        """Cut every open connection and end every worker thread."""
        with self._lock:
            sockets, workers = list(self._open), list(self._workers)
            self._workers.clear()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for _worker in workers:
            self._work.put(None)
        deadline = time.monotonic() + timeout
        for worker in workers:
            if worker is not threading.current_thread():
                worker.join(max(0.0, deadline - time.monotonic()))

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._open)


class IntakeServer:
    """Start and stop the server in a thread of this process."""

    def __init__(self, services, *, limits: Limits | None = None) -> None:
        from studio.services.intake_phone import PhoneDesk

        self.services = services
        self.desk = PhoneDesk(services)
        self.limits = limits or Limits()
        self.httpd: IntakeHTTPServer | None = None
        self.thread: threading.Thread | None = None
        self.url_host = ""

    @property
    def running(self) -> bool:
        return self.httpd is not None

    @property
    def address(self) -> tuple[str, int]:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return host, port

    @property
    def base_url(self) -> str:
        host, port = self.url_host, self.address[1]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}"

    def start(self, host: str | None = None, port: int | None = None) -> tuple[str, int]:
        """Bind (the configured address unless given) and serve. Raises OSError when the
        port is taken or the address is not this PC's."""
        if self.httpd is not None:
            return self.address
        bind, url_host, configured_port = self.services.intake.addresses()
        if host is not None:
            bind = url_host = host
        self.desk.prepare()
        self.httpd = IntakeHTTPServer((bind, configured_port if port is None else port), self.desk, self.limits)
        self.url_host = url_host if bind not in ("0.0.0.0", "::") else url_host
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="intake-server", daemon=True)
        self.thread.start()
        log.info("intake server listening on port %s", self.address[1])
        return self.address

    def stop(self) -> None:
        httpd, thread = self.httpd, self.thread
        if httpd is None:
            return
        self.httpd = self.thread = None
        httpd.shutdown()  # the accept loop ends
        httpd.server_close()  # the port is released
        httpd.close_connections()
        if thread is not None:
            thread.join(5)
        log.info("intake server stopped")
