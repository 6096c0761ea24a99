"""Phone numbers: parsed and checked with ``phonenumbers``, stored in E.164, shown in the
studio's local format. Numbers without a country code are read in the studio's region."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _

log = logging.getLogger(__name__)

PHONE_INPUT_MAX = 40

# A studio whose currency names one country is almost surely in it; the euro and a few
# others span several, so the time zone decides first (see default_region).
_CURRENCY_REGIONS = {
    "USD": "US", "GBP": "GB", "CAD": "CA", "AUD": "AU", "NZD": "NZ", "CHF": "CH", "SEK": "SE",
    "NOK": "NO", "DKK": "DK", "PLN": "PL", "CZK": "CZ", "HUF": "HU", "JPY": "JP", "MXN": "MX",
    "BRL": "BR", "ARS": "AR", "CLP": "CL", "COP": "CO", "ZAR": "ZA", "SGD": "SG", "HKD": "HK",
    "KRW": "KR", "THB": "TH",
}
FALLBACK_REGION = "US"


def _zone_tab_text() -> str | None:
    """The IANA zone.tab (time zone → country), from the tzdata package or the system."""
    try:
        from importlib.resources import files

        return (files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except Exception:  # noqa: BLE001 - tzdata is optional off Windows
        pass
    for path in (Path("/usr/share/zoneinfo/zone.tab"), Path("/usr/lib/zoneinfo/zone.tab")):
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            continue
    return None


@functools.cache
def _zone_countries() -> dict[str, str]:
    text = _zone_tab_text() or ""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table[parts[2].strip()] = parts[0].strip().upper()
    return table


def is_known_region(region: str) -> bool:
    import phonenumbers

    return region in phonenumbers.SUPPORTED_REGIONS


def default_region(timezone: str, currency: str) -> str:
    """The region a studio most likely dials from: its time zone's country, else its
    currency's, else US."""
    for guess in (_zone_countries().get(timezone), _CURRENCY_REGIONS.get(currency.upper())):
        if guess and is_known_region(guess):
            return guess
    return FALLBACK_REGION


def normalize_phone(raw: str, region: str, *, field: str = "phone") -> str:
    """E.164 for a possible number, "" for an empty one; ValidationError otherwise.

    "Possible" (the right length for its country) rather than "valid" (in a range known to
    be assigned): the library's ranges lag new allocations, and refusing a client's real
    number at the desk is worse than accepting an unusual one."""
    import phonenumbers

    text = " ".join(raw.split())
    if not text:
        return ""
    if len(text) > PHONE_INPUT_MAX:
        raise ValidationError(_("A phone number has at most {n} characters.").format(n=PHONE_INPUT_MAX), field=field)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number is not None else ""
    # A number whose E.164 reads back as another number ("000000" in Germany loses a zero
    # each time) is no phone number: stored, it would change on every save.
    if number is None or not phonenumbers.is_possible_number(number) or not _stable(e164):
        raise ValidationError(
            _("That doesn't look like a phone number. Check the digits, and add the country "
              "code (e.g. +44) for a number from abroad."),
            field=field,
        )
    return e164


def _stable(e164: str) -> bool:
    import phonenumbers

    try:
        again = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.format_number(again, phonenumbers.PhoneNumberFormat.E164) == e164


def try_normalize_phone(raw: str, region: str) -> str:
    """E.164, or "" when ``raw`` is empty or not a number (for lookups, never errors)."""
    try:
        return normalize_phone(raw, region)
    except ValidationError:
        return ""


def _parse_e164(e164: str):
    import phonenumbers

    try:
        return phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None


def display_phone(e164: str, region: str) -> str:
    """National format for a number in the studio's calling code, international otherwise."""
    return pick_display(*formats(e164), region) if e164 else ""


def national_digits(e164: str) -> str:
    """The digits dialled inside the number's own country, trunk prefix included
    ("+447700900123" → "07700900123"); "" when unknown."""
    import phonenumbers

    number = _parse_e164(e164) if e164 else None
    if number is None:
        return ""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(c for c in national if "0" <= c <= "9")


def formats(e164: str) -> tuple[str, str]:
    """(national, international) ways of writing a stored number; ("", "") for none."""
    import phonenumbers

    number = _parse_e164(e164) if e164 else None
    if number is None:
        return "", ""
    return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


@functools.cache
def region_calling_code(region: str) -> str:
    import phonenumbers

    return f"+{phonenumbers.country_code_for_region(region)}"


def pick_display(national: str, international: str, region: str) -> str:
    """The national form for a number sharing the studio's country code (+1 covers the
    US and Canada alike), the international one otherwise; no parsing, so it is cheap."""
    if not international:
        return ""
    same = international.split(" ", 1)[0] == region_calling_code(region)
    return national if same else international
