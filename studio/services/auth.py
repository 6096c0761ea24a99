"""Signing in, out, locking and unlocking, with a per-email throttle kept in the database."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from studio.models import LoginFailure, LoginThrottle, Staff
from studio.services import audit
from studio.services.base import Service
from studio.services.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from studio.services.permissions import Role
from studio.services.records import Actor
from studio.services.validation import normalize_email
from studio.services.wording import count_of

log = logging.getLogger(__name__)

MAX_FAILURES = 5
FAILURE_MINUTES = 15
FAILURE_WINDOW = timedelta(minutes=FAILURE_MINUTES)
LOCKOUT = timedelta(minutes=15)

BAD_CREDENTIALS = "That email and password don't match an active account."


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return (
        "Too many failed sign-ins for this email. "
        f"Wait {count_of(minutes, 'minute')}, or ask an admin to reset the password."
    )


def clear_login_failures(session, email: str) -> None:
    """Forget failed sign-ins and lift any lock for ``email`` (a sign-in or a new password)."""
    session.execute(delete(LoginFailure).where(LoginFailure.email == email))
    session.execute(delete(LoginThrottle).where(LoginThrottle.email == email))


def actor_of(staff: Staff) -> Actor:
    return Actor(staff_id=staff.id, name=staff.name, email=staff.email, role=Role(staff.role))


class AuthService(Service):
    def login(self, email: str, password: str) -> Actor:
        """Sign in. Raises AuthenticationFailed (one message for unknown email, wrong
        password and deactivated account) or AccountLocked."""
        return self._authenticate(email, password, success_action=audit.LOGIN_OK)

    def unlock(self, actor: Actor, password: str) -> Actor:
        """Unlock a locked window for the same person. Failures count like sign-in failures."""
        return self._authenticate(
            actor.email, password, success_action=audit.SESSION_UNLOCKED, expected_id=actor.staff_id
        )

    def logout(self, actor: Actor) -> None:
        self._note(actor, audit.LOGOUT)

    def lock(self, actor: Actor, *, reason: str = "") -> None:
        self._note(actor, audit.SESSION_LOCKED, detail=reason)

    def _note(self, actor: Actor, action: str, *, detail: str = "") -> None:
        with self.unit_of_work() as uow:
            audit.record(uow.session, self.clock(), action, actor=actor,
                         subject_type="staff", subject_id=actor.staff_id, subject=actor.email,
                         detail=detail)
            uow.commit()

    def _authenticate(
        self, email: str, password: str, *, success_action: str, expected_id: int | None = None
    ) -> Actor:
        key = normalize_email(email)[:254]
        now = self.clock()
        with self.unit_of_work(write=False) as uow:
            staff = uow.session.scalar(select(Staff).where(Staff.email == key))
            throttle = uow.session.get(LoginThrottle, key)
            stored_hash = staff.password_hash if staff else None
            usable = staff is not None and staff.active and (expected_id in (None, staff.id))
            locked_until = throttle.locked_until if throttle else None
        # The hash is always computed (outside any transaction: it is the slow part), so a
        # locked, unknown or deactivated account answers in the same time as a wrong password.
        matches = self.services.passwords.verify(stored_hash, password)
        if locked_until is not None and locked_until > now:
            self._record_outcome(key, now, success=False, already_locked=True)
            raise AccountLocked(_locked_message(locked_until, now))
        if not (matches and usable):
            locked_until = self._record_outcome(key, now, success=False)
            if locked_until is not None:
                raise AccountLocked(_locked_message(locked_until, now))
            raise AuthenticationFailed(BAD_CREDENTIALS)
        return self._record_outcome(key, now, success=True, password=password,
                                    action=success_action)

    def _record_outcome(self, key: str, now: datetime, *, success: bool, already_locked: bool = False,
                        password: str = "", action: str = ""):
        with self.unit_of_work() as uow:
            session = uow.session
            staff = session.scalar(select(Staff).where(Staff.email == key))
            throttle = session.get(LoginThrottle, key)
            if success:
                assert staff is not None
                clear_login_failures(session, key)
                if self.services.passwords.needs_rehash(staff.password_hash):
                    staff.password_hash = self.services.passwords.hash(password)
                    log.info("re-hashed password of staff %s with current parameters", staff.id)
                staff.last_login_at = now
                actor = actor_of(staff)
                audit.record(session, now, action, actor=actor, subject_type="staff",
                             subject_id=staff.id, subject=staff.email)
                uow.commit()
                return actor
            subject = dict(subject_type="staff", subject_id=staff.id if staff else "", subject=key)
            if already_locked:
                audit.record(session, now, audit.LOGIN_FAILED, actor_name=key,
                             detail="refused while locked", **subject)
                uow.commit()
                return None
            session.add(LoginFailure(email=key, at=now))
            session.flush()
            # Failures older than the window no longer count: forget them.
            session.execute(delete(LoginFailure).where(LoginFailure.email == key,
                                                       LoginFailure.at <= now - FAILURE_WINDOW))
            failures = session.scalar(select(func.count()).select_from(LoginFailure)
                                      .where(LoginFailure.email == key)) or 0
            audit.record(session, now, audit.LOGIN_FAILED, actor_name=key,
                         detail=f"failure {failures} of {MAX_FAILURES}", **subject)
            locked_until = None
            if failures >= MAX_FAILURES:
                locked_until = now + LOCKOUT
                if throttle is None:
                    session.add(LoginThrottle(email=key, locked_until=locked_until))
                else:
                    throttle.locked_until = locked_until
                # The lock now stands for these failures; after it, counting starts afresh.
                session.execute(delete(LoginFailure).where(LoginFailure.email == key))
                audit.record(session, now, audit.LOGIN_LOCKED, actor_name=key,
                             detail=f"locked for {int(LOCKOUT.total_seconds() // 60)} minutes",
                             **subject)
            uow.commit()
            return locked_until

    def current_actor(self, actor: Actor) -> Actor:
        """The actor as the database has them now (role changes, deactivation)."""
        with self.unit_of_work(write=False) as uow:
            staff = uow.session.get(Staff, actor.staff_id)
            if staff is None or not staff.active:
                raise PermissionDenied("Your account is no longer active. Ask an admin.")
            return actor_of(staff)
