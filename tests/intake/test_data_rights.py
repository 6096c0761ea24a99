"""A client's data rights reach what the phone intake holds: an export carries their phone
forms and signed consents, an erasure removes the forms and keeps only the consents."""

from __future__ import annotations

import base64
import io
import json

import pypdf
from sqlalchemy import func, select

from studio.models import AuditEvent, Consent, IntakeSubmission
from studio.services import audit
from studio.services.intake import FormKind, PhoneDesk, consents_dir, intake_dir
from tests.intake.conftest import good_fields, jpeg_bytes


def _file_two_forms(studio) -> int:
    """A walk-in form with a photo, accepted (a new client with a consent), then a second
    form from the client's own QR, still waiting. Returns the client's id."""
    desk = PhoneDesk(studio.services)
    desk.prepare()
    intake = studio.services.intake
    token = intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]
    context = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(context.csrf, full_name="Inês Figueira"), [jpeg_bytes()])
    client_id = intake.accept(studio.admin, intake.submissions(studio.admin)[0].id).client_id
    token = intake.issue_client_qr(studio.desk, client_id).url.rsplit("/", 1)[1]
    context = desk.open_form(FormKind.CLIENT, token)
    desk.submit(FormKind.CLIENT, token, good_fields(context.csrf, full_name="Inês Figueira",
                                                    allergies="Nickel"), [])
    return client_id


def test_an_export_carries_the_phone_forms_and_the_signed_consents(studio, tmp_path):
    client_id = _file_two_forms(studio)
    result = studio.services.client_rights.export_client(studio.admin, client_id, tmp_path)
    document = json.loads(result.json_path.read_text(encoding="utf-8"))

    forms = document["phone_forms"]
    assert [f["status"] for f in forms] == ["accepted", "pending"]
    assert forms[1]["answers"]["medical"]["allergies"] == "Nickel"
    assert base64.b64decode(forms[0]["signature_png_base64"]).startswith(b"\x89PNG")
    assert len(forms[0]["photo_files"]) == 1 and forms[1]["photo_files"] == []
    assert (tmp_path / forms[0]["photo_files"][0]).read_bytes()[:2] == b"\xff\xd8"  # the JPEG itself

    [consent] = document["consents"]
    copied = pypdf.PdfReader(io.BytesIO((tmp_path / consent["pdf_file"]).read_bytes()))
    assert "Inês Figueira" in "".join(page.extract_text() for page in copied.pages)
    readable = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(result.pdf_path.read_bytes())).pages)
    assert "Phone forms" in readable and "Signed consents" in readable and consent["pdf_file"] in readable


def test_erasing_removes_the_phone_forms_and_keeps_only_the_signed_consent(studio):
    client_id = _file_two_forms(studio)
    photos_before = list(intake_dir(studio.services.data_dir).iterdir())
    assert len(photos_before) == 1

    studio.services.client_rights.erase_client(studio.admin, client_id, "Inês Figueira")

    with studio.services.db.unit_of_work(write=False) as uow:
        session = uow.session
        assert session.scalar(select(func.count()).select_from(IntakeSubmission)) == 0
        consent = session.execute(select(Consent.client_id, Consent.client_name, Consent.pdf_file)).one()
        leaked = session.scalars(select(AuditEvent).where(
            AuditEvent.subject.contains("Figueira") | AuditEvent.detail.contains("Figueira"))).all()
    assert not any(p.exists() for p in photos_before)
    assert consent.client_id is None and consent.client_name == "Inês Figueira"
    assert (consents_dir(studio.services.data_dir) / consent.pdf_file).exists()
    assert leaked == []  # no audit row names them any more
    erased = studio.services.audit.events(studio.admin)[0]
    assert erased.action == audit.CLIENT_ERASED
    assert erased.detail == "personal data erased on request; 1 signed consent kept as the law requires"
