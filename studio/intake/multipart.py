"""Reading a posted form: multipart/form-data (with photos) and urlencoded (without), in
memory, within the limits. No cgi module (deprecated) and nothing written to disk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from studio.intake.limits import Limits

FIELDS_MAX = 120
_BOUNDARY = re.compile(r"^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$")
_PARAM = re.compile(r';\s*(name|filename)="([^"\r\n]*)"', re.IGNORECASE)


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
        raise FormTooLarge("The form is too long.")
    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=False,
                          encoding="utf-8", errors="strict", max_num_fields=FIELDS_MAX)
    except (UnicodeDecodeError, ValueError):
        raise BadForm("unreadable form") from None
    return PostedForm(fields=dict(pairs))


def parse_multipart(body: bytes, boundary: str, limits: Limits) -> PostedForm:
    delimiter = b"\r\n--" + boundary.encode("ascii")
    chunks = (b"\r\n" + body).split(delimiter)
    if len(chunks) < 2 or chunks[0].strip():
        raise BadForm("no multipart boundary")
    form = PostedForm()
    text_bytes = 0
    finished = False
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            finished = True
            break
        if not chunk.startswith(b"\r\n"):
            raise BadForm("bad part")
        if len(form.fields) + len(form.photos) >= FIELDS_MAX:
            raise BadForm("too many parts")
        head, sep, content = chunk[2:].partition(b"\r\n\r\n")
        if not sep:
            raise BadForm("part without headers")
        disposition = ""
        for line in head.split(b"\r\n"):
            key, _, value = line.partition(b":")
            if key.strip().lower() == b"content-disposition":
                disposition = value.decode("utf-8", "replace")
        params = {k.lower(): v for k, v in _PARAM.findall(disposition)}
        name = params.get("name")
        if not disposition.strip().lower().startswith("form-data") or not name:
            raise BadForm("part without a name")
        if "filename" in params:
            if not content and not params["filename"]:
                continue  # a file input left empty
            if name != "photos":
                raise BadForm("unexpected file")
            if len(form.photos) >= limits.photos:
                raise FormTooLarge(f"Choose at most {limits.photos} photos.")
            if len(content) > limits.photo_bytes:
                raise FormTooLarge(f"Each photo can be at most {limits.photo_bytes // (1024 * 1024)} MB.")
            form.photos.append(content)
            continue
        text_bytes += len(content) + len(name)
        if text_bytes > limits.form_bytes:
            raise FormTooLarge("The form is too long.")
        try:
            form.fields[name] = content.decode("utf-8")
        except UnicodeDecodeError:
            raise BadForm("text not UTF-8") from None
    if not finished:
        raise BadForm("unterminated form")
    return form
