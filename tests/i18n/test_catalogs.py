"""The catalogs: complete and in step with the source in every language, loaded by the one
mechanism the services and the widgets share, with each language's plural forms."""

from __future__ import annotations

import importlib.util
import threading

import pytest

from studio.services.common import i18n
from tests.support import ROOT


def catalog_tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_catalog_is_complete_and_in_step_with_the_source():
    tool = catalog_tool()
    assert sorted(tool.languages()) == sorted(code for code in i18n.LANGUAGES if code != "en")
    assert tool.problems() == []


def test_the_check_names_an_untranslated_a_fuzzy_and_a_stale_entry(tmp_path, monkeypatch):
    """Proof that the check above can fail: a copy of the catalogs with each fault."""
    from babel.messages.pofile import read_po, write_po

    tool = catalog_tool()
    monkeypatch.setattr(tool, "LOCALE", tmp_path)
    for language in ("es", "pt_BR"):
        source = ROOT / "studio" / "locale" / language / "LC_MESSAGES" / "linework.po"
        with source.open("rb") as fp:
            catalog = read_po(fp)
        messages = [m for m in catalog if m.id]
        messages[0].string = ""
        messages[1].flags.add("fuzzy")
        catalog.add("A sentence no code says any more.", "Una frase que ya nadie dice.")
        target = tmp_path / language / "LC_MESSAGES" / "linework.po"
        target.parent.mkdir(parents=True)
        with target.open("wb") as fp:
            write_po(fp, catalog)
    found = tool.problems()
    for language in ("es", "pt_BR"):
        assert any(line.startswith(f"{language}: not translated") for line in found)
        assert any(line.startswith(f"{language}: fuzzy") for line in found)
        assert f"{language}: no longer in the source (run update): 'A sentence no code says any more.'" in found


@pytest.mark.parametrize("code, expected", [
    ("es", "Escribe un importe."), ("pt_BR", "Digite um valor."), ("en", "Enter an amount."),
])
def test_a_sentence_reads_in_the_language_in_use(code, expected):
    with i18n.using_language(code):
        assert i18n._("Enter an amount.") == expected
    assert i18n.current_language() == i18n.DEFAULT_LANGUAGE


def test_a_language_set_for_one_thread_does_not_leak_into_another():
    seen = {}

    def phone():
        with i18n.using_language("pt_BR"):
            seen["phone"] = i18n._("Enter an amount.")

    with i18n.using_language("es"):
        worker = threading.Thread(target=phone)
        worker.start()
        worker.join(10)
        seen["desk"] = i18n._("Enter an amount.")
    assert seen == {"phone": "Digite um valor.", "desk": "Escribe un importe."}


@pytest.mark.parametrize("given, known", [
    ("pt-BR", "pt_BR"), ("pt", "pt_BR"), ("es_MX", "es"), ("ES", "es"), ("en-GB", "en"), ("fr", None), ("", None),
])
def test_a_language_code_is_read_as_one_linework_speaks(given, known):
    assert i18n.supported(given) == known


def test_a_checkout_without_compiled_catalogs_reads_the_po_files(tmp_path, monkeypatch):
    """Before `make` has compiled them (or after a .po changed), the .po is read instead."""
    import shutil

    for language in ("es", "pt_BR"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / "studio" / "locale" / language / "LC_MESSAGES" / "linework.po", folder)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.forget_catalogs()
    try:
        with i18n.using_language("es"):
            assert i18n._("Enter an amount.") == "Escribe un importe."
    finally:
        monkeypatch.undo()
        i18n.forget_catalogs()
