"""Accepting is all or nothing: when the consent PDF cannot be archived, or the database
refuses the consent row, no client is created or changed, the submission stays pending and
no PDF (or half-written .part) is left; a consent committed just before a crash still opens."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select, text

from studio.models import AuditEvent
from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import StorageError
from studio.services.intake import FormKind, PhoneDesk, SubmissionStatus
from tests.intake.conftest import good_fields


@pytest.fixture
def phone(studio):
    desk = PhoneDesk(studio.services)
    desk.prepare()
    return desk


def submit(phone, kind, token, **overrides) -> None:
    form = phone.open_form(kind, token)
    phone.submit(kind, token, good_fields(form.csrf, **overrides), [])


@pytest.fixture
def unwritable_consents(studio):
    """A consents folder the app cannot write to."""
    folder = studio.services.data_dir / "consents"
    if os.geteuid() == 0:
        # root writes through chmod; a file where the folder should be stops root too.
        folder.write_bytes(b"")
        yield folder
        return
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def consent_leftovers(studio) -> list[str]:
    """Every consent PDF or .part anywhere in the data folder."""
    return sorted(p.name for p in studio.services.data_dir.rglob("*")
                  if p.name.endswith(".part") or p.name.startswith("consent-"))


def audit_count(studio) -> int:
    with studio.services.intake.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEvent))


def test_a_walkin_with_an_unwritable_consents_folder_creates_no_client(studio, phone, unwritable_consents):
    token = studio.services.intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]
    submit(phone, FormKind.WALKIN, token)
    row, = studio.services.intake.submissions(studio.desk)
    audits = audit_count(studio)
    with pytest.raises(StorageError, match=r"The consent PDF could not be written to .*consents: .*"
                                           r"Nothing was accepted\."):
        studio.services.intake.accept(studio.desk, row.id)
    assert studio.services.clients.count(studio.desk) == 0
    row, = studio.services.intake.submissions(studio.desk, None)
    assert row.status is SubmissionStatus.PENDING and row.client_id is None
    assert studio.services.intake.search_consents(studio.admin) == []
    assert consent_leftovers(studio) == [] and audit_count(studio) == audits


def test_a_client_code_with_an_unwritable_consents_folder_changes_no_field(studio, phone, unwritable_consents):
    clients = studio.services.clients
    client = clients.create(studio.admin, ClientInput(full_name="Rosa Amaral", phone="+351912345678",
                                                      email="old@example.com"),
                            medical=MedicalInfo(allergies="None known"))
    token = studio.services.intake.issue_client_qr(studio.desk, client.id).url.rsplit("/", 1)[1]
    submit(phone, FormKind.CLIENT, token, email="new@example.com", allergies="Latex")
    before = clients.get(studio.admin, client.id)  # issuing the code moved the version on
    row, = studio.services.intake.submissions(studio.admin)
    with pytest.raises(StorageError, match="Nothing was accepted"):
        studio.services.intake.accept(studio.admin, row.id)
    after = clients.get(studio.admin, client.id)
    assert (after.email, after.version, after.updated_at) == ("old@example.com", before.version, before.updated_at)
    assert clients.medical(studio.admin, client.id).allergies == "None known"
    row, = studio.services.intake.submissions(studio.admin, None)
    assert row.status is SubmissionStatus.PENDING
    assert consent_leftovers(studio) == []


def test_a_database_fault_after_the_client_write_undoes_it_and_the_pdf(studio, phone):
    token = studio.services.intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]
    submit(phone, FormKind.WALKIN, token)
    row, = studio.services.intake.submissions(studio.desk)
    with studio.services.intake.unit_of_work() as uow:  # the consent row is refused, after the client
        uow.session.execute(text("CREATE TRIGGER refuse_consents BEFORE INSERT ON consents "
                                 "BEGIN SELECT RAISE(ABORT, 'consents refused'); END"))
        uow.commit()
    with pytest.raises(Exception, match="consents refused"):
        studio.services.intake.accept(studio.desk, row.id)
    assert studio.services.clients.count(studio.desk) == 0
    row, = studio.services.intake.submissions(studio.desk, None)
    assert row.status is SubmissionStatus.PENDING
    assert consent_leftovers(studio) == []
    with studio.services.intake.unit_of_work() as uow:
        uow.session.execute(text("DROP TRIGGER refuse_consents"))
        uow.commit()
    result = studio.services.intake.accept(studio.desk, row.id)
    assert consent_leftovers(studio) == [result.pdf_path.name]


def test_a_consent_committed_before_its_pdf_was_renamed_still_opens(studio, phone):
    token = studio.services.intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]
    submit(phone, FormKind.WALKIN, token)
    row, = studio.services.intake.submissions(studio.desk)
    result = studio.services.intake.accept(studio.admin, row.id)
    # As if the app died between the commit and the rename.
    part = result.pdf_path.with_name(f".{result.pdf_path.name}.part")
    os.replace(result.pdf_path, part)
    assert studio.services.intake.consent_pdf(studio.admin, result.consent_id) == result.pdf_path
    assert result.pdf_path.read_bytes().startswith(b"%PDF") and not part.exists()
