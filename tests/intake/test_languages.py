"""The phone form in the phone's language (Accept-Language, the switch, the studio's as the
fallback), release texts per language with the fallback said on the form, and the consent
PDF in the language the client signed in — through the real server on 127.0.0.1."""

from __future__ import annotations

import io
import re
import threading

import pypdf
import pytest

from tests.intake.conftest import good_fields, jpeg_bytes, multipart, path_of, request

SPANISH_RELEASE = "Confirmo que me hago este tatuaje por voluntad propia.\n\nEntiendo que es permanente."


@pytest.fixture
def walkin_path(studio):
    return path_of(studio.services.intake.walkin_qr(studio.admin).url)


def pdf_words(path) -> str:
    """The PDF's text with every run of spaces and line breaks made one space (table cells wrap)."""
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)"', body).group(1)


def hidden(body: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', body).group(1)


def action_of(body: str) -> str:
    return re.search(r'<form method="post" action="([^"]+)"', body).group(1).replace("&amp;", "&")


@pytest.mark.parametrize(("accept", "lang", "words"), [
    ("es-ES,es;q=0.9", "es", ("Bienvenido/a", "Nombre completo", "Paso 1 de 5", "Revisa antes de enviar")),
    ("pt-BR,pt;q=0.9,en;q=0.5", "pt-BR", ("Boas-vindas", "Nome completo", "Etapa 1 de 5", "Confira antes de enviar")),
    ("en-GB,en;q=0.9", "en", ("Welcome", "Full name", "Step 1 of 5", "Check before you send")),
    ("fr-FR,de;q=0.8", "en", ("Welcome", "Full name")),  # none of ours: the studio's (English)
    ("en;q=0.2, es-MX;q=0.8, fr", "es", ("Bienvenido/a",)),  # q-values, not the order, decide
    ("es;q=0, en", "en", ("Welcome",)),  # q=0: not wanted
])
def test_the_form_speaks_the_language_the_phone_asks_for(studio, server, walkin_path, accept, lang, words):
    reply = request(server, "GET", walkin_path, headers={"Accept-Language": accept})
    assert reply.status == 200
    assert html_lang(reply.body) == lang
    for word in words:
        assert word in reply.body
    # The words the script writes into the summary come from the page, in its language.
    assert ('data-title="Revisa antes de enviar"' in reply.body) == (lang == "es")


def test_without_accept_language_the_form_speaks_the_studio_language(studio, server_factory, walkin_path):
    assert html_lang(request(server_factory(), "GET", walkin_path).body) == "en"
    settings = studio.services.settings.studio()
    studio.services.settings.update(studio.admin, name=settings.name, timezone=settings.timezone,
                                    currency=settings.currency, idle_lock_minutes=settings.idle_lock_minutes,
                                    language="pt_BR")
    body = request(server_factory(), "GET", walkin_path).body  # a server started after the change
    assert html_lang(body) == "pt-BR" and "Nome completo" in body
    # The studio's English release is all there is: the Portuguese form says so.
    assert "Este texto só está disponível em English." in body


def test_each_request_keeps_its_own_language_on_the_server_threads(studio, server, walkin_path):
    seen: dict[str, list[str]] = {"es": [], "pt_BR": [], "en": []}
    headers = {"es": "es", "pt_BR": "pt-BR", "en": "en-US"}

    def ask(code: str) -> None:
        for _round in range(6):
            seen[code].append(html_lang(request(server, "GET", walkin_path,
                                                headers={"Accept-Language": headers[code]}).body))

    threads = [threading.Thread(target=ask, args=(code,)) for code in seen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert seen == {"es": ["es"] * 6, "pt_BR": ["pt-BR"] * 6, "en": ["en"] * 6}


def test_the_switch_reloads_the_form_in_the_chosen_language_and_posts_in_it(studio, server, walkin_path):
    spanish = request(server, "GET", walkin_path, headers={"Accept-Language": "es"}).body
    switch = re.search(r'<nav class="langs"[^>]*>(.*?)</nav>', spanish).group(1)
    links = dict((label, href.replace("&amp;", "&"))
                 for href, label in re.findall(r'formaction="([^"]+)"[^>]*>([^<]+)</button>', switch))
    assert links == {"English": f"{walkin_path}?lang=en", "Español": f"{walkin_path}?lang=es",
                     "Português (Brasil)": f"{walkin_path}?lang=pt_BR"}
    assert 'aria-current="true">Español' in switch
    assert switch.count('form="intake" name="switch_language"') == 3

    # The person picks Português although the phone asks for Spanish.
    reply = request(server, "GET", links["Português (Brasil)"], headers={"Accept-Language": "es"})
    assert reply.status == 200 and html_lang(reply.body) == "pt-BR"
    action = action_of(reply.body)
    assert action == f"{walkin_path}?lang=pt_BR"  # the choice goes with the form

    # Refused (no signature): sent back in Portuguese, still posting in Portuguese.
    body, content_type = multipart(good_fields(hidden(reply.body, "csrf"), signature=""))
    refused = request(server, "POST", action, body, {"Content-Type": content_type, "Accept-Language": "es"})
    assert refused.status == 422 and html_lang(refused.body) == "pt-BR"
    assert "Assine com o dedo no quadro." in refused.body and action_of(refused.body) == action

    body, content_type = multipart(good_fields(hidden(refused.body, "csrf")))
    done = request(server, "POST", action, body, {"Content-Type": content_type, "Accept-Language": "es"})
    assert done.status == 200 and "Obrigado, Rosa!" in done.body and html_lang(done.body) == "pt-BR"
    submission = studio.services.intake.submissions(studio.desk)[0]
    review = studio.services.intake.review(studio.admin, submission.id)
    assert (review.language, review.release_language) == ("pt_BR", "en")


def test_the_switch_keeps_what_was_typed_and_stores_nothing(studio, server, walkin_path):
    english = request(server, "GET", walkin_path).body
    typed = good_fields(hidden(english, "csrf"), full_name="Rosa <b>Amaral</b>", allergies="Látex & níquel",
                        switch_language="pt_BR")
    body, content_type = multipart(typed, [("idea.jpg", jpeg_bytes())])
    reply = request(server, "POST", f"{walkin_path}?lang=pt_BR", body, {"Content-Type": content_type})
    assert reply.status == 200 and html_lang(reply.body) == "pt-BR"
    assert 'value="Rosa &lt;b&gt;Amaral&lt;/b&gt;"' in reply.body  # as typed, and still plain text
    assert "Látex &amp; níquel" in reply.body and 'value="Left wrist"' in reply.body
    assert "As fotos não passam para outro idioma: escolha-as de novo." in reply.body
    assert action_of(reply.body) == f"{walkin_path}?lang=pt_BR"
    assert studio.services.intake.submissions(studio.desk) == []


def test_errors_a_phone_sees_are_in_its_language(studio, server, walkin_path):
    gone = request(server, "GET", "/w/" + "x" * 40, headers={"Accept-Language": "es"})
    assert gone.status == 404 and "Este código no funciona" in gone.body and html_lang(gone.body) == "es"
    english = request(server, "GET", "/w/" + "x" * 40)
    assert english.status == 404 and "It has expired or is not valid." in english.body


def test_a_language_without_a_release_falls_back_to_the_studio_text_and_says_so(studio, server, walkin_path):
    spanish = request(server, "GET", walkin_path, headers={"Accept-Language": "es"}).body
    assert "Este texto solo está disponible en English." in spanish
    assert "I confirm that I am getting this tattoo" in spanish  # the studio's English words, untranslated
    assert hidden(spanish, "release_language") == "en" and hidden(spanish, "release_version") == "1"
    assert '<div class="release" id="release" lang="en">' in spanish

    studio.services.intake.set_release_text(studio.admin, SPANISH_RELEASE, "es")
    spanish = request(server, "GET", walkin_path, headers={"Accept-Language": "es"}).body
    assert "solo está disponible" not in spanish and "Confirmo que me hago este tatuaje" in spanish
    assert hidden(spanish, "release_language") == "es" and hidden(spanish, "release_version") == "1"
    english = request(server, "GET", walkin_path, headers={"Accept-Language": "en"}).body
    assert "I confirm that I am getting this tattoo" in english and "release-notice" not in english
    assert hidden(english, "release_language") == "en"


def test_release_texts_have_one_history_per_language(studio):
    intake = studio.services.intake
    assert intake.release_text().language == "en" and intake.release_text().version == 1
    first = intake.set_release_text(studio.admin, SPANISH_RELEASE, "es")
    assert (first.language, first.version) == ("es", 1)
    second = intake.set_release_text(studio.admin, SPANISH_RELEASE + "\n\nY cuidaré el tatuaje.", "es")
    assert (second.language, second.version) == ("es", 2)
    english = intake.set_release_text(studio.admin, "Version two in English.")  # the studio's language
    assert (english.language, english.version) == ("en", 2)
    assert [r.version for r in intake.release_history(studio.admin, "es")] == [2, 1]
    assert [r.version for r in intake.release_history(studio.admin, "en")] == [2, 1]
    assert intake.release_history(studio.admin, "pt_BR") == []
    assert intake.release_text("es").body.endswith("Y cuidaré el tatuaje.")
    fallback = intake.release_text("pt_BR")
    assert (fallback.language, fallback.body) == ("en", "Version two in English.")
    texts = intake.release_languages()
    assert texts["pt_BR"] is None and texts["es"].version == 2 and texts["en"].version == 2
    from studio.services.common import ValidationError

    with pytest.raises(ValidationError) as refused:
        intake.set_release_text(studio.admin, "Texte", "fr")
    assert refused.value.field == "language"
    assert intake.release_history(studio.admin, "en")[0].body == "Version two in English."


def test_a_form_signed_in_spanish_becomes_a_spanish_consent(studio, server, walkin_path):
    studio.services.intake.set_release_text(studio.admin, SPANISH_RELEASE, "es")
    page = request(server, "GET", walkin_path, headers={"Accept-Language": "es-ES"}).body
    fields = good_fields(hidden(page, "csrf"), release_language=hidden(page, "release_language"))
    body, content_type = multipart(fields)
    done = request(server, "POST", action_of(page), body, {"Content-Type": content_type, "Accept-Language": "es-ES"})
    assert done.status == 200 and "¡Gracias, Rosa!" in done.body
    submission = studio.services.intake.submissions(studio.desk)[0]
    result = studio.services.intake.accept(studio.admin, submission.id)

    text = pdf_words(result.pdf_path)
    assert "Consentimiento y exención — Rosa Amaral" in text
    assert "Texto de exención (versión 1)" in text and "Confirmo que me hago este tatuaje" in text
    assert "Leído y firmado en" in text and "Español" in text
    assert "1 jun 2026, 11:00 (Europe/Lisbon)" in text  # Spanish dates, in the studio's time zone
    assert "He leído la exención de arriba y estoy de acuerdo." in text and "aceptado" in text
    assert "Diabetes" in text and "Latex" in text  # what the client typed stays as typed
    assert "Consent and release" not in text and "Signed on the phone" not in text
    [consent] = studio.services.intake.consents_for_client(studio.admin, result.client_id)
    assert consent.language == "es" and consent.release_version == 1


def test_a_fallback_release_is_named_in_the_consent(studio, server, walkin_path):
    page = request(server, "GET", walkin_path, headers={"Accept-Language": "pt-BR"}).body
    body, content_type = multipart(good_fields(hidden(page, "csrf"), release_language="en"))
    assert request(server, "POST", action_of(page), body, {"Content-Type": content_type,
                                                           "Accept-Language": "pt-BR"}).status == 200
    result = studio.services.intake.accept(studio.admin, studio.services.intake.submissions(studio.desk)[0].id)
    text = pdf_words(result.pdf_path)
    assert "Termo de consentimento e responsabilidade — Rosa Amaral" in text
    assert "Este texto foi mostrado em English" in text and "I confirm that I am getting this tattoo" in text
    assert "Português (Brasil)" in text


def test_the_release_dialog_writes_the_chosen_language_text(qtbot, studio, ui):
    from PySide6.QtCore import Qt

    from studio.ui.intake.review import ReleaseTextDialog
    from tests.ui.dialogs import click, focus

    host_for, toasts = ui
    dialog = ReleaseTextDialog(host_for(studio.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.language.isEnabled, timeout=5_000)
    assert dialog.language.currentText() == "English"  # the studio's language first
    assert dialog.editor.toPlainText().startswith("I confirm that I am getting this tattoo")
    assert "Version 1. Saving makes version 2" in dialog.version.text()

    focus(qtbot, dialog.language)
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # English → Español
    assert dialog.language.currentData() == "es"
    assert dialog.version.text() == ("No text in Español yet: clients who read Español see the English text, with "
                                     "a note saying so. Saving makes version 1.")
    assert dialog.editor.toPlainText() == ""
    focus(qtbot, dialog.editor)
    qtbot.keyClicks(dialog.editor, "Confirmo que me hago este tatuaje por voluntad propia.")
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert toasts[-1] == "Release text in Español saved as version 1."

    spanish = studio.services.intake.release_text("es")
    assert (spanish.language, spanish.version, spanish.body) == (
        "es", 1, "Confirmo que me hago este tatuaje por voluntad propia.")
    assert studio.services.intake.release_text("en").version == 1  # English untouched
    assert studio.services.intake.release_history(studio.admin, "pt_BR") == []


def test_switching_language_with_an_unsaved_edit_asks_first(qtbot, studio, ui):
    from PySide6.QtCore import Qt

    from studio.ui.intake.review import ReleaseTextDialog
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.dialogs import find_dialog, focus, press, wait_closed

    def answer(text):
        box = find_dialog(qtbot, QMessageBox, title="Unsaved changes")
        press(qtbot, text, title="Unsaved changes")
        wait_closed(qtbot, box, text)

    host_for, toasts = ui
    dialog = ReleaseTextDialog(host_for(studio.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.language.isEnabled, timeout=5_000)
    focus(qtbot, dialog.editor)
    qtbot.keyClick(dialog.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.editor, " Also: no sunbathing for two weeks.")
    edited = dialog.editor.toPlainText()

    focus(qtbot, dialog.language)
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # English → Español, with the edit unsaved
    answer("Keep editing")
    assert dialog.language.currentData() == "en" and dialog.editor.toPlainText() == edited

    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)
    answer("Save")  # saves English as version 2, then shows Spanish
    qtbot.waitUntil(lambda: dialog.language.currentData() == "es", timeout=5_000)
    assert dialog.isVisible() and dialog.editor.toPlainText() == ""
    assert studio.services.intake.release_text("en").body == edited
    assert toasts[-1] == "Release text saved as version 2."

    focus(qtbot, dialog.editor)
    qtbot.keyClicks(dialog.editor, "Borrador")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing with an edit asks too
    answer("Discard changes")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert studio.services.intake.release_history(studio.admin, "es") == []
