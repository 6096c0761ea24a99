"""The Clients page and client view, driven through real widgets on a real database."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt

from studio.services import audit
from studio.services.clients import ClientInput, MedicalInfo
from studio.ui.clients.dialog import ClientDialog
from tests.ui.conftest import open_window
from tests.ui.dialogs import choose_path, press

NAMES = ["Zoë Martín", "Zoe Adams", "Björn Ålund", "Chloé Dubois", "Noah Kim", "Amara Okafor",
         "Liam O'Brien", "Mateo García", "Saoirse Byrne", "Yuki Tanaka"]


@pytest.fixture
def people(studio):
    services, admin, _artist = studio
    ids = {}
    for i, name in enumerate(NAMES):
        phone = "+1 (646) 412-3456" if name == "Zoë Martín" else f"+1 212 555 {1000 + i:04d}"
        detail = services.clients.create(admin, ClientInput(full_name=name, phone=phone,
                                                            email=f"client{i}@mail.test",
                                                            date_of_birth=date(1990, 1, 1 + i)))
        ids[name] = detail.id
    return ids


def open_clients(window, settle):
    window.open_page("clients")
    settle()
    return window.pages["clients"]


def test_typing_in_search_shrinks_the_table(qtbot, window, settle, people):
    page = open_clients(window, settle)
    assert page.model.rowCount() == len(NAMES)
    assert page.count_label.text() == "10 clients"
    qtbot.keyClicks(page.search, "zoe")
    qtbot.waitUntil(lambda: page.model.query == "zoe", timeout=3_000)
    settle()
    assert sorted(r.full_name for r in page.model.rows) == ["Zoe Adams", "Zoë Martín"]
    page.search.clear()
    qtbot.keyClicks(page.search, "646 41")
    qtbot.waitUntil(lambda: page.model.query == "646 41", timeout=3_000)
    settle()
    assert [r.full_name for r in page.model.rows] == ["Zoë Martín"]
    page.search.setText("nobody-like-this")
    qtbot.waitUntil(lambda: page.model.query == "nobody-like-this", timeout=3_000)
    settle()
    assert page.model.rowCount() == 0 and page.no_match.isVisibleTo(page)


def test_empty_studio_says_what_to_do(qtbot, window, settle, studio):
    page = open_clients(window, settle)
    assert page.empty.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert "Add a client" in page.empty.text.text()


def test_model_passes_the_qt_model_tester(qtmodeltester, window, settle, people):
    page = open_clients(window, settle)
    qtmodeltester.check(page.model)


def test_sorting_by_age_asks_the_service(qtbot, window, settle, people):
    page = open_clients(window, settle)
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    settle()
    ages = [r.age for r in page.model.rows]
    assert ages == sorted(ages)


def test_form_marks_invalid_fields_and_saves_nothing_until_valid(qtbot, window, settle, studio):
    services, admin, _ = studio
    dialog = ClientDialog(window.host, None, window)
    qtbot.addWidget(dialog)
    form = dialog.details
    form.full_name.setText("")
    form.email.setText("not-an-email")
    form.phone.setText("12")
    form.date_of_birth.setDate(date.today() + timedelta(days=30))
    dialog.save()
    settle()
    for key in ("full_name", "email", "phone", "date_of_birth"):
        assert form.fields[key].error.isVisibleTo(dialog), key
    assert "future" in form.fields["date_of_birth"].error.text()
    assert services.clients.count(admin) == 0
    form.full_name.setText("Zoë Martín")
    form.email.setText("zoe@mail.test")
    form.phone.setText("+351 912 345 678")
    form.date_of_birth.setDate(date(1995, 6, 1))
    dialog.medical.checks["allergy_latex"].setChecked(True)
    dialog.medical.allergies.setPlainText("Latex gloves")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save()
    detail = saved.args[0]
    assert detail.full_name == "Zoë Martín" and detail.phone == "+351912345678"
    info = services.clients.medical(admin, detail.id)
    assert "allergy_latex" in info.checks and info.allergies == "Latex gloves"


def test_leaving_a_field_shows_its_error_only(qtbot, window, settle, studio):
    dialog = ClientDialog(window.host, None, window)
    qtbot.addWidget(dialog)
    dialog.details.email.setText("nope")
    dialog.details.email.editingFinished.emit()
    settle()
    assert dialog.details.fields["email"].error.isVisibleTo(dialog)
    assert not dialog.details.fields["full_name"].error.isVisibleTo(dialog)  # not visited yet


def test_duplicate_phone_asks_before_creating_a_second(qtbot, window, settle, studio, people):
    services, admin, _ = studio
    dialog = ClientDialog(window.host, None, window)
    qtbot.addWidget(dialog)
    dialog.details.full_name.setText("Zoe M.")
    dialog.details.phone.setText("+1 646 412 3456")
    dialog.save()
    settle()
    assert dialog.create_anyway_button.isVisibleTo(dialog)
    assert "Zoë Martín" in dialog.general.text()
    assert services.clients.count(admin) == len(NAMES)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.create_anyway_button, Qt.MouseButton.LeftButton)
    assert services.clients.count(admin) == len(NAMES) + 1


def test_second_window_saving_a_stale_copy_is_refused_with_who_and_reload(qtbot, window, settle, studio, people):
    services, admin, _ = studio
    client_id = people["Noah Kim"]
    first = ClientDialog(window.host, client_id, window)
    second = ClientDialog(window.host, client_id, window)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    settle()
    first.details.notes.setPlainText("Prefers morning sessions")
    with qtbot.waitSignal(first.saved, timeout=10_000):
        first.save()
    second.details.notes.setPlainText("Overwrite attempt")
    second.save()
    settle()
    assert second.reload_button.isVisibleTo(second)
    assert "Ana Ruiz" in second.general.text() and "reload" in second.general.text().lower()
    assert services.clients.get(admin, client_id).notes == "Prefers morning sessions"
    qtbot.mouseClick(second.reload_button, Qt.MouseButton.LeftButton)
    settle()
    assert second.details.notes.toPlainText() == "Prefers morning sessions"
    second.dirty = False


def _decode_qr(label) -> str:
    import zxingcpp
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().toImage().save(buffer, "PNG")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert results, "no QR code found in the rendered image"
    return results[0].text


def _audited_issues(services, admin, name: str) -> int:
    return sum(1 for e in services.audit.events(admin, limit=500)
               if e.action == audit.INTAKE_CLIENT_QR_ISSUED and e.subject == name)


def test_opening_a_record_issues_no_code_and_shows_the_current_one_again(qtbot, window, settle, studio,
                                                                          people, tmp_path):
    services, admin, _ = studio
    client_id = people["Amara Okafor"]
    dialog = ClientDialog(window.host, client_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    panel = dialog.qr
    assert panel.code is None and panel.issue_button.isVisibleTo(dialog) and not panel.renew_button.isVisibleTo(dialog)
    assert _audited_issues(services, admin, "Amara Okafor") == 0  # opening issued nothing

    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)  # Show QR: staff ask for a code
    qtbot.waitUntil(lambda: panel.code is not None, timeout=10_000)
    settle()
    url = panel.url
    assert url.endswith("/i/" + _qr_id(services, client_id)) and _decode_qr(panel.image) == url
    assert _audited_issues(services, admin, "Amara Okafor") == 1

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # the code on screen, no new one
    assert choose_path(qtbot, tmp_path / "qr.png", title="Save QR code") == "Save QR code"
    assert (tmp_path / "qr.png").read_bytes() == panel.png
    dialog.reject()
    settle()

    again = ClientDialog(window.host, client_id, window)  # reopened: the same code, still working
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.qr.code is not None, timeout=10_000)
    settle()
    assert again.qr.url == url and _decode_qr(again.qr.image) == url
    assert _audited_issues(services, admin, "Amara Okafor") == 1

    qtbot.mouseClick(again.qr.renew_button, Qt.MouseButton.LeftButton)  # New QR asks first
    press(qtbot, "Cancel", title="New QR code")
    settle()
    assert again.qr.url == url
    qtbot.mouseClick(again.qr.renew_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Issue new code", title="New QR code")
    qtbot.waitUntil(lambda: again.qr.url != url, timeout=10_000)
    settle()
    assert again.qr.url.endswith("/i/" + _qr_id(services, client_id))
    assert _decode_qr(again.qr.image) == again.qr.url
    assert _audited_issues(services, admin, "Amara Okafor") == 2
    again.reject()
    settle()


def _qr_id(services, client_id: int) -> str:
    from studio.models import Client

    with services.db.unit_of_work(write=False) as uow:
        return uow.session.get(Client, client_id).qr_id


def test_front_desk_sees_that_notes_exist_but_not_their_content(qtbot, ctx, settle, studio):
    services, admin, _ = studio
    detail = services.clients.create(admin, ClientInput(full_name="Saoirse Byrne"),
                                     medical=MedicalInfo(allergies="Penicillin"))
    desk = services.staff.add_staff(admin, name="Zoë Desk", email="desk@studio.test", role="front_desk",
                                    password="harbour violin sunset 73")
    actor = services.auth.login(desk.email, "harbour violin sunset 73")
    main = open_window(qtbot, ctx, settle, services, actor)
    dialog = ClientDialog(main.host, detail.id, main)
    qtbot.addWidget(dialog)
    settle()
    dialog.tabs.setCurrentWidget(dialog.medical_tab)
    settle()
    assert not dialog.medical_loaded
    assert "has health notes" in dialog.medical_locked.text.text()
    assert dialog.medical.allergies.toPlainText() == ""
    main.idle.stop()


def test_opening_the_health_tab_is_audited(qtbot, window, settle, studio):
    services, admin, _ = studio
    detail = services.clients.create(admin, ClientInput(full_name="Mateo García"),
                                     medical=MedicalInfo(conditions="Asthma"))
    dialog = ClientDialog(window.host, detail.id, window)
    qtbot.addWidget(dialog)
    settle()
    before = [e for e in services.audit.events(admin) if e.action == audit.CLIENT_MEDICAL_VIEWED]
    dialog.tabs.setCurrentWidget(dialog.medical_tab)
    settle()
    assert dialog.medical.conditions.toPlainText() == "Asthma"
    after = [e for e in services.audit.events(admin) if e.action == audit.CLIENT_MEDICAL_VIEWED]
    assert len(after) == len(before) + 1


def test_erase_needs_the_typed_name_in_any_case_and_accents_and_looks_dangerous(qtbot, window, settle, studio,
                                                                               people):
    from studio.ui.clients.rights import EraseClientDialog

    services, admin, _ = studio
    client_id = people["Björn Ålund"]
    dialog = EraseClientDialog(window.host, client_id, "Björn Ålund", window)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.save_button
    assert button.property("variant") == "danger" and not button.icon().isNull()
    qtbot.keyClicks(dialog.confirm_name, "Bjorn")
    assert not button.isEnabled()
    qtbot.keyClicks(dialog.confirm_name, "  ALUND")  # as search reads it: case, accents, spaces aside
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.erased, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert services.clients.count(admin, "Björn") == 0


def test_erase_is_refused_by_the_service_for_another_name(studio, people):
    from studio.services.common import ValidationError

    services, admin, _ = studio
    with pytest.raises(ValidationError) as refused:
        services.client_rights.erase_client(admin, people["Björn Ålund"], "Bjorn Alun")
    assert refused.value.field == "confirm_text"
    services.client_rights.erase_client(admin, people["Björn Ålund"], "bjorn alund")
    assert services.clients.count(admin, "Björn") == 0


def test_export_writes_json_and_pdf(qtbot, window, settle, studio, people, tmp_path):
    from studio.ui.clients.rights import export_client

    export_client(window.host, people["Chloé Dubois"], window, folder=str(tmp_path))
    settle()
    written = {p.suffix for p in tmp_path.rglob("*") if p.is_file()}
    assert {".json", ".pdf"} <= written


def _edit_notes_then_escape(qtbot, window, settle, client_id: int, typed: str):
    """The client view with ``typed`` added to the notes, and Esc pressed: the question."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.dialogs import find_dialog

    dialog = ClientDialog(window.host, client_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    dialog.details.notes.setFocus()
    qtbot.keyClicks(dialog.details.notes, typed)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    return dialog, find_dialog(qtbot, QMessageBox, title="Unsaved changes")


def test_closing_with_unsaved_changes_asks_and_enter_keeps_the_edit(qtbot, window, settle, studio, people):
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.dialogs import find_dialog, press, wait_closed

    services, admin, _ = studio
    client_id = people["Amara Okafor"]
    dialog, box = _edit_notes_then_escape(qtbot, window, settle, client_id, "Prefers mornings")
    assert box.defaultButton().text().replace("&", "") == "Save"
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc: keep editing, nothing lost
    wait_closed(qtbot, box, "Esc")
    assert dialog.isVisible() and "Prefers mornings" in dialog.details.notes.toPlainText()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = find_dialog(qtbot, QMessageBox, title="Unsaved changes")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the default, Save
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    settle()
    assert "Prefers mornings" in services.clients.get(admin, client_id).notes

    again, _box = _edit_notes_then_escape(qtbot, window, settle, client_id, " and tea")
    press(qtbot, "Discard changes", title="Unsaved changes")
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=5_000)
    settle()
    assert "tea" not in services.clients.get(admin, client_id).notes


def test_the_health_tab_fits_the_client_view_and_its_words_tick_the_box(qtbot, window, settle, studio, people):
    dialog = ClientDialog(window.host, people["Amara Okafor"], window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(dialog.tabs.indexOf(dialog.medical_tab)).center())
    settle()
    assert dialog.tabs.currentWidget() is dialog.medical_tab
    area = dialog.medical.parentWidget().parentWidget()  # the scroll area's viewport → the area
    viewport = area.viewport()
    assert area.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    for item in dialog.medical.checks.values():
        right = item.mapTo(viewport, item.rect().topRight()).x()
        assert right <= viewport.width(), f"{item.text.text()!r} is cut off"
    latex = dialog.medical.checks["allergy_latex"]
    assert not latex.isChecked()
    qtbot.mouseClick(latex.text, Qt.MouseButton.LeftButton)  # the words, not the box
    assert latex.isChecked() and dialog.dirty
    dialog.dirty = False
    dialog.reject()
    settle()
