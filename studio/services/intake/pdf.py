"""The consent PDF archived when the desk accepts a submission: the release text version
and its words, the answers, the signature(s), when it was signed and who accepted it.

reportlab is imported here only, and this module only when a consent is written.
"""

from __future__ import annotations

import io
from datetime import datetime

from studio.services.clients.records import MEDICAL_CHECKS
from studio.services.common import formats
from studio.services.common.pdf_kit import latin1_safe, pdf_kit
from studio.services.intake.forms import CONTACT_LABELS, MEDICAL_TEXT_LABELS, TATTOO_LABELS
from studio.services.intake.records import CONSENT_CHECKS


def render_consent_pdf(*, studio_name: str, zone: str, answers: dict, release_version: int,
                       release_body: str, signature_png: bytes, guardian_png: bytes | None,
                       signed_at: datetime, accepted_at: datetime, accepted_by: str,
                       is_minor: bool, id_check: str, submission_id: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    kit = pdf_kit()
    text, body, small, heading, title = kit.text, kit.body, kit.small, kit.heading, kit.title

    def when(moment: datetime) -> str:
        return formats.date_time(moment, zone) + f" ({zone})"

    def table(rows):
        return kit.table(rows, (55, 115))

    contact = answers["contact"]
    medical = answers["medical"]
    story: list = [
        Paragraph(text(f"Consent and release — {contact['full_name']}"), title),
        Paragraph(text(f"{studio_name or 'The studio'} · release text version {release_version} · "
                       f"submission {submission_id}"), small),
        Spacer(1, 4 * mm),
        Paragraph("The client", heading),
        table([(CONTACT_LABELS[k], contact.get(k, "")) for k in CONTACT_LABELS]),
        Paragraph("Health", heading),
        table([(label, "yes" if key in medical["checks"] else "no") for key, label in MEDICAL_CHECKS.items()]
              + [(label, medical.get(key, "")) for key, label in MEDICAL_TEXT_LABELS.items()]),
        Paragraph("The tattoo", heading),
        table([(label, answers["tattoo"].get(key, "")) for key, label in TATTOO_LABELS.items()]),
        Paragraph(text(f"Release text (version {release_version})"), heading),
        Paragraph(text(release_body), body),
        Paragraph("Consent", heading),
        table([(sentence, "agreed" if answers["consents"].get(key) else "NOT agreed")
               for key, sentence in CONSENT_CHECKS.items()]),
        Paragraph("Signature", heading),
    ]
    if answers.get("typed_signature"):
        story.append(Paragraph(text("Signed by typing the name (the phone could not draw); "
                                    "a paper signature is required."), small))
    story.append(Image(io.BytesIO(signature_png), width=90 * mm, height=30 * mm, kind="proportional"))
    guardian = answers.get("guardian")
    if is_minor and guardian:
        story += [
            Paragraph("Parent or guardian", heading),
            table([("Name", guardian.get("name", "")), ("Relationship", guardian.get("relationship", ""))]),
        ]
        if guardian_png:
            story.append(Image(io.BytesIO(guardian_png), width=90 * mm, height=30 * mm, kind="proportional"))
    story += [
        Paragraph("Record", heading),
        table([("Signed on the phone", when(signed_at)),
               ("Accepted at the desk", f"{when(accepted_at)} by {accepted_by}"),
               ("Under the studio's minimum age", "yes" if is_minor else "no"),
               ("Photo ID checked", id_check or "not recorded")]),
    ]
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, title=latin1_safe(f"Consent {submission_id}"),
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm)
    pdf.build(story)
    return out.getvalue()
