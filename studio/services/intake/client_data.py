"""What the phone intake holds about one client, for the client's data rights.

- Export: every phone form filed under the client (answers, status, signatures, reference
  photos) and every signed consent (its PDF), so an export is everything we hold.
- Erasure: the phone forms go, with their photos and signatures, and the audit rows about
  them lose the name. Signed consents stay, as the release text the client signed says
  ("the studio keeps this form ... for as long as the law requires"): health inspections
  ask for them, and the law's duty to keep them outweighs the request to erase (GDPR
  art. 17(3)(b)). They keep the name they were signed with, so an inspection can find them.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, update

from studio.models import AuditEvent, Consent, IntakePhoto, IntakeSubmission
from studio.services.clients import ClientDataHolder, ErasedPart, ExportSection, HeldPart
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.formats import date_time
from studio.services.common.i18n import N_, _, ngettext
from studio.services.intake import images
from studio.services.intake.consents import consent_file
from studio.services.intake.review import SUBMISSION_SUBJECT

CONSENTS_HEADING = N_("Signed consents (kept while the law requires)")
# A phone form's status as the export names it.
STATUS_NAMES = {"pending": N_("waiting for review"), "accepting": N_("being filed"), "accepted": N_("accepted"),
                "rejected": N_("rejected")}


class IntakeClientData(ClientDataHolder):
    """The intake's client data holder (registered by services/core.py)."""

    name = "intake"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def export_part(self, session, client_id: int, prefix: str) -> HeldPart:
        forms, consents, files = _holdings(session, client_id, self.data_dir, prefix)
        return HeldPart(sections=(
            ExportSection("phone_forms", _("Phone forms"), forms, tuple(
                (_utc(f["received_at"]), _form_line(f)) for f in forms)),
            ExportSection("consents", _(CONSENTS_HEADING), consents, tuple(
                (_utc(c["signed_at"]),
                 # Translators: {version} is the release text's version number, {name} who accepted it.
                 _("release v{version}, accepted by {name} · {file}").format(
                     version=c["release_version"], name=c["accepted_by"], file=c["pdf_file"]))
                for c in consents)),
        ), files=tuple(files))

    def erase_part(self, session, client_id: int, erased_subject: Words) -> ErasedPart:
        names, kept = _erase(session, client_id, erased_subject)
        return ErasedPart(files=tuple(images.path_of(self.data_dir, name) for name in names),
                          kept=Words.counted(Nn_("{n} signed consent kept as the law requires",
                                                 "{n} signed consents kept as the law requires"), kept)
                          if kept else "")


def _utc(moment: str) -> str:
    """A stored moment (ISO) as the export writes it: in UTC, as the region writes dates."""
    return _("{moment} UTC").format(moment=date_time(datetime.fromisoformat(moment), "UTC"))


def _form_line(form: dict) -> str:
    status = _(STATUS_NAMES.get(form["status"], form["status"]))
    photos = len(form["photo_files"])
    if photos:
        # Translators: {status} is e.g. "accepted", {version} the release text's version number.
        return ngettext("{status} · release v{version} · {n} photo attached · answers in the JSON file",
                        "{status} · release v{version} · {n} photos attached · answers in the JSON file",
                        photos).format(status=status, version=form["release_version"], n=photos)
    return _("{status} · release v{version} · answers in the JSON file").format(
        status=status, version=form["release_version"])


def _holdings(session, client_id: int, data_dir: Path, prefix: str) -> tuple[list[dict], list[dict], list]:
    """The phone forms and consents as JSON-ready values, and the files (source path, name
    in the export) that go with them; exported files are named ``prefix``-…"""
    forms: list[dict] = []
    consents_out: list[dict] = []
    files: list[tuple[Path, str]] = []
    submissions = session.scalars(
        select(IntakeSubmission).where(IntakeSubmission.client_id == client_id)
        .order_by(IntakeSubmission.received_at, IntakeSubmission.id)).all()
    for n, s in enumerate(submissions, start=1):
        photos = session.scalars(select(IntakePhoto.file).where(IntakePhoto.submission_id == s.id)
                                 .order_by(IntakePhoto.position)).all()
        photo_names = []
        for k, name in enumerate(photos, start=1):
            photo_names.append(f"{prefix}-form-{n}-photo-{k}.jpg")
            files.append((images.path_of(data_dir, name), photo_names[-1]))
        forms.append({
            "received_at": s.received_at.isoformat(),
            "kind": s.kind,
            "status": s.status,
            "full_name": s.full_name,
            "answers": json.loads(s.answers),
            "release_version": s.release_version,
            "language": s.language,
            "is_minor": s.is_minor,
            "id_check": {"type": s.id_type, "last4": s.id_last4, "checked_by": s.id_checked_by_name,
                         "checked_at": s.id_checked_at.isoformat() if s.id_checked_at else None},
            "decided_at": s.decided_at.isoformat() if s.decided_at else None,
            "decided_by": s.decided_by_name,
            "reject_reason": s.reject_reason,
            "signature_png_base64": base64.b64encode(s.signature_png).decode("ascii"),
            "guardian_signature_png_base64": (base64.b64encode(s.guardian_signature_png).decode("ascii")
                                              if s.guardian_signature_png else None),
            "photo_files": photo_names,
        })
    consents = session.scalars(select(Consent).where(Consent.client_id == client_id)
                               .order_by(Consent.signed_at, Consent.id)).all()
    for n, c in enumerate(consents, start=1):
        name = f"{prefix}-consent-{n}.pdf"
        files.append((consent_file(data_dir, c.pdf_file), name))
        consents_out.append({
            "signed_at": c.signed_at.isoformat(),
            "name_signed": c.client_name,
            "release_version": c.release_version,
            "language": c.language,
            "accepted_at": c.accepted_at.isoformat(),
            "accepted_by": c.accepted_by_name,
            "pdf_file": name,
        })
    return forms, consents_out, files


def _erase(session, client_id: int, erased_subject: Words) -> tuple[list[str], int]:
    """Delete the client's phone forms (their photo rows go with them) and scrub the audit
    rows about those forms. Returns (intake photo files to delete, consents kept); the
    consents lose their link to the client with the client row itself."""
    ids = list(session.scalars(select(IntakeSubmission.id).where(IntakeSubmission.client_id == client_id)))
    files = list(session.scalars(select(IntakePhoto.file).where(IntakePhoto.submission_id.in_(ids)))) if ids else []
    if ids:
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.subject_type == SUBMISSION_SUBJECT, AuditEvent.subject_id.in_([str(i) for i in ids]))
            .values(**audit_log.scrubbed(erased_subject)))
        session.execute(delete(IntakePhoto).where(IntakePhoto.submission_id.in_(ids)))
        session.execute(delete(IntakeSubmission).where(IntakeSubmission.id.in_(ids)))
    kept = len(session.scalars(select(Consent.id).where(Consent.client_id == client_id)).all())
    return files, kept
