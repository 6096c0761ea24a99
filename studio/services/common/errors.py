"""Typed errors the services raise. Each carries a sentence a person can act on.

The UI shows ``message`` next to ``field`` when one is named, or in a dialog. Anything that
is not a DomainError is a bug: it is logged with its traceback and shown as a crash.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Input was refused; nothing was changed."""


class PermissionDenied(DomainError):
    """The signed-in person's role may not do this."""


class NotFound(DomainError):
    """The thing asked for does not exist (any more)."""


class Conflict(DomainError):
    """The action clashes with the current state (already set up, last admin…)."""


class AuthenticationFailed(DomainError):
    """Email and password did not match an active account. One message for every cause."""


class AccountLocked(DomainError):
    """Too many failed sign-ins for this email; wait or ask an admin."""


class StorageError(DomainError):
    """The database could not be written for a reason the user can fix (disk full, locked)."""


class DatabaseDamaged(StorageError):
    """SQLite found the studio's database damaged, or not a database at all: restoring a
    backup is the way back (the app offers its recovery screen). ``reason`` is the part
    after "can't read this studio's database:"."""

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class FormErrors(ValidationError):
    """Several fields were refused at once; ``errors`` maps each field to its sentence.

    ``field`` and ``message`` name the first one, so code that handles a plain
    ValidationError still shows something sensible.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        first_field, first_message = next(iter(errors.items()))
        super().__init__(first_message, field=first_field)
        self.errors = dict(errors)


class DuplicateClient(Conflict):
    """A client with the same phone or email exists; ``matches`` lists them (ClientMatch)."""

    def __init__(self, message: str, matches: list) -> None:
        super().__init__(message)
        self.matches = list(matches)


class IncompatibleData(DomainError):
    """The data was written by a newer Linework, or is not a Linework database."""
