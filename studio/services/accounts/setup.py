"""First run: the studio's language, name, time zone and currency, and its first admin."""

from __future__ import annotations

from sqlalchemy import func, select

from studio.models import Staff
from studio.services.accounts.auth import actor_of
from studio.services.accounts.staff import clean_staff_form
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import Conflict
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Role
from studio.services.common.records import Actor, StudioSettings
from studio.services.common.settings_store import (
    DEFAULTS,
    clean_currency,
    clean_language,
    clean_studio_name,
    clean_timezone,
    write_settings,
)
from studio.services.common.validation import gather


def _clean_setup(session, *, studio_name: str, timezone: str, currency: str, admin_name: str,
                 admin_email: str, password: str, language: str = "en") -> StudioSettings:
    clean = gather({
        "language": lambda: clean_language(language),
        "studio_name": lambda: clean_studio_name(studio_name),
        "timezone": lambda: clean_timezone(timezone),
        "currency": lambda: clean_currency(currency),
        "admin": lambda: clean_staff_form(session, name=admin_name, email=admin_email, role=Role.ADMIN.value,
                                          password=password),
    })
    return StudioSettings(name=clean["studio_name"], timezone=clean["timezone"], currency=clean["currency"],
                          idle_lock_minutes=DEFAULTS.idle_lock_minutes, language=clean["language"])


class SetupService(Service):
    def needs_setup(self) -> bool:
        """True until the first admin exists."""
        with self.unit_of_work(write=False) as uow:
            return not uow.session.scalar(select(func.count()).select_from(Staff))

    def check_studio(
        self, *, studio_name: str, timezone: str, currency: str, admin_name: str, admin_email: str,
        password: str, language: str = "en",
    ) -> None:
        """Check the set-up form without saving: raises FormErrors naming every field that
        would be refused (studio_name, timezone, currency, name, email, password)."""
        with self.unit_of_work(write=False) as uow:
            _clean_setup(uow.session, studio_name=studio_name, timezone=timezone, currency=currency,
                         admin_name=admin_name, admin_email=admin_email, password=password, language=language)

    def create_studio(
        self, *, studio_name: str, timezone: str, currency: str, admin_name: str, admin_email: str,
        password: str, language: str = "en",
    ) -> Actor:
        """Create the studio settings and its first admin, in one transaction. Raises
        FormErrors (every refused field named) or Conflict when the studio exists already."""
        with self.unit_of_work() as uow:
            if uow.session.scalar(select(func.count()).select_from(Staff)):
                raise Conflict(_("This studio is already set up. Sign in instead."))
            settings = _clean_setup(uow.session, studio_name=studio_name, timezone=timezone, currency=currency,
                                    admin_name=admin_name, admin_email=admin_email, password=password,
                                    language=language)
            staff = self.services.staff._new_staff(
                uow.session, name=admin_name, email=admin_email, role=Role.ADMIN.value,
                password=password,
            )
            write_settings(uow.session, settings)
            actor = actor_of(staff)
            audit_log.record(uow.session, self.clock(), audit_log.STUDIO_CREATED, actor=actor,
                             subject_type="settings", subject=settings.name,
                             # Translators: the detail of setting up a studio; {zone} is e.g. "Europe/Lisbon", {currency} "EUR".
                             detail=Words(N_("time zone {zone}, currency {currency}"), zone=settings.timezone,
                                          currency=settings.currency))
            uow.commit()
            return actor
