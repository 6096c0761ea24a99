"""Projects: a tattoo that takes several sessions, with its quote, its deposit and its
sessions."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from studio.models import Appointment, Client, Deposit, IntakePhoto, IntakeSubmission, Project, ProjectImage
from studio.services.common import audit_log
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.image_files import reencode_jpeg
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.intake import intake_photo_path
from studio.services.scheduling.client_data import PROJECT_FILES, project_image_path
from studio.services.scheduling.deposits import deposit_record
from studio.services.scheduling.reading import appointment_records
from studio.services.scheduling.records import AppointmentInput, Kind, ProjectRecord, Status
from studio.services.scheduling.rules import client_of

IMAGE_BYTES_MAX = 25 * 1024 * 1024
NOTES_MAX = 5000


def _clean_fields(title: str, placement: str, quote_cents: int | None) -> tuple[str, str]:
    title = clean_text(title, field="title", label=N_("project's name"), max_length=200)
    placement = clean_text(placement, field="placement", label=N_("placement"), max_length=120, required=False)
    if quote_cents is not None and (isinstance(quote_cents, bool) or quote_cents < 0):
        raise ValidationError(_("The quote can't be negative."), field="quote")
    return title, placement


def prepare_image(data: bytes) -> bytes:
    """A reference image as a JPEG with no metadata (see image_files.reencode_jpeg)."""
    if not data:
        raise ValidationError(_("Choose an image file."), field="image")
    if len(data) > IMAGE_BYTES_MAX:
        raise ValidationError(_("That image is too large (25 MB at most)."), field="image")
    refused = ValidationError(_("That file isn't an image Linework can read (use JPEG or PNG)."), field="image")
    return reencode_jpeg(data, refused, quality=88)


class ProjectService(Service):
    def create(self, actor: Actor, client_id: int, title: str, *, placement: str = "",
               quote_cents: int | None = None, notes: str = "") -> ProjectRecord:
        """Open a project for a client. Needs BOOK_APPOINTMENTS."""
        title, placement = _clean_fields(title, placement, quote_cents)
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            client = client_of(session, client_id)
            now = self.clock()
            project = Project(client_id=client.id, title=title, placement=placement, quote_cents=quote_cents,
                              notes=(notes or "").strip()[:5000], closed=False, created_at=now,
                              created_by_name=actor.name)
            session.add(project)
            session.flush()
            audit_log.record(session, now, audit_log.PROJECT_OPENED, actor=actor, subject_type="client",
                             subject_id=client.id, subject=client.full_name, detail=title)
            uow.commit()
            return _record(session, project, staff)

    def from_submission(self, actor: Actor, submission_id: int, *, request: tuple[int, datetime, datetime] | None = None
                        ) -> ProjectRecord:
        """Turn an accepted phone form's tattoo idea into a project in one step: its idea,
        placement and size, its reference photos copied to the project; with ``request``
        (artist id, start, end), a requested appointment for it too. Needs BOOK_APPOINTMENTS."""
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            submission = session.get(IntakeSubmission, submission_id)
            if submission is None or submission.status != "accepted" or submission.client_id is None:
                raise ValidationError(_("Only an accepted phone form, filed under a client, can become a project."))
            if session.scalar(select(Project.id).where(Project.submission_id == submission_id)) is not None:
                raise Conflict(_("This phone form is a project already."))
            client = client_of(session, submission.client_id)
            idea = json.loads(submission.answers).get("tattoo", {})
            description = " ".join((idea.get("description") or "").split())
            title = (description[:80].rsplit(" ", 1)[0] + "…") if len(description) > 80 else description
            now = self.clock()
            project = Project(client_id=client.id, title=title or _("Tattoo from the phone form"),
                              placement=(idea.get("placement") or "")[:120], quote_cents=None,
                              notes="\n".join(part for part in (description, idea.get("size") or "") if part),
                              submission_id=submission_id, closed=False, created_at=now, created_by_name=actor.name)
            session.add(project)
            session.flush()
            copied = []
            for photo in session.scalars(select(IntakePhoto).where(IntakePhoto.submission_id == submission_id)
                                         .order_by(IntakePhoto.position)):
                source = intake_photo_path(self.data_dir, photo.file)
                if source.exists():
                    name = PROJECT_FILES.store(self.data_dir, source.read_bytes())
                    copied.append(name)
                    session.add(ProjectImage(project_id=project.id, file_name=name, added_at=now))
            try:
                if request is not None:
                    artist_id, starts_at, ends_at = request
                    data = AppointmentInput(client.id, artist_id, Kind.SESSION, starts_at, ends_at, description=title,
                                            placement=project.placement, size=(idea.get("size") or "")[:60],
                                            project_id=project.id, status=Status.REQUESTED)
                    self.services.scheduling.book_in(uow, staff, actor, data, outside_hours_ok=True)
                audit_log.record(session, now, audit_log.PROJECT_OPENED, actor=actor, subject_type="client",
                                 subject_id=client.id, subject=client.full_name, detail=project.title)
                session.flush()
            except BaseException:
                PROJECT_FILES.delete(self.data_dir, copied)
                raise
            uow.commit()
            return _record(session, project, staff)

    def update(self, actor: Actor, project_id: int, title: str, placement: str, quote_cents: int | None,
               notes: str) -> ProjectRecord:
        """Change a project's name, placement, quote and notes. Needs BOOK_APPOINTMENTS."""
        title, placement = _clean_fields(title, placement, quote_cents)
        notes = (notes or "").strip()[:NOTES_MAX]
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            project = _get(session, project_id)
            currency = read_settings(session).currency

            def quote(cents: int | None) -> object:
                return "—" if cents is None else Formatted.money(cents, currency)

            changes = audit_log.diff([(N_("Name"), project.title, title), (N_("Placement"), project.placement, placement)])
            if project.quote_cents != quote_cents:
                changes += audit_log.diff([(N_("Quote"), quote(project.quote_cents), quote(quote_cents))])
            if project.notes != notes:
                changes.append(Words(N_("notes changed")))  # what is written about the piece stays out of the log
            if changes:
                project.title, project.placement, project.quote_cents, project.notes = title, placement, quote_cents, notes
                audit_log.record(session, self.clock(), audit_log.PROJECT_CHANGED, actor=actor,
                                 subject_type="project", subject_id=project.id, subject=title, detail=changes)
                uow.commit()
            return _record(session, project, staff)

    def add_image(self, actor: Actor, project_id: int, data: bytes) -> ProjectRecord:
        """Add a reference image (re-encoded: no EXIF, at most 2048 px a side). Needs
        BOOK_APPOINTMENTS; a file that is not a picture raises ValidationError (field "image")."""
        jpeg = prepare_image(data)
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            project = _get(session, project_id)
            now = self.clock()
            name = PROJECT_FILES.store(self.data_dir, jpeg)
            try:
                session.add(ProjectImage(project_id=project.id, file_name=name, added_at=now))
                audit_log.record(session, now, audit_log.PROJECT_IMAGE_ADDED, actor=actor, subject_type="project",
                                 subject_id=project.id, subject=project.title,
                                 detail=Words(N_("a reference image added by hand")))
                session.flush()
                uow.commit()
            except BaseException:
                PROJECT_FILES.delete(self.data_dir, [name])
                raise
            return _record(session, project, staff)

    def remove_image(self, actor: Actor, project_id: int, file_name: str) -> ProjectRecord:
        """Take a reference image off a project; its file goes once that is committed.
        Needs BOOK_APPOINTMENTS."""
        with self.unit_of_work() as uow:
            session = uow.session
            staff = self.authorize(uow, actor, Permission.BOOK_APPOINTMENTS)
            project = _get(session, project_id)
            row = session.scalar(select(ProjectImage).where(ProjectImage.project_id == project.id,
                                                            ProjectImage.file_name == file_name))
            if row is None:
                raise NotFound(_("That image is no longer on the project."))
            session.delete(row)
            audit_log.record(session, self.clock(), audit_log.PROJECT_IMAGE_REMOVED, actor=actor,
                             subject_type="project", subject_id=project.id, subject=project.title)
            uow.commit()
            PROJECT_FILES.delete(self.data_dir, [file_name])
            return _record(session, project, staff)

    def image(self, actor: Actor, project_id: int, file_name: str) -> bytes:
        """The JPEG bytes of one of the project's reference images. Needs VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            held = uow.session.scalar(select(ProjectImage.id).where(ProjectImage.project_id == project_id,
                                                                    ProjectImage.file_name == file_name))
        if held is None:
            raise NotFound(_("That image is no longer on the project."))
        try:
            return project_image_path(self.data_dir, file_name).read_bytes()
        except OSError:
            raise NotFound(_("That image's file is missing from the data folder.")) from None

    def of_submission(self, actor: Actor, submission_id: int) -> int | None:
        """The project made from that phone form, if one was (the review's buttons say so
        before anyone clicks). Needs VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            return uow.session.scalar(select(Project.id).where(Project.submission_id == submission_id))

    def project(self, actor: Actor, project_id: int) -> ProjectRecord:
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            return _record(uow.session, _get(uow.session, project_id), staff)

    def client_projects(self, actor: Actor, client_id: int) -> tuple[ProjectRecord, ...]:
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            rows = uow.session.scalars(select(Project).where(Project.client_id == client_id)
                                       .order_by(Project.created_at.desc()))
            return tuple(_record(uow.session, p, staff) for p in rows)


def _get(session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(_("That project no longer exists."))
    return project


def _record(session, project: Project, staff) -> ProjectRecord:
    rows = list(session.scalars(select(Appointment).where(Appointment.project_id == project.id)
                                .order_by(Appointment.starts_at)))
    sessions = appointment_records(session, rows, staff, redact=False)
    deposits = tuple(deposit_record(d) for d in session.scalars(
        select(Deposit).where(Deposit.project_id == project.id).order_by(Deposit.received_at)))
    images = tuple(session.scalars(select(ProjectImage.file_name).where(ProjectImage.project_id == project.id)
                                   .order_by(ProjectImage.id)))
    name = session.scalar(select(Client.full_name).where(Client.id == project.client_id)) if project.client_id else ""
    return ProjectRecord(project.id, project.client_id, name or "", project.title, project.placement,
                         project.notes, project.quote_cents, project.closed, project.created_at,
                         sessions, deposits, images)
