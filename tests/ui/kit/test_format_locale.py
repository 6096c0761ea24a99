"""Formats on screen follow the locale: the audit page's times and labels, a date edit's
month names, Qt's own default locale, the dashboard's greeting; English in Lisbon keeps the
day first."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit

from studio.services.audit import AuditFilter
from studio.services.common import formats, i18n
from studio.ui.kit.format import apply_locale, date_edit_format, greeting, qt_date_format
from tests.ui.conftest import open_window

# Independent of Babel: the month abbreviations each locale writes.
MONTHS = {
    "es_ES": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    "en_US": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


@pytest.fixture
def qt_default_locale():
    saved = QLocale()
    yield
    QLocale.setDefault(saved)


def speak(language: str, region: str) -> None:
    """What a sign-in does for a studio's language and region."""
    i18n.set_language(language)
    formats.set_region(region)


@pytest.mark.parametrize("language, region, locale, what", [
    ("es", "ES", "es_ES", "Añadió a alguien al equipo"),
    ("en", "US", "en_US", "Added staff"),
])
def test_the_audit_page_writes_when_and_what_in_the_locale(qtbot, ctx, settle, studio, qt_default_locale,
                                                           language, region, locale, what):
    services, admin, _artist = studio
    speak(language, region)
    apply_locale()
    window = open_window(qtbot, ctx, settle, services, admin)
    try:
        window.open_page("audit")
        page = window.pages["audit"]
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
        newest = services.audit.first_page(admin, AuditFilter(), limit=1).rows[0]
        model = page.model
        shown = {model.data(model.index(row, 2)) for row in range(model.rowCount())}
        assert what in shown  # the artist added to the template studio, in the language
        local = newest.at.astimezone(ZoneInfo("Europe/Lisbon"))
        month = MONTHS[locale][local.month - 1]
        if locale == "es_ES":
            # CLDR's Spanish time has no leading zero on the hour: 0:09:05, 9:41:00, 21:41:00.
            expected = f"{local.day} {month} {local.year}, {local.hour}:{local:%M:%S}"
        else:
            hour = local.hour % 12 or 12
            expected = (f"{month} {local.day}, {local.year}, {hour}:{local:%M:%S}\u202f"
                        f"{'AM' if local.hour < 12 else 'PM'}")
        assert model.data(model.index(0, 0)) == expected
    finally:
        window.idle.stop()
        window.close()
        settle()


@pytest.mark.parametrize("language, region, display, shown", [
    ("es", "ES", "d MMM yyyy", "9 sept 1999"),
    ("pt_BR", "BR", "d 'de' MMM 'de' yyyy", "9 de set. de 1999"),
    ("en", "US", "MMM d, yyyy", "Sep 9, 1999"),
    ("en", "PT", "d MMM yyyy", "9 Sept 1999"),  # a Lisbon studio in English: the day first
])
def test_a_date_edit_reads_like_the_dates_around_it(qtbot, language, region, display, shown):
    speak(language, region)
    edit = QDateEdit()
    qtbot.addWidget(edit)
    date_edit_format(edit)
    edit.setDate(QDate(1999, 9, 9))
    edit.show()
    assert edit.displayFormat() == qt_date_format() == display
    assert edit.text() == shown
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, shown.replace("1999", "2001"))  # typed as shown, read back
    assert edit.date() == QDate(2001, 9, 9)


def test_apply_locale_makes_qt_speak_the_current_locale(qt_default_locale):
    speak("es", "MX")
    assert apply_locale() == "es_MX"
    assert QLocale().name() == "es_MX" and QLocale().decimalPoint() == "."
    speak("pt_BR", "BR")
    assert apply_locale() == "pt_BR" and QLocale().decimalPoint() == ","


def test_the_greeting_is_translated():
    speak("es", "ES")
    assert greeting("Ana Ruiz", "Europe/Madrid") in {"Buenos días, Ana", "Buenas tardes, Ana", "Buenas noches, Ana"}
    speak("en", "PT")
    assert greeting("Ana Ruiz", "Europe/Madrid") in {"Good morning, Ana", "Good afternoon, Ana", "Good evening, Ana"}
