"""Scheduling's part of a client's data rights: their appointments, projects and waitlist
entries in an export; on erasure the waitlist entries and project images go, and the
appointments and projects stay (their money belongs to the books) without the client or
what was written about the piece."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select, update

from studio.models import Appointment, AuditEvent, Deposit, Project, ProjectImage, WaitlistEntry
from studio.services.clients import ErasedPart, ExportSection, HeldPart
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.formats import date_time, time_range
from studio.services.common.i18n import _
from studio.services.scheduling.records import Kind, Status

from studio.services.common.image_files import ImageFolder

# Projects' reference images, JPEGs under random names.
PROJECT_FILES = ImageFolder("projects")


def project_image_path(data_dir: Path, file_name: str) -> Path:
    return PROJECT_FILES.path(data_dir, file_name)


class SchedulingClientData:
    """The client data holder the composition root registers (services/core.py)."""

    name = "scheduling"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def export_part(self, session, client_id: int, prefix: str) -> HeldPart:
        rows = list(session.scalars(select(Appointment).where(Appointment.client_id == client_id)
                                    .order_by(Appointment.starts_at)))
        appointments = [{
            "starts_at": a.starts_at.isoformat(), "ends_at": a.ends_at.isoformat(), "kind": a.kind,
            "status": a.status, "description": a.description, "placement": a.placement, "size": a.size,
            "notes": a.notes, "price_cents": a.price_cents, "project_id": a.project_id,
        } for a in rows]
        projects = [{"id": p.id, "title": p.title, "placement": p.placement, "notes": p.notes,
                     "quote_cents": p.quote_cents, "created_at": p.created_at.isoformat()}
                    for p in session.scalars(select(Project).where(Project.client_id == client_id).order_by(Project.id))]
        lines = tuple((_("{moment} UTC").format(moment=date_time(a.starts_at, "UTC")),
                       # Translators: e.g. "Tattoo session · Completed · 14:00–17:00 · rose on the forearm".
                       _("{kind} · {status} · {span} · {piece}").format(
                           kind=Kind(a.kind).label, status=Status(a.status).label,
                           span=time_range(a.starts_at, a.ends_at, "UTC"), piece=a.description or "—"))
                      for a in rows)
        project_lines = tuple((p["title"], p["placement"] or "—") for p in projects)
        return HeldPart(sections=(
            ExportSection("appointments", _("Appointments"), appointments, lines),
            ExportSection("projects", _("Projects"), projects, project_lines),
        ))

    def erase_part(self, session, client_id: int, erased_subject: Words) -> ErasedPart:
        project_ids = list(session.scalars(select(Project.id).where(Project.client_id == client_id)))
        images = list(session.scalars(select(ProjectImage.file_name).where(ProjectImage.project_id.in_(project_ids))))
        session.execute(delete(ProjectImage).where(ProjectImage.project_id.in_(project_ids)))
        session.execute(delete(WaitlistEntry).where(WaitlistEntry.client_id == client_id))
        # The trail of their appointments stays, named as erased like the client's own.
        appointment_ids = [str(i) for i in session.scalars(select(Appointment.id).where(Appointment.client_id == client_id))]
        session.execute(update(AuditEvent).where(AuditEvent.subject_type == "appointment",
                                                 AuditEvent.subject_id.in_(appointment_ids))
                        .values(**audit_log.scrubbed(erased_subject)))
        kept = session.execute(update(Appointment).where(Appointment.client_id == client_id).values(
            client_id=None, description="", placement="", size="", notes="", cancel_reason="")).rowcount
        session.execute(update(Project).where(Project.client_id == client_id).values(
            client_id=None, title=audit_log.english(erased_subject), placement="", notes=""))
        session.execute(update(Deposit).where(Deposit.client_id == client_id).values(client_id=None))
        return ErasedPart(
            files=tuple(project_image_path(self.data_dir, name) for name in images),
            kept=Words.counted(Nn_("{n} appointment kept without the client for the books",
                                   "{n} appointments kept without the client for the books"), kept) if kept else "")
