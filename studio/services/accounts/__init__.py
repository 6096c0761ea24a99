"""The accounts area's public face: signing in and its lockout, password hashing and policy,
staff accounts, and the first-run set-up of a studio."""

from studio.services.accounts.auth import (
    BAD_CREDENTIALS,
    FAILURE_WINDOW,
    LOCKED_BY_IDLE_OR_KEYS,
    LOCKOUT,
    MAX_FAILURES,
    AuthService,
)
from studio.services.accounts.passwords import MAX_LENGTH, MIN_LENGTH, Passwords, check_policy
from studio.services.accounts.setup import SetupService
from studio.services.accounts.staff import ARTIST_PALETTE, StaffService

__all__ = [
    "ARTIST_PALETTE", "AuthService", "BAD_CREDENTIALS", "FAILURE_WINDOW", "LOCKED_BY_IDLE_OR_KEYS", "LOCKOUT", "MAX_FAILURES",
    "MAX_LENGTH", "MIN_LENGTH", "Passwords", "SetupService", "StaffService", "check_policy",
]
