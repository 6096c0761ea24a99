"""`studio demo`: some phone forms waiting at the desk, and some accepted consents with
their signatures, sent through the same PhoneDesk a phone uses."""

from __future__ import annotations

import math

from studio.services.common.folding import fold
from studio.services.intake.forms import SIG_HEIGHT, SIG_WIDTH
from studio.services.intake.records import CONSENT_CHECKS, FormKind

DEMO_FORMS = (
    # name, date of birth, phone, idea, placement, accepted?
    ("Beatriz Nogueira", "1994-03-12", "+351 912 345 101", "Botanical line work, a fern", "Forearm", True),
    ("Hugo Carvalho", "1988-11-02", "+351 912 345 102", "Compass with my kids' initials", "Shoulder", True),
    ("Leonor Matos", "2001-07-25", "+351 912 345 103", "Small moon phases", "Behind the ear", False),
    ("Samuel Okoro", "1979-01-30", "+351 912 345 104", "Cover-up of an old tribal band", "Upper arm", False),
    ("Inês Figueira", "1999-09-09", "+351 912 345 105", "Fine-line swallow", "Wrist", False),
)


def signature(seed: int) -> str:
    """A believable scribble: two strokes of a damped wave."""
    first = " ".join(f"{30 + i * 12},{int(SIG_HEIGHT / 2 + 40 * math.sin(i / 2 + seed) * (1 - i / 50))}"
                     for i in range(40))
    second = " ".join(f"{SIG_WIDTH - 140 + i * 8},{int(SIG_HEIGHT * 0.7 - i * 3)}" for i in range(12))
    return f"{first};{second}"


def intake_demo_step(services, admin, progress) -> None:
    from studio.services.intake.phone import PhoneDesk

    progress("Adding phone intake forms and signed consents…")
    desk = PhoneDesk(services)
    desk.prepare()
    token = services.intake.walkin_qr(admin).url.rsplit("/", 1)[1]
    for seed, (name, born, phone, idea, placement, accepted) in enumerate(DEMO_FORMS):
        form = desk.open_form(FormKind.WALKIN, token)
        fields = {"csrf": form.csrf, "release_version": str(form.release.version), "full_name": name,
                  "date_of_birth": born, "phone": phone,
                  "email": fold(name).replace(" ", ".") + "@example.com",
                  "emergency_name": "Family contact", "emergency_phone": "+351 913 000 100",
                  "idea_description": idea, "idea_placement": placement, "idea_size": "Palm-sized",
                  "signature": signature(seed)}
        fields.update({f"consent_{key}": "1" for key in CONSENT_CHECKS})
        if seed % 2:
            fields["allergies"] = "Latex"
        outcome = desk.submit(FormKind.WALKIN, token, fields, [])
        if accepted:
            services.intake.accept(admin, outcome.submission_id, allow_duplicate=True)
