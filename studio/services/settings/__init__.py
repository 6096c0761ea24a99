"""The settings area's public face: the service that changes the studio's settings and the
choices and defaults its dialogs offer. Reading settings inside a unit of work is common's
(studio.services.common.settings_store)."""

from studio.services.common.settings_store import (
    CURRENCIES,
    DEFAULTS,
    IDLE_LOCK_CHOICES,
    IDLE_LOCK_RANGE,
    lan_address,
    timezone_names,
)
from studio.services.settings.service import SettingsService

__all__ = ["CURRENCIES", "DEFAULTS", "IDLE_LOCK_CHOICES", "IDLE_LOCK_RANGE", "SettingsService", "lan_address",
           "timezone_names"]
