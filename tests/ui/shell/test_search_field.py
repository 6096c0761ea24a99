"""The top bar's search (Ctrl+K), driven by keys and clicks on the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.services.clients import ClientInput
from studio.ui.clients.dialog import ClientDialog
from studio.ui.intake.review import IntakeReviewDialog
from studio.ui.shell.search_results import HIT_ROLE, KIND_ROLE
from tests.search.test_global_search import walk_in
from tests.ui.conftest import open_window
from tests.ui.dialogs import cancel, find_dialog, focus

TIMEOUT = 5_000


@pytest.fixture
def clients(studio):
    services, admin, _artist = studio
    return {name: services.clients.create(admin, ClientInput(full_name=name, email=f"c{i}@mail.test")).id
            for i, name in enumerate(["Zoë Martín", "Zoe Adams", "Noah Kim", "<b>Bold</b> Ink"])}


def ctrl_k(qtbot, window):
    """Ctrl+K pressed in the window, as a person does, from whatever has the focus."""
    focus(qtbot, window.stack)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.edit.hasFocus, timeout=TIMEOUT)
    return window.search.edit


def search(qtbot, window, text: str):
    """Ctrl+K, ``text`` typed, and the list shown for it."""
    edit = ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: window.search.popup.isVisible() and window.search._answered == text,
                    timeout=TIMEOUT)
    return edit


def shown(window) -> list[tuple[str, str]]:
    model = window.search.model
    return [(model.index(r).data(KIND_ROLE), model.index(r).data()) for r in range(model.rowCount())]


def selected(window) -> str:
    return window.search.popup.view.currentIndex().data()


def test_ctrl_k_typing_down_and_enter_open_the_client(qtbot, window, settle, clients):
    edit = search(qtbot, window, "zoe")
    assert shown(window) == [("header", "Clients"), ("hit", "Zoe Adams"), ("hit", "Zoë Martín")]
    assert selected(window) == "Zoe Adams" and edit.hasFocus()  # the list never takes the keyboard
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert selected(window) == "Zoë Martín"
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # the last hit stays selected
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    dialog = find_dialog(qtbot, ClientDialog)
    assert dialog.client_id == clients["Zoë Martín"]
    assert window.current_key == "clients" and not window.search.popup.isVisible()
    settle()
    cancel(qtbot, ClientDialog)


def test_a_click_on_a_hit_opens_it(qtbot, window, settle, clients):
    search(qtbot, window, "noah")
    view = window.search.popup.view
    index = next(view.model().index(r) for r in range(view.model().rowCount())
                 if view.model().index(r).data() == "Noah Kim")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    dialog = find_dialog(qtbot, ClientDialog)
    assert dialog.client_id == clients["Noah Kim"]
    settle()
    cancel(qtbot, ClientDialog)


def test_esc_closes_the_list_and_the_field_keeps_the_focus(qtbot, window, clients):
    edit = search(qtbot, window, "zoe")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not window.search.popup.isVisible() and edit.hasFocus() and edit.text() == "zoe"
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # brings the same list back
    assert window.search.popup.isVisible()


def test_ctrl_k_in_the_field_selects_its_text_to_type_over(qtbot, window, clients):
    edit = search(qtbot, window, "zoe")
    edit.setCursorPosition(1)
    qtbot.keyClick(edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "zoe" and edit.selectedText() == "zoe"  # not "delete to the end of line"


def test_no_match_says_so(qtbot, window, clients):
    search(qtbot, window, "xqz")
    assert shown(window) == [("message", "No matches for “xqz”")]


def test_typing_on_drops_the_answer_to_the_older_query(qtbot, window, settle, clients):
    edit = ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "zo")
    qtbot.waitUntil(lambda: window.search._generation == 1, timeout=TIMEOUT)  # "zo" was sent
    qtbot.keyClicks(edit, "e a")
    qtbot.waitUntil(lambda: window.search._answered == "zoe a", timeout=TIMEOUT)
    settle()
    assert shown(window) == [("header", "Clients"), ("hit", "Zoe Adams")]


def test_enter_straight_after_typing_opens_the_top_hit(qtbot, window, settle, clients):
    edit = ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "noah")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # before the pause that runs the search
    dialog = find_dialog(qtbot, ClientDialog)
    assert dialog.client_id == clients["Noah Kim"]
    settle()
    cancel(qtbot, ClientDialog)


def test_a_name_with_markup_is_shown_as_typed(qtbot, window, clients):
    search(qtbot, window, "bold")
    assert ("hit", "<b>Bold</b> Ink") in shown(window)
    hit = window.search.popup.view.currentIndex().data(HIT_ROLE)
    assert hit.title == "<b>Bold</b> Ink"


def test_staff_hits_open_the_staff_page_with_the_person_selected(qtbot, window, settle, studio):
    edit = search(qtbot, window, "mara")
    assert ("header", "Staff") in shown(window)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_key == "staff", timeout=TIMEOUT)
    settle()
    page = window.pages["staff"]
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=TIMEOUT)
    assert page.selected().id == studio[2].staff_id


def test_an_intake_hit_opens_its_review(qtbot, window, settle, studio):
    services, admin, _artist = studio
    submission = walk_in(services, admin, "Rosa Amaral")
    edit = search(qtbot, window, "rosa")
    assert shown(window) == [("header", "Intake forms"), ("hit", "Rosa Amaral")]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    dialog = find_dialog(qtbot, IntakeReviewDialog)
    assert dialog.submission_id == submission and window.current_key == "intake"
    qtbot.waitUntil(lambda: dialog.review is not None, timeout=TIMEOUT)
    settle()
    dialog.close()


def test_an_artist_sees_no_staff_group(qtbot, ctx, settle, studio, clients):
    services, _admin, artist = studio
    window = open_window(qtbot, ctx, settle, services, artist)
    try:
        search(qtbot, window, "ma")  # Mara (staff) and Zoë Martín (client)
        groups = [text for kind, text in shown(window) if kind == "header"]
        assert groups == ["Clients"]
    finally:
        window.idle.stop()
        window.close()
        settle()


def test_the_results_model_passes_the_qt_model_tester(qtbot, qtmodeltester, window, clients):
    search(qtbot, window, "zoe")
    qtmodeltester.check(window.search.model)


def test_every_search_kind_opens_on_a_page(studio):
    kinds = {p.kind for p in studio[0].search.providers}
    from studio.services.common import Role
    from studio.ui import AREAS
    from studio.ui.shell.extensions import Extensions

    pages = Extensions.from_packages(AREAS).pages(Role.ADMIN)
    assert kinds == {spec.search_kind for spec in pages if spec.search_kind}
