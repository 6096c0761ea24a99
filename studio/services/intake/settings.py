"""The intake settings (address, port, start with the app, minimum age, daily walk-in
rotation) and the studio's form secret, as rows of the settings table."""

from __future__ import annotations

import secrets

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.settings_store import (
    DEFAULT_INTAKE_PORT,
    INTAKE_HOST_KEY,
    INTAKE_PORT_KEY,
    lan_address,
    read_value,
    write_value,
)
from studio.services.intake.records import IntakeSettings

AUTOSTART_KEY = "intake.autostart"
MIN_AGE_KEY = "intake.min_age"
WALKIN_DAILY_KEY = "intake.walkin_daily"
FORM_SECRET_KEY = "intake.form_secret"
DEFAULT_MIN_AGE = 18
MIN_AGE_RANGE = (14, 25)
ALL_INTERFACES = ("0.0.0.0", "::")
# How the audit log names each setting: as the intake settings dialog labels it.
FIELD_LABELS = {"host": N_("Address to listen on"), "port": N_("Port"),
                "autostart": N_("Start the intake server with Linework"), "min_age": N_("Minimum age"),
                "walkin_daily": N_("Rotate the walk-in code every day")}


def read_intake_settings(session) -> IntakeSettings:
    host = read_value(session, INTAKE_HOST_KEY)
    port = read_value(session, INTAKE_PORT_KEY)
    min_age = read_value(session, MIN_AGE_KEY)
    return IntakeSettings(
        host=host.strip() if isinstance(host, str) else "",
        port=port if isinstance(port, int) and 1 <= port <= 65535 else DEFAULT_INTAKE_PORT,
        autostart=read_value(session, AUTOSTART_KEY) is True,
        min_age=min_age if isinstance(min_age, int) else DEFAULT_MIN_AGE,
        walkin_daily=read_value(session, WALKIN_DAILY_KEY) is True,
    )


def write_intake_settings(session, settings: IntakeSettings) -> None:
    write_value(session, INTAKE_HOST_KEY, settings.host)
    write_value(session, INTAKE_PORT_KEY, settings.port)
    write_value(session, AUTOSTART_KEY, settings.autostart)
    write_value(session, MIN_AGE_KEY, settings.min_age)
    write_value(session, WALKIN_DAILY_KEY, settings.walkin_daily)


def clean_intake_settings(*, host: str, port: int, autostart: bool, min_age: int,
                          walkin_daily: bool) -> IntakeSettings:
    import ipaddress

    host = (host or "").strip()
    if host:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise ValidationError(_("Enter an IP address of this PC (e.g. 192.168.1.20), or leave it "
                                    "empty for its network address."), field="host") from None
    if not isinstance(port, int) or not 1024 <= port <= 65535:
        raise ValidationError(_("Choose a port between 1024 and 65535 (8765 is the default)."), field="port")
    low, high = MIN_AGE_RANGE
    if not isinstance(min_age, int) or not low <= min_age <= high:
        raise ValidationError(_("The minimum age must be between {low} and {high}.").format(low=low, high=high),
                              field="min_age")
    return IntakeSettings(host=host, port=port, autostart=bool(autostart), min_age=min_age,
                          walkin_daily=bool(walkin_daily))


def bind_and_url_host(settings: IntakeSettings) -> tuple[str, str]:
    """(address to bind, address phones use). Empty means this PC's LAN address; an
    all-interfaces address is bound only when the admin typed it, and phones are still
    given the LAN address."""
    if not settings.host:
        lan = lan_address()
        return lan, lan
    if settings.host in ALL_INTERFACES:
        return settings.host, lan_address()
    return settings.host, settings.host


def form_secret(session, *, create: bool) -> bytes | None:
    stored = read_value(session, FORM_SECRET_KEY)
    if isinstance(stored, str) and len(stored) == 64:
        return bytes.fromhex(stored)
    if not create:
        return None
    value = secrets.token_hex(32)
    write_value(session, FORM_SECRET_KEY, value)
    return bytes.fromhex(value)
