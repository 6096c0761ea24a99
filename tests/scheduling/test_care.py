"""Artists read the health section of the clients they look after only: an appointment
with them in the past or the next 30 days (scheduling tells the clients area, see
services/clients/relations.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio.services.clients import MedicalInfo
from studio.services.common import PermissionDenied
from tests.scheduling.booking import book_any_time as book
from tests.scheduling.conftest import MONDAY, at


@pytest.fixture
def ana_with_notes(studio):
    detail = studio.services.clients.get(studio.admin, studio.ana_id)
    studio.services.clients.update(studio.admin, studio.ana_id, _input(detail), version=detail.version,
                                   medical=MedicalInfo(allergies="latex"))
    return studio


def _input(detail):
    from studio.services.clients import ClientInput

    return ClientInput(full_name=detail.full_name, phone=detail.phone, email=detail.email)


def test_an_appointment_ten_days_ago_lets_the_artist_read(ana_with_notes):
    studio = ana_with_notes
    studio.clock.now = at(MONDAY - timedelta(days=11), 9)
    book(studio, studio.mia, at(MONDAY - timedelta(days=10), 12))
    studio.clock.now = at(MONDAY, 9)
    assert studio.services.clients.medical(studio.mia, studio.ana_id).allergies == "latex"


def test_an_appointment_in_40_days_only_is_refused_with_a_sentence(ana_with_notes):
    studio = ana_with_notes
    book(studio, studio.mia, at(MONDAY + timedelta(days=40), 12))
    with pytest.raises(PermissionDenied, match="their own clients only"):
        studio.services.clients.medical(studio.mia, studio.ana_id)


def test_an_appointment_within_30_days_lets_the_artist_read(ana_with_notes):
    studio = ana_with_notes
    book(studio, studio.mia, at(MONDAY + timedelta(days=20), 12))
    assert studio.services.clients.medical(studio.mia, studio.ana_id).allergies == "latex"


def test_a_colleagues_appointment_or_a_cancelled_one_does_not_count(ana_with_notes):
    studio = ana_with_notes
    book(studio, studio.leo, at(MONDAY + timedelta(days=2), 12))
    mine = book(studio, studio.mia, at(MONDAY + timedelta(days=3), 12))
    studio.services.scheduling.cancel(studio.desk, mine.id, "ill", version=mine.version)
    with pytest.raises(PermissionDenied):
        studio.services.clients.medical(studio.mia, studio.ana_id)
    assert studio.services.clients.medical(studio.leo, studio.ana_id).allergies == "latex"


def test_an_admin_always_reads(ana_with_notes):
    assert ana_with_notes.services.clients.medical(ana_with_notes.admin, ana_with_notes.ana_id).allergies == "latex"


def test_a_refused_read_is_not_audited_as_a_view(ana_with_notes):
    from studio.services.audit import AuditFilter
    from studio.services.common import audit_log

    studio = ana_with_notes
    with pytest.raises(PermissionDenied):
        studio.services.clients.medical(studio.mia, studio.ana_id)
    viewed = studio.services.audit.count(studio.admin, AuditFilter(action_prefix=audit_log.CLIENT_MEDICAL_VIEWED))
    assert viewed == 0


def test_consents_follow_the_same_rule(ana_with_notes):
    studio = ana_with_notes
    with pytest.raises(PermissionDenied, match="their own clients only"):
        studio.services.intake.consents_for_client(studio.mia, studio.ana_id)
    book(studio, studio.mia, at(MONDAY + timedelta(days=1), 12))
    assert studio.services.intake.consents_for_client(studio.mia, studio.ana_id) == []
