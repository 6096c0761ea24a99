"""Which language the phone form speaks: the one the person chose with the switch at the top
(``?lang=es``), else the first of Linework's languages the phone's ``Accept-Language`` asks
for (q-values honoured), else the studio's."""

from __future__ import annotations

from urllib.parse import parse_qs

from studio.services.common.i18n import supported

_MAX_RANGES = 20  # a header listing more is read only this far


def accepted(header: str | None) -> list[str]:
    """Linework's languages in the order ``header`` prefers them, e.g. "fr, es-MX;q=0.8,
    en;q=0.5" → ["es", "en"]. A range with q=0 (or a malformed q) is not wanted; "*" adds
    nothing (the caller falls back anyway)."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")[:_MAX_RANGES]):
        tag, *params = (piece.strip() for piece in part.split(";"))
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
                if not 0.0 <= quality <= 1.0:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, tag))
    found: list[str] = []
    for _quality, _position, tag in sorted(ranges):
        code = supported(tag)
        if code is not None and code not in found:
            found.append(code)
    return found


def asked_in_query(path: str) -> str | None:
    """The language chosen with the form's switch: ``?lang=…`` in ``path``, when it is ours."""
    query = path.partition("?")[2]
    if not query:
        return None
    values = parse_qs(query, max_num_fields=10).get("lang") or [""]
    return supported(values[0][:20])


def choose(path: str, accept_language: str | None, studio_language: str) -> str:
    """The form's language for a request to ``path`` with that Accept-Language header."""
    chosen = asked_in_query(path)
    if chosen is not None:
        return chosen
    preferred = accepted(accept_language)
    return preferred[0] if preferred else (supported(studio_language) or "en")
