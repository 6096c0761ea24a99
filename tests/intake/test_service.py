"""The intake rules without HTTP: accepting field by field, minors and ID checks, release
text versions, permissions, the consent archive and its search, listeners."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest

from studio.services import audit
from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import Conflict, PermissionDenied, ValidationError
from studio.services.intake import FormKind, PhoneDesk, PhoneFormInvalid, TokenRejected
from tests.intake.conftest import good_fields
from tests.support import book_artist


@pytest.fixture
def desk(studio):
    phone = PhoneDesk(studio.services)
    phone.prepare()
    return phone


def walkin_token(studio) -> str:
    return studio.services.intake.walkin_qr(studio.desk).url.rsplit("/", 1)[1]


def submit(desk, kind, token, **overrides):
    context = desk.open_form(kind, token)
    assert context is not None
    return desk.submit(kind, token, good_fields(context.csrf, **overrides), [])


def pdf_text(path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_accepting_a_client_code_updates_only_the_fields_taken(studio, desk):
    clients = studio.services.clients
    client = clients.create(studio.admin, ClientInput(full_name="Rosa Amaral", phone="+351912345678",
                                                      email="old@example.com"),
                            medical=MedicalInfo(allergies="None known"))
    token = studio.services.intake.issue_client_qr(studio.desk, client.id).url.rsplit("/", 1)[1]
    context = desk.open_form(FormKind.CLIENT, token)
    assert context.prefill["contact"]["email"] == "old@example.com"
    desk.submit(FormKind.CLIENT, token, good_fields(context.csrf, email="new@example.com",
                                                    phone="+351 913 555 444", allergies="Latex"), [])
    row = studio.services.intake.submissions(studio.admin)[0]
    review = studio.services.intake.review(studio.admin, row.id)
    differing = {d.field for d in review.contact if d.differs}
    assert {"email", "phone"} <= differing
    result = studio.services.intake.accept(studio.admin, row.id, take={"email", "medical.allergies"})
    assert result.client_id == client.id and result.health_applied
    after = clients.get(studio.admin, client.id)
    assert after.email == "new@example.com" and after.phone == "+351912345678"
    assert clients.medical(studio.admin, client.id).allergies == "Latex"
    assert desk.open_form(FormKind.CLIENT, token) is None
    with pytest.raises(TokenRejected):
        desk.submit(FormKind.CLIENT, token, good_fields(context.csrf), [])
    with pytest.raises(Conflict):
        studio.services.intake.accept(studio.admin, row.id)


def test_front_desk_accepts_contact_details_but_not_health(studio, desk):
    submit(desk, FormKind.WALKIN, walkin_token(studio))
    row = studio.services.intake.submissions(studio.desk)[0]
    assert studio.services.intake.review(studio.desk, row.id).health is None
    result = studio.services.intake.accept(studio.desk, row.id)
    assert not result.health_applied
    assert studio.services.clients.medical(studio.admin, result.client_id).is_empty
    assert "Latex" in pdf_text(result.pdf_path)


def test_an_under_age_client_needs_a_guardian_and_an_id_check(studio, desk):
    token = walkin_token(studio)
    today = studio.clock().date()
    young = today.replace(year=today.year - 16).isoformat()
    with pytest.raises(PhoneFormInvalid) as refused:
        submit(desk, FormKind.WALKIN, token, date_of_birth=young)
    assert {"guardian_name", "guardian_relationship", "guardian_signature"} <= set(refused.value.errors)
    submit(desk, FormKind.WALKIN, token, date_of_birth=young, guardian_name="Pedro Amaral",
           guardian_relationship="Father", guardian_signature="5,5 200,150 400,20")
    row = studio.services.intake.submissions(studio.desk)[0]
    assert row.is_minor and row.id_check_required and not row.id_checked
    received = studio.services.audit.events(studio.admin)[0]
    assert (received.action, received.detail) == (audit.INTAKE_SUBMITTED, "under the minimum age: check ID; no photos")
    with pytest.raises(Conflict):
        studio.services.intake.accept(studio.desk, row.id)
    with pytest.raises(ValidationError):
        studio.services.intake.record_id_check(studio.desk, row.id, "Passport", "12345")
    studio.services.intake.record_id_check(studio.desk, row.id, "Passport", "ab12")
    result = studio.services.intake.accept(studio.desk, row.id)
    text = pdf_text(result.pdf_path)
    assert "Pedro Amaral" in text and "AB12" in text and "Zoë Martín" in text


def test_min_age_is_a_setting(studio, desk):
    s = studio.services.intake.settings()
    studio.services.intake.update_settings(studio.admin, host=s.host, port=s.port, autostart=True,
                                           min_age=21, walkin_daily=False)
    today = studio.clock().date()
    with pytest.raises(PhoneFormInvalid):
        submit(desk, FormKind.WALKIN, walkin_token(studio), date_of_birth=today.replace(year=today.year - 19).isoformat())
    assert studio.services.intake.settings().autostart
    with pytest.raises(PermissionDenied):
        studio.services.intake.update_settings(studio.desk, host="", port=8765, autostart=False, min_age=18,
                                               walkin_daily=False)
    with pytest.raises(ValidationError):
        studio.services.intake.update_settings(studio.admin, host="not an ip", port=8765, autostart=False,
                                               min_age=18, walkin_daily=False)


def test_release_text_is_versioned_and_each_signature_keeps_its_version(studio, desk):
    token = walkin_token(studio)
    old_form = desk.open_form(FormKind.WALKIN, token)
    assert old_form.release.version == 1
    with pytest.raises(PermissionDenied):
        studio.services.intake.set_release_text(studio.desk, "New words")
    new = studio.services.intake.set_release_text(studio.admin, "Version two of the release.")
    assert new.version == 2
    assert desk.open_form(FormKind.WALKIN, token).release.version == 2
    desk.submit(FormKind.WALKIN, token, good_fields(old_form.csrf, release_version="1"), [])
    row = studio.services.intake.submissions(studio.admin)[0]
    result = studio.services.intake.accept(studio.admin, row.id)
    text = pdf_text(result.pdf_path)
    assert "release text version 1" in text and "Version two" not in text
    assert [r.version for r in studio.services.intake.release_history(studio.admin)] == [2, 1]


def test_roles(studio):
    intake = studio.services.intake
    with pytest.raises(PermissionDenied):
        intake.submissions(studio.artist)
    with pytest.raises(PermissionDenied):
        intake.walkin_qr(studio.artist)
    with pytest.raises(PermissionDenied):
        intake.search_consents(studio.desk)
    assert intake.search_consents(studio.artist) == []


def test_consents_are_searched_by_client_and_date_for_an_inspection(studio, desk):
    token = walkin_token(studio)
    names = ["Rosa Amaral", "Tiago Reis", "Rosa Lima"]
    for i, name in enumerate(names):
        submit(desk, FormKind.WALKIN, token, full_name=name, phone=f"+35191234567{i}", email="")
        studio.clock.advance(days=10)
    for row in studio.services.intake.submissions(studio.admin):
        studio.services.intake.accept(studio.admin, row.id, allow_duplicate=True)
    intake = studio.services.intake
    assert {c.client_name for c in intake.search_consents(studio.admin, "rosa")} == {"Rosa Amaral", "Rosa Lima"}
    assert [c.client_name for c in intake.search_consents(studio.admin, "rosa lim")] == ["Rosa Lima"]
    first_day = date(2026, 6, 1)
    in_range = intake.search_consents(studio.admin, since=first_day, until=first_day + timedelta(days=5))
    assert [c.client_name for c in in_range] == ["Rosa Amaral"]
    path = intake.consent_pdf(studio.admin, in_range[0].id)
    assert path.parent.name == "consents" and path.parent.parent == studio.services.data_dir


def test_names_are_text_in_the_pdf(studio, desk):
    evil = "<script>alert(1)</script> <b>Doe</b>"
    submit(desk, FormKind.WALKIN, walkin_token(studio), full_name=evil)
    row = studio.services.intake.submissions(studio.admin)[0]
    result = studio.services.intake.accept(studio.admin, row.id)
    assert evil in pdf_text(result.pdf_path)


def test_listeners_hear_each_submission_after_it_is_committed(studio, desk):
    heard = []
    studio.services.intake.listeners.append(
        lambda notice: heard.append((notice, studio.services.intake.pending_count(studio.desk))))
    submit(desk, FormKind.WALKIN, walkin_token(studio))
    (notice, committed), = heard
    assert notice.full_name == "Rosa Amaral" and notice.pending == 1 and committed == 1


def test_a_rejected_form_changes_no_client(studio, desk):
    submit(desk, FormKind.WALKIN, walkin_token(studio))
    row = studio.services.intake.submissions(studio.desk)[0]
    rejected = studio.services.intake.reject(studio.desk, row.id, "Came in person instead")
    assert rejected.status.value == "rejected"
    assert studio.services.clients.count(studio.desk) == 0
    assert studio.services.intake.pending_count(studio.desk) == 0


def test_the_current_client_code_is_shown_again_until_spent_or_expired(studio, desk):
    intake = studio.services.intake
    client = studio.services.clients.create(studio.admin, ClientInput(full_name="Rosa Amaral"))

    def issued_rows() -> int:
        return sum(1 for e in studio.services.audit.events(studio.admin, limit=500)
                   if e.action == audit.INTAKE_CLIENT_QR_ISSUED)

    assert intake.client_qr(studio.desk, client.id) is None  # never issued: nothing to show
    issued = intake.issue_client_qr(studio.desk, client.id)
    shown = intake.client_qr(studio.artist, client.id)
    assert (shown.url, shown.expires_at) == (issued.url, issued.expires_at)
    assert intake.client_qr(studio.desk, client.id).url == issued.url  # reading again changes nothing
    assert issued_rows() == 1

    token = issued.url.rsplit("/", 1)[1]
    context = desk.open_form(FormKind.CLIENT, token)
    desk.submit(FormKind.CLIENT, token, good_fields(context.csrf), [])
    assert intake.client_qr(studio.desk, client.id) is None  # spent by the submission

    renewed = intake.issue_client_qr(studio.desk, client.id)
    studio.clock.advance(hours=23, minutes=59)
    assert intake.client_qr(studio.desk, client.id).url == renewed.url
    studio.clock.advance(minutes=2)
    assert intake.client_qr(studio.desk, client.id) is None  # past its 24 h
    assert issued_rows() == 2


def test_every_role_learns_a_consent_exists_but_only_care_roles_get_its_pdf(studio, desk, tmp_path):
    from studio.services.common import StorageError

    submit(desk, FormKind.WALKIN, walkin_token(studio))
    intake = studio.services.intake
    result = intake.accept(studio.admin, intake.submissions(studio.admin)[0].id)
    on_file, = intake.consents_on_file(studio.desk, result.client_id)
    assert (on_file.release_version, on_file.signed_at) == (1, studio.clock.now)
    assert intake.consents_on_file(studio.desk, result.client_id + 1) == []
    for forbidden in (lambda: intake.consents_for_client(studio.desk, result.client_id),
                      lambda: intake.copy_consent_pdf(studio.desk, result.consent_id, tmp_path / "x.pdf")):
        with pytest.raises(PermissionDenied):
            forbidden()
    with pytest.raises(PermissionDenied, match="their own clients only"):  # not one of the artist's clients
        intake.copy_consent_pdf(studio.artist, result.consent_id, tmp_path / "x.pdf")
    book_artist(studio.services, studio.admin, studio.artist, result.client_id)
    with pytest.raises(StorageError, match="could not be saved to"):
        intake.copy_consent_pdf(studio.artist, result.consent_id, tmp_path / "missing" / "x.pdf")
    assert not [e for e in studio.services.audit.events(studio.admin) if e.action == audit.CONSENT_COPIED]
    copy = intake.copy_consent_pdf(studio.artist, result.consent_id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == result.pdf_path.read_bytes()


def test_the_intake_pages_refresh_is_one_record_and_its_lists_page_by_keyset(studio):
    from studio.services.intake import ConsentFilter, SubmissionStatus
    from tests.intake.conftest import submit_walkin

    intake = studio.services.intake
    ids = []
    for k in range(7):
        ids.append(submit_walkin(studio, full_name=f"Keyset {k} Client", phone=f"+351 912 111 {k:03d}",
                                 email=f"keyset{k}@example.com"))
        if k % 3 == 2:
            studio.clock.advance(minutes=1)  # the others share an instant: ties go by id
    intake.accept(studio.admin, ids[0], allow_duplicate=True)
    studio.clock.now = studio.clock.now.replace(hour=23, minute=30)  # 00:30 the next day in Lisbon

    front = intake.desk(studio.desk, limit=3)
    assert front.pending == 6 and front.submissions.total == 6 and len(front.submissions.rows) == 3
    assert front.consents is None  # the front desk may not see consents
    assert front.today == date(2026, 6, 2) and front.timezone == "Europe/Lisbon"
    assert front.consent_filter == ConsentFilter(since=date(2025, 6, 2), until=date(2026, 6, 2))
    assert front.walkin.url and front.walkin.png.startswith(b"\x89PNG")
    seen = list(front.submissions.rows)
    while len(seen) < front.submissions.total:
        page = intake.submissions(studio.desk, before=(seen[-1].received_at, seen[-1].id), limit=3)
        assert page
        seen += page
    assert [r.id for r in seen] == sorted(ids[1:], reverse=True)
    assert intake.submissions(studio.desk, before=(seen[-1].received_at, seen[-1].id)) == []

    admin = intake.desk(studio.admin, SubmissionStatus.ACCEPTED)
    assert admin.submissions.total == 1 and admin.consents.total == 1
    assert admin.consents.rows[0].client_name == "Keyset 0 Client"
