"""Local formats through Babel: money, dates and times as each region writes them, and a
typed amount read back the way it was written, in every locale Linework speaks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.services.common import ValidationError, formats, i18n

LOCALES = ("en_US", "en_GB", "es_ES", "es_MX", "pt_BR")


@pytest.mark.parametrize("locale, currency, shown", [
    ("es_ES", "EUR", "1.234,50\u00a0€"),
    ("pt_BR", "BRL", "R$\u00a01.234,50"),
    ("en_US", "USD", "$1,234.50"),
])
def test_money_reads_as_the_region_writes_it(locale, currency, shown):
    assert formats.money(123450, currency, locale=locale) == shown


def test_money_is_integer_cents():
    with pytest.raises(TypeError):
        formats.money(12.5, "EUR", locale="es_ES")


@given(cents=st.integers(min_value=-10**11, max_value=10**11), locale=st.sampled_from(LOCALES))
def test_a_formatted_amount_reads_back_as_the_same_cents(cents, locale):
    currency = {"pt_BR": "BRL", "en_US": "USD", "es_MX": "MXN"}.get(locale, "EUR")
    assert formats.parse_money(formats.money(cents, currency, locale=locale), locale=locale) == cents


@given(cents=st.integers(min_value=0, max_value=10**11), locale=st.sampled_from(LOCALES))
def test_an_amount_to_edit_has_two_decimals_no_sign_and_reads_back(cents, locale):
    text = formats.amount(cents, locale=locale)
    assert formats.parse_money(text, locale=locale) == cents
    assert text[-3] in ",." and not any(sign in text for sign in "$€R")


def test_an_amount_to_edit_is_written_the_regions_way():
    assert (formats.amount(123450, locale="es_ES"), formats.amount(123450, locale="en_US")) == ("1.234,50", "1,234.50")


@pytest.mark.parametrize("locale, typed, cents", [
    ("es_ES", "1.234,5", 123450), ("es_ES", "12", 1200), ("es_ES", "0,99 €", 99),
    ("pt_BR", "R$ 1.234,50", 123450), ("en_US", "$1,234.50", 123450), ("en_US", "1234.5", 123450),
    ("es_ES", "EUR 12,50", 1250), ("en_US", "US$ 5", 500), ("en_US", "-$3.25", -325),
])
def test_a_typed_amount_takes_the_regions_decimal_separator(locale, typed, cents):
    assert formats.parse_money(typed, locale=locale) == cents


@pytest.mark.parametrize("typed, sentence", [
    ("", "Escribe un importe."),
    ("doce", "«doce» no es un importe. Escríbelo así: 1.234,50."),
    ("12abc", "«12abc» no es un importe. Escríbelo así: 1.234,50."),
    ("12 - 3", "«12 - 3» no es un importe. Escríbelo así: 1.234,50."),
    ("1,234", "Un importe tiene como máximo dos decimales."),
])
def test_an_amount_that_is_not_one_is_refused_with_a_sentence_in_the_language(typed, sentence):
    with i18n.using_language("es"), pytest.raises(ValidationError) as refused:
        formats.parse_money(typed, locale="es_ES")
    assert refused.value.message == sentence


@pytest.mark.parametrize("locale, short, long, at", [
    ("es_ES", "12 mar 2026", "12 de marzo de 2026", "14:05"),
    ("pt_BR", "12 de mar. de 2026", "12 de março de 2026", "14:05"),
    ("en_US", "Mar 12, 2026", "March 12, 2026", "2:05\u202fPM"),
    ("en_GB", "12 Mar 2026", "12 March 2026", "14:05"),
])
def test_dates_and_times_as_the_region_writes_them_in_the_studios_zone(locale, short, long, at):
    moment = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)  # 14:05 in Madrid
    assert formats.short_date(moment, "Europe/Madrid", locale=locale) == short
    assert formats.long_date(date(2026, 3, 12), locale=locale) == long
    assert formats.short_time(moment, "Europe/Madrid", locale=locale) == at


@pytest.mark.parametrize("language, country, locale", [
    ("es", "MX", "es_MX"), ("es", "ES", "es_ES"), ("es", "PT", "es_ES"), ("pt_BR", "PT", "pt_BR"),
    ("en", "GB", "en_GB"), ("en", None, "en_US"), ("es", None, "es_ES"),
])
def test_the_locale_is_the_language_in_the_studios_region(language, country, locale):
    assert formats.locale_for(language, country) == locale
