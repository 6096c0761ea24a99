"""Signing in, out, locking and unlocking, with a per-email throttle kept in the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from studio.models import LoginFailure, LoginThrottle, Staff
from studio.services.common import audit_log, formats
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.base import Service
from studio.services.common.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from studio.services.common.i18n import N_, _, ngettext
from studio.services.common.permissions import Role
from studio.services.common.records import Actor
from studio.services.common.validation import normalize_email
from studio.services.common.settings_store import DEFAULTS, STUDIO_KEYS, read_value

log = logging.getLogger(__name__)

MAX_FAILURES = 5
FAILURE_MINUTES = 15
FAILURE_WINDOW = timedelta(minutes=FAILURE_MINUTES)
LOCKOUT = timedelta(minutes=15)
# Why the main window locks (its audit row's detail).
# Translators: why a window locked, in the audit log: it was idle, or someone pressed Ctrl+L.
LOCKED_BY_IDLE_OR_KEYS = Words(N_("idle or Ctrl+L"))

BAD_CREDENTIALS = N_("That email and password don't match an active account.")


def _locked_message(until: datetime, now: datetime, zone: str) -> str:
    """How long the lock lasts, and until when by the studio's clock."""
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    # Translators: {time} is the studio's local time the lock ends at, e.g. "14:05".
    return ngettext(
        "Too many failed sign-ins for this email. Wait {n} minute, or ask an admin to reset the "
        "password. The lock ends at {time}.",
        "Too many failed sign-ins for this email. Wait {n} minutes, or ask an admin to reset the "
        "password. The lock ends at {time}.", minutes).format(n=minutes, time=formats.short_time(until, zone))


def _studio_zone(session) -> str:
    return read_value(session, STUDIO_KEYS["timezone"]) or DEFAULTS.timezone


def clear_login_failures(session, email: str) -> None:
    """Forget failed sign-ins and lift any lock for ``email`` (a sign-in or a new password)."""
    session.execute(delete(LoginFailure).where(LoginFailure.email == email))
    session.execute(delete(LoginThrottle).where(LoginThrottle.email == email))


def actor_of(staff: Staff) -> Actor:
    return Actor(staff_id=staff.id, name=staff.name, email=staff.email, role=Role(staff.role),
                 language=staff.language)


@dataclass(frozen=True)
class _Attempt:
    """A sign-in let through to the password check, already counted as a failure."""

    failure_id: int
    number: int  # its place among the window's attempts, 1..MAX_FAILURES
    stored_hash: str | None
    staff_id: int | None
    staff_active: bool


def _hold_throttle(session, key: str) -> LoginThrottle:
    """The email's throttle row, made if missing and held until the transaction ends.

    On SQLite the writer's BEGIN IMMEDIATE already lets one writer in at a time; on a
    database server the UPDATE takes the row's lock, so two sign-ins for one email cannot
    both count the window before either has written its attempt."""
    def touch() -> int:
        return session.execute(
            update(LoginThrottle).where(LoginThrottle.email == key)
            .values(locked_until=LoginThrottle.locked_until)
            .execution_options(synchronize_session=False)
        ).rowcount

    if not touch():
        try:
            with session.begin_nested():
                session.add(LoginThrottle(email=key, locked_until=None))
        except IntegrityError:  # another sign-in made it first: wait for its turn
            touch()
    return session.get(LoginThrottle, key, populate_existing=True)


def _forget_stale_failures(session, key: str, now: datetime) -> None:
    # Failures older than the window no longer count: forget them.
    session.execute(delete(LoginFailure).where(LoginFailure.email == key,
                                               LoginFailure.at <= now - FAILURE_WINDOW))


def _failures_in_window(session, key: str) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailure)
                          .where(LoginFailure.email == key)) or 0


def _subject(staff: Staff | None, key: str) -> dict:
    return dict(subject_type="staff", subject_id=staff.id if staff else "", subject=key)


class AuthService(Service):
    def login(self, email: str, password: str) -> Actor:
        """Sign in. Raises AuthenticationFailed (one message for unknown email, wrong
        password and deactivated account) or AccountLocked."""
        return self._authenticate(email, password, success_action=audit_log.LOGIN_OK)

    def unlock(self, actor: Actor, password: str) -> Actor:
        """Unlock a locked window for the same person. Failures count like sign-in failures."""
        return self._authenticate(
            actor.email, password, success_action=audit_log.SESSION_UNLOCKED, expected_id=actor.staff_id
        )

    def logout(self, actor: Actor) -> None:
        self._note(actor, audit_log.LOGOUT)

    def lock(self, actor: Actor, *, reason: audit_log.Text = "") -> None:
        """Audit that ``actor``'s window locked; ``reason`` is data or Words (LOCKED_BY_IDLE_OR_KEYS)."""
        self._note(actor, audit_log.SESSION_LOCKED, detail=reason)

    def _note(self, actor: Actor, action: str, *, detail: audit_log.Text = "") -> None:
        with self.unit_of_work() as uow:
            audit_log.record(uow.session, self.clock(), action, actor=actor,
                             subject_type="staff", subject_id=actor.staff_id, subject=actor.email,
                             detail=detail)
            uow.commit()

    def _authenticate(
        self, email: str, password: str, *, success_action: str, expected_id: int | None = None
    ) -> Actor:
        key = normalize_email(email)[:254]
        now = self.clock()
        attempt = self._take_attempt(key, now)
        # The hash is computed outside any transaction (it is the slow part), and for unknown
        # and deactivated accounts too, so they answer in the same time as a wrong password.
        # A refused attempt (above) checks no password at all: its answer already says why.
        matches = self.services.passwords.verify(attempt.stored_hash, password)
        usable = attempt.staff_active and expected_id in (None, attempt.staff_id)
        if not (matches and usable):
            locked_until, zone = self._record_failure(key, now, attempt)
            if locked_until is not None:
                raise AccountLocked(_locked_message(locked_until, now, zone))
            raise AuthenticationFailed(_(BAD_CREDENTIALS))
        return self._record_success(key, now, password=password, action=success_action)

    def _take_attempt(self, key: str, now: datetime) -> _Attempt:
        """Count this sign-in as a failure before its password is checked, or refuse it.

        The attempt is written down first, in its own transaction holding the email's
        throttle row, so sign-ins for one email take turns here however many arrive at
        once: at most MAX_FAILURES passwords are checked per window, and the next attempt
        is refused without checking. A success removes the count again; a crash half-way
        leaves it standing, as a failure."""
        with self.unit_of_work() as uow:
            session = uow.session
            throttle = _hold_throttle(session, key)
            staff = session.scalar(select(Staff).where(Staff.email == key))
            subject = _subject(staff, key)
            locked_until = throttle.locked_until
            if locked_until is None or locked_until <= now:
                _forget_stale_failures(session, key, now)
                taken = _failures_in_window(session, key)
                if taken < MAX_FAILURES:
                    failure = LoginFailure(email=key, at=now)
                    session.add(failure)
                    session.flush()
                    uow.commit()
                    return _Attempt(failure_id=failure.id, number=taken + 1,
                                    stored_hash=staff.password_hash if staff else None,
                                    staff_id=staff.id if staff else None,
                                    staff_active=bool(staff and staff.active))
                # Every attempt of the window is taken by sign-ins still being checked.
                locked_until, detail = now + LOCKOUT, Words(N_("refused: no attempts left in the window"))
            else:
                detail = Words(N_("refused while locked"))
            audit_log.record(session, now, audit_log.LOGIN_FAILED, actor_name=key, detail=detail, **subject)
            zone = _studio_zone(session)
            uow.commit()
        raise AccountLocked(_locked_message(locked_until, now, zone))

    def _record_failure(self, key: str, now: datetime, attempt: _Attempt) -> tuple[datetime | None, str]:
        """Audit a wrong password; the attempt that used up the window locks the email.
        Returns when the lock ends (None when there is no lock) and the studio's time zone."""
        with self.unit_of_work() as uow:
            session = uow.session
            throttle = _hold_throttle(session, key)
            staff = session.scalar(select(Staff).where(Staff.email == key))
            subject = _subject(staff, key)
            audit_log.record(session, now, audit_log.LOGIN_FAILED, actor_name=key,
                             # Translators: a failed sign-in in the audit log: "failure 2 of 5" in the window.
                             detail=Words(N_("failure {number} of {most}"), number=attempt.number,
                                          most=MAX_FAILURES), **subject)
            locked_until = throttle.locked_until
            if locked_until is not None and locked_until <= now:
                locked_until = None
            # Gone means a success cleared the count, or a lock already stands for it.
            counted = session.get(LoginFailure, attempt.failure_id) is not None
            if locked_until is None and counted and attempt.number >= MAX_FAILURES:
                locked_until = throttle.locked_until = now + LOCKOUT
                # The lock now stands for these failures; after it, counting starts afresh.
                session.execute(delete(LoginFailure).where(LoginFailure.email == key))
                audit_log.record(session, now, audit_log.LOGIN_LOCKED, actor_name=key,
                                 detail=Words.counted(Nn_("locked for {n} minute", "locked for {n} minutes"),
                                                      int(LOCKOUT.total_seconds() // 60)),
                                 **subject)
            zone = _studio_zone(session)
            uow.commit()
            return locked_until, zone

    def _record_success(self, key: str, now: datetime, *, password: str, action: str) -> Actor:
        with self.unit_of_work() as uow:
            session = uow.session
            staff = session.scalar(select(Staff).where(Staff.email == key))
            assert staff is not None
            clear_login_failures(session, key)
            if self.services.passwords.needs_rehash(staff.password_hash):
                staff.password_hash = self.services.passwords.hash(password)
                log.info("re-hashed password of staff %s with current parameters", staff.id)
            staff.last_login_at = now
            actor = actor_of(staff)
            audit_log.record(session, now, action, actor=actor, subject_type="staff",
                             subject_id=staff.id, subject=staff.email)
            uow.commit()
            return actor

    def current_actor(self, actor: Actor) -> Actor:
        """The actor as the database has them now (role changes, deactivation)."""
        with self.unit_of_work(write=False) as uow:
            staff = uow.session.get(Staff, actor.staff_id)
            if staff is None or not staff.active:
                raise PermissionDenied(_("Your account is no longer active. Ask an admin."))
            return actor_of(staff)
