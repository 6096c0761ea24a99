"""The Register page driven by keys and clicks: the fast entry form (Enter saves, Esc
clears, a bad amount's sentence), the filters, a refund, the close of day typed or counted
note by note (with its report files), reopening as an admin, and an artist's own view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from studio.services.register import EntryKind
from studio.ui.register.close_day import CloseDayDialog
from studio.ui.register.dialogs import RefundDialog, ReopenDialog
from tests.ui.dialogs import choose_menu_action, find_dialog, focus, press, wait_closed
from tests.ui.register.conftest import DEADLINE, MONDAY, plain

SAVED = 4  # the morning's entries


def type_amount(r, text: str) -> None:
    form = r.page.form
    focus(r.qtbot, form.amount)
    r.qtbot.keyClicks(form.amount, text)


def test_an_amount_typed_and_enter_adds_the_entry_and_the_totals_follow(register):
    r = register
    assert r.total("cash") == "36,50 €"
    focus(r.qtbot, r.page.table)
    r.qtbot.keyClick(r.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: to the form
    r.qtbot.waitUntil(lambda: r.page.form.amount.hasFocus(), timeout=DEADLINE)
    r.qtbot.keyClicks(r.page.form.amount, "12,50")  # the studio in Lisbon writes a decimal comma
    r.qtbot.keyClick(r.page.form.amount, Qt.Key.Key_Tab)
    r.qtbot.keyClick(r.page.form.window().focusWidget(), Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: len(r.rows()) == SAVED + 1, timeout=DEADLINE)
    r.settle()
    assert r.rows()[-1][1:4] == ("Sale", "Cash", "12,50 €")
    assert r.total("cash") == "49,00 €"
    assert r.total("drawer") == "49,00 €"
    assert r.page.form.amount.text() == ""


def test_esc_clears_the_form_and_saves_nothing(register):
    r = register
    type_amount(r, "99")
    r.qtbot.keyClicks(r.page.form.note, "typed by mistake")
    r.qtbot.keyClick(r.page.form.note, Qt.Key.Key_Escape)
    assert (r.page.form.amount.text(), r.page.form.note.text()) == ("", "")
    r.settle()
    assert len(r.studio.services.register.day(r.studio.desk).entries) == SAVED


def test_an_amount_that_is_not_one_says_so_under_the_field_and_saves_nothing(register):
    r = register
    type_amount(r, "12abc")
    r.qtbot.keyClick(r.page.form.amount, Qt.Key.Key_Return)
    error = r.page.form.fields["amount"].error
    r.qtbot.waitUntil(lambda: error.isVisible(), timeout=DEADLINE)
    assert "is not an amount" in error.text()
    r.settle()
    assert len(r.studio.services.register.day(r.studio.desk).entries) == SAVED
    assert len(r.rows()) == SAVED


def test_an_expense_without_a_note_gets_the_sentence_under_the_note(register):
    r = register
    form = r.page.form
    focus(r.qtbot, form.kind)
    form.kind.setCurrentIndex(form.kind.findData(str(EntryKind.EXPENSE)))
    type_amount(r, "5")
    r.qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: form.fields["note"].error.isVisible(), timeout=DEADLINE)
    r.settle()
    assert len(r.rows()) == SAVED


def test_cash_in_and_out_take_cash_only(register):
    form = register.page.form
    form.method.buttons["card"].click()
    form.kind.setCurrentIndex(form.kind.findData(str(EntryKind.CASH_OUT)))
    assert form.method.current() == "cash"
    assert not form.method.buttons["card"].isEnabled()


def test_the_filters_shrink_the_table_and_its_totals(register):
    r = register
    combo = r.page.method_filter
    focus(r.qtbot, combo)
    combo.setCurrentIndex(combo.findData("card"))
    r.qtbot.waitUntil(lambda: len(r.rows()) == 1, timeout=DEADLINE)
    r.settle()
    assert r.rows()[0][1:5] == ("Sale", "Card", "120,00 €", "Mia")
    assert r.total("cash") == "0,00 €"
    assert r.total("drawer") == "36,50 €"  # the drawer does not follow the filters
    combo.setCurrentIndex(0)
    kinds = r.page.kind_filter
    kinds.setCurrentIndex(kinds.findData("tip"))
    r.qtbot.waitUntil(lambda: [row[1] for row in r.rows()] == ["Tip"], timeout=DEADLINE)
    kinds.setCurrentIndex(0)
    artists = r.page.artist_filter
    artists.setCurrentIndex(artists.findText("Leo"))
    r.qtbot.waitUntil(lambda: [row[4] for row in r.rows()] == ["Leo"], timeout=DEADLINE)
    r.settle()


def test_a_refund_from_the_row_menu_gives_back_what_is_typed(register):
    r = register
    table = r.page.table
    focus(r.qtbot, table)
    table.setCurrentIndex(r.page.model.index(1, 0))  # the card sale of 120 €
    r.qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    choose_menu_action(r.qtbot, "Refund…")
    dialog = find_dialog(r.qtbot, RefundDialog)
    assert dialog.amount.text() == "120,00"  # the studio (Lisbon) writes a decimal comma
    dialog.amount.selectAll()
    r.qtbot.keyClicks(dialog.amount, "20")
    r.qtbot.keyClicks(dialog.reason, "Touch-up not needed")
    r.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(r.qtbot, dialog, "the refund")
    r.qtbot.waitUntil(lambda: len(r.rows()) == SAVED + 1, timeout=DEADLINE)
    r.settle()
    assert r.rows()[-1][1:4] == ("Refund", "Card", "-20,00 €")
    assert r.total("card") == "100,00 €"


def test_a_refund_over_what_is_left_shows_the_services_sentence(register):
    r = register
    r.page.table.setCurrentIndex(r.page.model.index(1, 0))
    r.qtbot.mouseClick(r.page.refund_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(r.qtbot, RefundDialog)
    dialog.amount.selectAll()
    r.qtbot.keyClicks(dialog.amount, "500")
    r.qtbot.keyClicks(dialog.reason, "Too much")
    r.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.fields["amount"].error
    r.qtbot.waitUntil(lambda: error.isVisible(), timeout=DEADLINE)
    assert "left to refund" in error.text()
    r.qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, dialog, "Esc")


def close_dialog(r) -> CloseDayDialog:
    r.qtbot.mouseClick(r.page.close_button, Qt.MouseButton.LeftButton)
    return find_dialog(r.qtbot, CloseDayDialog)


def finish_close(r, dialog) -> None:
    r.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(r.qtbot, dialog, "closing the day")
    box = find_dialog(r.qtbot, QMessageBox, title="Day closed")
    assert "report" in box.text()
    press(r.qtbot, "Close", title="Day closed")
    r.qtbot.waitUntil(lambda: r.page.closed(), timeout=DEADLINE)
    r.settle()


def test_a_typed_count_that_differs_needs_a_note_then_the_day_locks_and_its_report_is_written(register):
    r = register
    dialog = close_dialog(r)
    assert plain(dialog.expected.text()) == "36,50 €"
    dialog.float_edit.selectAll()
    r.qtbot.keyClicks(dialog.float_edit, "100")
    assert plain(dialog.expected.text()) == "136,50 €"
    r.qtbot.keyClicks(dialog.counted_edit, "134,50")
    assert "2,00 € short" in plain(dialog.difference.text())
    r.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.fields["note"].error
    r.qtbot.waitUntil(lambda: error.isVisible(), timeout=DEADLINE)
    assert "Say why in a note" in error.text()  # the service's sentence
    assert r.studio.services.register.day(r.studio.desk).close is None
    r.qtbot.keyClicks(dialog.note, "Change given wrongly")
    finish_close(r, dialog)
    close = r.page.view.close
    assert (close.opening_float_cents, close.counted_cents, close.difference_cents) == (10000, 13450, -200)
    assert not r.page.form.save_button.isEnabled() and r.page.form.locked.isVisible()
    assert "closed" in r.page.form.locked.text()
    assert r.page.padlock.isVisible() and not r.page.close_button.isVisible()
    reports = r.studio.services.data_dir / "reports"
    assert sorted(p.name for p in reports.iterdir()) == ["register-2026-03-16.csv", "register-2026-03-16.pdf"]


def test_a_counted_amount_that_is_not_a_number_says_so_and_closes_nothing(register):
    r = register
    dialog = close_dialog(r)
    r.qtbot.keyClicks(dialog.counted_edit, "about forty")
    r.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.fields["counted"].error
    r.qtbot.waitUntil(lambda: error.isVisible(), timeout=DEADLINE)
    assert "is not an amount" in error.text()
    r.settle()
    assert r.studio.services.register.day(r.studio.desk).close is None and dialog.isVisible()
    r.qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, dialog, "the close-day dialog")


def test_counting_notes_and_coins_fills_the_total(register):
    r = register
    dialog = close_dialog(r)
    r.qtbot.mouseClick(dialog.mode.buttons["counted"], Qt.MouseButton.LeftButton)
    for value, typed in ((2000, "1"), (1000, "1"), (500, "1"), (100, "1"), (50, "1")):
        box = dialog.counts[value]
        box.setFocus()
        box.selectAll()
        r.qtbot.keyClicks(box, typed)
    assert plain(dialog.counted_total.text()) == "Counted: 36,50 €"
    assert "matches" in plain(dialog.difference.text())
    finish_close(r, dialog)
    assert r.page.view.close.denominations == {2000: 1, 1000: 1, 500: 1, 100: 1, 50: 1}


def test_an_admin_reopens_a_closed_day_with_a_reason(admin_register):
    r = admin_register
    assert not r.page.reopen_button.isVisible()
    dialog = close_dialog(r)
    r.qtbot.keyClicks(dialog.counted_edit, "36,50")
    finish_close(r, dialog)
    assert r.page.reopen_button.isVisible()
    r.qtbot.mouseClick(r.page.reopen_button, Qt.MouseButton.LeftButton)
    reopen = find_dialog(r.qtbot, ReopenDialog)
    r.qtbot.mouseClick(reopen.save_button, Qt.MouseButton.LeftButton)
    r.qtbot.waitUntil(lambda: reopen.fields["reason"].error.isVisible(), timeout=DEADLINE)
    r.qtbot.keyClicks(reopen.reason, "A card payment was missed")
    r.qtbot.mouseClick(reopen.save_button, Qt.MouseButton.LeftButton)
    wait_closed(r.qtbot, reopen, "reopening")
    r.qtbot.waitUntil(lambda: not r.page.closed(), timeout=DEADLINE)
    r.settle()
    assert r.page.form.save_button.isEnabled() and "reopened" in r.page.state_label.text()


def test_the_front_desk_may_not_reopen(register):
    dialog = close_dialog(register)
    register.qtbot.keyClicks(dialog.counted_edit, "36,50")
    finish_close(register, dialog)
    assert not register.page.reopen_button.isVisible()


def test_an_artist_sees_only_their_own_entries_and_no_form(artist_register):
    r = artist_register
    assert [row[1:5] for row in r.rows()] == [("Sale", "Card", "120,00 €", "Mia")]
    page = r.page
    assert not page.form.isVisible()
    assert not any(b.isVisible() for b in (page.close_button, page.sell_button, page.refund_button))
    assert not page.artist_filter.isVisible()
    # Their own takings and commission instead of the drawer: half of the 120 € sale at the default rate.
    assert "Total-drawer" not in [w.objectName() for w in page.findChildren(QLabel)]
    assert page.findChild(QLabel, "Total-share").text() == "60,00\u00a0€"
    assert page.totals["share"].toolTip() == "60,00\u00a0€ commission (50%) on 120,00\u00a0€ of sales, plus 0,00\u00a0€ in tips."


def test_another_day_is_read_one_day_at_a_time(register):
    r = register
    r.qtbot.mouseClick(r.page.prev_button, Qt.MouseButton.LeftButton)
    r.qtbot.waitUntil(lambda: r.page.view.day < MONDAY, timeout=DEADLINE)
    r.settle()
    assert r.rows() == [] and r.page.empty.isVisible()
    assert "today" in r.page.form.locked.text().lower()
    r.qtbot.mouseClick(r.page.today_button, Qt.MouseButton.LeftButton)
    r.qtbot.waitUntil(lambda: r.page.view.day == MONDAY and len(r.rows()) == SAVED, timeout=DEADLINE)
    r.settle()


def test_a_walk_in_sale_from_the_page_lands_in_the_table_and_its_receipt_opens_from_the_row(register):
    from studio.ui.register.checkout import CheckoutDialog
    from studio.ui.register.receipt_panel import ReceiptDialog
    from tests.ui.register.test_checkout_ui import type_into

    r = register
    r.qtbot.mouseClick(r.page.sale_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(r.qtbot, CheckoutDialog)
    r.qtbot.waitUntil(lambda: dialog.bill is not None and dialog.artist.count() == 2, timeout=DEADLINE)
    dialog.artist.setCurrentIndex(dialog.artist.findText("Mia"))
    type_into(r.qtbot, dialog.description, "Aftercare balm")
    type_into(r.qtbot, dialog.price, "15")
    r.qtbot.mouseClick(dialog.rows.rows[0].rest, Qt.MouseButton.LeftButton)
    r.qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    r.qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=DEADLINE)
    r.qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)  # Done
    wait_closed(r.qtbot, dialog, "the checkout")
    r.qtbot.waitUntil(lambda: len(r.rows()) == SAVED + 1, timeout=DEADLINE)
    r.settle()
    sale = r.rows()[-1]
    assert sale[1:5] == ("Sale", "Card", "15,00 €", "Mia") and sale[-1] == "1"
    table = r.page.table
    focus(r.qtbot, table)
    table.setCurrentIndex(r.page.model.index(SAVED, 0))
    r.qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    choose_menu_action(r.qtbot, "Receipt No. 1…")
    receipt = find_dialog(r.qtbot, ReceiptDialog)
    assert receipt.windowTitle() == "Receipt No. 1"
    texts = [w.text() for w in receipt.findChildren(QLabel)]
    assert any("Aftercare balm" in t for t in texts), texts
    r.qtbot.keyClick(receipt, Qt.Key.Key_Escape)
    wait_closed(r.qtbot, receipt, "the receipt")
