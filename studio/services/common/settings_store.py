"""The settings store: studio-wide settings with their types, defaults and checks, read and
written inside the caller's unit of work. The service that changes them is the settings
area's (studio.services.settings)."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select

from studio.models import Setting
from studio.services.common.errors import ValidationError
from studio.services.common.records import StudioSettings
from studio.services.common.validation import clean_text

# ISO 4217 codes a studio is likely to use; the list only guides the set-up dialog.
CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "JPY", "MXN", "BRL", "ARS", "CLP", "COP", "ZAR", "SGD", "HKD", "KRW", "THB",
)

DEFAULTS = StudioSettings(name="", timezone="UTC", currency="USD", idle_lock_minutes=5)
IDLE_LOCK_RANGE = (1, 240)
IDLE_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)  # what the settings dialog offers


def timezone_names() -> list[str]:
    return sorted(available_timezones())


def clean_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("Choose a time zone from the list, e.g. Europe/Lisbon.", field="timezone") from None
    return value


def clean_currency(value: str) -> str:
    code = value.strip().upper()
    # isascii: str.isalpha() also takes letters like "É", which no ISO 4217 code has.
    if len(code) != 3 or not (code.isascii() and code.isalpha()):
        raise ValidationError("Choose a currency, e.g. EUR or USD.", field="currency")
    return code


def clean_idle_minutes(value: int) -> int:
    low, high = IDLE_LOCK_RANGE
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"Auto-lock must be between {low} and {high} minutes.", field="idle_lock_minutes")
    return value


def clean_studio_name(value: str) -> str:
    return clean_text(value, field="studio_name", label="studio name", max_length=80)


# Core, not ORM: the clients list reads the settings on every keystroke.
_ALL_SETTINGS = select(Setting.__table__.c.key, Setting.__table__.c.value)


def _stored_all(session) -> dict:
    return {key: json.loads(value) for key, value in session.execute(_ALL_SETTINGS)}


def read_settings(session, stored: dict | None = None) -> StudioSettings:
    """The studio settings (from ``stored``, every stored setting by key, when the caller
    has read them already)."""
    stored = _stored_all(session) if stored is None else stored
    return StudioSettings(
        name=stored.get("studio.name", DEFAULTS.name),
        timezone=stored.get("studio.timezone", DEFAULTS.timezone),
        currency=stored.get("studio.currency", DEFAULTS.currency),
        idle_lock_minutes=stored.get("security.idle_lock_minutes", DEFAULTS.idle_lock_minutes),
    )


def write_settings(session, settings: StudioSettings) -> None:
    values = {
        "studio.name": settings.name,
        "studio.timezone": settings.timezone,
        "studio.currency": settings.currency,
        "security.idle_lock_minutes": settings.idle_lock_minutes,
    }
    for key, value in values.items():
        session.merge(Setting(key=key, value=json.dumps(value)))


# Settings other modules read by key. Absent keys fall back to the defaults below.
REGION_KEY = "studio.region"
INTAKE_HOST_KEY = "intake.host"
INTAKE_PORT_KEY = "intake.port"
DEFAULT_INTAKE_PORT = 8765


def _stored(session, key: str):
    row = session.get(Setting, key)
    return json.loads(row.value) if row is not None else None


def read_region(session, settings: StudioSettings | None = None) -> str:
    """The ISO country phones are read in when typed without +country code: the
    'studio.region' setting, else guessed from the studio's time zone and currency
    (``settings``, when the caller has read them already)."""
    from studio.services.common.phones import default_region

    stored = _known_region(_stored(session, REGION_KEY))
    if stored:
        return stored
    settings = settings or read_settings(session)
    return default_region(settings.timezone, settings.currency)


def read_settings_and_region(session) -> tuple[StudioSettings, str]:
    """read_settings() and read_region() from one read of the settings table."""
    from studio.services.common.phones import default_region

    stored = _stored_all(session)
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
        raise ValidationError("Choose a country, e.g. PT or US.", field="region")
    return code
