"""Settings → Register, opened from the admin's account menu: a commission rate typed the
studio's way and its history, a rate over 100 % and a past day refused with the service's
sentence; the aftercare text with a blank Linework can't fill, and the unsaved-edit guard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMenu

from studio.ui.settings.register import RegisterSettingsDialog
from tests.ui.dialogs import cancel, find_dialog, focus, press, wait_closed
from tests.ui.register.conftest import DEADLINE, open_calendar


@pytest.fixture
def settings(qtbot, ctx, settle, studio):
    """The admin's window, and Settings → Register chosen from the account menu."""
    window = open_calendar(qtbot, ctx, settle, studio, studio.admin).window
    qtbot.mouseClick(window.user_button, Qt.MouseButton.LeftButton)
    menu = find_dialog(qtbot, QMenu)
    menu.setActiveAction(window.area_actions["register-settings"])
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    dialog = find_dialog(qtbot, RegisterSettingsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=DEADLINE)
    yield dialog
    window.idle.stop()
    window.close()
    settle()


def test_an_artists_rate_is_set_from_a_day_and_shown_in_the_history(qtbot, settings, studio):
    dialog = settings
    rates = dialog.rates_tab
    rates.whose.setCurrentIndex(rates.whose.findText("Mia"))
    start = date(2027, 1, 4)  # after the window's today, whichever it is
    rates.valid_from.setDate(QDate(start))
    focus(qtbot, rates.rate)
    qtbot.keyClicks(rates.rate, "42,5")
    qtbot.keyClick(rates.rate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rates.table.rowCount() == 1, timeout=DEADLINE)
    assert [rates.table.item(0, c).text() for c in range(3)] == ["Mia", "42,5 %", "4 Jan 2027"]
    (stored,) = studio.services.commission.rates(studio.admin)
    assert (stored.artist_id, stored.rate_bp, stored.valid_from) == (studio.mia.staff_id, 4250, start)
    cancel(qtbot, RegisterSettingsDialog)


def test_a_rate_over_100_and_a_past_day_are_refused_with_the_services_sentence(qtbot, settings, studio):
    dialog = settings
    rates = dialog.rates_tab
    focus(qtbot, rates.rate)
    qtbot.keyClicks(rates.rate, "120")
    qtbot.mouseClick(rates.set_button, Qt.MouseButton.LeftButton)
    error = rates.fields["rate"].error
    qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert error.text() == "A commission rate can be at most 100 %."
    rates.rate.setText("")
    qtbot.keyClicks(rates.rate, "40")
    rates.valid_from.setDate(QDate(2026, 3, 1))  # before the studio's today (16 March 2026)
    qtbot.mouseClick(rates.set_button, Qt.MouseButton.LeftButton)
    past = rates.fields["valid_from"].error
    qtbot.waitUntil(past.isVisible, timeout=DEADLINE)
    assert past.text() == "A new rate starts today or later; past days keep the rate they had."
    assert studio.services.commission.rates(studio.admin) == ()
    cancel(qtbot, RegisterSettingsDialog)


def test_aftercare_text_with_an_unknown_blank_is_refused_and_closing_asks_first(qtbot, settings, studio):
    dialog = settings
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(1).center())
    tab = dialog.aftercare_tab
    before = studio.services.aftercare.text(studio.admin)
    focus(qtbot, tab.editor)
    qtbot.keyClick(tab.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.editor, " See you, {nickname}.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.field.error.isVisible, timeout=DEADLINE)
    assert tab.field.error.text().startswith("Linework can't fill {nickname}. The blanks are: {first_name}")
    assert studio.services.aftercare.text(studio.admin) == before
    qtbot.keyClick(tab.editor, Qt.Key.Key_Escape)
    press(qtbot, "Discard changes", title="Unsaved changes")
    wait_closed(qtbot, dialog, "closing")


def test_aftercare_text_saved_from_settings_is_the_studios(qtbot, settings, studio):
    dialog = settings
    dialog.tabs.setCurrentWidget(dialog.aftercare_tab)
    tab = dialog.aftercare_tab
    focus(qtbot, tab.editor)
    tab.editor.selectAll()
    qtbot.keyClicks(tab.editor, "Hi {first_name}, keep it clean.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.dirty, timeout=DEADLINE)
    assert studio.services.aftercare.text(studio.admin) == "Hi {first_name}, keep it clean."
    qtbot.keyClick(tab.editor, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog, "closing")


def test_the_sales_tax_is_typed_the_studios_way_and_a_bad_rate_changes_nothing(qtbot, settings, studio):
    from studio.services.finance import TaxSetting

    dialog = settings
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(dialog.tabs.indexOf(dialog.tax_tab)).center())
    qtbot.waitUntil(dialog.tax_tab.isVisible, timeout=DEADLINE)
    tax = dialog.tax_tab
    assert tax.rate.text() == "0"
    focus(qtbot, tax.rate)
    tax.rate.clear()
    qtbot.keyClicks(tax.rate, "60")
    qtbot.keyClick(tax.rate, Qt.Key.Key_Return)
    error = tax.fields["rate"].error
    qtbot.waitUntil(error.isVisible, timeout=DEADLINE)
    assert error.text() == "Type the tax rate as a percentage between 0 and 50, e.g. 21."
    assert studio.services.finance.tax(studio.admin) == TaxSetting(0, "")
    tax.rate.clear()
    qtbot.keyClicks(tax.rate, "22,5")
    focus(qtbot, tax.name)
    qtbot.keyClicks(tax.name, "IVA")
    qtbot.mouseClick(tax.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: studio.services.finance.tax(studio.admin) == TaxSetting(2250, "IVA"), timeout=DEADLINE)
    qtbot.waitUntil(tax.save_button.isEnabled, timeout=DEADLINE)
    assert not error.isVisible()
    cancel(qtbot, RegisterSettingsDialog)
