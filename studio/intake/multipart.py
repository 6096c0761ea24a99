"""Reading a posted form: multipart/form-data (with photos) and urlencoded (without), in
memory, within the limits. No cgi module (deprecated) and nothing written to disk.

Multipart bodies go through python-multipart's streaming parser (maintained and fuzzed;
it also backs Starlette and FastAPI), and every limit is checked as each part arrives, so
a form over a limit stops there. What the parser allows but a phone's browser never sends
is refused whole rather than half-read: a field name with a NUL or another control
character, a part that is itself multipart (nested), a file under any name but "photos",
a part without a form-data name.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from studio.intake.limits import Limits
from studio.services.common import _

FIELDS_MAX = 120
PART_HEADERS_MAX = 8  # a browser sends two (Content-Disposition, Content-Type)
_BOUNDARY = re.compile(r"^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The parser logs a warning for every malformed body before raising: a phone could fill the
# log with them. The exception is what counts, and the handler answers it.
logging.getLogger("python_multipart").setLevel(logging.ERROR)


class BadForm(Exception):
    """Not a form we can read (400)."""


class FormTooLarge(Exception):
    """Over a limit once parsed (413); ``message`` is for the phone."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class PostedForm:
    fields: dict[str, str] = field(default_factory=dict)
    photos: list[bytes] = field(default_factory=list)


def boundary_of(content_type: str) -> str | None:
    match = re.search(r'boundary=("?)([^";]+)\1', content_type, re.IGNORECASE)
    if not match:
        return None
    value = match.group(2).strip()
    return value if _BOUNDARY.match(value) else None


def parse_urlencoded(body: bytes, limits: Limits) -> PostedForm:
    if len(body) > limits.form_bytes:
        raise FormTooLarge(_("The form is too long."))
    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=False,
                          encoding="utf-8", errors="strict", max_num_fields=FIELDS_MAX)
    except (UnicodeDecodeError, ValueError):
        raise BadForm("unreadable form") from None
    return PostedForm(fields=dict(pairs))


class _Reader:
    """python-multipart's callbacks: collects the parts and checks each as it grows."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.form = PostedForm()
        self.parts = 0
        self.text_bytes = 0
        self.finished = False
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._file: str | None = None
        self._data = bytearray()

    def callbacks(self) -> dict:
        return {name: getattr(self, name) for name in (
            "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
            "on_headers_finished", "on_part_data", "on_part_end", "on_end")}

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > FIELDS_MAX:
            raise BadForm("too many parts")
        self._headers, self._data = {}, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        key = bytes(self._header_name).strip().lower()
        self._headers.setdefault(key, bytes(self._header_value).strip())
        self._header_name, self._header_value = bytearray(), bytearray()

    def on_headers_finished(self) -> None:
        kind, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        content_type = parse_options_header(self._headers.get(b"content-type", b""))[0]
        if content_type.startswith(b"multipart/"):
            raise BadForm("nested multipart")
        try:
            name = params.get(b"name", b"").decode("utf-8")
            filename = params[b"filename"].decode("utf-8") if b"filename" in params else None
        except UnicodeDecodeError:
            raise BadForm("name not UTF-8") from None
        if kind != b"form-data" or not name or _CONTROL.search(name) or _CONTROL.search(filename or ""):
            raise BadForm("part without a readable name")
        if filename is not None and name != "photos":
            raise BadForm("unexpected file")
        self._name, self._file = name, filename

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        self._data += data[start:end]
        limits = self.limits
        if self._file is not None:
            if len(self._data) > limits.photo_bytes:
                raise FormTooLarge(_("Each photo can be at most {size} MB.").format(size=limits.photo_bytes // (1024 * 1024)))
        elif self.text_bytes + len(self._data) + len(self._name) > limits.form_bytes:
            raise FormTooLarge(_("The form is too long."))

    def on_part_end(self) -> None:
        form, data = self.form, bytes(self._data)
        self._data = bytearray()
        if self._file is not None:
            if not data and not self._file:
                return  # a file input left empty
            if len(form.photos) >= self.limits.photos:
                raise FormTooLarge(_("Choose at most {count} photos.").format(count=self.limits.photos))
            form.photos.append(data)
            return
        self.text_bytes += len(data) + len(self._name)
        try:
            form.fields[self._name] = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadForm("text not UTF-8") from None

    def on_end(self) -> None:
        self.finished = True


def parse_multipart(body: bytes | bytearray, boundary: str, limits: Limits) -> PostedForm:
    if len(body) > limits.upload_bytes:
        raise FormTooLarge(_("The form is too large."))
    reader = _Reader(limits)
    parser = MultipartParser(boundary.encode("ascii"), reader.callbacks(),
                             max_header_count=PART_HEADERS_MAX, max_header_size=limits.header_line)
    try:
        for start in range(0, len(body), 65536):  # as it would stream: limits bite per chunk
            parser.write(bytes(body[start:start + 65536]))
        parser.finalize()
    except MultipartParseError:
        raise BadForm("not multipart") from None
    if not reader.finished:
        raise BadForm("unterminated form")
    return reader.form
