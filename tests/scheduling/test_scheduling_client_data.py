"""Scheduling's part of a client's data rights: the export lists their appointments and
projects; erasure keeps the appointments for the books without the client."""

from __future__ import annotations

import json
from datetime import timedelta

from studio.services.scheduling import Kind
from tests.scheduling.conftest import MONDAY, at

THURSDAY = MONDAY + timedelta(days=3)


def test_the_export_lists_the_clients_appointments_and_projects(studio, tmp_path):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Back piece", quote_cents=90000)
    studio.book(studio.mia, at(THURSDAY, 12), 3, description="Peony", project_id=project.id)
    studio.book(studio.leo, at(THURSDAY, 12), 1, client_id=studio.ben_id, description="Not Ana's")
    result = studio.services.client_rights.export_client(studio.admin, studio.ana_id, tmp_path)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert [a["description"] for a in data["appointments"]] == ["Peony"]
    assert [p["title"] for p in data["projects"]] == ["Back piece"]


def test_erasing_a_client_keeps_their_appointments_without_them_and_scrubs_the_trail(studio):
    from sqlalchemy import select

    from studio.models import Appointment, AuditEvent, WaitlistEntry

    record = studio.book(studio.mia, at(THURSDAY, 12), 3, description="Peony", notes="nervous", client_id=studio.ben_id)
    studio.services.scheduling.record_deposit(studio.desk, record.id, 5000, "cash")
    studio.services.waitlist.add(studio.desk, studio.ben_id, Kind.SESSION, MONDAY, THURSDAY)
    studio.services.client_rights.erase_client(studio.admin, studio.ben_id, "Ben Park")
    kept = studio.services.scheduling.appointment(studio.desk, record.id)
    assert (kept.client_id, kept.client_name, kept.description, kept.notes) == (None, "Erased client", "", "")
    with studio.services.db.unit_of_work(write=False) as uow:
        trail = list(uow.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "appointment")))
        assert trail and all("Ben" not in (e.subject + e.detail) for e in trail)
        assert uow.session.scalars(select(WaitlistEntry)).all() == []
        assert uow.session.get(Appointment, record.id).starts_at == at(THURSDAY, 12)
    erased = studio.services.audit.events(studio.admin)[0]
    assert erased.action == "client.erased" and "1 appointment kept without the client for the books" in erased.detail
