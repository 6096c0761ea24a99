"""Text that people typed (on a phone or at the desk) is shown as text everywhere: every
field of a client and of a phone form is filled with markup, every page and dialog that
shows them is opened, and every visible label, message box and tooltip is walked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.intake import FormKind, PhoneDesk
from tests.intake.conftest import good_fields
from tests.ui.dialogs import find_dialog, press

MARKUP = '<b><font color=red size=6>Bold</font></b><img src="file:///etc/hostname">'


def rendered_as_rich_text(widget: QWidget) -> list[str]:
    """Where ``widget`` or its children would render our markup as markup."""
    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        texts = []
        if isinstance(w, (QLabel, QMessageBox)):
            texts.append(("text", w.text(), w.textFormat()))
        if isinstance(w, QMessageBox):
            texts.append(("informative text", w.informativeText(), w.textFormat()))
        for what, text, fmt in texts:
            if "<b>" in text and (fmt == Qt.TextFormat.RichText
                                  or (fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text))):
                found.append(f"{type(w).__name__} {w.objectName()!r} {what}: {text[:60]!r}")
        if "<b>" in w.toolTip():  # tooltips have no plain mode: ours are escaped (plain_tip)
            found.append(f"{type(w).__name__} {w.objectName()!r} tooltip: {w.toolTip()[:60]!r}")
    return found


def sweep() -> list[str]:
    found = []
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            found += rendered_as_rich_text(top)
    return found


def test_markup_typed_anywhere_is_shown_as_text_everywhere(qtbot, window, settle, studio):
    services, admin, _ = studio
    client = services.clients.create(admin, ClientInput(
        full_name=f"Ana {MARKUP}", preferred_name=MARKUP, pronouns="<i>she</i>", email="ana@example.com",
        address=MARKUP, emergency_name=f"Rui {MARKUP}", notes=MARKUP,
    ), medical=MedicalInfo(allergies=MARKUP, conditions=MARKUP, medications=MARKUP, notes=MARKUP))
    desk = PhoneDesk(services)
    token = services.intake.walkin_qr(admin).url.rsplit("/", 1)[1]
    form = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(
        form.csrf, full_name=f"Rosa {MARKUP}", emergency_name=MARKUP, allergies=MARKUP,
        idea_description=MARKUP, idea_placement=MARKUP, idea_size="<u>5</u> cm"), [])
    submission = services.intake.submissions(admin)[0].id

    seen = {}
    for key in list(window.nav):
        window.open_page(key)
        settle()
        seen[f"page {key}"] = sweep()

    window.open_page("clients")
    settle()
    window.pages["clients"].open_record(client.id)
    dialog = find_dialog(qtbot, QDialog, title=f"Ana {MARKUP} · Client")
    settle()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        settle()
        seen[f"client tab {dialog.tabs.tabText(index)}"] = sweep()
    dialog.reject()
    settle()

    window.open_page("intake")
    settle()
    window.pages["intake"].open_record(submission)
    review = find_dialog(qtbot, QDialog, title="Review intake form")
    settle()
    seen["intake review"] = sweep()
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=15_000)
    settle()
    assert "Rosa" in window.message.text()  # the toast names the client: as text
    seen["toast after accepting"] = sweep()

    window.open_page("clients")
    settle()
    window.pages["clients"].open_record(client.id)
    again = find_dialog(qtbot, QDialog, title=f"Ana {MARKUP} · Client")
    settle()
    again.details.full_name.setText(f"Rosa {MARKUP}")  # the same name as the accepted client
    again.details.email.setText("")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    settle()
    seen["client saved"] = sweep()
    again.dirty = False
    again.reject()
    settle()

    assert {where: what for where, what in seen.items() if what} == {}


def test_the_already_on_file_question_shows_names_as_text(qtbot, window, settle, studio):
    services, admin, _ = studio
    services.clients.create(admin, ClientInput(full_name=f"Rosa {MARKUP}", phone="+351 912 345 678"))
    desk = PhoneDesk(services)
    token = services.intake.walkin_qr(admin).url.rsplit("/", 1)[1]
    form = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(form.csrf, full_name=f"Rosa {MARKUP}"), [])
    window.open_page("intake")
    settle()
    window.pages["intake"].open_record(services.intake.submissions(admin)[0].id)
    review = find_dialog(qtbot, QDialog, title="Review intake form")
    settle()
    if review.file_under is not None:  # a new client, not filed under the one on file
        review.file_under.setCurrentIndex(0)
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    box = find_dialog(qtbot, QMessageBox, title="Already on file")
    assert box.textFormat() == Qt.TextFormat.PlainText and "<b>" in box.text()
    assert sweep() == []
    press(qtbot, "Cancel", title="Already on file")
    review.reject()
    settle()
