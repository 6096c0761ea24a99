"""The Finance page driven by clicks: who sees it, the presets and what the charts draw for
them (against the finance service's own figures), the toggles, the crosshair's readout, a
late answer for an old range dropped, the per-artist table, the theme followed, and the
monthly report saved as a PDF that reads back with the month's net."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDateTimeEdit

from studio.services.common import money
from studio.services.finance import DateRange, Granularity
from studio.ui.finance.page import FinancePage
from studio.ui.finance.report_dialog import MonthReportDialog
from tests.support import FakeClock
from tests.ui.dialogs import choose_path, find_dialog, focus, wait_closed
from tests.ui.conftest import open_window
from tests.ui.finance.conftest import DEADLINE, MARCH_SO_FAR, MONDAY, TODAY, open_finance, plain

SERIES = {"sales": lambda p: p.sales_cents, "tips": lambda p: p.tips_cents,
          "expenses": lambda p: p.expenses_cents, "net": lambda p: p.net_cents}


def cents(values: list[float]) -> list[int]:
    return [round(v * 100) for v in values]


def drawn(chart, summary) -> None:
    """The chart holds one bar per period per series, each as high as the service's figure."""
    assert len(summary.points) > 0
    for key, read in SERIES.items():
        assert cents(chart.heights(key)) == [read(p) for p in summary.points], key
    assert cents(chart.line("avg7")) == list(summary.rolling_7_cents)
    assert cents(chart.line("avg30")) == list(summary.rolling_30_cents)


def test_an_admin_opens_the_page_from_the_sidebar_on_this_month(finance):
    page = finance.page
    assert finance.window.current_key == "finance" and finance.window.nav["finance"].isChecked()
    assert page.span == MARCH_SO_FAR and page.presets.current() == "month"
    day = finance.summary(MARCH_SO_FAR, Granularity.DAY)
    drawn(page.overview.chart, day)
    assert plain(page.overview.figures["net"].amount.text()) == "255,00 €" == plain(
        money(day.totals.net_cents, "EUR"))
    assert plain(page.overview.figures["refunds"].amount.text()) == "20,00 €"
    months = finance.summary(MARCH_SO_FAR, Granularity.MONTH)
    assert cents(page.overview.months.heights("net")) == [p.net_cents for p in months.points] == [25500]


@pytest.mark.parametrize("who", ["desk", "mia"], ids=["front desk", "artist"])
def test_front_desk_and_artists_have_no_finance_page(qtbot, ctx, settle, month, who):
    studio = month.studio
    window = open_window(qtbot, ctx, settle, studio.services, getattr(studio, who))
    try:
        assert "register" in window.nav and "finance" not in window.nav
        assert not window.findChildren(FinancePage)
    finally:
        window.idle.stop()
        window.close()
        settle()


def test_each_preset_draws_the_services_figures_for_its_range(finance):
    page = finance.page
    finance.choose("year")
    year = DateRange(date(2026, 1, 1), TODAY)
    assert page.span == year and page.answer.main.granularity == Granularity.DAY
    drawn(page.overview.chart, finance.summary(year, Granularity.DAY))
    assert not page.overview.grouping.isVisible()
    finance.choose("last-year")  # 365 days: drawn by week, and the chart says so
    last = DateRange(date(2025, 1, 1), date(2025, 12, 31))
    weeks = finance.summary(last, Granularity.WEEK)
    assert page.span == last and page.answer.main.granularity == Granularity.WEEK
    for key, read in SERIES.items():
        assert cents(page.overview.chart.heights(key)) == [read(p) for p in weeks.points]
    assert page.overview.chart.line("avg7") == [] and page.overview.grouping.isVisible()
    assert "week" in page.overview.grouping.text() and page.overview.period_title.text() == "By week"
    assert len(page.overview.months.heights("sales")) == 12
    finance.choose("all")  # the first entry's day to the last's
    assert page.span == DateRange(MONDAY, TODAY)
    assert (page.first_edit.date().toPython(), page.last_edit.date().toPython()) == (MONDAY, TODAY)
    drawn(page.overview.chart, finance.summary(DateRange(MONDAY, TODAY), Granularity.DAY))


def test_days_typed_in_the_date_fields_become_the_range(finance):
    page = finance.page
    focus(finance.qtbot, page.first_edit)
    page.first_edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    generation = page._generation
    for _press in range(15):  # 1 March → 16 March, one day a key
        finance.qtbot.keyClick(page.first_edit, Qt.Key.Key_Up)
    assert page._generation == generation  # asked once the typing pauses, not per key
    finance.qtbot.waitUntil(lambda: page._generation > generation, timeout=DEADLINE)
    finance.wait_shown()
    assert page.span == DateRange(MONDAY, TODAY) and page.presets.current() == ""
    drawn(page.overview.chart, finance.summary(DateRange(MONDAY, TODAY), Granularity.DAY))


def test_a_first_day_after_the_last_says_so_and_keeps_what_is_shown(finance):
    page = finance.page
    heights = finance.page.overview.chart.heights("sales")
    focus(finance.qtbot, page.first_edit)
    page.first_edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    for _press in range(31):  # 1 March → 1 April, after the last day (30 March)
        finance.qtbot.keyClick(page.first_edit, Qt.Key.Key_Up)
    finance.qtbot.waitUntil(page.error.isVisible, timeout=DEADLINE)
    finance.wait_shown()
    assert "first day comes after the last" in page.error.text()
    assert page.span == MARCH_SO_FAR and page.overview.chart.heights("sales") == heights
    assert not page.busy_bar.isVisible()


def test_a_toggle_hides_its_series_and_shows_it_again(finance):
    chart, toggle = finance.page.overview.chart, finance.page.overview.toggles["tips"]
    widths = chart.bars["sales"].opts["width"]
    finance.qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert chart.heights("tips") == [] and finance.page.overview.months.heights("tips") == []
    assert chart.bars["sales"].opts["width"] > widths  # three bars share the room of four
    finance.qtbot.mouseClick(finance.page.overview.toggles["avg30"], Qt.MouseButton.LeftButton)
    assert chart.line("avg30") == [] and chart.line("avg7") != []
    finance.qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert len(chart.heights("tips")) == MARCH_SO_FAR.days and chart.bars["sales"].opts["width"] == widths


def test_the_crosshair_follows_the_mouse_and_reads_out_the_days_figures(finance):
    chart = finance.page.overview.chart
    index = (MONDAY - MARCH_SO_FAR.first).days
    box = chart.plot.getPlotItem().vb
    low, high = box.viewRange()[1]
    point = chart.plot.mapFromScene(box.mapViewToScene(QPointF(index + 0.1, (low + high) / 2)))
    finance.qtbot.mouseMove(chart.plot.viewport(), point)
    finance.qtbot.waitUntil(lambda: chart.hovered == index, timeout=DEADLINE)
    text = plain(chart.readout.text())
    assert "16 Mar" in text
    for figure in ("sales 100,00 €", "tips 10,00 €", "expenses 20,00 €", "net 90,00 €"):
        assert figure in text
    day = finance.summary(MARCH_SO_FAR, Granularity.DAY)
    assert f"7-day average {plain(money(day.rolling_7_cents[index], 'EUR'))}" in text
    assert chart.crosshair.isVisible() and chart.crosshair.value() == index


def test_a_late_answer_for_an_older_range_is_dropped(finance, monkeypatch):
    """The first of two quick changes is held in its worker until the second is on screen."""
    page, qtbot = finance.page, finance.qtbot
    held, release = threading.Event(), threading.Event()
    ticking = FakeClock.__call__

    def gated(clock):
        if threading.current_thread() is not threading.main_thread() and not held.is_set():
            held.set()
            release.wait(DEADLINE / 1000)
        return ticking(clock)

    monkeypatch.setattr(FakeClock, "__call__", gated)
    qtbot.mouseClick(page.presets.buttons["last-year"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.is_set, timeout=DEADLINE)
    assert page.busy_bar.isVisible()
    qtbot.mouseClick(page.presets.buttons["year"], Qt.MouseButton.LeftButton)
    latest = page._generation
    qtbot.waitUntil(lambda: page._shown_generation == latest, timeout=DEADLINE)
    year = DateRange(date(2026, 1, 1), TODAY)
    assert page.span == year
    release.set()
    finance.settle()  # the held answer, for last year, arrives now
    assert page.span == year and page.answer.main.granularity == Granularity.DAY
    drawn(page.overview.chart, finance.summary(year, Granularity.DAY))
    assert not page.busy_bar.isVisible()


def test_the_artists_table_holds_the_services_figures_with_their_colours(finance, qtmodeltester):
    page = finance.page
    qtbot = finance.qtbot
    bar = page.views.tabBar()
    assert page.artists_view is None  # built when first looked at
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    finance.wait_shown()
    assert page.current_view() == "artists" and page.artists_view.isVisible()
    model = page.artists_view.model
    qtmodeltester.check(model)
    expected = sorted(finance.studio.services.finance.artists(finance.studio.admin, MARCH_SO_FAR),
                      key=lambda f: -f.sales_cents)
    assert [r.artist_id for r in model.rows] == [f.artist_id for f in expected]
    assert tuple(model.rows) == tuple(expected)
    leo = next(r for r, f in enumerate(model.rows) if f.artist_name == "Leo")
    text = [plain(model.data(model.index(leo, c))) for c in range(model.columnCount())]
    figures = expected[leo]
    assert text[0] == "Leo" and text[3] == plain(money(figures.sales_cents, "EUR"))
    assert text[1] == str(figures.appointments) and text[8] == str(figures.no_shows)
    assert model.color_of(model.rows[leo]) == "#2563EB"
    assert cents(page.artists_view.bars.widths()) == [f.sales_cents for f in expected]
    assert page.artists_view.bars.colors[leo] == "#2563EB"
    header = page.artists_view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 20, header.height() // 2))
    names = [model.name_of(r) for r in model.rows]
    assert names == sorted(names, key=lambda n: (n == "No artist", n.casefold())) or names == sorted(
        names, key=lambda n: (n == "No artist", n.casefold()), reverse=True)
    assert cents(page.artists_view.bars.widths()) == [r.sales_cents for r in model.rows]  # the bars follow
    finance.choose("last-year")  # nothing then: the table empties and says so
    assert model.rows == [] and page.artists_view.empty.isVisible()
    finance.choose("all")
    everything = finance.studio.services.finance.artists(finance.studio.admin, DateRange(MONDAY, TODAY))
    assert sorted(model.rows, key=lambda f: f.artist_name) == sorted(everything, key=lambda f: f.artist_name)


def test_the_charts_follow_the_theme(finance):
    from studio.ui.kit import theme

    chart = finance.page.overview.chart
    assert chart.plot.backgroundBrush().color().name().upper() == theme.LIGHT.surface
    try:
        finance.window.set_theme("dark")
        finance.qtbot.waitUntil(
            lambda: chart.plot.backgroundBrush().color().name().upper() == theme.DARK.surface, timeout=DEADLINE)
        assert chart.bars["sales"].opts["brush"].color().name().upper() == theme.DARK.accent
    finally:
        finance.window.set_theme("light")


def save_march(finance, target, fmt: str) -> tuple:
    """The report button, March chosen (a key up from the month before it), ``fmt``, Save, and
    ``target`` typed into the file chooser; waits for the file. Returns what the dialog offered at first."""
    qtbot, page = finance.qtbot, finance.page
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(qtbot, MonthReportDialog)
    chosen = (tuple(dialog.month.currentData()), dialog.month.currentText(), dialog.format.current())
    focus(qtbot, dialog.month)
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)  # newest first: up is a month later
    assert tuple(dialog.month.currentData()) == (2026, 3)
    qtbot.mouseClick(dialog.format.buttons[fmt], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog, "Save")
    choose_path(qtbot, target)
    qtbot.waitUntil(target.exists, timeout=DEADLINE)
    finance.settle()
    return chosen


def test_the_monthly_report_saves_a_pdf_with_the_months_net(finance, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "march.pdf"
    offered = save_march(finance, target, "pdf")
    assert offered == ((2026, 2), "February 2026", "pdf")  # at first: the last full month, as a PDF
    assert finance.window.message.text() == "Saved march.pdf."
    text = plain("".join(p.extract_text() for p in PdfReader(str(target)).pages))
    assert "255,00 €" in text  # March's net: 100 + 10 − 20 + 50 kept + 80 − 20 + 40 + 15


def test_the_monthly_report_saves_a_csv_too(finance, tmp_path):
    target = tmp_path / "march.csv"
    save_march(finance, target, "csv")
    assert target.read_bytes() == finance.studio.services.finance.month_report_csv(finance.studio.admin, 2026, 3)


def test_a_second_visit_asks_again(qtbot, ctx, settle, month):
    found = open_finance(qtbot, ctx, settle, month.studio, month.studio.admin)
    try:
        generation = found.page._generation
        qtbot.mouseClick(found.window.nav["register"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(found.window.nav["finance"], Qt.MouseButton.LeftButton)
        found.wait_shown()
        assert found.page._generation == generation + 1
    finally:
        found.window.idle.stop()
        found.window.close()
        found.settle()


def test_the_ledger_tab_lists_the_ranges_entries_and_follows_a_new_range(finance):
    from studio.services.finance import LedgerFilter
    from studio.ui.finance.ledger_view import LedgerView

    page, qtbot = finance.page, finance.qtbot
    assert page.ledger_view is None  # not built until it is looked at
    bar = page.views.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page.view_keys.index("ledger")).center())
    qtbot.waitUntil(lambda: isinstance(page.ledger_view, LedgerView) and page.ledger_view.isVisible(),
                    timeout=DEADLINE)
    view = page.ledger_view

    def shows(span) -> None:
        qtbot.waitUntil(lambda: view.shown_request == view.request, timeout=DEADLINE)
        expected = finance.studio.services.finance.ledger(finance.studio.admin, LedgerFilter(span.first, span.last))
        assert [r.id for r in view.model.rows] == [r.id for r in expected.rows] and expected.rows
        assert (view.first, view.last) == (span.first, span.last)

    shows(MARCH_SO_FAR)
    finance.choose("year")  # the page's new range: the ledger reads it again
    shows(page.span)
    assert page.span == DateRange(date(2026, 1, 1), TODAY)
    focus(qtbot, page.presets.buttons["year"])
    qtbot.keyClick(finance.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: the ledger's text
    qtbot.waitUntil(lambda: view.text.hasFocus(), timeout=DEADLINE)
