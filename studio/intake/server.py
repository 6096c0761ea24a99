"""The intake server: one thread reads every request and writes slow answers, a few worker
threads answer, and the start/stop controller the app, the CLI and the tests use.

Slow phones never hold a thread. The I/O thread accepts connections and reads each
request (request line, headers, then the body once a worker has checked the route, the
token and the length) without blocking, under one deadline for the whole request (see
Limits). Only a request that has fully arrived goes to a worker, which answers it with a
non-blocking write; whatever the phone's socket does not take at once is written by the
I/O thread, under a deadline too. So 200 phones trickling a byte a second cost 200 small
buffers, and the workers stay free for the others.

Connections are capped in all and per address. At a cap the newcomer is admitted and the
oldest connection still sending its request from the busiest address is closed instead
(a flood comes from few addresses; a phone's request arrives at once). A 503 goes out only
when every connection is being answered. The worker threads are kept and reused (starting
one per connection makes the accept loop wait), and there are at most Limits.workers.
Stopping closes every connection, ends every thread and releases the port.
"""

from __future__ import annotations

import logging
import queue
import selectors
import socket
import threading
import time
from collections import deque

from studio.intake import handler
from studio.intake.limits import Limits, RateLimiter

log = logging.getLogger(__name__)

READ_HEAD, READ_BODY, BUSY, WRITE = range(4)
_SLOW = (READ_HEAD, READ_BODY)
_CHUNK = 65536
_MB = 1024 * 1024


class Connection:
    """One phone's connection and the request being read from it."""

    __slots__ = ("sock", "address", "born", "round", "deadline", "buf", "state", "need", "then", "out",
                 "reserved", "received")

    def __init__(self, sock: socket.socket, address, deadline: float, round_: int = 0) -> None:
        self.sock = sock
        self.address = address
        self.born = time.monotonic()
        self.round = round_  # the I/O loop's accepting round it came in
        self.deadline = deadline
        self.buf = bytearray()
        self.state = READ_HEAD
        self.need = 0  # body bytes wanted
        self.then = None  # called on a worker with the body
        self.out = b""  # what is left to write
        self.reserved = 0  # body bytes counted against Limits.bodies_bytes
        self.received = 0  # body bytes that have arrived


class IntakeHTTPServer:
    def __init__(self, address: tuple[str, int], desk, limits: Limits) -> None:
        self.desk = desk
        self.limits = limits
        self.rate = RateLimiter(limits.posts_per_window, limits.post_window)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        # A long backlog: under a flood a phone waits in it briefly rather than have its
        # connection attempt dropped (and retried a second later).
        self.socket = socket.create_server(address, family=family, backlog=1024)
        self.socket.setblocking(False)
        self.server_address = self.socket.getsockname()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.socket, selectors.EVENT_READ, None)
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self._selector.register(self._wake_in, selectors.EVENT_READ, None)
        self._lock = threading.Lock()  # the maps below, the body budget, the workers
        self._conns: dict[Connection, None] = {}  # in order of arrival
        self._by_address: dict[str, dict[Connection, None]] = {}
        self._bodies = 0
        self._inbox: deque = deque()  # (what, connection) from the workers to the I/O thread
        self._work: queue.SimpleQueue = queue.SimpleQueue()  # (fn, connection), or None: stop
        self._workers: list[threading.Thread] = []
        self._idle = 0
        self._stop = threading.Event()
        self._done = threading.Event()
        self._done.set()
        self._next_sweep = 0.0
        self._round = 0
        self._later: deque = deque()  # accepted, to be admitted next round

    # ---- the I/O thread

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        self._done.clear()
        try:
            while not self._stop.is_set():
                timeout = min(poll_interval, max(0.0, self._next_sweep - time.monotonic()))
                events = self._selector.select(timeout)
                accept = False
                for key, mask in events:
                    if key.fileobj is self.socket:
                        accept = True
                    elif key.fileobj is self._wake_in:
                        self._drain_wake()
                    elif mask & selectors.EVENT_READ:
                        self._on_readable(key.data)
                    else:
                        self._on_writable(key.data)
                self._take_inbox()
                if accept or self._later:  # after the reads: a phone's waiting request first
                    self._accept()
                now = time.monotonic()
                if now >= self._next_sweep:
                    self._sweep(now)
                    self._next_sweep = now + 0.05
        finally:
            self._done.set()

    def shutdown(self) -> None:
        self._stop.set()
        self._wake()
        self._done.wait(5)

    def server_close(self) -> None:
        try:
            self._selector.unregister(self.socket)
        except (KeyError, ValueError):
            pass
        self.socket.close()

    def _accept(self) -> None:
        # Every waiting connection at once: under a burst the others would wait in the
        # backlog. A connection accepted in this round is never closed for another of the
        # same round (its request may be a moment behind): that one waits for the next.
        self._round += 1
        for _ in range(64):
            if self._later:
                sock, address = self._later.popleft()
            else:
                try:
                    sock, address = self.socket.accept()
                except OSError:  # BlockingIOError: none left
                    return
                sock.setblocking(False)
            conn = Connection(sock, address, time.monotonic() + self.limits.request_deadline, self._round)
            admitted = self._admit(conn)
            if admitted is None:
                self._later.appendleft((sock, address))
                return
            if not admitted:
                self._refuse(sock)
                continue
            self._selector.register(sock, selectors.EVENT_READ, conn)
            self._on_readable(conn)  # a phone's request is often there already

    def _admit(self, conn: Connection) -> bool | None:
        """Take ``conn`` in, closing the oldest slow connection of the busiest address when a
        cap is full; False when none can be closed (every connection is being answered),
        None when the only one is from this round."""
        host = conn.address[0]
        limits = self.limits
        with self._lock:
            mine = self._by_address.get(host, {})
            victim = None
            if len(mine) >= limits.connections_per_address:
                victim = _oldest_slow(mine)
                if victim is None:
                    return False
            elif len(self._conns) >= limits.max_connections:
                for group in sorted(self._by_address.values(), key=len, reverse=True):
                    victim = _oldest_slow(group)
                    if victim is not None:
                        break
                else:
                    return False
            if victim is not None and victim.round == self._round:
                return None
            self._conns[conn] = None
            self._by_address.setdefault(host, {})[conn] = None
        if victim is not None:
            self._close(victim)
        return True

    def _refuse(self, sock: socket.socket) -> None:
        try:
            sock.send(handler.busy_response())
        except OSError:
            pass
        _hang_up(sock)

    def _on_readable(self, conn: Connection) -> None:
        if conn.state not in _SLOW:
            return
        try:
            data = conn.sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(conn)
            return
        if not data:  # hung up half-way
            self._close(conn)
            return
        conn.buf += data
        if conn.state == READ_HEAD:
            self._on_head_bytes(conn)
        else:
            self._on_body_bytes(conn, len(data))

    def _on_head_bytes(self, conn: Connection) -> None:
        limits, buf = self.limits, conn.buf
        end = _end_of_head(buf)
        line_end = buf.find(b"\n")
        if (line_end < 0 and len(buf) > limits.request_line) or line_end > limits.request_line:
            self._write(conn, handler.error_response(414))
            return
        if end < 0:
            if len(buf) > limits.header_bytes + limits.request_line:
                self._write(conn, handler.error_response(431))
            return
        head = bytes(buf[:end])
        del buf[:end]
        self._hand_over(conn, handler.Exchange(self, conn, head).run)

    def _on_body_bytes(self, conn: Connection, count: int) -> None:
        conn.received += count
        grace = conn.received / _MB * self.limits.upload_grace
        conn.deadline = min(conn.born + self.limits.request_deadline + grace,
                            conn.born + self.limits.upload_deadline)
        if len(conn.buf) >= conn.need:
            del conn.buf[conn.need:]
            self._hand_over(conn, conn.then)

    def _hand_over(self, conn: Connection, fn) -> None:
        conn.state = BUSY
        try:
            self._selector.unregister(conn.sock)
        except (KeyError, ValueError):
            pass
        self._submit(fn, conn)

    def _on_writable(self, conn: Connection) -> None:
        try:
            sent = conn.sock.send(conn.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(conn)
            return
        conn.out = conn.out[sent:]
        if not conn.out:
            self._close(conn)

    def _write(self, conn: Connection, data: bytes) -> None:
        """Answer ``conn`` from the I/O thread and close it once written."""
        conn.state = WRITE
        conn.out = data
        conn.deadline = time.monotonic() + self.limits.write_deadline
        self._on_writable(conn)
        if conn.state == WRITE and conn in self._conns:
            self._watch(conn, selectors.EVENT_WRITE)

    def _watch(self, conn: Connection, events: int) -> None:
        try:
            self._selector.modify(conn.sock, events, conn)
        except KeyError:
            self._selector.register(conn.sock, events, conn)

    def _sweep(self, now: float) -> None:
        with self._lock:
            late = [c for c in self._conns if c.state != BUSY and c.deadline <= now]
        for conn in late:
            if conn.state in _SLOW and (conn.buf or conn.received):
                # It sent part of a request: say so once, without waiting for it to read.
                try:
                    conn.sock.send(handler.error_response(408))
                except OSError:
                    pass
            self._close(conn)

    def _take_inbox(self) -> None:
        while self._inbox:
            what, conn = self._inbox.popleft()
            if conn not in self._conns:
                continue
            if what == "write":
                self._watch(conn, selectors.EVENT_WRITE)
            else:  # "body"
                conn.state = READ_BODY
                if len(conn.buf) >= conn.need:
                    del conn.buf[conn.need:]
                    self._hand_over(conn, conn.then)
                else:
                    self._watch(conn, selectors.EVENT_READ)
                    self._on_readable(conn)  # a phone's body is often there already

    def _wake(self) -> None:
        try:
            self._wake_out.send(b"\0")
        except OSError:  # the pipe is full: the I/O thread is awake anyway
            pass

    def _drain_wake(self) -> None:
        try:
            while self._wake_in.recv(4096):
                pass
        except OSError:
            pass

    def _close(self, conn: Connection) -> None:
        """Forget ``conn`` and hang up (any thread)."""
        with self._lock:
            if self._conns.pop(conn, False) is False:
                return
            group = self._by_address.get(conn.address[0])
            if group is not None:
                group.pop(conn, None)
                if not group:
                    del self._by_address[conn.address[0]]
            self._bodies -= conn.reserved
            conn.reserved = 0
        if conn.state != BUSY:
            try:
                self._selector.unregister(conn.sock)
            except (KeyError, ValueError):
                pass
        _hang_up(conn.sock)

    # ---- what the workers call (see handler.Exchange)

    def respond(self, conn: Connection, data: bytes) -> None:
        """Send the answer and close; what the socket does not take now, the I/O thread
        writes, so the worker never waits for a phone."""
        try:
            sent = conn.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self._close(conn)
            return
        if sent >= len(data):
            self._close(conn)
            return
        conn.out = data[sent:]
        conn.deadline = time.monotonic() + self.limits.write_deadline
        conn.state = WRITE
        self._inbox.append(("write", conn))
        self._wake()

    def read_body(self, conn: Connection, length: int, then) -> None:
        """Read ``length`` body bytes (into ``conn.buf``) in the I/O thread, then call
        ``then()`` on a worker. The request's deadline goes on."""
        conn.need = length
        conn.then = then
        self._inbox.append(("body", conn))
        self._wake()

    def reserve_body(self, conn: Connection, length: int) -> bool:
        """Count ``length`` against the bytes of bodies held at once; False when over."""
        with self._lock:
            if self._bodies + length > self.limits.bodies_bytes:
                return False
            self._bodies += length
            conn.reserved += length
            return True

    # ---- the worker threads

    def _submit(self, fn, conn: Connection) -> None:
        with self._lock:
            spawn = self._idle == 0 and len(self._workers) < self.limits.workers
            if self._idle:
                self._idle -= 1
            if spawn:
                worker = threading.Thread(target=self._serve, name="intake-worker", daemon=True)
                self._workers.append(worker)
        if spawn:
            worker.start()
        self._work.put((fn, conn))

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            fn, conn = item
            try:
                fn()
            except Exception:  # noqa: BLE001 - one bad request must not stop the others
                log.exception("intake request failed")
                self._close(conn)
            with self._lock:
                self._idle += 1

    def close_connections(self, timeout: float = 5.0) -> None:
        """Cut every open connection and end every worker thread."""
        with self._lock:
            conns, workers = list(self._conns), list(self._workers)
            self._workers.clear()
        for conn in conns:
            self._close(conn)
        while self._later:
            _hang_up(self._later.popleft()[0])
        for _worker in workers:
            self._work.put(None)
        deadline = time.monotonic() + timeout
        for worker in workers:
            if worker is not threading.current_thread():
                worker.join(max(0.0, deadline - time.monotonic()))
        self._selector.close()
        self._wake_in.close()
        self._wake_out.close()

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._conns)

    def connections_from(self, host: str) -> int:
        with self._lock:
            return len(self._by_address.get(host, ()))


def _oldest_slow(group: dict[Connection, None]) -> Connection | None:
    for conn in group:  # in order of arrival
        if conn.state in _SLOW:
            return conn
    return None


def _end_of_head(buf: bytearray) -> int:
    """Where the blank line after the headers ends, or -1."""
    ends = [i + n for i, n in ((buf.find(b"\n\r\n"), 3), (buf.find(b"\n\n"), 2)) if i >= 0]
    return min(ends) if ends else -1


def _hang_up(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class IntakeServer:
    """Start and stop the server in a thread of this process."""

    def __init__(self, services, *, limits: Limits | None = None) -> None:
        from studio.services.intake import PhoneDesk

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
        httpd.shutdown()  # the I/O loop ends
        httpd.server_close()  # the port is released
        httpd.close_connections()
        if thread is not None:
            thread.join(5)
        log.info("intake server stopped")
