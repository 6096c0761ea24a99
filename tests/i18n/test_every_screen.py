"""Every page and dialog, opened offscreen in another language, shows no English outside
studio data; a refused action's sentence reaches the screen in the staff member's language.

- The pseudo sweep proves the marking is complete: in a catalog where every string is its
  English wrapped in ⟦…⟧ (tests/i18n/pseudo.py), every text the tour (tests/i18n/tour.py)
  reads must be wrapped, and so must the values filled into its {placeholders}, unless it
  is studio data (tour.STUDIO_DATA), a date in the language's own month names, a number, an
  address, a path, a code or the brand (tests/i18n/visible.py).
- The real sweep proves the catalogs are used and complete for what is on screen: in "es"
  and "pt_BR" no text may read as an English msgid whose translation differs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QCoreApplication, Qt

from studio.services.common import DomainError, i18n
from studio.ui.kit.language import apply as apply_language
from tests.i18n.pseudo import PSEUDO_LANGUAGE, pattern_of, wrap, write_pseudo_catalog
from tests.i18n.tour import STUDIO_DATA, Tour, studio_data
from tests.i18n.visible import QT_BUTTON, Seen, forget_qt_texts, unmarked, words_of
from tests.support import ROOT
from tests.ui.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, ARTIST_EMAIL, open_window

# What Qt writes on its own standard buttons in English: in another language these come
# from Qt's translations, never from Linework's catalog.
QT_ENGLISH_BUTTONS = {"OK", "Cancel", "Save", "Close", "Yes", "No", "Apply", "Discard", "Open", "Reset", "Help",
                      "Abort", "Retry", "Ignore", "Save All", "Yes to All", "No to All", "Restore Defaults",
                      "Don't Save", "Close without Saving"}


@pytest.fixture(scope="session")
def pseudo_dir(tmp_path_factory) -> Path:
    """A locale folder whose "es" catalog wraps every marked string in ⟦…⟧."""
    folder = tmp_path_factory.mktemp("pseudo-locale")
    write_pseudo_catalog(folder)
    return folder


@pytest.fixture
def speak(monkeypatch):
    """``speak(language, locale_dir=None)``: Linework's catalogs read from ``locale_dir``
    (default: studio/locale) and the process speaking ``language``; English again after."""

    def chosen(language: str, locale_dir: Path | None = None) -> None:
        if locale_dir is not None:
            monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
        i18n.forget_catalogs()
        apply_language(language)  # as a sign-in does: Linework's catalogs and Qt's own
        forget_qt_texts()

    yield chosen
    apply_language(i18n.DEFAULT_LANGUAGE)
    i18n.forget_catalogs()
    forget_qt_texts()


@pytest.fixture
def sweep(speak, qtbot, ctx, settle, studio, tmp_path):
    """``sweep(language, locale_dir=None)``: the studio, its admin and the studio all in
    ``language``, the admin's window opened and toured; returns every distinct text read."""

    def run(language: str, locale_dir: Path | None = None) -> list[Seen]:
        speak(language, locale_dir)
        services, admin, _artist = studio
        old = services.settings.studio()
        services.settings.update(admin, name=old.name, timezone=old.timezone, currency=old.currency,
                                 idle_lock_minutes=old.idle_lock_minutes, language=language)
        admin = services.staff.set_own_language(admin, language)
        data = studio_data(services, admin, tmp_path)
        window = open_window(qtbot, ctx, settle, services, admin)
        try:
            return Tour(qtbot, ctx, window, settle, data).run(tmp_path)
        finally:
            window.idle.stop()
            window.close()
            settle()

    return run


def report(lines: list[str], what: str) -> str:
    return f"{len(lines)} {what}:\n  " + "\n  ".join(sorted(set(lines)))


# --- 1. every text marked -------------------------------------------------------------------

def test_every_screen_shows_only_marked_text_in_a_pseudo_language(sweep, pseudo_dir):
    """Each line of a failure is one text, the widget it came from and where the tour was;
    the words after “—” are the English left outside ⟦…⟧ (or inside a value filled into a
    marked sentence). Mark the string where that widget gets its text (see the brief's rules),
    or, if it is studio data the tour made, add it to tour.STUDIO_DATA."""
    seen = sweep(PSEUDO_LANGUAGE, pseudo_dir)
    assert len(seen) > 200, f"the tour read only {len(seen)} texts: it did not reach the screens"
    left = []
    for item in seen:
        if item.kind == QT_BUTTON:  # Qt's translations say those, not Linework's catalog
            continue
        words = unmarked(item.text, STUDIO_DATA, PSEUDO_LANGUAGE)
        if words:
            left.append(f"{item.line()} — {' '.join(dict.fromkeys(words))}")
    marked = sum("⟦" in item.text for item in seen)
    assert not left, report(left, f"texts not marked for translation ({marked} of {len(seen)} were)")


def test_the_pseudo_sweep_tells_marked_from_unmarked_text():
    """The judgement the sweep makes, on texts of each kind (proof that it can fail)."""
    data = ("Ana Ruiz", "Ink & Iron")
    language = PSEUDO_LANGUAGE
    assert unmarked("Clients", data, language) == ["Clients"]
    assert unmarked(wrap("Clients"), data, language) == []
    assert unmarked(wrap("Version 2.") + " Saving makes version 3", data, language) == ["Saving", "makes", "version"]
    assert unmarked("Ana Ruiz · ana@studio.test · https://10.0.0.2:8765/i/abc", data, language) == []
    assert unmarked("/tmp/pytest-1/data/backups · Europe/Lisbon · 12,5 MB · 1.234,50 EUR", data, language) == []
    assert unmarked("11 abr 1969, 14:05", data, language) == []
    assert unmarked("11 Apr 1969", data, language) == ["Apr"]  # an English date in a Spanish screen
    assert unmarked("Linework 0.4.0 · Español · Português (Brasil) · 3 · — · ✓", data, language) == []
    assert words_of("Sign in to Ink & Iron", data, language) == ["Sign", "in", "to"]


def test_a_value_filled_into_a_marked_sentence_is_judged_too(monkeypatch):
    """“⟦Signed in as Ana Ruiz (admin)⟧”: the sentence is marked, the role filled into it is not."""
    import tests.i18n.pseudo as pseudo

    monkeypatch.setattr(pseudo, "english_sources", lambda: {"Signed in as {name} ({role})"})
    pseudo.patterns.cache_clear()
    try:
        assert unmarked(wrap("Signed in as Ana Ruiz (admin)"), ("Ana Ruiz",), PSEUDO_LANGUAGE) == ["admin"]
        assert unmarked(wrap(f"Signed in as Ana Ruiz ({wrap('admin')})"), ("Ana Ruiz",), PSEUDO_LANGUAGE) == []
    finally:
        pseudo.patterns.cache_clear()


# --- 2. the real catalogs --------------------------------------------------------------------

def translated_english(language: str) -> list[tuple[str, re.Pattern, bool]]:
    """Each English msgid the ``language`` catalog translates differently: (msgid, its
    pattern, whether to look for it inside longer texts too)."""
    with (ROOT / "studio" / "locale" / language / "LC_MESSAGES" / "linework.po").open("rb") as source:
        catalog = read_po(source)
    found = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not any(strings) or set(strings) <= set(english):
            continue  # untranslated (test_catalogs says so) or the same in both languages
        for index, text in enumerate(english):
            # A plural's singular reads as the first form, its plural as the others: a form the
            # language writes the same ("{n} item" in Portuguese too) is not English left over.
            own = strings[:1] if index == 0 else strings[1:]
            if text in own:
                continue
            compiled = pattern_of(text)
            if compiled is not None:
                words = len(re.sub(r"\{[^{}]*\}", " ", text).split())
                found.append((text, compiled, words >= 3 and "{" not in text))
    return found


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_every_screen_in_each_real_catalog_shows_no_english(sweep, language):
    """Each line of a failure is one text
    that still reads as an English msgid (named after “=”), where it was, and why: a string
    shown without ``_()`` where it is displayed (an N_ constant never translated), a
    translation missing from the catalog, or a text cached in English before the language
    was set. Qt's own buttons in English mean Qt's translations are not loaded."""
    seen = sweep(language)
    english = translated_english(language)
    assert english, f"the {language} catalog translates nothing yet"
    left = []
    for item in seen:
        text = item.text.strip()
        if item.kind == QT_BUTTON:
            # "OK" is also Portuguese: English only where Qt's catalog has another word.
            if text in QT_ENGLISH_BUTTONS and QCoreApplication.translate("QPlatformTheme", text) != text:
                left.append(f"{item.line()}: Qt's own button in English (Qt's translations for {language} not loaded)")
            continue
        for msgid, compiled, inside in english:
            if compiled.fullmatch(text) or (inside and msgid in text):
                left.append(f"{item.line()} = {msgid!r}")
                break
    assert not left, report(left, f"English texts on {language} screens")


# --- 3. a domain error in the staff member's language ------------------------------------------

def test_a_refused_action_reaches_the_screen_in_the_staff_members_own_language(qtbot, ctx, settle, studio,
                                                                              speak, pseudo_dir):
    """The studio speaks English; Ana, its admin, chose Spanish for her own screens. She
    signs in and adds a staff member with Mara's email: the staff service refuses, and its
    sentence reaches her form through the catalog of her language (here the pseudo one, so
    it comes out wrapped in ⟦…⟧: not the English the service would say to someone else)."""
    from studio.ui.accounts.staff_form import StaffDialog
    from studio.ui.app import Controller
    from tests.ui.dialogs import close_every_dialog, find_dialog

    speak(i18n.DEFAULT_LANGUAGE, pseudo_dir)
    services, admin, _artist = studio
    assert services.settings.studio().language == "en"
    services.staff.set_own_language(admin, PSEUDO_LANGUAGE)
    with i18n.using_language("en"), pytest.raises(DomainError) as refused:
        services.staff.add_staff(admin, name="Lena Vogel", email=ARTIST_EMAIL, role="artist",
                                 password="copper lantern meadow 58")
    english = getattr(refused.value, "errors", {}).get("email") or refused.value.message  # the email field's
    services.db.dispose()  # the controller opens the studio itself

    controller = Controller(ctx)
    controller.start()
    qtbot.addWidget(controller.login)
    qtbot.waitUntil(lambda: ctx.services_ready, timeout=15_000)
    settle()
    form = controller.login.form
    qtbot.keyClicks(form.email, ADMIN_EMAIL)
    qtbot.keyClicks(form.password, ADMIN_PASSWORD)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    main = controller.main
    qtbot.addWidget(main)
    settle()
    try:
        qtbot.mouseClick(main.nav["staff"], Qt.MouseButton.LeftButton)
        settle()
        qtbot.mouseClick(main.pages["staff"].add_button, Qt.MouseButton.LeftButton)
        dialog = find_dialog(qtbot, StaffDialog)
        qtbot.keyClicks(dialog.name, "Lena Vogel")
        qtbot.keyClicks(dialog.email, ARTIST_EMAIL)
        qtbot.keyClicks(dialog.password, "copper lantern meadow 58")
        qtbot.keyClicks(dialog.confirm, "copper lantern meadow 58")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        error = dialog.fields["email"].error
        qtbot.waitUntil(lambda: error.isVisibleTo(dialog) and bool(error.text()), timeout=15_000)
        settle()
        shown = error.text()
        dialog.reject()
        settle()
    finally:
        close_every_dialog()
        main.idle.stop()
        main.close()
        ctx.close_services()
    assert shown == wrap(english), (
        f"the refusal reads “{shown}”; in Ana's language it reads “{wrap(english)}”"
        + (" (it is the English: the sentence is not marked, or her language was not applied at sign-in)"
           if shown == english else ""))
