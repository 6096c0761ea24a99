"""The Intake page as the desk sees it: the walk-in QR only while phones can reach it, the
Start/Stop button and the empty state following the real server, one tab without a tab
bar, the consent filters and the review in the studio's formats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel

from studio.services.common.phones import display_phone
from studio.ui.kit.format import qt_date_format, short_date
from tests.intake.conftest import submit_walkin
from tests.ui.dialogs import click, find_dialog
from tests.ui.scrolling import scroll_to_the_end


@pytest.fixture
def page_for(qtbot, ui):
    """An Intake page for an actor, shown and loaded; its server (127.0.0.1, any free
    port) is stopped after the test."""
    from studio.ui.intake.page import IntakePage

    host_for, _toasts = ui
    runners = []

    def make(actor, *, table_height: int | None = None) -> IntakePage:
        host = host_for(actor)
        host.ctx.runner("intake").bind_override = ("127.0.0.1", 0)
        runners.append(host.ctx.runner("intake"))
        page = IntakePage(host)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        if table_height is not None:  # a few rows show: the rest only come by scrolling
            for table in (page.table, getattr(page, "consent_table", None)):
                if table is not None:
                    table.setFixedHeight(table_height)
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
        assert edit.displayFormat() == qt_date_format() == "d MMM yyyy"
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
    qtbot.waitUntil(lambda: dialog.review is not None and "9 Sept 1999" in label_texts(dialog.content),
                    timeout=10_000)
    shown = label_texts(dialog.content)
    assert "+44 7700 900123" in shown  # abroad: international, as the client view writes it
    assert "912 345 105" in shown  # the studio's own country (Lisbon): national
    assert display_phone("+351912345105", dialog.review.region) == "912 345 105"
    assert not {"1999-09-09", "+447700900123", "+351912345105"} & set(shown)
    dialog.reject()


# ---- paged lists ---------------------------------------------------------------------

SMALL_PAGE = 4


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of SMALL_PAGE rows, so a list longer than one page costs a dozen forms."""
    from studio.ui.intake.consents import ConsentArchiveModel
    from studio.ui.intake.page import SubmissionModel

    monkeypatch.setattr(SubmissionModel, "PAGE_SIZE", SMALL_PAGE)
    monkeypatch.setattr(ConsentArchiveModel, "PAGE_SIZE", SMALL_PAGE)


def send_forms(studio, n: int) -> list[int]:
    """``n`` walk-in forms, two by two at the same instant (so ties are paged by id)."""
    ids = []
    for k in range(n):
        ids.append(submit_walkin(studio, full_name=f"Client {k:02d} Paged", phone=f"+351 912 000 {k:03d}",
                                 email=f"client{k}@example.com"))
        if k % 2:
            studio.clock.advance(minutes=1)
    return ids


def test_submissions_page_in_as_the_desk_scrolls_and_pass_the_model_tester(
        qtbot, qtmodeltester, studio, small_pages, page_for):
    ids = send_forms(studio, 3 * SMALL_PAGE + 1)
    page = page_for(studio.desk, table_height=110)
    qtbot.waitUntil(lambda: page.table.isVisible(), timeout=10_000)
    qtbot.wait(50)
    assert page.model.rowCount() == SMALL_PAGE and page.model.total == len(ids)
    qtmodeltester.check(page.model)
    scroll_to_the_end(qtbot, page.table, len(ids))
    assert [r.id for r in page.model.rows] == sorted(ids, reverse=True)  # newest first, none twice
    qtmodeltester.check(page.model)


def test_consents_page_in_as_an_admin_scrolls_and_pass_the_model_tester(
        qtbot, qtmodeltester, studio, small_pages, page_for):
    intake = studio.services.intake
    for submission_id in send_forms(studio, 2 * SMALL_PAGE + 2):
        intake.accept(studio.admin, submission_id, allow_duplicate=True)
    page = page_for(studio.admin, table_height=110)
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    qtbot.waitUntil(lambda: page.consent_table.isVisible(), timeout=10_000)
    model = page.consents_model
    qtbot.wait(50)
    assert model.rowCount() == SMALL_PAGE and model.total == 2 * SMALL_PAGE + 2
    qtmodeltester.check(model)
    scroll_to_the_end(qtbot, page.consent_table, 2 * SMALL_PAGE + 2)
    assert len({c.id for c in model.rows}) == model.rowCount()
    qtmodeltester.check(model)


# ---- the studio's time zone, not the PC's -----------------------------------------------

STUDIO_ZONE = "Pacific/Auckland"  # UTC+12/+13
PC_ZONE = "Etc/GMT+12"  # UTC-12: its date is never Auckland's


@pytest.fixture
def pc_far_from_the_studio(studio):
    """The studio in Auckland, this PC's zone twelve hours behind UTC (TZ for the process),
    and the services' clock at the real now, so the PC's own date differs from the studio's
    whatever the hour."""
    import os
    import time
    from datetime import UTC, datetime

    settings = studio.services.settings.studio()
    studio.services.settings.update(studio.admin, name=settings.name, timezone=STUDIO_ZONE,
                                    currency=settings.currency, idle_lock_minutes=settings.idle_lock_minutes)
    studio.clock.now = datetime.now(UTC).replace(microsecond=0)
    old = os.environ.get("TZ")
    os.environ["TZ"] = PC_ZONE
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_the_consent_dates_start_from_the_studios_today_not_the_pcs(qtbot, studio, pc_far_from_the_studio,
                                                                  page_for):
    from datetime import date
    from zoneinfo import ZoneInfo

    studio_today = studio.clock.now.astimezone(ZoneInfo(STUDIO_ZONE)).date()
    assert studio_today != studio.clock.now.astimezone(ZoneInfo(PC_ZONE)).date()
    page = page_for(studio.admin)
    assert page.until.date().toPython() == studio_today
    assert page.since.date().toPython() == date(studio_today.year - 1, studio_today.month,
                                                min(studio_today.day, 28 if studio_today.month == 2 else 31))
    qtbot.waitUntil(lambda: page.consents_empty.text.text() != "", timeout=10_000)
    assert f"to {short_date(studio_today)}." in page.consents_empty.text.text()


def test_the_clients_table_shows_visits_in_the_studios_zone(qtbot, studio, pc_far_from_the_studio, ui):
    from datetime import UTC, datetime

    from studio.services.clients import ClientRow
    from studio.ui.clients.table_model import ClientTableModel

    host_for, _toasts = ui
    model = ClientTableModel(host_for(studio.desk))
    visit = datetime(2026, 6, 1, 14, 30, tzinfo=UTC)  # 2 Jun 02:30 in Auckland; 1 Jun at the PC
    model.set_rows([ClientRow(id=1, full_name="Rosa Amaral", preferred_name="", phone="", phone_display="",
                              email="", date_of_birth=None, age=None, has_medical_notes=False,
                              last_visit=visit, next_appointment=visit)])
    assert model.data(model.index(0, 5)) == "2 Jun 2026"
    assert model.data(model.index(0, 6)) == "2 Jun 2026, 02:30"
