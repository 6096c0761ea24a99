"""Accepting a phone submission: the client record is created or updated through
ClientService's rules (field by field), and the signed consent is archived as a PDF, all as
one action: the PDF is rendered to a ``.part`` file first, then one write commits the client,
the consent row, the submission's status and the audit rows, and only then does the PDF
take its final name (see StagedPdf in consents.py for the window after the commit)."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path


from studio.clock import Clock
from studio.db import UnitOfWork
from studio.models import Consent, IntakeSubmission
from studio.services.clients import ClientService
from studio.services.common import audit_log, folding
from studio.services.common.audit_log import Words
from studio.services.common.errors import Conflict
from studio.services.common.formats import locale_for
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission, can
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_region, read_settings
from studio.services.intake import claims
from studio.services.intake.access import Access
from studio.services.intake.consents import stage_consent_pdf
from studio.services.intake.forms import answers_to_client_input, answers_to_medical
from studio.services.intake.merge import input_of, merge_contact, merge_medical
from studio.services.intake.records import AcceptResult, FormKind, SubmissionStatus
from studio.services.intake.release import find_release, release_record
from studio.services.intake.review import check_pending, find_submission

log = logging.getLogger(__name__)

CHANGED_MEANWHILE = N_("This submission changed while it was being filed (an ID check or the "
                       "release text, perhaps); nothing was accepted. Review it and accept again.")


class Accepting:
    """IntakeService's accepting of submissions (services/intake/service.py): the client is
    created or updated through the clients service, the consent archived in ``data_dir``."""

    def __init__(self, access: Access, clock: Clock, data_dir: Path, clients: ClientService) -> None:
        self.access = access
        self.clock = clock
        self.data_dir = data_dir
        self.clients = clients

    def accept(self, actor: Actor, submission_id: int, *, take: set[str] | None = None,
               client_id: int | None = None, allow_duplicate: bool = False) -> AcceptResult:
        """File the submission: create the client (walk-in) or update them with the fields
        in ``take`` (contact field names, "medical.<field>" or "medical.checks"; None takes
        every field that differs), with ClientService's rules. ``client_id`` files a walk-in
        under an existing client. Health answers reach the record only when the actor may
        edit them (``health_applied``); they are in the consent PDF either way. Needs
        MANAGE_INTAKE (and what ClientService needs).

        All or nothing: on any error no client is created or changed, the submission stays
        pending and no PDF is left behind. Two people filing it at once get one client and
        one consent; the other is told it was accepted already. Raises Conflict (decided
        already; under age without an ID check; changed meanwhile), DuplicateClient,
        FormErrors, NotFound, StorageError."""
        from studio.services.intake.pdf import render_consent_pdf

        now = self.clock()
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._fileable(uow.session, submission_id, now)
            pdf_args = self._consent_pdf_args(uow.session, s, now, actor)
        # Rendered outside the write so the database's write lock is not held meanwhile.
        staged = stage_consent_pdf(self.data_dir, render_consent_pdf(**pdf_args), submission_id, now)
        try:
            with self.access.unit_of_work() as uow:
                staff = self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
                s = self._fileable(uow.session, submission_id, now)
                if self._consent_pdf_args(uow.session, s, now, actor) != pdf_args:
                    raise Conflict(_(CHANGED_MEANWHILE))
                may_edit_health = can(staff.role, Permission.EDIT_MEDICAL)
                target = client_id if client_id is not None else s.client_id
                filed_under = self._file_client(uow, actor, json.loads(s.answers), target, take,
                                                may_edit_health, allow_duplicate)
                consent_id = self._archive(uow, actor, s, now, filed_under, staged.name)
                uow.commit()
        except BaseException:
            staged.discard()
            raise
        staged.publish()
        return AcceptResult(client_id=filed_under, consent_id=consent_id, pdf_path=staged.path,
                            health_applied=may_edit_health)

    @staticmethod
    def _fileable(session, submission_id: int, now: datetime) -> IntakeSubmission:
        """The submission, if it may be filed now: pending (or stuck in an old, stale claim)
        and ID-checked when it has to be."""
        s = find_submission(session, submission_id)
        if not claims.is_stale(s, now):
            check_pending(s)
        if s.id_check_required and s.id_checked_at is None:
            raise Conflict(_("This client is under the studio's minimum age: check a photo ID "
                             "and record it before accepting."))
        return s

    @staticmethod
    def _consent_pdf_args(session, s: IntakeSubmission, now: datetime, actor: Actor) -> dict:
        settings = read_settings(session)
        answers = json.loads(s.answers)
        # The release's history: the client's language, or the studio's it fell back to.
        release_language = answers.get("release_language") or s.language
        release = find_release(session, release_language, s.release_version)
        return dict(studio_name=settings.name, zone=settings.timezone, answers=answers,
                    release_version=s.release_version,
                    release_body=release.body if release is not None else release_record(None, release_language).body,
                    signature_png=s.signature_png, guardian_png=s.guardian_signature_png,
                    signed_at=s.received_at, accepted_at=now, accepted_by=actor.name,
                    is_minor=s.is_minor, id_type=s.id_type, id_last4=s.id_last4,
                    id_checked_by=s.id_checked_by_name if s.id_checked_at else "", submission_id=s.id,
                    language=s.language, release_language=release_language,
                    locale=locale_for(s.language, read_region(session, settings)))

    def _file_client(self, uow: UnitOfWork, actor: Actor, answers: dict, target: int | None,
                     take: set[str] | None, may_edit_health: bool, allow_duplicate: bool) -> int:
        """Create or update the client in ``uow`` with ClientService's rules; their id."""
        submitted = answers_to_client_input(answers)
        submitted_medical = answers_to_medical(answers)
        clients = self.clients
        if target is None:
            return clients.create_in(uow, actor, submitted,
                                     medical=submitted_medical if may_edit_health else None,
                                     allow_duplicate=allow_duplicate).id
        current = clients.get_in(uow, actor, target)
        data = merge_contact(input_of(current), submitted, take)
        medical = None
        if may_edit_health:
            medical = merge_medical(clients.medical_in(uow, actor, target), submitted_medical, take)
        return clients.update_in(uow, actor, target, data, version=current.version, medical=medical).id

    def _archive(self, uow: UnitOfWork, actor: Actor, s: IntakeSubmission, now: datetime, client_id: int,
                 pdf_file: str) -> int:
        """Mark the submission accepted and store its consent; the consent's id."""
        session = uow.session
        full_name = json.loads(s.answers)["contact"]["full_name"]
        s.status = SubmissionStatus.ACCEPTED
        s.client_id = client_id
        s.decided_at, s.decided_by_name = now, actor.name
        consent = Consent(client_id=client_id, client_name=full_name,
                          search_name=folding.name_key(full_name),
                          submission_id=s.id, release_version=s.release_version, language=s.language,
                          signed_at=s.received_at, accepted_at=now,
                          accepted_by_name=actor.name, pdf_file=pdf_file)
        session.add(consent)
        if s.kind == FormKind.CLIENT:
            self.clients.spend_qr_in(uow, client_id, now)
        session.flush()
        audit_log.record(session, now, audit_log.INTAKE_ACCEPTED, actor=actor,
                         subject_type="client", subject_id=client_id, subject=full_name,
                         # Translators: the numbers of the phone form, the release text's version and the consent.
                         detail=Words(N_("submission {submission}, release v{version}, consent {consent}"),
                                      submission=s.id, version=s.release_version, consent=consent.id))
        return consent.id
