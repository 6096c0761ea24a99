"""Studio-wide settings with their types, defaults and checks."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select

from studio.models import Setting
from studio.services import audit
from studio.services.base import Service
from studio.services.errors import ValidationError
from studio.services.permissions import Permission
from studio.services.records import Actor, StudioSettings
from studio.services.validation import clean_text

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


def read_settings(session) -> StudioSettings:
    stored = {s.key: json.loads(s.value) for s in session.scalars(select(Setting))}
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


class SettingsService(Service):
    def studio(self) -> StudioSettings:
        """The studio's settings; readable before sign-in (the login shows the name)."""
        with self.unit_of_work(write=False) as uow:
            return read_settings(uow.session)

    def update(self, actor: Actor, *, name: str, timezone: str, currency: str,
               idle_lock_minutes: int) -> StudioSettings:
        """Needs EDIT_SETTINGS; each field is checked before anything is written."""
        new = StudioSettings(
            name=clean_studio_name(name),
            timezone=clean_timezone(timezone),
            currency=clean_currency(currency),
            idle_lock_minutes=clean_idle_minutes(idle_lock_minutes),
        )
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_SETTINGS)
            old = read_settings(uow.session)
            write_settings(uow.session, new)
            changes = [f"{field}: {getattr(old, field)} → {getattr(new, field)}"
                       for field in ("name", "timezone", "currency", "idle_lock_minutes")
                       if getattr(old, field) != getattr(new, field)]
            if changes:
                audit.record(uow.session, self.clock(), audit.SETTINGS_CHANGED, actor=actor,
                             subject_type="settings", subject="studio", detail="; ".join(changes))
            uow.commit()
            return new
