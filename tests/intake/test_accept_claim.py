"""Accepting is one action even when two people file the same form at once: the first to
file it wins, the other is told, and a filing that fails leaves it pending."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import update

from studio.models import IntakeSubmission
from studio.services.clients import ClientInput
from studio.services.common import Conflict, DuplicateClient
from studio.services.intake import FormKind, PhoneDesk, SubmissionStatus
from tests.intake.conftest import good_fields


@pytest.fixture
def pending_walkin(studio):
    """A walk-in submission waiting for the desk; its id."""
    desk = PhoneDesk(studio.services)
    token = studio.services.intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]
    form = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(form.csrf), [])
    return studio.services.intake.submissions(studio.desk)[0].id


def consent_files(studio) -> list:
    folder = studio.services.data_dir / "consents"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_two_people_accepting_at_once_file_one_client_and_one_consent(studio, pending_walkin):
    intake = studio.services.intake
    start = threading.Barrier(2)
    outcomes: list = []

    def accept(actor) -> None:
        start.wait()
        try:
            # allow_duplicate: the phone/email check must not be what stops the second one
            outcomes.append(intake.accept(actor, pending_walkin, allow_duplicate=True))
        except Conflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=accept, args=(actor,)) for actor in (studio.admin, studio.desk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    accepted = [o for o in outcomes if not isinstance(o, Conflict)]
    assert len(accepted) == 1 and len(conflicts) == 1, outcomes
    assert studio.services.clients.count(studio.admin) == 1
    assert len(intake.search_consents(studio.admin)) == 1
    assert len(consent_files(studio)) == 1
    row, = intake.submissions(studio.admin, None)
    assert row.status is SubmissionStatus.ACCEPTED and row.client_id == accepted[0].client_id


def test_a_submission_someone_is_filing_cannot_be_accepted_or_rejected(studio, pending_walkin):
    intake = studio.services.intake
    with intake.unit_of_work() as uow:  # an older Linework on another desk has just claimed it
        uow.session.execute(update(IntakeSubmission).where(IntakeSubmission.id == pending_walkin)
                            .values(status=SubmissionStatus.ACCEPTING, decided_at=studio.clock(),
                                    decided_by_name="Ana Ruiz"))
        uow.commit()
    for attempt in (lambda: intake.accept(studio.desk, pending_walkin),
                    lambda: intake.reject(studio.desk, pending_walkin)):
        with pytest.raises(Conflict, match="Someone else is filing this submission"):
            attempt()
    assert studio.services.clients.count(studio.desk) == 0
    # A claim left by an app that died mid-filing is taken over once it is stale.
    studio.clock.advance(minutes=16)
    result = intake.accept(studio.desk, pending_walkin)
    assert studio.services.clients.get(studio.desk, result.client_id).full_name == "Rosa Amaral"


def test_a_filing_that_fails_puts_the_claim_back(studio, pending_walkin):
    intake = studio.services.intake
    studio.services.clients.create(studio.desk, ClientInput(full_name="Rosa A.", phone="+351 912 345 678"))
    with pytest.raises(DuplicateClient):  # fails after the claim, in the client write
        intake.accept(studio.desk, pending_walkin)
    row, = intake.submissions(studio.desk)
    assert row.status is SubmissionStatus.PENDING
    assert consent_files(studio) == [] and intake.search_consents(studio.admin) == []
    assert studio.services.clients.count(studio.desk) == 1
    result = intake.accept(studio.desk, pending_walkin, allow_duplicate=True)
    assert [p.name for p in consent_files(studio)] == [result.pdf_path.name]
    assert intake.pending_count(studio.desk) == 0
