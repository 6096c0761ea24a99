"""Changing the studio's settings: who may, what is checked, what the audit log says."""

from __future__ import annotations

from dataclasses import replace

from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.i18n import LANGUAGES, N_
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor, StudioSettings
from studio.services.common.settings_store import (
    REGION_KEY,
    clean_currency,
    clean_idle_minutes,
    clean_language,
    clean_region,
    clean_studio_name,
    clean_timezone,
    read_region,
    read_settings,
    read_settings_and_region,
    write_settings,
    write_value,
)


# How each setting is named in the audit log: as the Studio settings dialog labels it.
FIELD_LABELS = {"name": N_("Studio name"), "timezone": N_("Time zone"), "currency": N_("Currency"),
                "idle_lock_minutes": N_("Lock after idle"), "language": N_("Language")}
COUNTRY_LABEL = N_("Country")
SUBJECT = audit_log.STUDIO_SUBJECT


def _named_languages(settings: StudioSettings) -> StudioSettings:
    """``settings`` with its language's name (each in itself, as the chooser lists it) for
    the audit diff."""
    return replace(settings, language=LANGUAGES.get(settings.language, settings.language))


class SettingsService(Service):
    def studio(self) -> StudioSettings:
        """The studio's settings; readable before sign-in (the login shows the name)."""
        with self.unit_of_work(write=False) as uow:
            return read_settings(uow.session)

    def update(self, actor: Actor, *, name: str, timezone: str, currency: str,
               idle_lock_minutes: int, language: str | None = None, region: str | None = None) -> StudioSettings:
        """Needs EDIT_SETTINGS; each field is checked before anything is written. Without
        ``language`` or ``region`` (the country dates, money and phones are written for)
        those stay as they are."""
        code = None if region is None else clean_region(region)
        cleaned = dict(
            name=clean_studio_name(name),
            timezone=clean_timezone(timezone),
            currency=clean_currency(currency),
            idle_lock_minutes=clean_idle_minutes(idle_lock_minutes),
        )
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_SETTINGS)
            old = read_settings(uow.session)
            new = StudioSettings(**cleaned, language=old.language if language is None else clean_language(language))
            write_settings(uow.session, new)
            changes = audit_log.diff_fields(_named_languages(old), _named_languages(new), FIELD_LABELS)
            if code is not None:
                old_region = read_region(uow.session, old)
                write_value(uow.session, REGION_KEY, code)
                changes += audit_log.diff([(COUNTRY_LABEL, old_region, code)])
            if changes:
                audit_log.record(uow.session, self.clock(), audit_log.SETTINGS_CHANGED, actor=actor,
                                 subject_type="settings", subject=SUBJECT, detail=changes)
            uow.commit()
            return new

    def studio_and_region(self) -> tuple[StudioSettings, str]:
        """The settings and the region (ISO country) together: what a sign-in applies
        (the language, and the way dates and money are written)."""
        with self.unit_of_work(write=False) as uow:
            return read_settings_and_region(uow.session)

    def region(self) -> str:
        """The phone region (see read_region); readable by anyone signed in or not."""
        with self.unit_of_work(write=False) as uow:
            return read_region(uow.session)

    def set_region(self, actor: Actor, region: str) -> str:
        """Set 'studio.region'. Needs EDIT_SETTINGS. Stored numbers keep their country."""
        code = clean_region(region)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_SETTINGS)
            old = read_region(uow.session)
            write_value(uow.session, REGION_KEY, code)
            if old != code:
                audit_log.record(uow.session, self.clock(), audit_log.SETTINGS_CHANGED, actor=actor,
                                 subject_type="settings", subject=SUBJECT,
                                 detail=audit_log.diff([(COUNTRY_LABEL, old, code)]))
            uow.commit()
            return code
