"""The scheduling settings' service: the booking policy, working hours, days off and the
studio's closed days."""

from __future__ import annotations


from datetime import date

from sqlalchemy import select

from studio.models import TimeOff
from dataclasses import replace

from studio.services.common import audit_log
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.scheduling.availability import time_off_record
from studio.services.scheduling.records import SchedulingPolicy, TimeOffRecord, WeekHours
from studio.services.scheduling.rules import artist_of
from studio.services.scheduling.settings import (
    clean_policy,
    clean_week,
    read_artist_hours,
    read_policy,
    read_studio_hours,
    write_hours,
    write_policy,
)

MAX_TIME_OFF_DAYS = 366
# How the audit log names each rule of the policy: as Settings → Scheduling labels it.
POLICY_LABELS = {"deposit_cents": N_("Deposit amount"), "deposit_percent": N_("Percentage of the quote"),
                 "late_cancel_hours": N_("Late-cancel window (hours)"),
                 "reschedules_kept": N_("Reschedules that keep the deposit"),
                 "keep_as_credit": N_("After a no-show or a late cancel, the deposit"),
                 "lateness_minutes": N_("Lateness limit (minutes)")}
KEPT_AS = {False: N_("The studio keeps it"), True: N_("It stays as the client's credit")}
# Translators: the subject of an audit row about the scheduling policy (deposits, late cancels…).
SCHEDULING_SUBJECT = Words(N_("scheduling"))


def _shown_policy(policy: SchedulingPolicy, currency: str) -> SchedulingPolicy:
    """``policy`` as the audit diff writes it: the deposit as money, no percentage as "—",
    what a lost deposit becomes as the settings say it."""
    return replace(policy, deposit_cents=Formatted.money(policy.deposit_cents, currency),
                   deposit_percent="—" if policy.deposit_percent is None else policy.deposit_percent,
                   keep_as_credit=Words(KEPT_AS[policy.keep_as_credit]))


class HoursService(Service):
    def policy(self, actor: Actor) -> SchedulingPolicy:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return read_policy(uow.session)

    def set_policy(self, actor: Actor, policy: SchedulingPolicy) -> SchedulingPolicy:
        """Needs EDIT_SETTINGS; audited with what changed."""
        policy = clean_policy(policy)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_SETTINGS)
            old = read_policy(uow.session)
            write_policy(uow.session, policy)
            currency = read_settings(uow.session).currency
            changes = audit_log.diff_fields(_shown_policy(old, currency), _shown_policy(policy, currency),
                                            POLICY_LABELS)
            if changes:
                audit_log.record(uow.session, self.clock(), audit_log.SETTINGS_CHANGED, actor=actor,
                                 subject_type="settings", subject=SCHEDULING_SUBJECT, detail=changes)
            uow.commit()
            return policy

    def hours(self, actor: Actor) -> tuple[WeekHours, dict[int, WeekHours]]:
        """The studio's week and each artist's own (for those who have one)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            return read_studio_hours(uow.session), read_artist_hours(uow.session)

    def set_hours(self, actor: Actor, week: WeekHours | None, *, artist_id: int | None = None) -> None:
        """The studio's hours, or (``artist_id``) an artist's own; None puts the artist back
        on the studio's. Needs MANAGE_HOURS."""
        if week is None and artist_id is None:
            raise ValueError("the studio always has hours")
        week = None if week is None else clean_week(week)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_HOURS)
            subject = audit_log.STUDIO_SUBJECT if artist_id is None else artist_of(uow.session, artist_id).name
            write_hours(uow.session, artist_id, week)
            audit_log.record(uow.session, self.clock(), audit_log.HOURS_CHANGED, actor=actor,
                             subject_type="settings", subject=subject,
                             detail="" if week is not None else Words(N_("back to the studio's hours")))
            uow.commit()

    def time_off(self, actor: Actor, first_day: date, last_day: date) -> tuple[TimeOffRecord, ...]:
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CALENDAR)
            rows = uow.session.scalars(select(TimeOff).where(TimeOff.first_day <= last_day, TimeOff.last_day >= first_day)
                                       .order_by(TimeOff.first_day, TimeOff.id))
            return tuple(time_off_record(r) for r in rows)

    def add_time_off(self, actor: Actor, first_day: date, last_day: date, *, artist_id: int | None = None,
                     reason: str = "") -> TimeOffRecord:
        """Days off for an artist, or (no artist) days the studio is closed. Appointments
        already booked on them stay; the calendar shows the days shaded. Needs MANAGE_HOURS."""
        if last_day < first_day:
            raise ValidationError(_("The last day must be on or after the first."), field="last_day")
        if (last_day - first_day).days >= MAX_TIME_OFF_DAYS:
            raise ValidationError(_("Time off can be at most a year at a time."), field="last_day")
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_HOURS)
            who = audit_log.STUDIO_SUBJECT if artist_id is None else artist_of(uow.session, artist_id).name
            row = TimeOff(artist_id=artist_id, first_day=first_day, last_day=last_day, reason=(reason or "").strip()[:200])
            uow.session.add(row)
            uow.session.flush()
            audit_log.record(uow.session, self.clock(), audit_log.TIME_OFF_ADDED, actor=actor, subject_type="settings",
                             subject=who, detail=audit_log.day_span(first_day, last_day))
            uow.commit()
            return time_off_record(row)

    def remove_time_off(self, actor: Actor, time_off_id: int) -> None:
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_HOURS)
            row = uow.session.get(TimeOff, time_off_id)
            if row is None:
                raise NotFound(_("Those days off were removed already."))
            uow.session.delete(row)
            audit_log.record(uow.session, self.clock(), audit_log.TIME_OFF_REMOVED, actor=actor, subject_type="settings",
                             subject=audit_log.STUDIO_SUBJECT if row.artist_id is None else str(row.artist_id),
                             detail=audit_log.day_span(row.first_day, row.last_day))
            uow.commit()



