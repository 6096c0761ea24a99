"""Opening a signed consent: in the PC's viewer when it has one; when it has none (the
offscreen platform opens nothing, as a PC without a PDF viewer), a sentence with Save a
copy… and Show in folder. The front desk, who may not open one, is told it exists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from studio.services.audit import CONSENT_COPIED
from tests.intake.conftest import submit_walkin
from tests.ui.dialogs import choose_path, click, find_dialog, message, open_dialogs, press

NO_OPENER = "This plugin does not support QPlatformServices::openDocument"


@pytest.fixture
def consent(studio):
    """A walk-in form accepted by an admin: (client id, consent record)."""
    result = studio.services.intake.accept(studio.admin, submit_walkin(studio))
    record, = studio.services.intake.consents_for_client(studio.admin, result.client_id)
    return result.client_id, record


@pytest.fixture
def consents_page(qtbot, ui, studio, consent):
    """The admin's Intake page on its Consents tab, the one consent selected."""
    from studio.ui.intake.page import IntakePage

    host_for, toasts = ui
    page = IntakePage(host_for(studio.admin))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    qtbot.waitUntil(lambda: page.consents_model.rowCount() == 1, timeout=10_000)
    assert not page.consents_empty.isVisible()
    table = page.consent_table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 1)).center())
    return page, toasts


class Viewer(QObject):
    """Stands in for the PC's PDF viewer: Qt hands it the file URLs it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_with_a_viewer_open_pdf_opens_the_file_and_asks_nothing(qtbot, consents_page, consent):
    page, _toasts = consents_page
    viewer = Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        click(qtbot, page, "Open PDF")
        qtbot.waitUntil(lambda: bool(viewer.opened), timeout=10_000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert viewer.opened == [str(consent[1].pdf_path)]
    assert not open_dialogs()


@pytest.mark.qt_log_ignore(NO_OPENER)
def test_without_a_viewer_open_pdf_offers_a_copy_that_is_the_same_file(qtbot, studio, consents_page, consent,
                                                                       tmp_path):
    page, toasts = consents_page
    click(qtbot, page, "Open PDF")
    box = find_dialog(qtbot, QMessageBox, title="Consent")
    assert "no program that opens PDF files" in box.text()
    assert sorted(b.text() for b in box.buttons()) == ["Close", "Save a copy…", "Show in folder"]
    press(qtbot, "Save a copy…", title="Consent")
    target = tmp_path / "for the inspector.pdf"
    choose_path(qtbot, target, title="Save a copy of the consent")
    qtbot.waitUntil(lambda: any("Consent saved to" in t for t in toasts), timeout=10_000)
    assert target.read_bytes() == consent[1].pdf_path.read_bytes()
    event, = [e for e in studio.services.audit.events(studio.admin) if e.action == CONSENT_COPIED]
    assert str(target) in event.detail


@pytest.mark.qt_log_ignore(NO_OPENER)
def test_without_a_file_manager_either_the_path_is_shown_to_copy(qtbot, consents_page, consent):
    page, _toasts = consents_page
    click(qtbot, page, "Open PDF")
    press(qtbot, "Show in folder", title="Consent")
    box = find_dialog(qtbot, QMessageBox, title="Consent")
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert str(consent[1].pdf_path) in message(qtbot, title="Consent")


def test_the_front_desk_is_told_a_consent_is_on_file_and_who_may_open_it(qtbot, ui, studio, consent):
    from studio.ui.clients.dialog import ClientDialog

    host_for, _toasts = ui
    dialog = ClientDialog(host_for(studio.desk), consent[0])
    qtbot.addWidget(dialog)
    dialog.show()
    tab_bar = dialog.tabs.tabBar()
    index = next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == "Consents")
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(index).center())
    tab = dialog.area_tabs["consents"]
    qtbot.waitUntil(lambda: "on file" in tab.empty.text.text(), timeout=10_000)
    assert tab.empty.title.text() == "Consent on file"
    assert tab.empty.text.text().startswith(
        "1 signed consent form on file (1 Jun 2026, release v1). Admins and artists can open it")
    assert not tab.table.isVisible() and not tab.open_button.isVisible()
    dialog.reject()
