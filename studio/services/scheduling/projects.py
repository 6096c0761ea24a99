"""Projects: a tattoo that takes several sessions, with its quote, its deposit and its
sessions."""

from __future__ import annotations

from sqlalchemy import select

from studio.models import Appointment, Client, Deposit, Project, ProjectImage
from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.validation import clean_text
from studio.services.scheduling.deposits import deposit_record
from studio.services.scheduling.reading import appointment_records
from studio.services.scheduling.records import ProjectRecord
from studio.services.scheduling.rules import client_of



class ProjectService(Service):
    def create(self, actor: Actor, client_id: int, title: str, *, placement: str = "",
               quote_cents: int | None = None, notes: str = "") -> ProjectRecord:
        """Open a project for a client. Needs BOOK_APPOINTMENTS."""
        title = clean_text(title, field="title", label=N_("project's name"), max_length=200)
        placement = clean_text(placement, field="placement", label=N_("placement"), max_length=120, required=False)
        if quote_cents is not None and (isinstance(quote_cents, bool) or quote_cents < 0):
            raise ValidationError(_("The quote can't be negative."), field="quote")
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
