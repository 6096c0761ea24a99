"""Plain, frozen values the client service takes and returns (see services/clients/service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Mapping

from studio.services.common.i18n import N_

# The health checklist a studio asks before tattooing: key → label (English, marked: show
# it through ``_``). Keys are stored, so never rename one; add new keys at the end.
MEDICAL_CHECKS: dict[str, str] = {
    "diabetes": N_("Diabetes"),
    "epilepsy": N_("Epilepsy or seizures"),
    "heart_condition": N_("Heart condition"),
    "high_blood_pressure": N_("High blood pressure"),
    "hepatitis": N_("Hepatitis"),
    "hiv": N_("HIV"),
    "bleeding_disorder": N_("Haemophilia or another bleeding disorder"),
    "blood_thinners": N_("Takes blood thinners (incl. daily aspirin)"),
    "keloid_scarring": N_("Keloid or hypertrophic scarring"),
    "pregnant_breastfeeding": N_("Pregnant or breastfeeding"),
    "allergy_latex": N_("Allergy to latex"),
    "allergy_ink": N_("Allergy to ink or pigments"),
    "allergy_antiseptics": N_("Allergy to antiseptics, soaps or ointments"),
    "skin_condition_at_site": N_("Skin condition at the tattoo site (eczema, psoriasis, moles…)"),
    "immune_condition": N_("Weakened immune system"),
    "fainting": N_("Fainting or dizziness with needles"),
}


@dataclass(frozen=True)
class ClientInput:
    """What the client form sends. Text is cleaned (trimmed, length-checked) by the service;
    the phone may be typed in any common format."""

    full_name: str
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    emergency_name: str = ""
    emergency_phone: str = ""
    notes: str = ""

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> ClientInput:
        """A ClientInput of the fields ``values`` holds (other keys are ignored)."""
        return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})


# What a client tells about themself (ClientInput's fields but the studio's own notes): the
# client form's and the phone form's contact fields, and the Client columns they fill.
CONTACT_FIELDS = tuple(f.name for f in fields(ClientInput) if f.name != "notes")
# Their labels, as the client form and the phone form show them (marked: translate where shown).
CONTACT_LABELS = {
    "full_name": N_("Full name"), "preferred_name": N_("Preferred name"), "pronouns": N_("Pronouns"),
    "date_of_birth": N_("Date of birth"), "phone": N_("Phone"), "email": N_("Email"), "address": N_("Address"),
    "emergency_name": N_("Emergency contact"), "emergency_phone": N_("Emergency contact's phone"),
}


@dataclass(frozen=True)
class MedicalInfo:
    """A client's health section. ``checks`` holds keys of MEDICAL_CHECKS."""

    checks: frozenset[str] = frozenset()
    allergies: str = ""
    conditions: str = ""
    medications: str = ""
    skin_conditions: str = ""
    notes: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.checks or self.allergies or self.conditions or self.medications
                    or self.skin_conditions or self.notes)


# MedicalInfo's text fields and the name each has as a Client column and a form field
# (the health notes are "medical_notes", apart from the client's own "notes").
MEDICAL_TEXT_NAMES = {"allergies": "allergies", "conditions": "conditions", "medications": "medications",
                      "skin_conditions": "skin_conditions", "notes": "medical_notes"}
# How the client form labels the health section's parts (the audit log names them so).
MEDICAL_LABELS = {"checks": N_("Health checklist"), "allergies": N_("Allergies"), "conditions": N_("Conditions"),
                  "medications": N_("Medications"), "skin_conditions": N_("Skin conditions"),
                  "notes": N_("Other health notes")}


class ClientSort(StrEnum):
    """Columns the clients table can sort by."""

    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    AGE = "age"
    UPDATED = "updated"


@dataclass(frozen=True)
class ClientRow:
    """One line of the clients table. ``last_visit`` and ``next_appointment`` stay None
    until the scheduling module fills them."""

    id: int
    full_name: str
    preferred_name: str
    phone: str
    phone_display: str
    email: str
    date_of_birth: date | None
    age: int | None
    has_medical_notes: bool
    last_visit: datetime | None = None
    next_appointment: datetime | None = None


@dataclass(frozen=True)
class ClientSearch:
    """What the search box shows: ``total`` matches counted up to SEARCH_COUNT_CAP + 1
    (more than the cap reads "1,000+") and the first page of ``rows``."""

    total: int
    rows: list[ClientRow]


@dataclass(frozen=True)
class ClientDetail:
    """Everything the client form shows, except the medical section (see medical())."""

    id: int
    full_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: date | None
    age: int | None
    phone: str
    phone_display: str
    email: str
    address: str
    emergency_name: str
    emergency_phone: str
    emergency_phone_display: str
    notes: str
    has_medical_notes: bool
    has_photo: bool
    created_at: datetime
    updated_at: datetime
    updated_by_name: str
    # Hand this back to update(); a save from an older version is refused as a conflict.
    version: int


@dataclass(frozen=True)
class ClientMatch:
    """An existing client that looks like the one being entered."""

    id: int
    full_name: str
    phone_display: str
    email: str
    matched_on: tuple[str, ...] = field(default_factory=tuple)  # "phone", "email"


@dataclass(frozen=True)
class ClientExport:
    """The files export_client() wrote."""

    json_path: Path
    pdf_path: Path
    photo_path: Path | None
