"""The dashboard as the morning view: the cards each role may see, with the figures the
services hand-compute in tests/dashboard, a click on a card opening its page, and a sign-in
through the real login that runs no query on the GUI thread."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import event
from sqlalchemy.engine import Engine

from studio.services.clients import ClientInput
from studio.services.common import Actor, Role, money
from studio.services.register import EntryInput, EntryKind, Method
from studio.services.scheduling import AppointmentInput, Kind
from studio.ui.app import Controller
from tests.ui.accounts.test_signin import _login
from tests.ui.conftest import ARTIST_EMAIL, ARTIST_PASSWORD, open_window

LISBON = ZoneInfo("Europe/Lisbon")
DESK_PASSWORD = "harbour lights hum quietly 31"


def eur(cents: int) -> str:
    return money(cents, "EUR")  # as the studio's region writes it


@pytest.fixture
def morning(studio):
    """Today: a 100 € cash sale of Mara's and a 30 € card sale of the studio's; tomorrow at
    noon a session for Zoë with Mara, its 50 € deposit not paid. A front desk, Dana."""
    services, admin, artist = studio
    desk = services.staff.add_staff(admin, name="Dana Desk", email="dana@studio.test", role="front_desk",
                                    password=DESK_PASSWORD)
    services.register.record(admin, EntryInput(EntryKind.SALE, Method.CASH, 10000, artist_id=artist.staff_id))
    services.register.record(admin, EntryInput(EntryKind.SALE, Method.CARD, 3000))
    zoe = services.clients.create(admin, ClientInput(full_name="Zoë Martín")).id
    start = datetime.combine(datetime.now(LISBON).date() + timedelta(days=1), time(12), LISBON)
    services.scheduling.book(admin, AppointmentInput(client_id=zoe, artist_id=artist.staff_id, kind=Kind.SESSION,
                                                     starts_at=start, ends_at=start + timedelta(hours=2)),
                             outside_hours_ok=True)
    return services.auth.current_actor(Actor(desk.id, "", "", Role.FRONT_DESK))


def shown(page) -> dict[str, QWidget]:
    """The area cards on screen, by key, in the grid's reading order."""
    placed = []
    for index in range(page.cards_grid.count()):
        widget = page.cards_grid.itemAt(index).widget()
        row, column, _rows, _columns = page.cards_grid.getItemPosition(index)
        if widget is not None and widget.isVisibleTo(page):
            placed.append(((row, column), widget))
    keys = {id(w): k for k, w in page.cards.items()}
    return {keys[id(w)]: w for _at, w in sorted(placed, key=lambda p: p[0])}


def loaded_dashboard(qtbot, window, settle):
    window.open_page("dashboard")
    settle()
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: all(getattr(c, "loaded", True) for c in shown(page).values())
                    and "takings" in shown(page), timeout=10_000)
    return page


def lines(card) -> list[str]:
    """The lines under the figure, in order (a name and its figure are two)."""
    return [w.text() for w in card.details.findChildren(QLabel)]


@pytest.mark.parametrize("role, keys", [
    ("admin", ["takings", "takings-week", "takings-month", "deposits", "intake-pending", "today", "no-shows",
               "backup"]),
    ("front_desk", ["takings", "deposits", "intake-pending", "no-shows", "today", "backup"]),
    ("artist", ["takings", "takings-week", "takings-month", "deposits", "today", "no-shows", "backup"]),
])
def test_each_role_sees_its_cards_with_its_own_figures(qtbot, ctx, settle, studio, morning, role, keys):
    services, admin, artist = studio
    actor = {"admin": admin, "front_desk": morning, "artist": artist}[role]
    window = open_window(qtbot, ctx, settle, services, actor)
    try:
        page = loaded_dashboard(qtbot, window, settle)
        cards = shown(page)
        assert list(cards) == keys
        takings = cards["takings"]
        if role == "artist":  # her own sale only, never the studio's total
            assert takings.heading.text() == "YOUR TAKINGS TODAY"
            assert (takings.figure.text(), lines(takings)) == (eur(10000), ["Cash", eur(10000)])
            assert cards["takings-week"].heading.text() == "YOUR WEEK"
        else:
            assert takings.heading.text() == "TAKINGS TODAY"
            assert (takings.figure.text(), lines(takings)) == (eur(13000), ["Cash", eur(10000), "Card", eur(3000)])
        if role == "front_desk":  # no year-on-year: the cards are there but never asked the services
            assert not page.cards["takings-week"].loaded and not page.cards["takings-month"].loaded
        else:
            week = cards["takings-week"]
            assert week.figure.text() == (eur(10000) if role == "artist" else eur(13000))
            assert week.note.text() == "Nothing taken these days last year."
        deposits = cards["deposits"]
        assert (deposits.figure.text(), deposits.note.text()) == ("1", f"{eur(5000)} asked, not paid yet")
        assert lines(deposits)[0].endswith(" · Zoë Martín") and lines(deposits)[1] == eur(5000)
        assert cards["no-shows"].figure.text() == "—"
        if "intake-pending" in cards:
            assert cards["intake-pending"].note.text() == "No forms waiting for review."
        # Figures in a grid of four columns, not a column: the first row is full and even (once
        # the layout has caught up with the last card shown).
        first_row = [w for w in cards.values() if page.cards_grid.getItemPosition(page.cards_grid.indexOf(w))[0] == 0]
        assert len(first_row) == 4
        qtbot.waitUntil(lambda: max(w.width() for w in first_row) - min(w.width() for w in first_row) <= 2,
                        timeout=5_000)
    finally:
        window.idle.stop()
        window.close()
        settle()


def test_a_click_on_a_card_or_its_arrow_opens_its_page(qtbot, window, settle, morning):
    page = loaded_dashboard(qtbot, window, settle)
    for key, opens in (("takings", "register"), ("takings-week", "finance"), ("deposits", "calendar"),
                       ("intake-pending", "intake"), ("today", "calendar"), ("no-shows", "calendar"),
                       ("backup", "backups")):
        card = shown(page)[key]
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.heading.geometry().center())
        assert window.current_key == opens, key
        page = loaded_dashboard(qtbot, window, settle)
    qtbot.mouseClick(shown(page)["deposits"].link, Qt.MouseButton.LeftButton)
    assert window.current_key == "calendar"


def test_an_artists_cards_open_only_the_pages_they_have(qtbot, artist_window, settle, morning):
    page = loaded_dashboard(qtbot, artist_window, settle)
    backup = shown(page)["backup"]
    assert backup.link is None  # no Backups page for an artist
    qtbot.mouseClick(backup, Qt.MouseButton.LeftButton, pos=backup.note.geometry().center())
    assert artist_window.current_key == "dashboard"
    week = shown(page)["takings-week"]  # no Finance page either: their own figures are the Register's
    assert week.link.toolTip() == "Open Register"
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=week.heading.geometry().center())
    assert artist_window.current_key == "register"


def test_signing_in_runs_no_query_on_the_gui_thread(qtbot, ctx, settle, studio, morning):
    studio[0].db.dispose()  # the controller opens its own
    controller = Controller(ctx)
    controller.start()
    qtbot.addWidget(controller.login)
    qtbot.waitUntil(lambda: ctx.services_ready, timeout=15_000)
    settle()
    on_gui_thread: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        _login(qtbot, controller, ARTIST_EMAIL, ARTIST_PASSWORD)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
        main = controller.main
        qtbot.addWidget(main)
        page = loaded_dashboard(qtbot, main, settle)
        assert shown(page)["takings"].figure.text() == eur(10000)  # the cards did load, off the GUI thread
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert on_gui_thread == []
    main.idle.stop()
    main.close()
    ctx.close_services()
