"""The phone form's answers: checking what a phone sent, and drawing its signatures.

Everything here is pure (no database, no files), so the service and the tests share it.
The answers are stored as JSON in this shape::

    {"contact": {full_name, preferred_name, pronouns, date_of_birth (ISO), phone (E.164),
                 email, address, emergency_name, emergency_phone},
     "medical": {checks: [keys], allergies, conditions, medications, skin_conditions, notes},
     "tattoo": {description, placement, size},
     "consents": {key: true},
     "guardian": null | {name, relationship},
     "typed_signature": "" | name, "guardian_typed_signature": "" | name,
     "release_language": the language of the release text signed (added when stored)}

A signature arrives as the strokes drawn on the pad (not as an image): "x,y x,y;x,y …" in
a SIG_WIDTH × SIG_HEIGHT box. Drawing them again here means the server never decodes an
image a phone made up, and the stored PNG is always the same size and style.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date

from studio.services.clients.forms import age_on, clean_client, clean_medical, multi_line, one_line
from studio.services.clients.records import (
    CONTACT_FIELDS,
    CONTACT_LABELS,  # noqa: F401 - the intake modules read it from here
    MEDICAL_CHECKS,
    MEDICAL_TEXT_NAMES,
    ClientInput,
    MedicalInfo,
)
from studio.services.common.folding import fold
from studio.services.common.formats import number
from studio.services.common.i18n import N_, _
from studio.services.intake.records import CONSENT_CHECKS

SIG_WIDTH, SIG_HEIGHT = 600, 200
SIG_POINTS_MAX = 4000
SIG_STROKES_MAX = 200
SIG_MIN_LENGTH = 40  # a dot or a tap is not a signature
TATTOO_TEXT_MAX = 1000
SHORT_TEXT_MAX = 120

# Labels of the answers (marked: translate where shown); the contact fields' are the client form's.
MEDICAL_TEXT_LABELS = {"allergies": N_("Allergies"), "conditions": N_("Other conditions"),
                       "medications": N_("Medications"), "skin_conditions": N_("Skin conditions"),
                       "notes": N_("Anything else about your health")}
TATTOO_LABELS = {"description": N_("Your idea"), "placement": N_("Where on the body"),
                 "size": N_("Approximate size")}
# Form field name of each medical text (the client form's "notes" would clash).
MEDICAL_FORM_NAMES = MEDICAL_TEXT_NAMES


def empty_answers() -> dict:
    return {
        "contact": {name: "" for name in CONTACT_FIELDS},
        "medical": {"checks": [], **{name: "" for name in MEDICAL_TEXT_LABELS}},
        "tattoo": {name: "" for name in TATTOO_LABELS},
        "consents": {},
        "guardian": None,
        "typed_signature": "",
        "guardian_typed_signature": "",
    }


@dataclass(frozen=True)
class CleanForm:
    answers: dict
    client_input: ClientInput
    medical: MedicalInfo
    date_of_birth: date
    age: int
    is_minor: bool
    signature_png: bytes
    guardian_signature_png: bytes | None


def clean_phone_form(fields: dict[str, str], *, region: str, today: date,
                     min_age: int) -> tuple[CleanForm | None, dict[str, str], dict]:
    """Check a posted form. Returns (clean form or None, field → sentence, the answers as
    far as they could be read, to fill the form again after an error)."""
    get = lambda name: str(fields.get(name, ""))  # noqa: E731
    errors: dict[str, str] = {}
    answers = empty_answers()

    born: date | None = None
    raw_born = get("date_of_birth").strip()
    if not raw_born:
        errors["date_of_birth"] = _("Enter your date of birth.")
    else:
        try:
            born = date.fromisoformat(raw_born)
        except ValueError:
            errors["date_of_birth"] = _("Enter your date of birth as a date (e.g. 1990-04-21).")
    data = ClientInput.from_values({**{name: get(name) for name in CONTACT_FIELDS}, "date_of_birth": born})
    for name in CONTACT_FIELDS:
        answers["contact"][name] = one_line(get(name)) if name != "address" else multi_line(get(name))
    clean, contact_errors = clean_client(data, region=region, today=today)
    for name, message in contact_errors.items():
        errors.setdefault(name, message)
    for name, message in (("phone", _("Enter your phone number.")),
                          ("emergency_name", _("Enter someone we can call in an emergency.")),
                          ("emergency_phone", _("Enter your emergency contact's phone number."))):
        if not one_line(get(name)) and name not in errors:
            errors[name] = message

    checks = frozenset(key for key in MEDICAL_CHECKS if get(f"med_{key}") in ("1", "on", "yes"))
    medical_in = MedicalInfo(checks=checks, **{field: get(form_name)
                                               for field, form_name in MEDICAL_FORM_NAMES.items()})
    medical, medical_errors = clean_medical(medical_in)
    for name, message in medical_errors.items():
        field = MEDICAL_FORM_NAMES.get(name.removeprefix("medical."), name)
        errors[field] = message.replace("medical notes", "health notes")
    answers["medical"] = {"checks": sorted(checks),
                          **{field: multi_line(get(form_name))
                             for field, form_name in MEDICAL_FORM_NAMES.items()}}

    for name in TATTOO_LABELS:
        text = multi_line(get(f"idea_{name}"))
        limit = TATTOO_TEXT_MAX if name == "description" else SHORT_TEXT_MAX
        if len(text) > limit:
            errors[f"idea_{name}"] = _("Keep this under {count} characters.").format(count=number(limit))
        answers["tattoo"][name] = text

    for key in CONSENT_CHECKS:
        ticked = get(f"consent_{key}") in ("1", "on", "yes")
        answers["consents"][key] = ticked
        if not ticked:
            errors[f"consent_{key}"] = _("Tick this box to go on (ask the front desk if you are unsure).")

    age = age_on(born, today) if born is not None and "date_of_birth" not in errors else None
    is_minor = age is not None and age < min_age
    full_name = clean.full_name if clean is not None else one_line(get("full_name"))

    signature_png, typed = _signature(get("signature"), get("typed_signature"), full_name,
                                      "signature", errors)
    answers["typed_signature"] = typed
    guardian_png = None
    if is_minor:
        guardian = {"name": one_line(get("guardian_name")),
                    "relationship": one_line(get("guardian_relationship"))}
        answers["guardian"] = guardian
        if not guardian["name"]:
            # Translators: {age} is the studio's minimum age in years.
            errors["guardian_name"] = _("You are under {age}: a parent or guardian fills this in.").format(
                age=min_age)
        elif len(guardian["name"]) > SHORT_TEXT_MAX:
            errors["guardian_name"] = _("Keep this under {count} characters.").format(count=number(SHORT_TEXT_MAX))
        if not guardian["relationship"]:
            errors["guardian_relationship"] = _("How is the guardian related to you (parent, legal guardian…)?")
        elif len(guardian["relationship"]) > SHORT_TEXT_MAX:
            errors["guardian_relationship"] = _("Keep this under {count} characters.").format(
                count=number(SHORT_TEXT_MAX))
        guardian_png, guardian_typed = _signature(get("guardian_signature"),
                                                  get("guardian_typed_signature"),
                                                  guardian["name"], "guardian_signature", errors)
        answers["guardian_typed_signature"] = guardian_typed

    if errors or clean is None or born is None or age is None or medical is None:
        return None, errors, answers
    answers["contact"] = contact_answers(clean)
    answers["medical"] = medical_answers(medical)
    assert signature_png is not None
    return CleanForm(answers=answers, client_input=data, medical=medical, date_of_birth=born,
                     age=age, is_minor=is_minor, signature_png=signature_png,
                     guardian_signature_png=guardian_png), {}, answers


def _signature(strokes_text: str, typed: str, expected_name: str, field: str,
               errors: dict[str, str]) -> tuple[bytes | None, str]:
    """(PNG, typed name or ""). A drawn signature wins; typing the name is the fallback for
    phones with JavaScript off, and must match the name given."""
    strokes = parse_strokes(strokes_text)
    if strokes is not None:
        return render_signature(strokes), ""
    typed = one_line(typed)
    if typed:
        if not expected_name or fold(typed) != fold(expected_name):
            errors[field] = _("Type the same full name as above to sign.")
            return None, typed
        return render_typed_signature(typed), typed
    errors[field] = (_("Sign with your finger in the box.") if strokes_text.strip() == ""
                     else _("That signature is too short: sign with your finger in the box."))
    return None, ""


def parse_strokes(text: str) -> list[list[tuple[int, int]]] | None:
    """Strokes from "x,y x,y;x,y …", or None when absent, malformed or too short to be a
    signature. Points outside the box are clamped into it."""
    text = (text or "").strip()
    if not text or len(text) > SIG_POINTS_MAX * 10:
        return None
    strokes: list[list[tuple[int, int]]] = []
    points = 0
    try:
        for part in text.split(";")[:SIG_STROKES_MAX + 1]:
            stroke = []
            for pair in part.split():
                x_text, y_text = pair.split(",")
                x = min(max(int(float(x_text)), 0), SIG_WIDTH)
                y = min(max(int(float(y_text)), 0), SIG_HEIGHT)
                stroke.append((x, y))
            points += len(stroke)
            if stroke:
                strokes.append(stroke)
    except (ValueError, OverflowError):
        return None
    if not strokes or len(strokes) > SIG_STROKES_MAX or points > SIG_POINTS_MAX:
        return None
    length = sum(math.dist(a, b) for s in strokes for a, b in zip(s, s[1:]))
    return strokes if length >= SIG_MIN_LENGTH else None


def render_signature(strokes: list[list[tuple[int, int]]], scale: int = 2) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (SIG_WIDTH * scale, SIG_HEIGHT * scale), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        scaled = [(x * scale, y * scale) for x, y in stroke]
        if len(scaled) == 1:
            x, y = scaled[0]
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=0)
        else:
            draw.line(scaled, fill=0, width=3 * scale, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_typed_signature(name: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (SIG_WIDTH * 2, SIG_HEIGHT * 2), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    draw.text((24, 150), _("Typed: {name}").format(name=name), fill=0, font=font)
    draw.text((24, 260), _("(no drawn signature: sign on paper at the desk)"), fill=90,
              font=ImageFont.load_default(size=26))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def contact_answers(person) -> dict:
    """The answers' "contact" part from a client, a ClientInput or a cleaned form."""
    answers = {name: getattr(person, name) for name in CONTACT_FIELDS}
    answers["date_of_birth"] = person.date_of_birth.isoformat() if person.date_of_birth else ""
    return answers


def medical_answers(medical: MedicalInfo) -> dict:
    """The answers' "medical" part (the checks sorted, so stored answers compare)."""
    return {"checks": sorted(medical.checks), **{name: getattr(medical, name) for name in MEDICAL_TEXT_NAMES}}


def answers_to_client_input(answers: dict) -> ClientInput:
    c = answers["contact"]
    born = date.fromisoformat(c["date_of_birth"]) if c.get("date_of_birth") else None
    return ClientInput.from_values({**c, "date_of_birth": born})


def answers_to_medical(answers: dict) -> MedicalInfo:
    m = answers["medical"]
    return MedicalInfo(checks=frozenset(m["checks"]), allergies=m["allergies"],
                       conditions=m["conditions"], medications=m["medications"],
                       skin_conditions=m["skin_conditions"], notes=m["notes"])
