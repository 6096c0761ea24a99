"""Checking the client form: every field at once, so the form can mark them all.

``clean_client`` and ``clean_medical`` return cleaned values plus a dict of field →
sentence; the service raises FormErrors when that dict is not empty, before touching the
database, so nothing is saved unless the whole form is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from studio.services.clients.records import MEDICAL_CHECKS, ClientInput, MedicalInfo
from studio.services.common.errors import ValidationError
from studio.services.common.formats import number
from studio.services.common.i18n import N_, _
from studio.services.common.phones import normalize_phone

# one_line and multi_line are the shared cleaning rule; intake imports them from here too.
from studio.services.common.validation import EMAIL_RE, multi_line, normalize_email, one_line

NAME_MAX = 120
PRONOUNS_MAX = 40
ADDRESS_MAX = 500
NOTES_MAX = 5_000
MEDICAL_TEXT_MAX = 2_000
OLDEST_AGE = 120


@dataclass(frozen=True)
class CleanClient:
    full_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: date | None
    phone: str  # E.164 or ""
    email: str
    address: str
    emergency_name: str
    emergency_phone: str  # E.164 or ""
    notes: str


# Translators: {limit} and {count} are numbers of characters.
TOO_LONG = {
    "full_name": N_("The full name can be at most {limit} characters (it has {count})."),
    "preferred_name": N_("The preferred name can be at most {limit} characters (it has {count})."),
    "pronouns": N_("The pronouns can be at most {limit} characters (it has {count})."),
    "address": N_("The address can be at most {limit} characters (it has {count})."),
    "emergency_name": N_("The emergency contact's name can be at most {limit} characters (it has {count})."),
    "notes": N_("The notes can be at most {limit} characters (it has {count})."),
    "medical.allergies": N_("The allergies can be at most {limit} characters (it has {count})."),
    "medical.conditions": N_("The medical conditions can be at most {limit} characters (it has {count})."),
    "medical.medications": N_("The medications can be at most {limit} characters (it has {count})."),
    "medical.skin_conditions": N_("The skin conditions can be at most {limit} characters (it has {count})."),
    "medical.notes": N_("The medical notes can be at most {limit} characters (it has {count})."),
}


def _check_length(errors: dict[str, str], field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        errors[field] = _(TOO_LONG[field]).format(limit=number(limit), count=number(len(text)))


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def clean_client(data: ClientInput, *, region: str, today: date) -> tuple[CleanClient | None, dict[str, str]]:
    errors: dict[str, str] = {}
    full_name = one_line(data.full_name)
    if not full_name:
        errors["full_name"] = _("Enter the client's full name.")
    _check_length(errors, "full_name", full_name, NAME_MAX)
    preferred = one_line(data.preferred_name)
    _check_length(errors, "preferred_name", preferred, NAME_MAX)
    pronouns = one_line(data.pronouns)
    _check_length(errors, "pronouns", pronouns, PRONOUNS_MAX)

    born = data.date_of_birth
    if born is not None:
        if not isinstance(born, date):
            errors["date_of_birth"] = _("Enter the date of birth as a date.")
        elif born > today:
            errors["date_of_birth"] = _("The date of birth can't be in the future.")
        elif (age_on(born, today) or 0) > OLDEST_AGE:
            errors["date_of_birth"] = _("Check the year of birth: that would be over {age} years old.").format(age=OLDEST_AGE)

    phone = emergency_phone = ""
    try:
        phone = normalize_phone(str(data.phone), region, field="phone")
    except ValidationError as exc:
        errors["phone"] = exc.message
    email = normalize_email(one_line(data.email))
    if email and (len(email) > 254 or not EMAIL_RE.match(email)):
        errors["email"] = _("That doesn't look like an email address (name@example.com).")

    address = multi_line(data.address)
    _check_length(errors, "address", address, ADDRESS_MAX)
    emergency_name = one_line(data.emergency_name)
    _check_length(errors, "emergency_name", emergency_name, NAME_MAX)
    try:
        emergency_phone = normalize_phone(str(data.emergency_phone), region, field="emergency_phone")
    except ValidationError as exc:
        errors["emergency_phone"] = exc.message
    notes = multi_line(data.notes)
    _check_length(errors, "notes", notes, NOTES_MAX)

    if errors:
        return None, errors
    return CleanClient(
        full_name=full_name, preferred_name=preferred, pronouns=pronouns,
        date_of_birth=born, phone=phone, email=email, address=address,
        emergency_name=emergency_name, emergency_phone=emergency_phone, notes=notes,
    ), {}


MEDICAL_TEXT_FIELDS = ("allergies", "conditions", "medications", "skin_conditions", "notes")


def clean_medical(medical: MedicalInfo) -> tuple[MedicalInfo | None, dict[str, str]]:
    """Errors are keyed "medical.<field>" so they never collide with the main form's."""
    errors: dict[str, str] = {}
    checks = frozenset(str(c) for c in medical.checks)
    unknown = sorted(checks - MEDICAL_CHECKS.keys())
    if unknown:
        errors["medical.checks"] = _("Choose health conditions from the checklist.")
    texts: dict[str, str] = {}
    for name in MEDICAL_TEXT_FIELDS:
        texts[name] = multi_line(getattr(medical, name))
        _check_length(errors, f"medical.{name}", texts[name], MEDICAL_TEXT_MAX)
    if errors:
        return None, errors
    return MedicalInfo(checks=checks, **texts), {}


def checks_to_text(checks: frozenset[str]) -> str:
    return ",".join(sorted(checks))


def checks_from_text(text: str) -> frozenset[str]:
    return frozenset(part for part in text.split(",") if part)
