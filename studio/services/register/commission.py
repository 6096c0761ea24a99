"""The artists' commission rates, versioned by day: a new rate starts today or later, so
the days already worked keep the rate they were worked at (shares.py applies them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from studio.models import CommissionRate, Staff
from studio.services.common import audit_log
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings

from studio.services.register.records import RateRecord
from studio.services.register.shares import Rates

SUBJECT = "commission"


class CommissionService(Service):
    def rates(self, actor: Actor) -> tuple[RateRecord, ...]:
        """Every rate set, newest first (artist None: the studio's default)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_RATES)
            rows = uow.session.scalars(select(CommissionRate).order_by(CommissionRate.valid_from.desc(),
                                                                      CommissionRate.id.desc()))
            return tuple(RateRecord(r.artist_id, r.rate_bp, r.valid_from, r.set_by_name) for r in rows)

    def rate_today(self, actor: Actor, artist_id: int | None) -> int:
        """The rate in force today for the artist (or the default), in basis points."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_REGISTER)
            today = local_day(self.clock(), read_settings(uow.session).timezone)
            return Rates.read(uow.session).on(artist_id, today) if artist_id else Rates.read(uow.session).default_on(today)

    def set_rate(self, actor: Actor, artist_id: int | None, rate_bp: int, valid_from: date) -> RateRecord:
        """The artist's rate (or the studio's default, ``artist_id`` None) from ``valid_from``
        on. Refused for a day already begun before today, or a rate over 100 %."""
        if isinstance(rate_bp, bool) or not isinstance(rate_bp, int) or rate_bp < 0:
            raise ValidationError(_("Type the rate as a percentage, e.g. 50."), field="rate")
        if rate_bp > 10000:
            raise ValidationError(_("A commission rate can be at most 100 %."), field="rate")
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.MANAGE_RATES)
            now, settings = self.clock(), read_settings(session)
            if valid_from < local_day(now, settings.timezone):
                raise ValidationError(_("A new rate starts today or later; past days keep the rate they had."),
                                      field="valid_from")
            name = ""
            if artist_id is not None:
                artist = session.get(Staff, artist_id)
                if artist is None or artist.role not in (Role.ARTIST, Role.ADMIN):
                    raise ValidationError(_("Choose an artist of the studio."), field="artist_id")
                name = artist.name
            row = session.scalar(select(CommissionRate).where(CommissionRate.artist_id.is_(artist_id)
                                                              if artist_id is None else
                                                              CommissionRate.artist_id == artist_id,
                                                              CommissionRate.valid_from == valid_from))
            if row is None:
                row = CommissionRate(artist_id=artist_id, valid_from=valid_from)
                session.add(row)
            row.rate_bp, row.set_at, row.set_by_name = rate_bp, now, actor.name
            audit_log.record(session, now, audit_log.RATE_CHANGED, actor=actor, subject_type=SUBJECT,
                             subject_id=artist_id or "", subject=name or Words(N_("Studio default")),
                             # Translators: a commission rate and the day it starts, e.g. "45 % from 1 Apr 2026".
                             detail=Words(N_("{rate} from {day}"), rate=f"{rate_bp / 100:g} %",
                                          day=Formatted.day(valid_from)))
            uow.commit()
            return RateRecord(artist_id, rate_bp, valid_from, actor.name)
