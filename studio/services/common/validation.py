"""Small input checks shared by services. Each raises ValidationError naming the field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from studio.services.common.errors import DomainError, FormErrors, ValidationError
from studio.services.common.i18n import _

# Deliberately simple: one @, something before it, a dotted domain after, no spaces.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def clean_email(email: str, *, field: str = "email") -> str:
    value = normalize_email(email)
    if not value:
        raise ValidationError(_("Enter an email address."), field=field)
    if len(value) > 254 or not EMAIL_RE.match(value):
        raise ValidationError(_("That doesn't look like an email address (name@example.com)."), field=field)
    return value


# What people type into a name or a line of a form is cleaned by one rule, here:
# - whitespace runs (tabs, newlines, no-break and ideographic spaces) become one space;
# - control characters and lone surrogates go: they can't be shown or stored sensibly;
# - characters that take no space go: Unicode's format characters (category Cf: the
#   zero-width space U+200B, word joiner U+2060, byte-order mark U+FEFF, soft hyphen,
#   bidirectional marks and overrides, which can make a name read differently from what
#   is stored) and the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, drawn as nothing —
#   so a name made only of them is empty and refused as such;
# - except the zero-width non-joiner and joiner (U+200C, U+200D) *between two visible
#   characters*: there they are spelling (Persian, Hindi, Malayalam names…) or join an
#   emoji sequence, and are kept; at either end of a word they only hide, and go;
# - variation selectors (U+FE00–FE0F, U+E0100–E01EF: emoji style, the right form of a
#   kanji in a Japanese name) are kept after a visible character, dropped anywhere else.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_JOINERS = frozenset("\u200c\u200d")


def _is_selector(c: str) -> bool:
    return "\ufe00" <= c <= "\ufe0f" or "\U000e0100" <= c <= "\U000e01ef"


def _takes_no_space(c: str) -> bool:
    return unicodedata.category(c) in ("Cf", "Cc", "Cs") or c in _FILLERS or _is_selector(c)


def _visible(c: str) -> bool:
    return not c.isspace() and not _takes_no_space(c)


def _clean_line(line: str) -> str:
    chars = " ".join(line.split())
    kept = []
    for i, c in enumerate(chars):
        if _visible(c) or c == " ":
            kept.append(c)
        elif c in _JOINERS:
            if kept and _visible(kept[-1]) and i + 1 < len(chars) and _visible(chars[i + 1]):
                kept.append(c)
        elif _is_selector(c) and kept and _visible(kept[-1]):
            kept.append(c)
    return " ".join("".join(kept).split())


def one_line(value: str) -> str:
    """A name or a one-line field, cleaned by the rule above; empty when nothing visible is left."""
    return _clean_line(str(value))


def multi_line(value: str) -> str:
    """Notes or an address: each line cleaned by the rule above, blank lines at the ends dropped."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_clean_line(line) for line in text.split("\n")).strip("\n")


def clean_text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """``label`` names the field inside a sentence ("studio name"), marked with N_ by the
    caller and translated here."""
    text = one_line(value)
    if required and not text:
        # Translators: {label} is a field named inside a sentence, e.g. "studio name".
        raise ValidationError(_("Enter a {label}.").format(label=_(label)), field=field)
    if len(text) > max_length:
        raise ValidationError(_("The {label} can be at most {max} characters.").format(
            label=_(label), max=max_length), field=field)
    return text


def gather(checks: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run every check, not just up to the first that fails: the cleaned values by field,
    or FormErrors naming each field that was refused (a form shows them all at once).
    A check refuses by raising a DomainError that names its field (or is keyed by it)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, check in checks.items():
        try:
            values[key] = check()
        except FormErrors as error:
            errors.update(error.errors)
        except DomainError as error:
            if error.field is None and not isinstance(error, ValidationError):
                raise  # not about a field: a permission, a missing record…
            errors.setdefault(error.field or key, error.message)
    if errors:
        raise FormErrors(errors)
    return values
