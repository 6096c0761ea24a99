"""One formatting module: no strftime pattern, no f-string date and no count_of English plural
left in studio/ (dates, times, numbers and money go through services/common/formats.py,
plurals through ngettext)."""

from __future__ import annotations

import re

from tests.support import ROOT

SOURCE = ROOT / "studio"
FORMATS = SOURCE / "services" / "common" / "formats.py"
# strftime/strptime calls, and format specs with a %-directive: f"{moment:%H:%M}".
HAND_MADE = re.compile(r"\bstrftime\(|\{[^{}\n]*:%[-a-zA-Z]")
# Files that still build English plurals with count_of, each owned by another part of
# issue #12 (they replace theirs with ngettext). Shrink this list; once it is empty,
# wording.count_of goes.
COUNT_OF_LEFT = {
    "studio/ui/dashboard/page.py",
    "studio/services/backup/service.py",
}


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


def test_count_of_is_called_only_where_another_part_still_has_to_replace_it():
    calls = {str(p.relative_to(ROOT)) for p in python_files()
             if p.name != "wording.py" and re.search(r"\bcount_of\(", p.read_text(encoding="utf-8"))}
    assert calls == COUNT_OF_LEFT  # a file gone from the calls leaves this list too
