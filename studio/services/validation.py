"""Small input checks shared by services. Each raises ValidationError naming the field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from studio.services.errors import DomainError, FormErrors, ValidationError

# Deliberately simple: one @, something before it, a dotted domain after, no spaces.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def clean_email(email: str, *, field: str = "email") -> str:
    value = normalize_email(email)
    if not value:
        raise ValidationError("Enter an email address.", field=field)
    if len(value) > 254 or not EMAIL_RE.match(value):
        raise ValidationError("That doesn't look like an email address (name@example.com).", field=field)
    return value


def clean_text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise ValidationError(f"Enter a {label}.", field=field)
    if len(text) > max_length:
        raise ValidationError(f"The {label} can be at most {max_length} characters.", field=field)
    return text


def gather(checks: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run every check, not just up to the first that fails: the cleaned values by field,
    or FormErrors naming each field that was refused (a form shows them all at once).
    A check refuses by raising a DomainError that names its field (or is keyed by it)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, check in checks.items():
        try:
            values[key] = check()
        except FormErrors as error:
            errors.update(error.errors)
        except DomainError as error:
            if error.field is None and not isinstance(error, ValidationError):
                raise  # not about a field: a permission, a missing record…
            errors.setdefault(error.field or key, error.message)
    if errors:
        raise FormErrors(errors)
    return values
