"""How an audit row's who, subject and detail read, in each reader's language.

A writer hands ``audit_log.record`` plain text for data (a name, an email, a file name, a
number: shown exactly as given, never translated) or ``Words`` for what Linework itself
says, its message id marked where it is written so Babel extracts it::

    Words(N_("role {role}"), role=Words(ROLE_LABELS[role]))     # a translatable value
    Words(N_("to {path}"), path=str(dest))                      # a data value
    Words.counted(Nn_("{n} photo", "{n} photos"), len(names))   # plural forms
    Words(N_("paid {amount}"), amount=Formatted.money(5000, "EUR"))  # written the reader's way

``record`` keeps the English rendering in the row's columns (the text search and older
readers use them) and the Words as JSON in its ``wording`` column; ``shown`` renders that
again in the current language, and falls back to the stored column for rows written before
wording existed or whose wording cannot be read (a log page never fails on one bad row).

The JSON of a Words is ``{"m": msgid, "v": {name: value}}`` plus ``"p"`` (the plural msgid)
and ``"n"`` for counted ones; a value is a string (data), a Words' JSON, a Formatted one's
``{"f": kind, "a": [parts]}``, or a list of values (read joined with ", "). A row's wording is ``{"actor": …, "subject": …, "detail": [parts]}``
with only the parts that are Words (a detail's data parts stay strings in its list).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Union

from studio.services.common import formats
from studio.services.common.formats import number
from studio.services.common.i18n import catalog, using_language

log = logging.getLogger(__name__)

DETAIL_JOIN = "; "  # between the parts of a detail
LIST_JOIN = ", "  # between the items of a list value

Value = Union[str, "Words", "Formatted", tuple["Value", ...]]
# What record takes for the who and the subject; a detail may be a list of them.
Text = Union[str, "Words", "Formatted"]


class Words:
    """A phrase Linework says, to be read in the reader's language: a marked msgid and the
    values of its {placeholders}. Values are data (anything but Words or a list is kept as
    its ``str``: audit_log.diff writes booleans as yes/no Words) or Words themselves; a list or tuple value reads as its items joined with
    ", ". A counted phrase also has a plural msgid and ``n``, which picks the plural form and
    fills ``{n}`` in the reader's number format unless a value ``n`` is given."""

    __slots__ = ("msgid", "plural", "n", "values")

    def __init__(self, msgid: str, /, **values: object) -> None:
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "plural", None)  # str for a counted phrase
        object.__setattr__(self, "n", None)  # int for a counted phrase
        object.__setattr__(self, "values", tuple(sorted((k, _value(v)) for k, v in values.items())))

    @classmethod
    def counted(cls, forms: tuple[str, str], n: int, /, **values: object) -> Words:
        """The plural pair ``forms`` (marked with Nn_) for ``n``."""
        made = cls(forms[0], **values)
        object.__setattr__(made, "plural", forms[1])
        object.__setattr__(made, "n", int(n))
        return made

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Words are immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(json.dumps(self.to_json(), sort_keys=True))

    def __repr__(self) -> str:
        return f"Words({self.to_json()!r})"

    def render(self) -> str:
        """The phrase in the current language. Raises (KeyError, IndexError, ValueError) for
        a translation whose placeholders do not match its msgid's."""
        found = catalog()
        text = found.ngettext(self.msgid, self.plural, self.n) if self.plural is not None else found.gettext(self.msgid)
        values = {name: _render(value) for name, value in self.values}
        if self.n is not None and "n" not in values:
            values["n"] = number(self.n)
        return text.format(**values)

    def to_json(self) -> dict:
        found: dict = {"m": self.msgid, "v": {name: _value_json(value) for name, value in self.values}}
        if self.plural is not None:
            found.update(p=self.plural, n=self.n)
        return found

    @classmethod
    def from_json(cls, data: object) -> Words:
        """The Words ``to_json`` gave. Raises ValueError for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("m"), str) or not isinstance(data.get("v", {}), dict):
            raise ValueError("not an audit phrase")
        made = cls(data["m"], **{str(k): _value_from_json(v) for k, v in data.get("v", {}).items()})
        if "p" in data:
            if not isinstance(data["p"], str) or not isinstance(data.get("n"), int):
                raise ValueError("a counted phrase needs its plural and n")
            object.__setattr__(made, "plural", data["p"])
            object.__setattr__(made, "n", data["n"])
        return made


class Formatted:
    """A day, a time slot or an amount, kept as its plain parts and written the reader's way
    (formats.py: their language in the studio's region) when read."""

    __slots__ = ("kind", "parts")

    def __init__(self, kind: str, *parts: str | int) -> None:
        if kind not in _FORMATS or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in parts):
            raise ValueError("not a formatted audit value")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "parts", tuple(parts))

    @classmethod
    def day(cls, day: date) -> Formatted:
        return cls("day", day.isoformat())

    @classmethod
    def slot(cls, starts_at: datetime, ends_at: datetime, timezone: str) -> Formatted:
        """A date and a time range in ``timezone``: "14 Mar 2026 14:00–17:00"."""
        return cls("slot", starts_at.isoformat(), ends_at.isoformat(), timezone)

    @classmethod
    def money(cls, cents: int, currency: str) -> Formatted:
        return cls("money", int(cents), currency)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Formatted values are immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Formatted) and (self.kind, self.parts) == (other.kind, other.parts)

    def __hash__(self) -> int:
        return hash((self.kind, self.parts))

    def __repr__(self) -> str:
        return f"Formatted({self.kind!r}, {', '.join(map(repr, self.parts))})"

    def render(self) -> str:
        return _FORMATS[self.kind](*self.parts)

    def to_json(self) -> dict:
        return {"f": self.kind, "a": list(self.parts)}


def _slot(starts_at: str, ends_at: str, timezone: str) -> str:
    starts, ends = datetime.fromisoformat(starts_at), datetime.fromisoformat(ends_at)
    return f"{formats.short_date(starts, timezone)} {formats.time_range(starts, ends, timezone)}"


_FORMATS = {
    "day": lambda day: formats.short_date(date.fromisoformat(day)),
    "slot": _slot,
    "money": lambda cents, currency: formats.money(cents, currency),
}


def _value(value: object) -> Value:
    if isinstance(value, (Words, Formatted)):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_value(item) for item in value)
    return str(value)


def _render(value: Value) -> str:
    if isinstance(value, (Words, Formatted)):
        return value.render()
    if isinstance(value, tuple):
        return LIST_JOIN.join(_render(item) for item in value)
    return value


def _value_json(value: Value) -> object:
    if isinstance(value, (Words, Formatted)):
        return value.to_json()
    if isinstance(value, tuple):
        return [_value_json(item) for item in value]
    return value


def _value_from_json(data: object) -> Value:
    if isinstance(data, str):
        return data
    if isinstance(data, list):
        return tuple(_value_from_json(item) for item in data)
    if isinstance(data, dict) and "f" in data:
        if not isinstance(data.get("a"), list):
            raise ValueError("not a formatted audit value")
        return Formatted(data["f"], *data["a"])
    return Words.from_json(data)


def render(text: Text) -> str:
    """``text`` in the current language: Words and Formatted rendered, data as it is."""
    return _render(text)


def detail_parts(detail: Text | Iterable[Text] | None) -> list[Text]:
    """A detail as its parts (a lone text, a list of them, or nothing); empty ones dropped."""
    if detail is None:
        return []
    parts = [detail] if isinstance(detail, (str, Words, Formatted)) else list(detail)
    return [part for part in parts if _said(part) or part]


def join_detail(parts: Sequence[Text]) -> str:
    """The parts of a detail read in the current language, joined with "; "."""
    return DETAIL_JOIN.join(_render(part) for part in parts)


def wording_json(actor: Text, subject: Text, detail: Sequence[Text]) -> str:
    """What an audit row keeps in ``wording``: the who, subject and detail that are Words or
    Formatted (a detail with any such part is kept whole); "" when all of them are data."""
    found: dict = {}
    if _said(actor):
        found["actor"] = actor.to_json()
    if _said(subject):
        found["subject"] = subject.to_json()
    if any(_said(part) for part in detail):
        found["detail"] = [_value_json(part) for part in detail]
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")) if found else ""


def _said(text: object) -> bool:
    """Whether ``text`` is read in the reader's language (not data as written)."""
    return isinstance(text, (Words, Formatted))


def english(text: Text) -> str:
    """How ``text`` is stored in its column: in English, whatever the writer's language."""
    with using_language("en"):
        return render(text)


def english_detail(parts: Sequence[Text]) -> str:
    with using_language("en"):
        return join_detail(parts)


def shown(actor_name: str, subject: str, detail: str, wording: str, *, row: object = None) -> tuple[str, str, str]:
    """A row's (who, subject, detail) in the current language, from its ``wording``; each
    one its stored column where the wording has none, or cannot be read or rendered."""
    if not wording:
        return actor_name, subject, detail
    try:
        data = json.loads(wording)
        if not isinstance(data, Mapping):
            raise ValueError("not an object")
    except ValueError:
        log.warning("audit row %s: its wording is not JSON; showing the stored text", row)
        return actor_name, subject, detail
    return (_shown_one(data, "actor", actor_name, row), _shown_one(data, "subject", subject, row),
            _shown_one(data, "detail", detail, row))


def _shown_one(data: Mapping, key: str, stored: str, row: object) -> str:
    if key not in data:
        return stored
    try:
        if key == "detail":
            if not isinstance(data[key], list):
                raise ValueError("a detail is a list of parts")
            return join_detail([_value_from_json(part) for part in data[key]])
        if not isinstance(data[key], dict):
            raise ValueError("who and the subject are one phrase each")
        return _render(_value_from_json(data[key]))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        # A damaged row, or a translation whose placeholders differ from its msgid's.
        log.warning("audit row %s: its %s wording cannot be read; showing the stored text", row, key)
        return stored
