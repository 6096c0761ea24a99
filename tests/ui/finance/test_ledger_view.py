"""The Finance page's ledger, driven by keys and clicks: the newest entries first with the
service's totals, each filter shrinking the rows and their totals to the service's figures
for it, the next page fetched as the table scrolls (and no more), a too-long text's sentence,
the CSV of what is shown read back, and a late answer to an old filter dropped.

On the finance tests' month (tests/finance/conftest.py: Lisbon, March 2026, twelve entries
through the register's and checkout's services), the view in a window of the page's size."""

from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider
from sqlalchemy import event

from studio.services.common import money, number
from studio.services.finance import LedgerFilter
from studio.services.register import EntryInput, EntryKind, Method
from studio.ui.finance.ledger_view import LedgerView
from studio.ui.shell.page import PageHost
from tests.finance.conftest import MONDAY, WEDNESDAY, month, studio  # noqa: F401 - the finance tests' fixtures
from tests.support import DeskShell
from tests.ui.dialogs import choose_path, focus
from tests.ui.register.conftest import DEADLINE, plain
from tests.ui.scrolling import scroll_to_the_end

PAGE_WIDTH, PAGE_HEIGHT = 1366 - 236 - 48, 520  # the Finance page's room for a view at 1366×768


@pytest.fixture
def ui_config(data_dir):
    """The context's data dir is the finance studio's (its database is already there)."""
    from studio.config import load_config

    return load_config(data_dir)


@dataclass
class Ledger:
    qtbot: object
    view: LedgerView
    settle: object
    studio: object
    toasts: list[str] = field(default_factory=list)

    def wait_shown(self) -> None:
        self.qtbot.waitUntil(lambda: self.view.shown_request == self.view.request and not self.view._typing.isActive(),
                             timeout=DEADLINE)
        self.settle()

    def ids(self) -> list[int]:
        return [r.id for r in self.view.model.rows]

    def figure(self, key: str) -> str:
        return plain(self.view.figures[key][1].text())

    def expected(self, **where):
        """The service's first page for the page's days and ``where``."""
        view = self.view
        found = LedgerFilter(first=view.first, last=view.last, **where)
        return self.studio.services.finance.ledger(self.studio.admin, found, 0, 200)

    def assert_shows(self, page) -> None:
        """The rows and every figure of the strip are the service's page."""
        assert self.ids() == [r.id for r in page.rows]
        currency = self.studio.services.settings.studio().currency
        assert self.figure("count") == number(page.count)
        assert self.figure("total") == plain(money(page.total_cents, currency))
        for m in Method:
            box, value = self.view.figures[str(m)]
            assert box.isVisible() == (str(m) in page.by_method)
            if str(m) in page.by_method:
                assert plain(value.text()) == plain(money(page.by_method[str(m)], currency))
        kinds = plain(self.view.by_kind.text())
        for kind, cents in page.by_kind.items():
            assert plain(money(cents, currency)) in kinds


def open_ledger(qtbot, ctx, settle, desk) -> Ledger:
    ctx.use_services(desk.services)
    toasts: list[str] = []
    host = PageHost(ctx, DeskShell(desk.admin, desk.services.settings.studio(), toasts))
    view = LedgerView(host)
    qtbot.addWidget(view)
    view.resize(PAGE_WIDTH, PAGE_HEIGHT)
    view.show()
    view.refresh()
    ledger = Ledger(qtbot, view, settle, desk, toasts)
    ledger.wait_shown()
    qtbot.waitUntil(lambda: view.artist.count() == 3, timeout=DEADLINE)  # all, Leo, Mia
    return ledger


@pytest.fixture
def ledger(qtbot, ctx, settle, month):  # noqa: F811 - the finance month
    yield open_ledger(qtbot, ctx, settle, month.studio)


@pytest.fixture
def long_ledger(qtbot, ctx, settle, studio):  # noqa: F811 - the finance tests' studio
    """450 small cash sales: more than two pages of 200."""
    for i in range(450):
        studio.services.register.record(studio.desk, EntryInput(EntryKind.SALE, Method.CASH, 100 + i,
                                                                note=f"Flash {i}"))
    yield open_ledger(qtbot, ctx, settle, studio)


def choose(qtbot, combo, text: str) -> None:
    """Picks ``text`` in a filter box with the arrow keys, as from the keyboard."""
    focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findText(text)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_the_first_page_is_the_newest_entries_with_the_services_totals(ledger, qtmodeltester):
    everything = ledger.expected()
    assert everything.count == 12
    ledger.assert_shows(everything)
    model = ledger.view.model
    assert model.data(model.index(0, 0)) == "30 Mar 2026"  # newest first: Monday 00:30 after the DST Sunday
    assert not model.canFetchMore()  # twelve rows: one page holds them
    assert ledger.view.stack.currentWidget() is ledger.view.table
    qtmodeltester.check(model)


def test_each_filter_shrinks_the_rows_and_the_totals_follow_the_service(ledger):
    view, qtbot, desk = ledger.view, ledger.qtbot, ledger.studio
    choose(qtbot, view.kind, "Sale")
    ledger.wait_shown()
    sales = ledger.expected(kind=EntryKind.SALE)
    assert sales.count == 4
    ledger.assert_shows(sales)

    choose(qtbot, view.method, "Card")
    ledger.wait_shown()
    ledger.assert_shows(ledger.expected(kind=EntryKind.SALE, method=Method.CARD))
    choose(qtbot, view.kind, "All kinds")
    choose(qtbot, view.method, "All methods")

    choose(qtbot, view.artist, "Leo")
    ledger.wait_shown()
    leo = ledger.expected(artist_id=desk.leo.staff_id)
    assert 0 < leo.count < 12
    ledger.assert_shows(leo)
    choose(qtbot, view.artist, "All artists")

    picker = view.client
    focus(qtbot, picker.query)
    qtbot.keyClicks(picker.query, "Ben")
    qtbot.waitUntil(lambda: picker.matches.isVisible() and picker.matches.count() > 0, timeout=DEADLINE)
    qtbot.keyClick(picker.query, Qt.Key.Key_Down)
    qtbot.keyClick(picker.matches, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.filter.client_id == desk.ben_id, timeout=DEADLINE)
    ledger.wait_shown()
    ben = ledger.expected(client_id=desk.ben_id)
    assert 0 < ben.count < 12
    ledger.assert_shows(ben)
    picker.query.selectAll()
    qtbot.keyClick(picker.query, Qt.Key.Key_Backspace)  # the client typed away: every client again
    qtbot.waitUntil(lambda: view.model.filter.client_id is None, timeout=DEADLINE)

    focus(qtbot, view.text)
    qtbot.keyClicks(view.text, "needles")
    qtbot.waitUntil(lambda: view.model.filter.text == "needles", timeout=DEADLINE)
    ledger.wait_shown()
    needles = ledger.expected(text="needles")
    assert [r.kind for r in needles.rows] == [EntryKind.EXPENSE]
    ledger.assert_shows(needles)

    qtbot.keyClicks(view.text, " from nowhere")
    qtbot.waitUntil(lambda: view.model.filter.text == "needles from nowhere", timeout=DEADLINE)
    ledger.wait_shown()
    assert view.stack.currentWidget() is view.empty and view.empty.isVisible()
    assert view.empty.text() == "No entries match these filters. Clear one to see more."
    assert ledger.figure("count") == "0"


def test_the_pages_range_drives_the_days(ledger):
    ledger.view.set_range(WEDNESDAY, WEDNESDAY)
    ledger.wait_shown()
    wednesday = ledger.expected()
    assert 0 < wednesday.count < 12 and {r.day for r in wednesday.rows} == {WEDNESDAY}
    ledger.assert_shows(wednesday)


def test_a_backwards_range_says_so_and_keeps_the_rows(ledger):
    before = ledger.ids()
    ledger.view.set_range(WEDNESDAY, MONDAY)
    ledger.wait_shown()
    assert ledger.view.general.isVisible()
    assert "swap them" in ledger.view.general.text()
    assert ledger.ids() == before


def test_scrolling_to_the_end_fetches_the_next_page_and_no_more(long_ledger):
    view = long_ledger.view
    assert len(view.model.rows) == 200 and view.model.total == 450
    assert long_ledger.figure("count") == number(450)
    bar = view.table.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)  # the bar dragged to its end once
    long_ledger.qtbot.waitUntil(lambda: len(view.model.rows) > 200, timeout=DEADLINE)
    long_ledger.settle()
    assert len(view.model.rows) == 400 and view.model.canFetchMore()  # one page more, though 450 match
    scroll_to_the_end(long_ledger.qtbot, view.table, 450)
    all_rows = long_ledger.studio.services.finance.ledger(long_ledger.studio.admin, LedgerFilter(), 0, 1000).rows
    assert long_ledger.ids() == [r.id for r in all_rows]  # in order, none twice


def test_too_long_a_text_says_so_under_the_field_and_keeps_the_rows(ledger):
    view, qtbot = ledger.view, ledger.qtbot
    before = ledger.ids()
    focus(qtbot, view.text)
    qtbot.keyClicks(view.text, "x" * 101)
    qtbot.waitUntil(lambda: view.text_error.isVisible(), timeout=DEADLINE)
    ledger.wait_shown()
    assert view.text_error.text() == "Search for at most 100 characters."
    assert ledger.ids() == before
    ledger.assert_shows(ledger.expected())
    qtbot.keyClick(view.text, Qt.Key.Key_Backspace)  # 100 characters: asked, and nothing matches
    qtbot.waitUntil(lambda: not view.text_error.isVisible(), timeout=DEADLINE)
    ledger.wait_shown()
    assert ledger.ids() == []


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_export_holds_exactly_the_rows_shown_and_their_total(ledger, tmp_path):
    view, qtbot = ledger.view, ledger.qtbot
    choose(qtbot, view.kind, "Sale")
    ledger.wait_shown()
    shown = ledger.expected(kind=EntryKind.SALE)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "sales.csv"
    choose_path(qtbot, target)
    qtbot.waitUntil(lambda: ledger.toasts == ["Saved sales.csv."], timeout=DEADLINE)
    rows = _csv_rows(target.read_bytes())
    body = rows[1:rows.index([])]
    assert sorted(int(r[0]) for r in body) == sorted(r.id for r in shown.rows)
    assert {r[3] for r in body} == {"Sale"}
    totals = {r[0]: r[1] for r in rows if len(r) == 2}
    assert totals["Entries"] == "4" and totals["Total"] == f"{shown.total_cents / 100:.2f}"


def test_a_late_answer_to_an_older_filter_is_dropped(ledger):
    """The expense filter's answer is held in the database until the sales filter's has been
    shown; when it comes, the view keeps the sales."""
    view, qtbot = ledger.view, ledger.qtbot
    gate = threading.Event()
    engine = ledger.studio.services.db.engine

    def slow_expenses(_conn, _cursor, _statement, parameters, _context, _many) -> None:
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        if "expense" in values and not gate.is_set():
            gate.wait(DEADLINE / 1000)

    event.listen(engine, "before_cursor_execute", slow_expenses)
    try:
        choose(qtbot, view.kind, "Expense")
        expense_request = view.request
        qtbot.wait(100)
        assert view.busy_bar.isVisible() and view.shown_request < expense_request  # held: loading shows
        choose(qtbot, view.kind, "Sale")
        qtbot.waitUntil(lambda: view.shown_request == view.request and view.model.filter.kind == EntryKind.SALE,
                        timeout=DEADLINE)
        assert view.request > expense_request and not view.busy_bar.isVisible()
    finally:
        gate.set()
        ledger.settle()
        event.remove(engine, "before_cursor_execute", slow_expenses)
    qtbot.wait(50)  # any late delivery has had its turn
    assert view.model.filter.kind == EntryKind.SALE
    ledger.assert_shows(ledger.expected(kind=EntryKind.SALE))
