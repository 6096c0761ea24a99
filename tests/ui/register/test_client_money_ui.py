"""The client view's History tab shows the register's money to those who take payments:
the receipt of a checkout, its payments, the credit and a voucher with what is left; an
artist sees no money there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services.register import CheckoutInput, Method, Payment
from tests.ui.register.conftest import finished, open_calendar
from tests.ui.scheduling.client_view import click_tab, open_client


def _history(qtbot, ctx, settle, studio, actor):
    window = open_calendar(qtbot, ctx, settle, studio, actor).window
    dialog = open_client(qtbot, window, settle, studio.ana_id)
    click_tab(qtbot, dialog, dialog.history)
    qtbot.waitUntil(lambda: dialog.history_panel.loaded, timeout=10_000)
    return window, dialog


def _close(qtbot, window, dialog, settle):
    from tests.ui.dialogs import cancel

    cancel(qtbot, type(dialog))
    window.idle.stop()
    window.close()
    settle()


def test_the_history_shows_the_clients_receipt_payments_and_voucher(qtbot, ctx, settle, studio, booked):
    done = finished(studio, booked)
    studio.services.checkout.checkout(studio.desk, CheckoutInput(
        price_cents=20000, payments=(Payment(Method.CARD, 15000),), appointment_id=done.id))
    voucher = studio.services.vouchers.sell(studio.desk, 4000, Method.CASH, client_id=studio.ana_id)
    window, dialog = _history(qtbot, ctx, settle, studio, studio.desk)
    money = dialog.history_panel.money
    assert money is not None and money.isVisible()
    receipts = money.receipts
    assert receipts.rowCount() == 1
    assert [receipts.item(0, c).text() for c in range(4)] == ["No. 1", "17 Mar 2026", "200,00\xa0€", "Mia"]
    qtbot.mouseClick(money.switch.buttons["payments"], Qt.MouseButton.LeftButton)
    assert money.entries.isVisible() and not receipts.isVisible()
    kinds = {(money.entries.item(r, 1).text(), money.entries.item(r, 3).text())
             for r in range(money.entries.rowCount())}
    assert ("Sale", "150,00\xa0€") in kinds and ("Voucher sold", "40,00\xa0€") in kinds
    assert f"{voucher.code} (40,00\xa0€ left)" in money.balance.text()
    assert money.balance.text().startswith("Credit: 0,00\xa0€")
    _close(qtbot, window, dialog, settle)


def test_an_artist_sees_no_money_in_the_history(qtbot, ctx, settle, studio, booked):
    window, dialog = _history(qtbot, ctx, settle, studio, studio.mia)
    assert dialog.history_panel.money is None
    _close(qtbot, window, dialog, settle)
