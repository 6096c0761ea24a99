"""The intake routes over HTTP, and nothing else.

    GET  /i/<token>   the client's own form (pre-filled)      POST: submit it
    GET  /w/<token>   the walk-in form (empty)                POST: submit it
    GET  /static/form.css, /static/intake.js                  from memory

Any other path, and any unknown, expired, spent or malformed token, gets the same 404 page.
Paths are matched as sent, never decoded or joined to a folder, so "..", "%2e%2e", "//"
and "..%5c" simply match nothing. Nothing changes on GET. Request lines, headers and bodies
are read under size limits and deadlines; the body is read only after the route, the rate
limit, Content-Length and the token have been checked.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import time
from http.server import BaseHTTPRequestHandler

from studio.config import resource_path
from studio.intake import templates
from studio.intake.headers import parse_headers
from studio.intake.multipart import BadForm, FormTooLarge, boundary_of, parse_multipart, parse_urlencoded
from studio.services.intake_records import FormKind

log = logging.getLogger(__name__)

_VERSION = re.compile(r"HTTP/([0-9]{1,10})\.([0-9]{1,10})")
_ROUTE = re.compile(r"^/([iw])/([^/?#]{1,200})(?:\?.*)?$")
_KINDS = {"i": FormKind.CLIENT, "w": FormKind.WALKIN}
_STATIC_TYPES = {"form.css": "text/css; charset=utf-8", "intake.js": "text/javascript; charset=utf-8"}
_STATIC: dict[str, bytes] = {}
_CSP = ("Content-Security-Policy: default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_FIXED_HEADERS = ("X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                  "X-Frame-Options: DENY\r\nConnection: close")


def static_files() -> dict[str, bytes]:
    """The two static files, read once from the package (works frozen too)."""
    if not _STATIC:
        for name in _STATIC_TYPES:
            _STATIC[name] = resource_path("studio", "intake", "static", name).read_bytes()
    return _STATIC


class DeadlineSocketIO(io.RawIOBase):
    """Reads from the socket with an idle timeout and an overall deadline, so a client
    trickling bytes (slowloris) is dropped as surely as a silent one."""

    def __init__(self, sock, idle: float) -> None:
        super().__init__()
        self.sock = sock
        self.idle = idle
        self.deadline: float | None = None
        self._timeout = idle
        sock.settimeout(idle)  # writes are bounded by it too

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        timeout = self.idle
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("request deadline passed")
            timeout = min(timeout, remaining)
        if timeout != self._timeout:  # settimeout is a system call: only when it changes
            self.sock.settimeout(timeout)
            self._timeout = timeout
        return self.sock.recv_into(buffer)


class _Writer:
    def __init__(self, sock) -> None:
        self.sock = sock

    def write(self, data: bytes) -> int:
        self.sock.sendall(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Drop(Exception):
    """The request is over without a response (timed out, hung up, unparseable)."""


class IntakeHandler(BaseHTTPRequestHandler):
    # server.desk (PhoneDesk), server.limits (Limits), server.rate (RateLimiter)
    server_version = ""
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers

    # ---- connection set-up with our own reader and writer

    def setup(self) -> None:
        self.connection = self.request
        limits = self.server.limits
        self.raw_in = DeadlineSocketIO(self.connection, limits.idle_timeout)
        self.rfile = io.BufferedReader(self.raw_in, 16384)
        self.wfile = _Writer(self.connection)
        self.nonce = secrets.token_urlsafe(16)

    def finish(self) -> None:
        try:
            self.rfile.close()
        except OSError:
            pass

    def handle(self) -> None:
        try:
            self.handle_one_request()
        except (_Drop, TimeoutError, ConnectionError):
            pass
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        # Paths hold tokens: log the method and status only, never the URL.
        pass

    def log_request(self, code="-", size="-") -> None:
        log.debug("%s %s", getattr(self, "command", "-"), code)

    # ---- reading the request line and headers within limits

    def _readline(self, limit: int, status: int) -> bytes:
        line = self.rfile.readline(limit + 1)
        if len(line) > limit:
            self._respond_message(status, "Request too large", "That request was too large.")
            raise _Drop()
        return line

    def handle_one_request(self) -> None:
        limits = self.server.limits
        self.close_connection = True
        self.raw_in.deadline = time.monotonic() + limits.header_deadline
        self.raw_requestline = self._readline(limits.request_line, 414)
        if not self.raw_requestline:
            raise _Drop()
        header_block = bytearray()
        count = 0
        while True:
            line = self._readline(limits.header_line, 431)
            if not line:
                raise _Drop()  # hung up half-way
            header_block += line
            if line in (b"\r\n", b"\n"):
                break
            count += 1
            if count > limits.header_count or len(header_block) > limits.header_bytes:
                self._respond_message(431, "Request too large", "That request was too large.")
                raise _Drop()
        self.header_block = bytes(header_block)
        if not self.parse_request():
            return
        if self.command == "GET":
            self.do_GET()
        elif self.command == "POST":
            self.do_POST()
        else:
            self._respond_message(405, "Not allowed", "That is not something this page does.",
                                  extra={"Allow": "GET, POST"})

    def parse_request(self) -> bool:
        # http.server's rules for the request line (400, 505, HTTP/0.9 only for GET, "//"
        # reduced to "/"), but the headers are read by headers.py, not by the email package
        # (most of the cost of serving a cached form).
        self.command = None
        self.request_version = self.default_request_version
        self.close_connection = True
        self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        words = self.requestline.split()
        if not words:
            return False
        if len(words) >= 3:
            version = _VERSION.fullmatch(words[-1])
            if version is None:
                self.send_error(400)
                return False
            if int(version.group(1)) >= 2:
                self.send_error(505)
                return False
            self.request_version = words[-1]
        if not 2 <= len(words) <= 3 or (len(words) == 2 and words[0] != "GET"):
            self.send_error(400)
            return False
        self.command, self.path = words[0], words[1]
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")
        headers = parse_headers(self.header_block)
        if headers is None:
            self.send_error(400)
            return False
        self.headers = headers
        return True

    # ---- responses

    def send_response(self, code: int, message: str | None = None) -> None:
        # No Server header: the version of anything is nobody's business.
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Used by parse_request for malformed requests; answer with our own page.
        self._respond_message(code if code >= 400 else 400, "Bad request", "That request could not be read.")

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", *,
              cache: str = "no-store", extra: dict | None = None) -> None:
        # The status line and headers go out with the body in one write. No Server header:
        # the version of anything is nobody's business.
        self.log_request(status)
        if self.request_version == "HTTP/0.9":  # as http.server: no status line, no headers
            self.wfile.write(body)
            return
        phrase = self.responses[status][0] if status in self.responses else ""
        lines = [f"{self.protocol_version} {status} {phrase}", f"Date: {self.date_time_string()}",
                 f"Content-Type: {content_type}", f"Content-Length: {len(body)}", f"Cache-Control: {cache}",
                 _CSP.format(nonce=self.nonce), _FIXED_HEADERS]
        lines += [f"{key}: {value}" for key, value in (extra or {}).items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")
        self.wfile.write(head if self.command == "HEAD" else head + body)

    def _html(self, status: int, html: str, *, extra: dict | None = None) -> None:
        self._send(status, html.encode("utf-8"), extra=extra)

    def _respond_message(self, status: int, title: str, text: str, *, extra: dict | None = None) -> None:
        if not hasattr(self, "command"):
            self.command = "GET"
        if not hasattr(self, "request_version"):
            self.request_version = "HTTP/1.0"
        self._html(status, templates.message_page("", title, text, self.nonce), extra=extra)

    def _not_found(self) -> None:
        self._html(404, templates.not_found_page(self.nonce))

    # ---- routes

    def _route(self) -> tuple[FormKind, str] | None:
        match = _ROUTE.match(self.path)
        if match is None:
            return None
        return _KINDS[match.group(1)], match.group(2)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path in ("/static/form.css", "/static/intake.js"):
            name = self.path.rsplit("/", 1)[1]
            self._send(200, static_files()[name], _STATIC_TYPES[name], cache="public, max-age=3600")
            return
        route = self._route()
        if route is None:
            self._not_found()
            return
        kind, token = route
        context = self.server.desk.open_form(kind, token)
        if context is None:
            self._not_found()
            return
        self._send(200, templates.form_page_bytes(context, self.path.split("?", 1)[0], self.nonce))

    def do_POST(self) -> None:  # noqa: N802
        from studio.services.errors import DomainError
        from studio.services.intake_phone import CsrfRejected, PhoneFormInvalid, TokenRejected

        limits = self.server.limits
        route = self._route()
        if route is None:
            self._not_found()
            return
        address = self.client_address[0]
        if not self.server.rate.allow(address):
            self._respond_message(429, "Please wait a moment",
                                  "Too many forms were sent from this phone. Try again in a few minutes.",
                                  extra={"Retry-After": str(self.server.rate.retry_after(address))})
            return
        if "Transfer-Encoding" in self.headers or "Content-Length" not in self.headers:
            self._respond_message(411, "Length required", "That request could not be read.")
            return
        try:
            length = int(self.headers["Content-Length"])
        except ValueError:
            length = -1
        if length < 0:
            self._respond_message(400, "Bad request", "That request could not be read.")
            return
        content_type = self.headers.get("Content-Type", "")
        multipart = content_type.lower().startswith("multipart/form-data")
        if not multipart and not content_type.lower().startswith("application/x-www-form-urlencoded"):
            self._respond_message(415, "Not a form", "That request could not be read.")
            return
        if length > (limits.upload_bytes if multipart else limits.form_bytes):
            self._respond_message(413, "Too large", "That form is too large. Photos can be at most "
                                  f"{limits.photo_bytes // (1024 * 1024)} MB each, {limits.photos} in all.")
            return
        kind, token = route
        if not self.server.desk.is_live(kind, token):  # before reading a byte of body
            self._not_found()
            return
        self.raw_in.deadline = time.monotonic() + limits.body_deadline
        body = self.rfile.read(length)
        if len(body) < length:
            raise _Drop()
        try:
            if multipart:
                boundary = boundary_of(content_type)
                if boundary is None:
                    raise BadForm("no boundary")
                form = parse_multipart(body, boundary, limits)
            else:
                form = parse_urlencoded(body, limits)
        except BadForm:
            self._respond_message(400, "Bad request", "That form could not be read. Open the code again.")
            return
        except FormTooLarge as exc:
            self._respond_message(413, "Too large", exc.message + " Go back and try again.")
            return
        try:
            outcome = self.server.desk.submit(kind, token, form.fields, form.photos)
        except TokenRejected:
            self._not_found()
            return
        except CsrfRejected as exc:
            self._respond_message(403, "This form has expired", exc.message)
            return
        except PhoneFormInvalid as exc:
            page = templates.form_page(exc.context, self.path.split("?", 1)[0], self.nonce,
                                       answers=exc.answers, errors=exc.errors)
            self._html(422, page)
            return
        except DomainError as exc:  # storage trouble: the phone may try again
            log.warning("intake submission failed: %s", exc.__class__.__name__)
            self._respond_message(503, "Please try again", "We could not save your form just now. "
                                  "Wait a moment and send it again, or ask the front desk.")
            return
        studio = self.server.desk.studio_name()
        self._html(200, templates.thanks_page(studio, outcome.first_name, self.nonce))
