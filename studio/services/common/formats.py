"""Dates, times, numbers and money as the studio's region writes them, through Babel: the one
formatting module the services, the PDFs, the CLI and the widgets use (no ``strftime`` pattern
and no f-string money anywhere else; tests/i18n/test_no_hand_made_formats.py holds it).

The locale is the current language (i18n.py) written the way the studio's region (an ISO
country, the studio setting phones use too, set for the process with ``set_region``) does:
"es" in Mexico is "es_MX", "pt_BR" is "pt_BR". A PDF for someone else may pass ``locale=``.
Aware datetimes are shown in the given time zone.

Babel is imported on first use, so nothing here slows the first window.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _, current_language, supported

DEFAULT_LOCALE = "en_US"
# The locale each language falls back to when the studio's country has no variant of it.
LANGUAGE_LOCALES = {"en": "en_US", "es": "es_ES", "pt_BR": "pt_BR"}
_country: str | None = None  # the studio's region: an ISO country, e.g. "ES", "BR", "PT"
_locales: dict[tuple[str, str | None], str] = {}


def locale_for(language: str, country: str | None) -> str:
    """How someone reading ``language`` in a studio in ``country`` writes dates and money:
    "es" in "MX" → "es_MX", "es" in "PT" → "es_ES" (no such variant), "pt_BR" → "pt_BR",
    "en" in "GB" → "en_GB"."""
    language = supported(language) or "en"
    key = (language, country)
    if key not in _locales:
        from babel import Locale, UnknownLocaleError

        found = LANGUAGE_LOCALES.get(language, DEFAULT_LOCALE)
        if country and "_" not in language:
            try:
                found = str(Locale.parse(f"{language}_{country.upper()}"))
            except (ValueError, UnknownLocaleError):
                pass
        _locales[key] = found
    return _locales[key]


def set_region(country: str | None) -> None:
    """The studio's region (ISO country) for this process from now on."""
    global _country
    _country = country.upper() if country else None


def countries(*, locale: str | None = None) -> list[tuple[str, str]]:
    """Every country Linework reads phones for, as (ISO code, its name in the current
    language), ordered by name: the choices of the studio's region."""
    import unicodedata

    import phonenumbers
    from babel import Locale

    names = Locale.parse(locale or current_locale()).territories
    found = [(code, names.get(code, code)) for code in phonenumbers.SUPPORTED_REGIONS]
    # "Éire" next to "Eritrea": letters without their accents, then case.
    return sorted(found, key=lambda pair: unicodedata.normalize("NFKD", pair[1]).encode("ascii", "ignore").lower())


def current_region() -> str | None:
    """The studio's region this process writes in (None before a sign-in set one)."""
    return _country


def current_locale() -> str:
    """The current language (the signed-in person's, or the phone's) in the studio's region."""
    return locale_for(current_language(), _country)


def _local(moment: datetime, timezone: str | None) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime cannot be shown in a time zone")
    return moment.astimezone(ZoneInfo(timezone)) if timezone else moment


def _day(day: date | datetime, timezone: str | None) -> date:
    """The calendar day: an aware datetime's in ``timezone``, a date as it is."""
    return _local(day, timezone).date() if isinstance(day, datetime) else day


def short_date(day: date | datetime, timezone: str | None = None, *, locale: str | None = None) -> str:
    """"12 mar 2026" (es_ES), "Mar 12, 2026" (en_US), "12 de mar. de 2026" (pt_BR)."""
    from babel.dates import format_date

    return format_date(_day(day, timezone), "medium", locale=locale or current_locale())


def numeric_date(day: date | datetime, timezone: str | None = None, *, locale: str | None = None) -> str:
    """"12/3/26" (es_ES), "3/12/26" (en_US): for narrow columns."""
    from babel.dates import format_date

    return format_date(_day(day, timezone), "short", locale=locale or current_locale())


def long_date(day: date | datetime, timezone: str | None = None, *, locale: str | None = None) -> str:
    """"12 de marzo de 2026", "March 12, 2026"."""
    from babel.dates import format_date

    return format_date(_day(day, timezone), "long", locale=locale or current_locale())


def date_range(first: date, last: date, *, locale: str | None = None) -> str:
    """A span of days as the region writes it: "16–22 Mar 2026" (en_PT), "Mar 16 – 22, 2026"
    (en_US), "30 mar – 5 abr 2026" (es_ES); one day alone as short_date."""
    from babel.dates import format_interval

    if first == last:
        return short_date(first, locale=locale)
    return format_interval(first, last, "yMMMd", locale=locale or current_locale())


def weekday(day: date, *, locale: str | None = None, width: str = "abbreviated") -> str:
    """The day's name: "Mon" / "lun" / "seg." (``width`` "wide": "Monday", "narrow": "M")."""
    from babel.dates import format_date

    pattern = {"abbreviated": "EEE", "wide": "EEEE", "narrow": "EEEEE"}[width]
    return format_date(day, pattern, locale=locale or current_locale())


def full_date(day: date, *, locale: str | None = None) -> str:
    """The day with its weekday: "Monday, 16 March 2026", "lunes, 16 de marzo de 2026"."""
    from babel.dates import format_date

    return format_date(day, "full", locale=locale or current_locale())


def day_label(day: date, *, locale: str | None = None) -> str:
    """The weekday and the day without the year: "Mon, 16 Mar", "lun, 16 mar"."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMEd", day, locale=locale or current_locale())


def month_year(day: date, *, locale: str | None = None) -> str:
    """The month of ``day`` and its year: "March 2026", "marzo de 2026"."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=locale or current_locale())


def short_time(moment: time | datetime, timezone: str | None = None, *, locale: str | None = None,
               with_seconds: bool = False) -> str:
    """"14:05" or "2:05 PM", as the region does."""
    from babel.dates import format_time

    if isinstance(moment, datetime):
        moment = _local(moment, timezone).timetz().replace(tzinfo=None)
    return format_time(moment, "medium" if with_seconds else "short", locale=locale or current_locale())


def date_time(moment: datetime, timezone: str | None, *, locale: str | None = None,
              with_seconds: bool = False) -> str:
    """The date and the time, e.g. "12 mar 2026, 14:05"."""
    return f"{short_date(moment, timezone, locale=locale)}, " \
           f"{short_time(moment, timezone, locale=locale, with_seconds=with_seconds)}"


def time_range(starts_at: datetime, ends_at: datetime, timezone: str | None = None, *,
               locale: str | None = None) -> str:
    """"14:00–17:00" or "2:00 PM – 5:00 PM"; with the end's date when it ends on another day."""
    start = short_time(starts_at, timezone, locale=locale)
    end = short_time(ends_at, timezone, locale=locale)
    if _day(starts_at, timezone) != _day(ends_at, timezone):
        end = date_time(ends_at, timezone, locale=locale)
    return f"{start}\u2013{end}" if start[-1].isdigit() and end[0].isdigit() else f"{start} \u2013 {end}"


def moment(when: datetime, timezone: str | None, today: date, *, locale: str | None = None) -> str:
    """When something happened, as a sentence names it: "14:37" today, else "14:37 on
    14 Mar 2026"."""
    at = short_time(when, timezone, locale=locale)
    if _day(when, timezone) == today:
        return at
    # Translators: when something was changed, e.g. "14:37 on 14 Mar 2026".
    return _("{time} on {date}").format(time=at, date=short_date(when, timezone, locale=locale))


def stamp(moment: datetime | date, *, with_time: bool = True) -> str:
    """``moment`` as file names carry it ("20260314-103000", or "20260314" without the
    time): the same in every language."""
    return moment.strftime("%Y%m%d-%H%M%S" if with_time else "%Y%m%d")


def number(value: int | float | Decimal, *, locale: str | None = None) -> str:
    """"1.234" (es_ES), "1,234" (en_US)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale or current_locale())


def percent(value: float | Decimal, *, locale: str | None = None, decimals: int = 0) -> str:
    """0.5 → "50 %" (es_ES), "50%" (en_US); with ``decimals`` up to that many are shown
    when there are any (0.425 → "42.5%", 0.5 → "50%")."""
    from babel.numbers import format_percent

    if decimals:
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimals - 2)).normalize()
    return format_percent(value, locale=locale or current_locale(), decimal_quantization=not decimals)


def money(cents: int, currency: str, *, locale: str | None = None) -> str:
    """Integer cents in ``currency``: "1.234,50 €", "R$ 1.234,50", "$1,234.50"."""
    from babel.numbers import format_currency

    if not isinstance(cents, int):
        raise TypeError("money is integer cents")
    return format_currency(Decimal(cents).scaleb(-2), currency, locale=locale or current_locale())


def amount(cents: int, *, locale: str | None = None) -> str:
    """Integer cents as a number to edit, with two decimals and no currency sign: "1.234,50"
    (es_ES), "1,234.50" (en_US); parse_money reads it back."""
    from babel.numbers import format_decimal

    if not isinstance(cents, int):
        raise TypeError("an amount is integer cents")
    return format_decimal(Decimal(cents).scaleb(-2), "#,##0.00", locale=locale or current_locale())


_CURRENCY = re.compile(r"[A-Z]{0,3}[$€£¥₹₩₽¢]|\b[A-Z]{3}\b")  # $, €, R$, US$, EUR, BRL…
_AMOUNT = re.compile(r"-?[\d.,]*\d[\d.,]*")


def parse_money(text: str, *, locale: str | None = None) -> int:
    """A typed amount in the region's way ("1.234,50" or "1234,5" in es_ES; "1,234.50" in
    en_US; a currency sign is allowed) as integer cents. Raises ValidationError with a
    sentence when it is not an amount."""
    from babel.numbers import NumberFormatError, format_decimal, parse_decimal

    locale = locale or current_locale()
    if not text.strip():
        raise ValidationError(_("Enter an amount."))
    # A currency sign or code and any kind of space may stand around the number; anything
    # else ("12abc") makes it not an amount.
    cleaned = re.sub(r"\s", "", _CURRENCY.sub("", text)).replace("\u2212", "-")
    try:
        if not _AMOUNT.fullmatch(cleaned):
            raise NumberFormatError("not digits and separators")
        value = parse_decimal(cleaned, locale=locale, strict=False)
    except (NumberFormatError, InvalidOperation):
        raise ValidationError(_("“{text}” is not an amount. Write it like {example}.").format(
            text=text.strip(), example=format_decimal(Decimal("1234.50"), "#,##0.00", locale=locale))) from None
    if value.as_tuple().exponent < -2:
        raise ValidationError(_("An amount has at most two decimals."))
    return int(value.scaleb(2))
