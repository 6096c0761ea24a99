"""A pseudo-translation of every marked string: each msgstr is its msgid wrapped in
⟦…⟧ (plural forms and contexts too, {placeholders} kept inside), compiled with Babel into a
folder laid out like studio/locale, so a screen built in that language shows at a glance
which of its texts went through the catalog and which did not."""

from __future__ import annotations

import importlib.util
import re
import string
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from tests.support import ROOT

OPEN, CLOSE = "⟦", "⟧"
# A language Linework accepts, so set_language keeps it; its real catalog is set aside.
PSEUDO_LANGUAGE = "es"


def wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


@cache
def catalog_tool():
    """scripts/i18n.py, which extracts the marked strings with Babel."""
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def marked() -> tuple:
    """Every (msgid, context) the source marks; msgid is a (singular, plural) pair for plurals."""
    return tuple((m.id, m.context) for m in catalog_tool().extracted() if m.id)


def write_pseudo_catalog(locale_dir: Path, language: str = PSEUDO_LANGUAGE) -> Path:
    """``locale_dir/<language>/LC_MESSAGES/linework.mo`` with every marked string wrapped."""
    catalog = Catalog(locale=language, domain="linework", charset="utf-8", fuzzy=False)
    for msgid, context in marked():
        if isinstance(msgid, tuple):
            singular, plural = msgid
            forms = (wrap(singular),) + (wrap(plural),) * (catalog.num_plurals - 1)
            catalog.add(msgid, forms, context=context)
        else:
            catalog.add(msgid, wrap(msgid), context=context)
    target = locale_dir / language / "LC_MESSAGES" / "linework.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_mo(out, catalog)
    return target


def english_sources() -> set[str]:
    """Every English text a catalog translates: the msgids and plural msgids."""
    found: set[str] = set()
    for msgid, _context in marked():
        found.update(msgid if isinstance(msgid, tuple) else (msgid,))
    return found


@cache
def pattern_of(msgid: str) -> re.Pattern | None:
    """``msgid`` as a regular expression whose groups are its {placeholders}' values
    (None for a msgid that is not a valid format string)."""
    try:
        parts = list(string.Formatter().parse(msgid))
    except ValueError:
        return None
    regex = []
    for literal, field, _spec, _conversion in parts:
        # The screen reader collapses whitespace (a line break reads as a space).
        regex.append(r"\s+".join(re.escape(piece) for piece in re.split(r"\s+", literal)))
        if field is not None:
            regex.append("(.*?)")
    return re.compile("".join(regex), re.DOTALL)


@cache
def patterns() -> tuple[tuple[int, re.Pattern], ...]:
    """Every msgid's pattern, most literal text first (the most specific match wins)."""
    found = []
    for text in english_sources():
        compiled = pattern_of(text)
        if compiled is not None:
            literal = len(re.sub(r"\{[^{}]*\}", "", text))
            found.append((literal, compiled))
    found.sort(key=lambda pair: -pair[0])
    return tuple(found)


def placeholder_values(inside: str) -> list[str] | None:
    """The values filled into the marked string ``inside`` (the text between ⟦ and ⟧), or
    None when no marked string reads like it."""
    for _literal, compiled in patterns():
        match = compiled.fullmatch(inside)
        # A value cuts no marked string in two: "⟦Filter" is not a value of "{a} by {b}".
        if match is not None and all(g.count(OPEN) == g.count(CLOSE) for g in match.groups()):
            return list(match.groups())
    return None
