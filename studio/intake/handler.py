"""The intake routes over HTTP, and nothing else.

    GET  /i/<token>   the client's own form (pre-filled)      POST: submit it
    GET  /w/<token>   the walk-in form (empty)                POST: submit it
    GET  /static/form.css, /static/intake.js                  from memory

Any other path, and any unknown, expired, spent or malformed token, gets the same 404 page.
Paths are matched as sent, never decoded or joined to a folder, so "..", "%2e%2e", "//"
and "..%5c" simply match nothing. Nothing changes on GET. The server (server.py) hands an
Exchange a request whose line and headers have fully arrived; the body is read only after
the route, the rate limit, Content-Length and the token have been checked, and then by the
server's I/O thread, so no worker ever waits for a phone. Every answer, errors included,
has a status line and the same security headers.

Each request is answered in its language (languages.py: the form's switch, the phone's
Accept-Language, the studio's), inside ``using_language`` on the worker thread that answers
it; answers to requests that could not be read speak this process's language.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from email.utils import formatdate
from http import HTTPStatus

from studio.config import resource_path
from studio.intake import languages, templates
from studio.intake.headers import parse_headers
from studio.intake.multipart import BadForm, FormTooLarge, boundary_of, parse_multipart, parse_urlencoded
from studio.services.common import N_, _, using_language
from studio.services.intake import FormKind

log = logging.getLogger(__name__)

# METHOD SP target SP HTTP/1.x, nothing more: a token, visible ASCII, one-digit versions.
_REQUEST_LINE = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]{1,16}) ([\x21-\x7e]+) HTTP/1\.[0-9]\r?\n")
_LATER_VERSION = re.compile(rb"[^ ]+ [^ ]+ HTTP/[2-9]\.[0-9]\r?\n")
_ROUTE = re.compile(r"^/([iw])/([^/?#]{1,200})(?:\?.*)?$")
_KINDS = {"i": FormKind.CLIENT, "w": FormKind.WALKIN}
_STATIC_TYPES = {"form.css": "text/css; charset=utf-8", "intake.js": "text/javascript; charset=utf-8"}
_STATIC: dict[str, bytes] = {}
_CSP = ("Content-Security-Policy: default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_FIXED_HEADERS = ("X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                  "X-Frame-Options: DENY\r\nConnection: close")
_UNREADABLE = N_("That request could not be read.")
_TOO_LARGE = N_("That request was too large.")
# The sentence a phone sees for an answer that is not a page of its own (marked: translated
# when sent).
_MESSAGES = {
    400: (N_("Bad request"), _UNREADABLE),
    408: (N_("Too slow"), N_("That took too long to arrive. Check the Wi-Fi and try again.")),
    414: (N_("Request too large"), _TOO_LARGE),
    431: (N_("Request too large"), _TOO_LARGE),
    500: (N_("Please try again"), N_("Something went wrong on our side. Try again, or ask the front desk.")),
    503: (N_("Busy right now"), N_("Busy right now: try again in a moment.")),
    505: (N_("Bad request"), _UNREADABLE),
}
_PHRASES = {status.value: status.phrase for status in HTTPStatus}
_date = (0, "")


def static_files() -> dict[str, bytes]:
    """The two static files, read once from the package (works frozen too)."""
    if not _STATIC:
        for name in _STATIC_TYPES:
            _STATIC[name] = resource_path("studio", "intake", "static", name).read_bytes()
    return _STATIC


def _http_date() -> str:
    global _date
    now = int(time.time())
    if _date[0] != now:
        _date = (now, formatdate(now, usegmt=True))
    return _date[1]


def response(status: int, body: bytes, nonce: str, content_type: str = "text/html; charset=utf-8", *,
             cache: str = "no-store", extra: dict | None = None, head_only: bool = False) -> bytes:
    """A whole HTTP/1.0 answer: status line, the security headers, the body. No Server
    header: the version of anything is nobody's business."""
    lines = [f"HTTP/1.0 {status} {_PHRASES.get(status, '')}", f"Date: {_http_date()}", f"Content-Type: {content_type}",
             f"Content-Length: {len(body)}", f"Cache-Control: {cache}", _CSP.format(nonce=nonce), _FIXED_HEADERS]
    lines += [f"{key}: {value}" for key, value in (extra or {}).items()]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")
    return head if head_only else head + body


def message_response(status: int, title: str, text: str, *, extra: dict | None = None) -> bytes:
    nonce = secrets.token_urlsafe(16)
    return response(status, templates.message_page("", title, text, nonce).encode("utf-8"), nonce, extra=extra)


def error_response(status: int) -> bytes:
    """The answer to a request that could not be read (400, 408, 414, 431, 505)."""
    title, text = _MESSAGES[status]
    return message_response(status, _(title), _(text))


def busy_response() -> bytes:
    title, text = _MESSAGES[503]
    return message_response(503, _(title), _(text), extra={"Retry-After": "5"})


class Exchange:
    """One request, answered on a worker thread: ``run`` with its line and headers, and
    ``_posted`` once the server has read its body."""

    def __init__(self, server, conn, head: bytes) -> None:
        self.server = server  # server.desk (PhoneDesk), server.limits, server.rate
        self.conn = conn
        self.head = head
        self.nonce = secrets.token_urlsafe(16)
        self.command = "GET"
        self.path = ""
        self.headers = None
        self.length = 0
        self.multipart = False
        self.content_type = ""
        self.language: str | None = None  # until the headers are read: this process's

    def run(self) -> None:
        try:
            if not self._parse():
                return
            self.language = languages.choose(self.path, self.headers.get("Accept-Language"),
                                             self.server.desk.studio_language())
        except Exception:  # noqa: BLE001 - the phone gets a sentence; the log says what broke
            log.exception("intake request failed")
            self._respond_error(500)
            return
        with using_language(self.language):
            try:
                if self.command == "GET":
                    self.do_GET()
                elif self.command == "POST":
                    self.do_POST()
                else:
                    self._respond_message(405, _("Not allowed"), _("That is not something this page does."),
                                          extra={"Allow": "GET, POST"})
            except Exception:  # noqa: BLE001 - as above
                log.exception("intake request failed")
                self._respond_error(500)

    # ---- the request line and headers (the server bounded their total size)

    def _parse(self) -> bool:
        limits = self.server.limits
        line_end = self.head.find(b"\n") + 1
        line = self.head[:line_end]
        if _REQUEST_LINE.fullmatch(line) is None:
            self._respond_error(505 if _LATER_VERSION.fullmatch(line) else 400)
            return False
        method, target = line.split(b" ", 2)[:2]
        self.command, self.path = method.decode("ascii"), target.decode("ascii")
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")
        block = self.head[line_end:]
        lines = block.split(b"\n")
        if len(lines) - 2 > limits.header_count or max(map(len, lines)) > limits.header_line + 1 \
                or len(block) > limits.header_bytes:
            self._respond_error(431)
            return False
        headers = parse_headers(block)
        if headers is None:
            self._respond_error(400)
            return False
        self.headers = headers
        return True

    # ---- answers

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", *,
              cache: str = "no-store", extra: dict | None = None) -> None:
        log.debug("%s %s", self.command, status)  # never the path: it holds the token
        data = response(status, body, self.nonce, content_type, cache=cache, extra=extra,
                        head_only=self.command == "HEAD")
        self.server.respond(self.conn, data)

    def _html(self, status: int, html: str, *, extra: dict | None = None) -> None:
        self._send(status, html.encode("utf-8"), extra=extra)

    def _respond_message(self, status: int, title: str, text: str, *, extra: dict | None = None) -> None:
        self._html(status, templates.message_page("", title, text, self.nonce), extra=extra)

    def _respond_error(self, status: int) -> None:
        title, text = _MESSAGES[status]
        self._respond_message(status, _(title), _(text))

    def _not_found(self) -> None:
        self._html(404, templates.not_found_page(self.nonce))

    # ---- routes

    def _route(self) -> tuple[FormKind, str] | None:
        match = _ROUTE.match(self.path)
        if match is None:
            return None
        return _KINDS[match.group(1)], match.group(2)

    def _action(self) -> str:
        """Where the form posts: its own path, still naming the language the person chose
        with the switch (a phone's Accept-Language needs no reminder)."""
        path = self.path.split("?", 1)[0]
        chosen = languages.asked_in_query(self.path)
        return f"{path}?lang={chosen}" if chosen else path

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
        context = self.server.desk.open_form(kind, token, self.language)
        if context is None:
            self._not_found()
            return
        self._send(200, templates.form_page_bytes(context, self._action(), self.nonce))

    def do_POST(self) -> None:  # noqa: N802
        limits = self.server.limits
        route = self._route()
        if route is None:
            self._not_found()
            return
        address = self.conn.address[0]
        if not self.server.rate.allow(address):
            self._respond_message(429, _("Please wait a moment"),
                                  _("Too many forms were sent from this phone. Try again in a few minutes."),
                                  extra={"Retry-After": str(self.server.rate.retry_after(address))})
            return
        if "Transfer-Encoding" in self.headers or "Content-Length" not in self.headers:
            self._respond_message(411, _("Length required"), _(_UNREADABLE))
            return
        raw_length = self.headers["Content-Length"]
        length = int(raw_length) if raw_length.isdigit() and len(raw_length) < 16 else -1
        if length < 0:
            self._respond_error(400)
            return
        content_type = self.headers.get("Content-Type", "")
        multipart = content_type.lower().startswith("multipart/form-data")
        if not multipart and not content_type.lower().startswith("application/x-www-form-urlencoded"):
            self._respond_message(415, _("Not a form"), _(_UNREADABLE))
            return
        if length > (limits.upload_bytes if multipart else limits.form_bytes):
            # Translators: {size} is megabytes per photo, {count} how many photos a form may carry.
            self._respond_message(413, _("Too large"), _("That form is too large. Photos can be at most {size} MB "
                                                         "each, {count} in all.").format(
                size=limits.photo_bytes // (1024 * 1024), count=limits.photos))
            return
        kind, token = route
        if not self.server.desk.is_live(kind, token):  # before reading a byte of body
            self._not_found()
            return
        if not self.server.reserve_body(self.conn, length):
            title, text = _MESSAGES[503]
            self._respond_message(503, _(title), _(text), extra={"Retry-After": "5"})
            return
        self.route, self.length, self.multipart, self.content_type = route, length, multipart, content_type
        self.server.read_body(self.conn, length, self._posted)

    def _posted(self) -> None:
        with using_language(self.language):  # another worker thread: the request's language again
            try:
                self._submit(self.conn.buf)
            except Exception:  # noqa: BLE001 - as in run()
                log.exception("intake request failed")
                self._respond_error(500)

    def _submit(self, body: bytearray) -> None:
        from studio.services.common import DomainError
        from studio.services.intake import CsrfRejected, PhoneFormInvalid, TokenRejected

        limits = self.server.limits
        kind, token = self.route
        try:
            if self.multipart:
                boundary = boundary_of(self.content_type)
                if boundary is None:
                    raise BadForm("no boundary")
                form = parse_multipart(body, boundary, limits)
            else:
                form = parse_urlencoded(bytes(body), limits)
        except BadForm:
            self._respond_message(400, _("Bad request"), _("That form could not be read. Open the code again."))
            return
        except FormTooLarge as exc:
            # Translators: {problem} is a sentence saying what was too large.
            self._respond_message(413, _("Too large"), _("{problem} Go back and try again.").format(problem=exc.message))
            return
        del body[:]  # the parts are copied out: the raw body is not held while photos decode
        if templates.SWITCH_FIELD in form.fields:
            self._switched(kind, token, form)
            return
        try:
            outcome = self.server.desk.submit(kind, token, form.fields, form.photos, self.language)
        except (TokenRejected, CsrfRejected) as exc:
            self._refuse_the_code(exc)
            return
        except PhoneFormInvalid as exc:
            page = templates.form_page(exc.context, self._action(), self.nonce,
                                       answers=exc.answers, errors=exc.errors)
            self._html(422, page)
            return
        except DomainError as exc:  # storage trouble: the phone may try again
            log.warning("intake submission failed: %s", exc.__class__.__name__)
            self._respond_message(503, _("Please try again"), _("We could not save your form just now. "
                                                                "Wait a moment and send it again, or ask the front desk."))
            return
        studio = self.server.desk.studio_name()
        self._html(200, templates.thanks_page(studio, outcome.first_name, self.nonce))

    def _refuse_the_code(self, exc) -> None:
        """A dead code answers as an unknown page; an expired form says so."""
        from studio.services.intake import TokenRejected

        if isinstance(exc, TokenRejected):
            self._not_found()
        else:
            self._respond_message(403, _("This form has expired"), exc.message)

    def _switched(self, kind: FormKind, token: str, form) -> None:
        """The language switch: the form again, in the language its button named, as typed."""
        from studio.services.intake import CsrfRejected, TokenRejected

        try:
            context, answers = self.server.desk.refill(kind, token, form.fields, self.language)
        except (TokenRejected, CsrfRejected) as exc:
            self._refuse_the_code(exc)
            return
        notice = _("Photos are not carried over to another language: choose them again.") if form.photos else ""
        self._html(200, templates.form_page(context, self._action(), self.nonce, answers=answers, notice=notice))
