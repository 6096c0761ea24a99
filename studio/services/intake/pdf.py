"""The consent PDF archived when the desk accepts a submission: the release text version
and its words, the answers, the signature(s), when it was signed and who accepted it, all in
the language the client read and signed in (its dates written as the studio's region writes
that language), and that language named on it.

reportlab is imported here only, and this module only when a consent is written.
"""

from __future__ import annotations

import io
from datetime import datetime

from studio.services.clients.records import MEDICAL_CHECKS
from studio.services.common.formats import date_time
from studio.services.common.i18n import _, language_name, using_language
from studio.services.common.pdf_kit import latin1_safe, pdf_kit
from studio.services.intake.forms import CONTACT_LABELS, MEDICAL_TEXT_LABELS, TATTOO_LABELS
from studio.services.intake.records import CONSENT_CHECKS


def render_consent_pdf(*, studio_name: str, zone: str, answers: dict, release_version: int,
                       release_body: str, signature_png: bytes, guardian_png: bytes | None,
                       signed_at: datetime, accepted_at: datetime, accepted_by: str,
                       is_minor: bool, id_type: str, id_last4: str, id_checked_by: str,
                       submission_id: int, language: str = "en", release_language: str = "en",
                       locale: str = "en_US") -> bytes:
    """The PDF in ``language`` (the client's); ``locale`` writes its dates."""
    with using_language(language):
        return _render(**locals())


def _render(*, studio_name: str, zone: str, answers: dict, release_version: int,
            release_body: str, signature_png: bytes, guardian_png: bytes | None,
            signed_at: datetime, accepted_at: datetime, accepted_by: str,
            is_minor: bool, id_type: str, id_last4: str, id_checked_by: str,
            submission_id: int, language: str, release_language: str, locale: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    kit = pdf_kit()
    text, body, small, heading, title = kit.text, kit.body, kit.small, kit.heading, kit.title

    def when(moment: datetime) -> str:
        # Translators: a moment and the time zone it is written in, e.g. "12 mar 2026, 14:05 (Europe/Madrid)".
        return _("{moment} ({zone})").format(moment=date_time(moment, zone, locale=locale), zone=zone)

    def table(rows):
        return kit.table(rows, (55, 115))

    def yes_no(value: bool) -> str:
        return _("yes") if value else _("no")

    contact = answers["contact"]
    medical = answers["medical"]
    story: list = [
        # Translators: {name} is the client's full name.
        Paragraph(text(_("Consent and release — {name}").format(name=contact["full_name"])), title),
        Paragraph(text(_("{studio} · release text version {version} · submission {submission}").format(
            studio=studio_name or _("The studio"), version=release_version, submission=submission_id)), small),
        Spacer(1, 4 * mm),
        Paragraph(text(_("The client")), heading),
        table([(_(CONTACT_LABELS[k]), contact.get(k, "")) for k in CONTACT_LABELS]),
        Paragraph(text(_("Health")), heading),
        table([(_(label), yes_no(key in medical["checks"])) for key, label in MEDICAL_CHECKS.items()]
              + [(_(label), medical.get(key, "")) for key, label in MEDICAL_TEXT_LABELS.items()]),
        Paragraph(text(_("The tattoo")), heading),
        table([(_(label), answers["tattoo"].get(key, "")) for key, label in TATTOO_LABELS.items()]),
        Paragraph(text(_("Release text (version {version})").format(version=release_version)), heading),
    ]
    if release_language != language:
        story.append(Paragraph(text(_("This text was shown in {language}: the studio had no release text in "
                                      "the client's language.").format(language=language_name(release_language))),
                               small))
    story += [
        Paragraph(text(release_body), body),  # the studio's words: never translated
        Paragraph(text(_("Consent")), heading),
        table([(_(sentence), _("agreed") if answers["consents"].get(key) else _("NOT agreed"))
               for key, sentence in CONSENT_CHECKS.items()]),
        Paragraph(text(_("Signature")), heading),
    ]
    if answers.get("typed_signature"):
        story.append(Paragraph(text(_("Signed by typing the name (the phone could not draw); "
                                      "a paper signature is required.")), small))
    story.append(Image(io.BytesIO(signature_png), width=90 * mm, height=30 * mm, kind="proportional"))
    guardian = answers.get("guardian")
    if is_minor and guardian:
        story += [
            Paragraph(text(_("Parent or guardian")), heading),
            table([(_("Name"), guardian.get("name", "")), (_("Relationship"), guardian.get("relationship", ""))]),
        ]
        if guardian_png:
            story.append(Image(io.BytesIO(guardian_png), width=90 * mm, height=30 * mm, kind="proportional"))
    # Translators: e.g. "Passport …AB12, checked by Ana Ruiz".
    id_check = (_("{type} …{last4}, checked by {name}").format(type=_(id_type), last4=id_last4, name=id_checked_by)
                if id_checked_by else _("not recorded"))
    story += [
        Paragraph(text(_("Record")), heading),
        table([(_("Read and signed in"), language_name(language)),
               (_("Signed on the phone"), when(signed_at)),
               # Translators: {moment} is when, {name} the staff member who accepted the form.
               (_("Accepted at the desk"), _("{moment} by {name}").format(moment=when(accepted_at), name=accepted_by)),
               (_("Under the studio's minimum age"), yes_no(is_minor)),
               (_("Photo ID checked"), id_check)]),
    ]
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4,
                            title=latin1_safe(_("Consent {number}").format(number=submission_id)),
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm)
    pdf.build(story)
    return out.getvalue()
