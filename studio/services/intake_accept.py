"""Accepting a phone submission: the client record is created or updated through
ClientService (field by field), and the signed consent is archived as a PDF."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlalchemy import select, update

from studio.models import Client, Consent, IntakeSubmission, ReleaseText
from studio.services import audit, folding, intake_claims
from studio.services.base import Service
from studio.services.errors import Conflict
from studio.services.intake_consents import consents_dir, write_consent_pdf
from studio.services.intake_forms import answers_to_client_input, answers_to_medical
from studio.services.intake_merge import input_of, merge_contact, merge_medical
from studio.services.intake_records import AcceptResult, FormKind, SubmissionStatus
from studio.services.intake_release import release_record
from studio.services.intake_review import check_pending, find_submission
from studio.services.permissions import Permission, can
from studio.services.records import Actor
from studio.services.settings import read_settings

log = logging.getLogger(__name__)


class AcceptMixin(Service):
    """IntakeService's accepting of submissions (services/intake.py)."""

    def accept(self, actor: Actor, submission_id: int, *, take: set[str] | None = None,
               client_id: int | None = None, allow_duplicate: bool = False) -> AcceptResult:
        """File the submission: create the client (walk-in) or update them with the fields
        in ``take`` (contact field names, "medical.<field>" or "medical.checks"; None takes
        every field that differs), through ClientService and its rules. ``client_id`` files a
        walk-in under an existing client. Health answers reach the record only when the
        actor may edit them (``health_applied``); they are in the consent PDF either way.
        Then archives the consent PDF. Needs MANAGE_INTAKE (and what ClientService needs).

        The submission is claimed first (services/intake_claims.py), so two people filing
        it at once get one client and one consent; on any failure the claim is put back.
        Raises Conflict (decided already; someone else is filing it; under age without an
        ID check), DuplicateClient, FormErrors, NotFound, StorageError."""
        from studio.services.intake_pdf import render_consent_pdf

        now = self.clock()
        with self.unit_of_work() as uow:
            staff = self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = find_submission(uow.session, submission_id)
            if s.status != SubmissionStatus.ACCEPTING:  # a claim may be stale: claim() decides
                check_pending(s)
            if s.id_check_required and s.id_checked_at is None:
                raise Conflict("This client is under the studio's minimum age: check a photo ID "
                               "and record it before accepting.")
            if not intake_claims.claim(uow.session, submission_id, actor.name, now):
                raise Conflict(intake_claims.FILING_ELSEWHERE)
            answers = json.loads(s.answers)
            target = client_id if client_id is not None else s.client_id
            may_edit_health = can(staff.role, Permission.EDIT_MEDICAL)
            pdf_args = self._consent_pdf_args(uow.session, s, answers, now, actor)
            uow.commit()
        name = None
        try:
            name = write_consent_pdf(self.data_dir, render_consent_pdf(**pdf_args), submission_id, now)
            filed_under = self._file_client(actor, answers, target, take, may_edit_health, allow_duplicate)
            consent_id = self._archive(actor, submission_id, now, filed_under, name)
        except BaseException:
            if name is not None:
                (consents_dir(self.data_dir) / name).unlink(missing_ok=True)
            self._release(submission_id, now)
            raise
        return AcceptResult(client_id=filed_under, consent_id=consent_id,
                            pdf_path=consents_dir(self.data_dir) / name, health_applied=may_edit_health)

    def _consent_pdf_args(self, session, s: IntakeSubmission, answers: dict, now: datetime,
                          actor: Actor) -> dict:
        settings = read_settings(session)
        release = session.scalar(select(ReleaseText).where(ReleaseText.version == s.release_version))
        id_check = (f"{s.id_type} …{s.id_last4}, checked by {s.id_checked_by_name}"
                    if s.id_checked_at else "")
        return dict(studio_name=settings.name, zone=settings.timezone, answers=answers,
                    release_version=s.release_version,
                    release_body=release.body if release is not None else release_record(None).body,
                    signature_png=s.signature_png, guardian_png=s.guardian_signature_png,
                    signed_at=s.received_at, accepted_at=now, accepted_by=actor.name,
                    is_minor=s.is_minor, id_check=id_check, submission_id=s.id)

    def _file_client(self, actor: Actor, answers: dict, target: int | None, take: set[str] | None,
                     may_edit_health: bool, allow_duplicate: bool) -> int:
        """Create or update the client through ClientService; their id."""
        submitted = answers_to_client_input(answers)
        submitted_medical = answers_to_medical(answers)
        clients = self.services.clients
        if target is None:
            return clients.create(actor, submitted, medical=submitted_medical if may_edit_health else None,
                                  allow_duplicate=allow_duplicate).id
        current = clients.get(actor, target)
        data = merge_contact(input_of(current), submitted, take)
        medical = None
        if may_edit_health:
            medical = merge_medical(clients.medical(actor, target), submitted_medical, take)
        return clients.update(actor, target, data, version=current.version, medical=medical).id

    def _archive(self, actor: Actor, submission_id: int, claimed_at: datetime, client_id: int,
                 pdf_file: str) -> int:
        """Mark the claimed submission accepted and store its consent; the consent's id."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = find_submission(uow.session, submission_id)
            if not intake_claims.holds(s, claimed_at):
                raise Conflict(intake_claims.FILING_ELSEWHERE)
            full_name = json.loads(s.answers)["contact"]["full_name"]
            s.status = SubmissionStatus.ACCEPTED
            s.client_id = client_id
            s.decided_by_name = actor.name
            consent = Consent(client_id=client_id, client_name=full_name,
                              search_name=folding.name_key(full_name),
                              submission_id=s.id, release_version=s.release_version,
                              signed_at=s.received_at, accepted_at=claimed_at,
                              accepted_by_name=actor.name, pdf_file=pdf_file)
            uow.session.add(consent)
            if s.kind == FormKind.CLIENT:
                uow.session.execute(update(Client).where(Client.id == client_id, Client.qr_used_at.is_(None))
                                    .values(qr_used_at=claimed_at))
            uow.session.flush()
            audit.record(uow.session, claimed_at, audit.INTAKE_ACCEPTED, actor=actor,
                         subject_type="client", subject_id=client_id, subject=full_name,
                         detail=f"submission {s.id}, release v{s.release_version}, consent {consent.id}")
            uow.commit()
            return consent.id

    def _release(self, submission_id: int, claimed_at: datetime) -> None:
        """Put a failed filing's claim back. If even that fails (the database is gone), the
        claim goes stale and is taken over later; the first error is the one to report."""
        try:
            with self.unit_of_work() as uow:
                intake_claims.release(uow.session, submission_id, claimed_at)
                uow.commit()
        except Exception:  # noqa: BLE001 - never hide the error that made the filing fail
            log.exception("could not release the claim on intake submission %s", submission_id)
