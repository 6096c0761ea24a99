"""The checkout dialog driven by keys and clicks on a real studio: the deposit applied, a
cash and card split with a tip, the change shown, the receipt written; a split that does
not add up, an unknown voucher; the calendar's "Check out…" and the receipt after it."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from studio.services.register import EntryKind, Method
from studio.services.scheduling import Status
from studio.ui.register import CheckoutDialog, open_checkout
from tests.ui.calendar.conftest import stored
from tests.ui.dialogs import cancel, choose_menu_action, choose_path, find_dialog, focus
from tests.ui.register.conftest import DEADLINE, finished



def opened(qtbot, calendar, appointment_id) -> CheckoutDialog:
    dialog = open_checkout(calendar.page.host, calendar.page, appointment_id)
    qtbot.waitUntil(lambda: dialog.bill is not None and bool(dialog.rows.rows), timeout=DEADLINE)
    calendar.settle()
    return dialog


def type_into(qtbot, edit, text: str) -> None:
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_a_checkout_applies_the_deposit_splits_card_and_cash_with_a_tip_and_shows_the_change(
        qtbot, calendar, booked):
    studio = calendar.studio
    done = finished(studio, booked)
    dialog = opened(qtbot, calendar, done.id)
    assert dialog.deposit.isVisible() and dialog.deposit.isChecked()
    assert "50,00" in dialog.deposit.text()
    assert "200,00" in dialog.price.text()
    assert "150,00" in dialog.summary.text_of("due")
    # A 20 € tip by card: 170 € due; 100 € on the card, the rest in cash from a 100 € note.
    type_into(qtbot, dialog.tip, "20")
    qtbot.keyClick(dialog.tip, Qt.Key.Key_Tab)
    card = dialog.rows.rows[0]
    type_into(qtbot, card.amount, "100")
    qtbot.mouseClick(dialog.rows.add_button, Qt.MouseButton.LeftButton)
    cash = dialog.rows.rows[1]
    assert cash.method_value == Method.CASH
    qtbot.mouseClick(cash.rest, Qt.MouseButton.LeftButton)
    assert "70,00" in cash.amount.text()
    assert dialog.tendered.isVisible()
    type_into(qtbot, dialog.tendered, "100")
    assert "30,00" in dialog.summary.text_of("change")
    assert "0,00" in dialog.summary.text_of("left")
    assert dialog.checkout_button.isEnabled()
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=DEADLINE)
    assert dialog.heading.text() == "Receipt No. 1"
    assert dialog.receipt_panel.print_receipt.isVisible() and dialog.receipt_panel.print_sheet.isVisible()
    day = studio.services.register.day(studio.desk)
    mine = sorted((e.kind, e.method, e.amount_cents) for e in day.entries if e.receipt_number == 1)
    assert mine == sorted([(EntryKind.SALE, Method.CARD, 8000), (EntryKind.SALE, Method.CASH, 7000),
                           (EntryKind.TIP, Method.CARD, 2000), (EntryKind.DEPOSIT, Method.CARD, -5000),
                           (EntryKind.SALE, Method.CARD, 5000)])
    receipt = studio.services.checkout.receipt_of(studio.desk, done.id)
    assert (receipt.tendered_cents, receipt.change_cents, receipt.deposit_cents) == (10000, 3000, 5000)
    qtbot.keyClick(dialog.checkout_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=DEADLINE)


def test_a_split_that_does_not_add_up_keeps_check_out_off_and_says_why(qtbot, calendar, booked):
    studio = calendar.studio
    dialog = opened(qtbot, calendar, finished(studio, booked).id)
    type_into(qtbot, dialog.rows.rows[0].amount, "100")
    qtbot.keyClick(dialog.rows.rows[0].amount, Qt.Key.Key_Tab)
    error = dialog.fields["payments"].error
    qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert "add up to 100,00" in error.text() and "150,00" in error.text()
    assert not dialog.checkout_button.isEnabled()
    qtbot.keyClick(dialog.rows.rows[0].amount, Qt.Key.Key_Return)  # Enter does nothing while it is wrong
    calendar.settle()
    assert studio.services.checkout.receipt_of(studio.desk, booked.id) is None
    assert "100" in dialog.rows.rows[0].amount.text() and not dialog.checkout_button.isEnabled()
    cancel(qtbot, CheckoutDialog)


def test_an_unknown_voucher_code_says_so_under_the_code(qtbot, calendar, booked):
    studio = calendar.studio
    dialog = opened(qtbot, calendar, finished(studio, booked).id)
    type_into(qtbot, dialog.voucher_code, "ZZZZ-ZZZZ")
    qtbot.keyClick(dialog.voucher_code, Qt.Key.Key_Tab)
    error = dialog.fields["voucher_code"].error
    qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert error.text() == "No voucher has the code “ZZZZ-ZZZZ”. Check it on the card."
    assert not dialog.voucher_amount.isEnabled()
    cancel(qtbot, CheckoutDialog)


def test_a_voucher_pays_part_of_the_bill(qtbot, calendar, booked):
    studio = calendar.studio
    voucher = studio.services.vouchers.sell(studio.desk, 4000, Method.CASH, for_name="Ana")
    dialog = opened(qtbot, calendar, finished(studio, booked).id)
    type_into(qtbot, dialog.voucher_code, voucher.code.lower().replace("-", ""))
    qtbot.keyClick(dialog.voucher_code, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.voucher_amount.isEnabled, timeout=DEADLINE)
    assert "40,00" in dialog.fields["voucher_code"].hint.text()
    assert "40,00" in dialog.voucher_amount.text()
    assert "110,00" in dialog.summary.text_of("due")
    qtbot.mouseClick(dialog.rows.rows[0].rest, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=DEADLINE)
    assert (dialog.receipt.voucher_cents, dialog.receipt.paid_cents) == (4000, 11000)
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)


def test_the_calendars_check_out_completes_a_session_in_progress_and_opens_the_checkout(qtbot, calendar, booked):
    studio = calendar.studio
    other = studio.book(studio.leo, booked.starts_at, 2, client_id=studio.ben_id, price_cents=8000)
    done = finished(studio, booked)  # completed; the other one only to in progress
    record = other
    for status in (Status.CHECKED_IN, Status.IN_PROGRESS):
        record = studio.services.scheduling.set_status(studio.desk, record.id, status, version=record.version).appointment
    calendar.reload()
    point = calendar.block_point(record.id)
    qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.RightButton, pos=point)
    choose_menu_action(qtbot, "Check out…")
    dialog = find_dialog(qtbot, CheckoutDialog)
    qtbot.waitUntil(lambda: dialog.bill is not None, timeout=DEADLINE)
    assert stored(studio, record.id).status == Status.COMPLETED
    assert "Ben Park" in dialog.who.text() and "80,00" in dialog.price.text()
    cancel(qtbot, CheckoutDialog)
    # Once paid, the menu names its receipt instead.
    studio.services.checkout.checkout(studio.desk, _pay_all(done.id, 15000))
    calendar.reload()
    qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.RightButton, pos=calendar.block_point(done.id))
    choose_menu_action(qtbot, "Receipt No. 1")
    from studio.ui.register import ReceiptDialog

    shown = find_dialog(qtbot, ReceiptDialog)
    assert shown.windowTitle() == "Receipt No. 1"
    cancel(qtbot, ReceiptDialog)


def _pay_all(appointment_id: int, cents: int):
    from studio.services.register import CheckoutInput, Payment

    return CheckoutInput(price_cents=20000, payments=(Payment(Method.CARD, cents),), appointment_id=appointment_id)


def test_a_checkout_made_meanwhile_at_another_desk_is_told_and_nothing_is_written_twice(qtbot, calendar, booked):
    studio = calendar.studio
    done = finished(studio, booked)
    dialog = opened(qtbot, calendar, done.id)
    qtbot.mouseClick(dialog.rows.rows[0].rest, Qt.MouseButton.LeftButton)
    studio.services.checkout.checkout(studio.admin, _pay_all(done.id, 15000))  # the other desk
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.general.isVisible, timeout=DEADLINE)
    assert dialog.general.text() == "This appointment was already checked out (receipt No. 1)."
    assert dialog.receipt is None
    day = studio.services.register.day(studio.desk)
    assert len([e for e in day.entries if e.kind == EntryKind.SALE and e.receipt_number]) == 2  # card, deposit
    cancel(qtbot, CheckoutDialog)


def test_the_receipt_is_saved_as_a_pdf_where_the_desk_chooses(qtbot, calendar, booked, tmp_path):
    pytest.importorskip("studio.services.register.documents")  # the register's PDFs (another branch)
    studio = calendar.studio
    dialog = opened(qtbot, calendar, finished(studio, booked).id)
    qtbot.mouseClick(dialog.rows.rows[0].rest, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=DEADLINE)
    qtbot.mouseClick(dialog.receipt_panel.save_receipt, Qt.MouseButton.LeftButton)
    target = tmp_path / "receipt-1.pdf"
    choose_path(qtbot, target)
    qtbot.waitUntil(target.exists, timeout=DEADLINE)
    calendar.settle()
    assert target.read_bytes().startswith(b"%PDF")
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)


def test_the_appointment_dialogs_check_out_opens_the_checkout(qtbot, calendar, booked):
    from studio.ui.calendar.dialog import AppointmentDialog

    studio = calendar.studio
    done = finished(studio, booked)
    calendar.reload()
    qtbot.mouseDClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=calendar.block_point(done.id))
    edit = find_dialog(qtbot, AppointmentDialog)
    qtbot.mouseClick(edit.checkout_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(qtbot, CheckoutDialog)
    qtbot.waitUntil(lambda: dialog.bill is not None, timeout=DEADLINE)
    assert not edit.isVisible() and "Ana Lima" in dialog.who.text()
    cancel(qtbot, CheckoutDialog)


def test_a_walk_in_sale_names_its_artist_client_and_what_was_done(qtbot, calendar):
    from tests.ui.calendar.conftest import pick_client

    dialog = open_checkout(calendar.page.host, calendar.page)
    qtbot.waitUntil(lambda: dialog.bill is not None and dialog.artist.count() == 2, timeout=DEADLINE)
    assert not dialog.deposit.isVisible() and dialog.fields["artist_id"].isVisible()
    dialog.artist.setCurrentIndex(dialog.artist.findText("Leo"))
    pick_client(qtbot, dialog, "Ben")
    calendar.settle()
    type_into(qtbot, dialog.description, "Small flash heart")
    type_into(qtbot, dialog.price, "60")
    qtbot.mouseClick(dialog.rows.rows[0].rest, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=DEADLINE)
    receipt = dialog.receipt
    assert (receipt.artist_name, receipt.client_name, receipt.description, receipt.price_cents) == (
        "Leo", "Ben Park", "Small flash heart", 6000)
    assert receipt.appointment_id is None
    qtbot.mouseClick(dialog.checkout_button, Qt.MouseButton.LeftButton)
