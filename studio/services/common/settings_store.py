"""The settings store: studio-wide settings with their types, defaults and checks, read and
written inside the caller's unit of work. The service that changes them is the settings
area's (studio.services.settings).

Every stored setting is read with ``read_values`` / ``read_value`` and written with
``write_value`` (a JSON value under a dotted key); the areas' typed readers (the studio's
below, backup/settings.py, intake/settings.py) build on them and nothing else touches the
settings table."""

from __future__ import annotations

import json
from typing import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select

from studio.models import Setting
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.records import StudioSettings
from studio.services.common.validation import clean_text

# ISO 4217 codes a studio is likely to use; the list only guides the set-up dialog.
CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "JPY", "MXN", "BRL", "ARS", "CLP", "COP", "ZAR", "SGD", "HKD", "KRW", "THB",
)

DEFAULTS = StudioSettings(name="", timezone="UTC", currency="USD", idle_lock_minutes=5, language="en")
IDLE_LOCK_RANGE = (1, 240)
IDLE_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)  # what the settings dialog offers


def timezone_names() -> list[str]:
    return sorted(available_timezones())


def clean_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Choose a time zone from the list, e.g. Europe/Lisbon."), field="timezone") from None
    return value


def clean_language(value: str | None) -> str:
    from studio.services.common.i18n import LANGUAGES, supported

    code = supported(value)
    if code is None:
        names = ", ".join(LANGUAGES.values())
        raise ValidationError(_("Choose one of the languages Linework speaks: {names}.").format(names=names),
                              field="language")
    return code


def clean_currency(value: str) -> str:
    code = value.strip().upper()
    # isascii: str.isalpha() also takes letters like "É", which no ISO 4217 code has.
    if len(code) != 3 or not (code.isascii() and code.isalpha()):
        raise ValidationError(_("Choose a currency, e.g. EUR or USD."), field="currency")
    return code


def clean_idle_minutes(value: int) -> int:
    low, high = IDLE_LOCK_RANGE
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(_("Auto-lock must be between {low} and {high} minutes.").format(low=low, high=high),
                              field="idle_lock_minutes")
    return value


def clean_studio_name(value: str) -> str:
    # Translators: a field named inside "Enter a {label}." and "The {label} can be at most {max} characters."
    return clean_text(value, field="studio_name", label=N_("studio name"), max_length=80)


# Core, not ORM: the clients list reads the settings on every keystroke.
_KEY, _VALUE = Setting.__table__.c.key, Setting.__table__.c.value
_ALL_SETTINGS = select(_KEY, _VALUE)


def read_values(session, keys: Iterable[str] | None = None) -> dict:
    """The stored settings by key (only ``keys`` when given; absent ones are left out)."""
    query = _ALL_SETTINGS if keys is None else _ALL_SETTINGS.where(_KEY.in_(list(keys)))
    return {key: json.loads(value) for key, value in session.execute(query)}


def read_value(session, key: str):
    """One stored setting, or None when it was never written."""
    row = session.get(Setting, key)
    return json.loads(row.value) if row is not None else None


def write_value(session, key: str, value) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``, in the caller's unit of work."""
    session.merge(Setting(key=key, value=json.dumps(value)))


def delete_value(session, key: str) -> None:
    """Forget the setting under ``key`` (nothing when it was never written)."""
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)


# StudioSettings' fields and the keys they are stored under.
STUDIO_KEYS = {"name": "studio.name", "timezone": "studio.timezone", "currency": "studio.currency",
               "idle_lock_minutes": "security.idle_lock_minutes", "language": "studio.language"}


def read_settings(session, stored: dict | None = None) -> StudioSettings:
    """The studio settings (from ``stored``, stored settings by key as read_values returns
    them, when the caller has read them already)."""
    stored = read_values(session) if stored is None else stored
    return StudioSettings(**{field: stored.get(key, getattr(DEFAULTS, field)) for field, key in STUDIO_KEYS.items()})


def write_settings(session, settings: StudioSettings) -> None:
    for field, key in STUDIO_KEYS.items():
        write_value(session, key, getattr(settings, field))


# Settings other modules read by key. Absent keys fall back to the defaults below.
REGION_KEY = "studio.region"
INTAKE_HOST_KEY = "intake.host"
INTAKE_PORT_KEY = "intake.port"
DEFAULT_INTAKE_PORT = 8765


def read_region(session, settings: StudioSettings | None = None) -> str:
    """The ISO country phones are read in when typed without +country code: the
    'studio.region' setting, else guessed from the studio's time zone and currency
    (``settings``, when the caller has read them already)."""
    from studio.services.common.phones import default_region

    stored = _known_region(read_value(session, REGION_KEY))
    if stored:
        return stored
    settings = settings or read_settings(session)
    return default_region(settings.timezone, settings.currency)


def read_settings_and_region(session) -> tuple[StudioSettings, str]:
    """read_settings() and read_region() from one read of the settings table."""
    from studio.services.common.phones import default_region

    stored = read_values(session)
    settings = read_settings(session, stored)
    region = _known_region(stored.get(REGION_KEY)) or default_region(settings.timezone, settings.currency)
    return settings, region


def _known_region(stored) -> str | None:
    from studio.services.common.phones import is_known_region

    return stored if isinstance(stored, str) and is_known_region(stored) else None


def lan_address() -> str:
    """This PC's address on the local network, or 127.0.0.1 when it has none.

    Connecting a UDP socket sends nothing; it only asks the OS which interface would route.
    """
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    return address if address and not address.startswith("0.") else "127.0.0.1"


def clean_region(value: str) -> str:
    from studio.services.common.phones import is_known_region

    code = value.strip().upper()
    if not is_known_region(code):
        raise ValidationError(_("Choose a country, e.g. PT or US."), field="region")
    return code
