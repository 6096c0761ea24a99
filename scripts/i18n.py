"""Linework's catalogs, with Babel: extract the marked strings, bring each language's .po up
to date, compile them, and check that none is missing a translation.

    python scripts/i18n.py extract     # studio/locale/linework.pot from the source
    python scripts/i18n.py update      # each .po gains the new strings (to translate) and loses the gone
    python scripts/i18n.py compile     # .po → .mo (make does this when a .po changes)
    python scripts/i18n.py check       # exit 1 naming every untranslated, fuzzy or stale entry
    python scripts/i18n.py add fr      # start a new language's .po from the template

The test suite runs the same check (tests/test_catalogs.py).
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "studio"
LOCALE = SOURCE / "locale"
DOMAIN = "linework"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# _("…"), N_("…"), ngettext("…", "…", n), Nn_("…", "…") (a plural pair marked only), pgettext("context", "…")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "Nn_": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [("**/locale/**", "ignore"), ("**.py", "python")]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extracted() -> Catalog:
    """Every marked string in the source, with where it is used."""
    catalog = Catalog(project="Linework", domain=DOMAIN, charset="utf-8", fuzzy=False,
                      copyright_holder="Linework", msgid_bugs_address="")
    # The app, and the plugins shipped with it (they translate through studio.plugin_api).
    for folder in (SOURCE, ROOT / "plugins"):
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), METHODS, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
            catalog.add(message, None, [(f"{folder.name}/{filename}", lineno)], auto_comments=comments,
                        context=context)
    return catalog


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=False, omit_header=False)
    path.write_bytes(buffer.getvalue())


def extract() -> Catalog:
    """The template (not kept in git: it is made from the source whenever it is needed)."""
    template = extracted()
    _write(TEMPLATE, template)
    return template


def update() -> None:
    template = extract()
    for language in languages():
        catalog = _read(po_path(language))
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # gone from the source: gone from the catalog
        _write(po_path(language), catalog)


def add(language: str) -> None:
    template = extract()
    catalog = Catalog(locale=language, domain=DOMAIN, project="Linework", charset="utf-8", fuzzy=False,
                      copyright_holder="Linework", msgid_bugs_address="")
    catalog.update(template, no_fuzzy_matching=True)
    _write(po_path(language), catalog)


def compile_all(paths: list[Path] | None = None) -> None:
    for path in paths or [po_path(language) for language in languages()]:
        catalog = _read(path)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        path.with_suffix(".mo").write_bytes(buffer.getvalue())


def problems() -> list[str]:
    """What stops a catalog being complete, one sentence each (empty: all is well)."""
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in extracted() if m.id}
    found: list[str] = []
    for language in languages():
        catalog = _read(po_path(language))
        have = {}
        for message in catalog:
            if not message.id:
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            have[key] = message
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{language}: not translated: {key[0]!r}")
            elif message.fuzzy:
                found.append(f"{language}: fuzzy (check it, then drop the flag): {key[0]!r}")
            elif key not in wanted:
                found.append(f"{language}: no longer in the source (run update): {key[0]!r}")
        for key in sorted(wanted - set(have), key=str):
            found.append(f"{language}: missing (run update, then translate): {key[0]!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        print(f"{len(extract())} strings in {TEMPLATE.relative_to(ROOT)}")
    elif command == "update":
        update()
        print("updated: " + ", ".join(languages()))
    elif command == "compile":
        compile_all([Path(a) for a in argv[1:]] or None)
    elif command == "add" and len(argv) == 2:
        add(argv[1])
        print(f"started {po_path(argv[1]).relative_to(ROOT)}")
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problems in {', '.join(languages())}" if found else "every catalog is complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
