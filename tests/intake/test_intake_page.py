"""The Intake page as the desk sees it: the walk-in QR only while phones can reach it, the
Start/Stop button and the empty state following the real server, one tab without a tab
bar, the consent filters and the review in the studio's formats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel

from studio.services.common.phones import display_phone
from studio.ui.kit.format import QT_DATE_FORMAT, short_date
from tests.intake.conftest import submit_walkin
from tests.ui.dialogs import click, find_dialog


@pytest.fixture
def page_for(qtbot, ui):
    """An Intake page for an actor, shown and loaded; its server (127.0.0.1, any free
    port) is stopped after the test."""
    from studio.ui.intake.page import IntakePage

    host_for, _toasts = ui
    runners = []

    def make(actor) -> IntakePage:
        host = host_for(actor)
        host.ctx.runner("intake").bind_override = ("127.0.0.1", 0)
        runners.append(host.ctx.runner("intake"))
        page = IntakePage(host)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
        return page

    yield make
    for runner in runners:
        runner.stop()


def test_the_walkin_qr_shows_only_while_the_server_runs(qtbot, studio, page_for):
    from studio.ui.intake.page import EMPTY_RUNNING, EMPTY_STOPPED
    from studio.ui.intake.review import LargeQrDialog

    page = page_for(studio.admin)
    assert not page.qr.isVisible() and not page.walkin_url.isVisible()
    assert "phones can't reach the form until you start it" in page.state.text()
    assert page.toggle.text() == "Start intake server" and page.toggle.property("variant") == "primary"
    assert page.empty.isVisible() and page.empty.text.text() == EMPTY_STOPPED

    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.runner.running and page.qr.isVisible(), timeout=10_000)
    assert not page.qr.pixmap().isNull() and "/w/" in page.walkin_url.text()
    assert page.state.text().startswith("Listening on 127.0.0.1:")
    assert page.toggle.text() == "Stop intake server" and page.toggle.property("variant") == "secondary"
    assert page.empty.text.text() == EMPTY_RUNNING

    click(qtbot, page, "Show large")
    large = find_dialog(qtbot, LargeQrDialog)
    large.reject()

    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.runner.running and not page.qr.isVisible(), timeout=10_000)
    assert page.toggle.property("variant") == "primary" and page.empty.text.text() == EMPTY_STOPPED


def test_the_front_desk_sees_submissions_without_a_tab_bar(studio, page_for):
    desk, admin = page_for(studio.desk), page_for(studio.admin)
    assert desk.tabs.count() == 1 and not desk.tabs.tabBar().isVisible()
    assert desk.table.isVisible() or desk.empty.isVisible()
    assert admin.tabs.count() == 2 and admin.tabs.tabBar().isVisible()


def test_the_consent_filters_read_in_the_house_format_and_an_empty_search_says_so(qtbot, studio, page_for):
    page = page_for(studio.admin)
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    for edit in (page.since, page.until):
        assert edit.displayFormat() == QT_DATE_FORMAT
        assert edit.locale().language() == QLocale.Language.English
        assert edit.text() == short_date(edit.date().toPython())
    qtbot.waitUntil(lambda: page.consents_empty.isVisible(), timeout=10_000)
    assert not page.consent_table.isVisible()
    assert f"None signed from {page.since.text()} to {page.until.text()}." in page.consents_empty.text.text()


def label_texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]


def test_the_review_shows_dates_and_phones_as_the_rest_of_the_app(qtbot, studio, ui):
    from studio.ui.intake.review import IntakeReviewDialog

    submission = submit_walkin(studio, date_of_birth="1999-09-09", phone="+44 7700 900123",
                               emergency_phone="+351 912 345 105")
    host_for, _toasts = ui
    dialog = IntakeReviewDialog(host_for(studio.desk), submission)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.review is not None and "09 Sep 1999" in label_texts(dialog.content),
                    timeout=10_000)
    shown = label_texts(dialog.content)
    assert "+44 7700 900123" in shown  # abroad: international, as the client view writes it
    assert "912 345 105" in shown  # the studio's own country (Lisbon): national
    assert display_phone("+351912345105", dialog.review.region) == "912 345 105"
    assert not {"1999-09-09", "+447700900123", "+351912345105"} & set(shown)
    dialog.reject()
