"""Reviewing phone submissions: the list, one submission next to the client record, its
photos, the photo-ID check, and rejecting it. Accepting is in accept.py."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from studio.clock import Clock
from studio.db import UnitOfWork
from studio.models import IntakePhoto, IntakeSubmission
from studio.services.clients import ClientService, MedicalInfo, age_on, medical_of
from studio.services.clients.forms import one_line
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import to_local
from studio.services.common.permissions import Permission, can
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_region, read_settings
from studio.services.intake import claims, images
from studio.services.intake.access import Access
from studio.services.intake.forms import CONTACT_FIELDS, CONTACT_LABELS, answers_to_medical
from studio.services.intake.merge import health_diffs, shown
from studio.services.common.paging import PAGE_LIMIT, RowsPage, newer_first_after, page_limit
from studio.services.intake.records import (
    ID_TYPES,
    FieldDiff,
    FormKind,
    SubmissionReview,
    SubmissionRow,
    SubmissionStatus,
)

REJECT_REASON_MAX = 500
SUBMISSION_SUBJECT = "intake submission"


def submission_row(s: IntakeSubmission, photos: int) -> SubmissionRow:
    return SubmissionRow(id=s.id, kind=FormKind(s.kind), status=SubmissionStatus(s.status),
                         full_name=s.full_name, received_at=s.received_at, client_id=s.client_id,
                         is_minor=s.is_minor, id_check_required=s.id_check_required,
                         id_checked=s.id_checked_at is not None, photos=photos)



def pending_count(session) -> int:
    return session.scalar(select(func.count()).select_from(IntakeSubmission)
                          .where(IntakeSubmission.status == SubmissionStatus.PENDING)) or 0


def find_submission(session, submission_id: int) -> IntakeSubmission:
    row = session.get(IntakeSubmission, submission_id)
    if row is None:
        raise NotFound(_("That submission no longer exists."))
    return row


def check_pending(s: IntakeSubmission) -> None:
    if s.status == SubmissionStatus.ACCEPTING:
        raise Conflict(_(claims.FILING_ELSEWHERE))
    if s.status != SubmissionStatus.PENDING:
        accepted = s.status == SubmissionStatus.ACCEPTED
        if s.decided_by_name:
            # Translators: {name} is the staff member who decided.
            message = (_("This submission was already accepted by {name}.") if accepted
                       else _("This submission was already rejected by {name}."))
        else:
            message = (_("This submission was already accepted.") if accepted
                       else _("This submission was already rejected."))
        raise Conflict(message.format(name=s.decided_by_name))


def row_of(session, s: IntakeSubmission) -> SubmissionRow:
    n = session.scalar(select(func.count()).where(IntakePhoto.submission_id == s.id)) or 0
    return submission_row(s, n)


def submission_rows(session, status: SubmissionStatus | str | None, before: tuple[datetime, int] | None,
                    limit: int) -> list[SubmissionRow]:
    photos = (select(func.count()).where(IntakePhoto.submission_id == IntakeSubmission.id)
              .correlate(IntakeSubmission).scalar_subquery())
    query = select(IntakeSubmission, photos)
    if status is not None:
        query = query.where(IntakeSubmission.status == SubmissionStatus(status))
    if before is not None:
        query = query.where(newer_first_after(IntakeSubmission.received_at, IntakeSubmission.id, before))
    query = query.order_by(IntakeSubmission.received_at.desc(), IntakeSubmission.id.desc())
    return [submission_row(s, n) for s, n in session.execute(query.limit(page_limit(limit)))]


class Submissions:
    """IntakeService's review of submissions (services/intake/service.py): the list, one
    submission next to the client record (held by the clients service), its photos, the
    ID check and rejecting."""

    def __init__(self, access: Access, clock: Clock, data_dir: Path, clients: ClientService) -> None:
        self.access = access
        self.clock = clock
        self.data_dir = data_dir
        self.clients = clients

    def pending_count(self, actor: Actor) -> int:
        """How many submissions wait for the desk. Needs MANAGE_INTAKE."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            return pending_count(uow.session)

    def submissions(self, actor: Actor, status: SubmissionStatus | str | None = SubmissionStatus.PENDING,
                    *, before: tuple[datetime, int] | None = None, limit: int = PAGE_LIMIT) -> list[SubmissionRow]:
        """Up to ``limit`` submissions in ``status`` (None: all), newest first (ties by id);
        with ``before`` (a row's received_at and id), those after that row, so the next
        page neither repeats nor skips a row when forms arrive meanwhile. Needs MANAGE_INTAKE."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            return submission_rows(uow.session, status, before, limit)

    def first_page_in(self, uow: UnitOfWork, status: SubmissionStatus | str | None,
                      limit: int) -> RowsPage[SubmissionRow]:
        """The first page of ``submissions`` and their count, in the caller's authorised unit
        of work (the page's refresh)."""
        count = select(func.count()).select_from(IntakeSubmission)
        if status is not None:
            count = count.where(IntakeSubmission.status == SubmissionStatus(status))
        return RowsPage(uow.session.scalar(count) or 0,
                        tuple(submission_rows(uow.session, status, None, limit)))

    def review(self, actor: Actor, submission_id: int) -> SubmissionReview:
        """The submission next to what the studio holds. Health answers only for roles
        with VIEW_MEDICAL (then audited). Needs MANAGE_INTAKE; raises NotFound."""
        with self.access.unit_of_work() as uow:
            staff = self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = find_submission(uow.session, submission_id)
            answers = json.loads(s.answers)
            settings = read_settings(uow.session)
            today = to_local(self.clock(), settings.timezone).date()
            client = self._client_of(uow, actor, s)
            # An artist, were they given the desk's intake rights, reads only their own clients'.
            sees_health = can(staff.role, Permission.VIEW_MEDICAL) and self.clients.relations.may_read_health(
                uow.session, staff, client.id if client else None, self.clock())
            contact = tuple(
                FieldDiff(name, _(CONTACT_LABELS[name]), shown(getattr(client, name)) if client else "",
                          shown(answers["contact"].get(name, "")))
                for name in CONTACT_FIELDS)
            health = None
            if sees_health:
                held = medical_of(client) if client else MedicalInfo()
                health = health_diffs(held, answers_to_medical(answers))
                audit_log.record(uow.session, self.clock(), audit_log.CLIENT_MEDICAL_VIEWED, actor=actor,
                                 subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                                 detail=Words(N_("health answers of an intake submission")))
            duplicates: tuple = ()
            region = read_region(uow.session)
            if s.status == SubmissionStatus.PENDING and client is None:
                duplicates = tuple(self.clients.duplicates_in(
                    uow, actor, answers["contact"]["phone"], answers["contact"]["email"]))
            photos = uow.session.scalar(select(func.count()).where(IntakePhoto.submission_id == s.id)) or 0
            born = date.fromisoformat(answers["contact"]["date_of_birth"]) if answers["contact"].get("date_of_birth") else None
            result = SubmissionReview(
                row=submission_row(s, photos), date_of_birth=born, age=age_on(born, today), contact=contact,
                health=health, tattoo=dict(answers["tattoo"]), consents=dict(answers["consents"]),
                guardian=answers.get("guardian"), release_version=s.release_version,
                signature_png=s.signature_png, guardian_signature_png=s.guardian_signature_png,
                id_type=s.id_type, id_last4=s.id_last4, id_checked_by_name=s.id_checked_by_name,
                decided_by_name=s.decided_by_name, reject_reason=s.reject_reason,
                duplicates=duplicates, region=region, language=s.language,
                release_language=answers.get("release_language") or s.language)
            uow.commit()
            return result

    def _client_of(self, uow: UnitOfWork, actor: Actor, s: IntakeSubmission):
        """The client the submission came from (their QR), through the clients service;
        None for a walk-in, or when that client is gone."""
        if s.client_id is None:
            return None
        try:
            return self.clients.get_in(uow, actor, s.client_id)
        except NotFound:
            return None

    def photos(self, actor: Actor, submission_id: int) -> list[bytes | None]:
        """Every reference photo (JPEG) in order, None for one whose file is missing from
        the data folder: what the review shows, in one call. Needs MANAGE_INTAKE; raises
        NotFound when the submission is gone."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            find_submission(uow.session, submission_id)
            names = uow.session.scalars(select(IntakePhoto.file).where(IntakePhoto.submission_id == submission_id)
                                        .order_by(IntakePhoto.position)).all()
        return [self._read_photo(name) for name in names]

    def _read_photo(self, name: str) -> bytes | None:
        try:
            return images.path_of(self.data_dir, name).read_bytes()
        except OSError:
            return None

    def photo(self, actor: Actor, submission_id: int, position: int) -> bytes:
        """A reference photo (JPEG). Needs MANAGE_INTAKE; raises NotFound."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            name = uow.session.scalar(select(IntakePhoto.file).where(
                IntakePhoto.submission_id == submission_id, IntakePhoto.position == position))
        if name is None:
            raise NotFound(_("That photo no longer exists."))
        data = self._read_photo(name)
        if data is None:
            raise NotFound(_("That photo's file is missing from the data folder."))
        return data

    def record_id_check(self, actor: Actor, submission_id: int, id_type: str, last4: str) -> SubmissionRow:
        """Record that the actor checked a photo ID: its type and the last 4 characters of
        its number (never more). Needs MANAGE_INTAKE; audited."""
        if id_type not in ID_TYPES:
            raise ValidationError(_("Choose the type of ID you checked."), field="id_type")
        tail = "".join(str(last4).split()).upper()
        if not 1 <= len(tail) <= 4 or not tail.isalnum() or not tail.isascii():
            raise ValidationError(_("Enter the last 4 letters or digits of the ID's number."), field="id_last4")
        with self.access.unit_of_work() as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = find_submission(uow.session, submission_id)
            now = self.clock()
            s.id_type, s.id_last4 = id_type, tail
            s.id_checked_by_name, s.id_checked_at = actor.name, now
            audit_log.record(uow.session, now, audit_log.INTAKE_ID_CHECKED, actor=actor,
                             subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                             # Translators: a photo ID checked: its type ("Passport") and the last letters or digits of its number.
                             detail=Words(N_("{id_type} …{last4}"), id_type=Words(id_type), last4=tail))
            uow.commit()
            return row_of(uow.session, s)

    def reject(self, actor: Actor, submission_id: int, reason: str = "") -> SubmissionRow:
        """Turn a submission down; nothing reaches a client record. Needs MANAGE_INTAKE;
        Conflict when it was decided already."""
        reason = one_line(reason)[:REJECT_REASON_MAX]
        with self.access.unit_of_work() as uow:
            self.access.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = find_submission(uow.session, submission_id)
            check_pending(s)
            now = self.clock()
            s.status = SubmissionStatus.REJECTED
            s.decided_at, s.decided_by_name, s.reject_reason = now, actor.name, reason
            audit_log.record(uow.session, now, audit_log.INTAKE_REJECTED, actor=actor,
                             subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                             detail=reason)
            uow.commit()
            return row_of(uow.session, s)
