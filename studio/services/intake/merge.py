"""A submission next to the client record: the rows staff compare in review, and merging
the fields they chose to take (an empty answer never wipes what the studio holds)."""

from __future__ import annotations

from datetime import date

from studio.services.clients.records import MEDICAL_CHECKS, ClientInput, MedicalInfo
from studio.services.common.i18n import _
from studio.services.intake.forms import CONTACT_FIELDS, MEDICAL_TEXT_LABELS
from studio.services.intake.records import FieldDiff


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def input_of(d) -> ClientInput:
    return ClientInput.from_values({name: getattr(d, name) for name in (*CONTACT_FIELDS, "notes")})


def merge_contact(held: ClientInput, submitted: ClientInput, take: set[str] | None) -> ClientInput:
    values = {}
    for name in CONTACT_FIELDS:
        new = getattr(submitted, name)
        wanted = name in take if take is not None else True
        # An empty answer never wipes what the studio holds.
        values[name] = new if wanted and new not in ("", None) else getattr(held, name)
    return ClientInput(**values, notes=held.notes)


def merge_medical(held: MedicalInfo, submitted: MedicalInfo, take: set[str] | None) -> MedicalInfo:
    def wanted(name: str) -> bool:
        return take is None or f"medical.{name}" in take

    values = {name: getattr(submitted, name) if wanted(name) and getattr(submitted, name) else getattr(held, name)
              for name in MEDICAL_TEXT_LABELS}
    checks = submitted.checks if wanted("checks") else held.checks
    return MedicalInfo(checks=checks, **values)


def health_diffs(held: MedicalInfo, submitted: MedicalInfo) -> tuple[FieldDiff, ...]:
    def listed(checks) -> str:
        return ", ".join(_(MEDICAL_CHECKS[k]) for k in MEDICAL_CHECKS if k in checks) or _("none")

    return (FieldDiff("medical.checks", _("Health checklist"), listed(held.checks), listed(submitted.checks)),
            *(FieldDiff(f"medical.{name}", _(label), getattr(held, name), getattr(submitted, name))
              for name, label in MEDICAL_TEXT_LABELS.items()))

