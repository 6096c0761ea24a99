"""Small input checks shared by services. Each raises ValidationError naming the field."""

from __future__ import annotations

import re

from studio.services.errors import ValidationError

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
