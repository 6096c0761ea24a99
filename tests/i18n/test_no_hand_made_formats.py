"""One formatting module: no strftime pattern, no f-string date and no English-only plural helper
left in studio/ (dates, times, numbers and money go through services/common/formats.py,
plurals through ngettext)."""

from __future__ import annotations

import re

from tests.support import ROOT

SOURCE = ROOT / "studio"
FORMATS = SOURCE / "services" / "common" / "formats.py"
# strftime/strptime calls, and format specs with a %-directive: f"{moment:%H:%M}".
HAND_MADE = re.compile(r"\bstrftime\(|\{[^{}\n]*:%[-a-zA-Z]")
# The English-only plural helper that ngettext replaced; nothing may bring it back.
ENGLISH_PLURALS = re.compile(r"\bcount_of\(")


def python_files():
    return sorted(p for p in SOURCE.rglob("*.py") if "locale" not in p.parts)


def test_no_strftime_pattern_is_left_outside_the_formats_module():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for p in python_files() if p != FORMATS
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if HAND_MADE.search(line)]
    assert found == []


def test_the_check_sees_a_strftime_pattern():
    assert HAND_MADE.search('stamp = moment.strftime("%d %b %Y")')
    assert HAND_MADE.search('text = f"{local:%H:%M}"')
    assert not HAND_MADE.search('text = f"{size:,}" + formats.short_time(moment)')


def test_plurals_go_through_ngettext_not_an_english_helper():
    calls = [str(p.relative_to(ROOT)) for p in python_files() if ENGLISH_PLURALS.search(p.read_text(encoding="utf-8"))]
    assert calls == []
