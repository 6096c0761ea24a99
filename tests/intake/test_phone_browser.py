"""The phone form in a real browser (Debian's chromium through Playwright, at a phone's
size), arriving in the app's Intake page, accepted there, and read back from the PDF."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tests.intake.conftest import jpeg_bytes

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists() or shutil.which("chromium") is None,
                                reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def window(qtbot, qapp, studio):
    from studio.config import load_config
    from studio.ui.app import build_context, create_app
    from studio.ui.shell.main_window import MainWindow

    ctx = build_context(load_config(studio.services.data_dir), create_app())
    ctx.use_services(studio.services)
    ctx.runner("intake").bind_override = ("127.0.0.1", 0)
    main = MainWindow(ctx, studio.desk, studio.services.settings.studio())
    qtbot.addWidget(main)
    main.show()
    yield main
    ctx.stop_runners()
    assert ctx.tasks.wait_for_done(30_000)
    qapp.processEvents()


def fill_phone_form(page, photo: Path) -> None:
    page.fill("#f-full_name", "Rosa Amaral")
    page.fill("#f-date_of_birth", "1990-04-21")
    page.fill("#f-phone", "+351 912 345 678")
    page.fill("#f-email", "rosa@example.com")
    page.fill("#f-emergency_name", "Pedro Amaral")
    page.fill("#f-emergency_phone", "+351 913 000 111")
    page.click("#s-you button.next")
    page.check("input[name=med_allergy_latex]")
    page.fill("#f-allergies", "Latex gloves")
    page.click("#s-health button.next")
    page.fill("#f-idea_description", "A small swallow in fine line")
    page.fill("#f-idea_placement", "Left wrist")
    page.fill("#f-idea_size", "5 cm")
    page.set_input_files("#f-photos", str(photo))
    page.click("#s-tattoo button.next")
    for box in page.query_selector_all("#s-consent input[name^=consent_]"):
        box.check()
    page.click("#s-consent button.next")
    pad = page.query_selector("#s-sign canvas.pad").bounding_box()
    x, y = pad["x"], pad["y"]
    page.mouse.move(x + 20, y + pad["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 30):
        page.mouse.move(x + 20 + step * 9, y + pad["height"] * (0.7 - 0.4 * ((step % 6) / 6)), steps=2)
    page.mouse.up()


def test_phone_form_in_a_browser_reaches_the_intake_page_and_becomes_a_consent(
        studio, window, browser, qtbot, tmp_path):
    import pypdf

    window.open_page("intake")
    intake_page = window.pages["intake"]
    qtbot.waitUntil(lambda: intake_page.loaded, timeout=10_000)
    intake_page.toggle.click()
    qtbot.waitUntil(lambda: window.ctx.runner("intake").running, timeout=10_000)
    assert "127.0.0.1" in window.status_widgets["intake-server"].text()
    walkin = studio.services.intake.walkin_qr(studio.desk).url
    url = window.ctx.runner("intake").base_url + "/w/" + walkin.rsplit("/", 1)[1]

    photo = tmp_path / "idea.jpg"
    photo.write_bytes(jpeg_bytes((120, 90)))
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#f-full_name')).fontSize)") >= 16
    fill_phone_form(page, photo)
    assert "Rosa Amaral" in page.inner_text("#summary")
    page.click("button.submit")
    page.wait_for_selector("text=Thank you, Rosa!")
    context.close()

    rows = studio.services.intake.submissions(studio.desk)
    assert [r.full_name for r in rows] == ["Rosa Amaral"] and rows[0].photos == 1
    # The page heard about it through the signal, and so did the sidebar.
    qtbot.waitUntil(lambda: intake_page.model.rowCount() == 1, timeout=5_000)
    assert intake_page.model.rows[0].full_name == "Rosa Amaral"
    qtbot.waitUntil(lambda: window.nav["intake"].badge.text() == "1", timeout=5_000)

    intake_page.table.selectRow(0)
    intake_page.review_selected()
    from studio.ui.intake.review import IntakeReviewDialog

    dialog = intake_page.findChild(IntakeReviewDialog)
    qtbot.waitUntil(lambda: dialog.review is not None, timeout=5_000)
    assert dialog.review.health is None  # front desk: health answers are not shown
    with qtbot.waitSignal(dialog.decided, timeout=10_000) as decided:
        dialog.accept_button.click()
    result = decided.args[0]
    assert not result.health_applied
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(result.pdf_path.read_bytes())).pages)
    assert "Rosa Amaral" in text and "release text version 1" in text
    assert "Latex gloves" in text  # the signed health answers are in the archive
    consents = studio.services.intake.consents_for_client(studio.admin, result.client_id)
    assert [c.release_version for c in consents] == [1]
    qtbot.waitUntil(lambda: intake_page.model.rowCount() == 0, timeout=5_000)


def test_the_form_works_with_javascript_off(studio, server, browser):
    walkin = studio.services.intake.walkin_qr(studio.desk).url
    host, port = server.address
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"http://{host}:{port}/w/" + walkin.rsplit("/", 1)[1])
    page.fill("#f-full_name", "Tiago Reis")
    page.fill("#f-date_of_birth", "1985-02-03")
    page.fill("#f-phone", "+351 912 345 679")
    page.fill("#f-emergency_name", "Ana Reis")
    page.fill("#f-emergency_phone", "+351 913 000 112")
    for box in page.query_selector_all("input[name^=consent_]"):
        box.check()
    page.fill("input[name=typed_signature]", "Tiago Reis")
    page.click("button.submit")
    page.wait_for_selector("text=Thank you, Tiago!")
    context.close()
    review = studio.services.intake.review(studio.admin, studio.services.intake.submissions(studio.desk)[0].id)
    assert review.signature_png.startswith(b"\x89PNG")


def test_a_spanish_phone_fills_the_form_in_spanish(studio, server, browser, tmp_path):
    walkin = studio.services.intake.walkin_qr(studio.desk).url
    host, port = server.address
    photo = tmp_path / "idea.jpg"
    photo.write_bytes(jpeg_bytes((120, 90)))
    # The phone's language: Chromium sends it as Accept-Language.
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="es-ES")
    page = context.new_page()
    page.goto(f"http://{host}:{port}/w/" + walkin.rsplit("/", 1)[1])
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.inner_text("#s-you h2") == "Tú" and page.inner_text("#s-you .count") == "Paso 1 de 5"
    assert "Este texto solo está disponible en English." in page.inner_text("#release")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the switch fits the top bar
    fill_phone_form(page, photo)
    summary = page.inner_text("#summary")
    assert "Revisa antes de enviar" in summary and "1 elegida" in summary and "Rosa Amaral" in summary
    page.click("button.submit")
    page.wait_for_selector("text=¡Gracias, Rosa!")
    context.close()
    review = studio.services.intake.review(studio.admin, studio.services.intake.submissions(studio.desk)[0].id)
    assert (review.language, review.release_language, review.release_version) == ("es", "en", 1)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_half_way_keeps_what_was_typed(studio, server, browser, javascript):
    walkin = studio.services.intake.walkin_qr(studio.desk).url
    host, port = server.address
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"http://{host}:{port}/w/" + walkin.rsplit("/", 1)[1])
    page.fill("#f-full_name", "Tiago Reis")
    page.fill("#f-phone", "+351 912 345 679")
    page.click("nav.langs button:has-text('Português (Brasil)')")
    page.wait_for_function("document.documentElement.lang === 'pt-BR'", timeout=10_000)
    assert page.input_value("#f-full_name") == "Tiago Reis"
    assert page.input_value("#f-phone") == "+351 912 345 679"
    assert page.get_attribute("#intake", "action").endswith("?lang=pt_BR")
    context.close()
    assert studio.services.intake.submissions(studio.desk) == []
