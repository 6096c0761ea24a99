"""What the intake HTTP server may do, and nothing more: open a form for a live token and
store a submission. The token is the credential (there is no staff member behind a phone);
every check that matters is here, so the server only translates HTTP.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy import select

from studio.models import Client, IntakePhoto, IntakeSubmission
from studio.services import audit, intake_images
from studio.services.errors import DomainError, ValidationError
from studio.services.intake import (
    INTAKE_SUBMITTED,
    SUBMISSION_SUBJECT,
    current_release,
    pending_count,
    release_record,
    seed_release,
    walkin_stale,
)
from studio.services.intake_forms import clean_phone_form, empty_answers
from studio.services.intake_records import FormKind, PhoneFormContext, SubmissionNotice, SubmissionStatus
from studio.services.intake_settings import form_secret, read_intake_settings
from studio.services.intake_tokens import check_csrf, find_client, live_walkin, make_csrf, walkin_matches
from studio.services.localtime import to_local
from studio.services.settings import read_region, read_settings

log = logging.getLogger(__name__)

PHONE_ACTOR = {FormKind.CLIENT: "client's phone (their QR)", FormKind.WALKIN: "phone (walk-in QR)"}


class TokenRejected(DomainError):
    """Unknown, expired, spent or malformed: one error for all, so a phone learns nothing."""

    def __init__(self) -> None:
        super().__init__("This code has expired or is not valid. Ask the front desk for a new code.")


class CsrfRejected(DomainError):
    def __init__(self) -> None:
        super().__init__("This form is too old or was not sent by our page. Open the code again.")


class PhoneFormInvalid(DomainError):
    """The form is refused: ``errors`` maps field → sentence; ``answers`` refills it."""

    def __init__(self, errors: dict[str, str], answers: dict, context: PhoneFormContext) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors
        self.answers = answers
        self.context = context


@dataclass(frozen=True)
class SubmitOutcome:
    submission_id: int
    first_name: str
    duplicate: bool  # the same form posted again: nothing new was stored


class PhoneDesk:
    def __init__(self, services) -> None:
        self.services = services
        self.intake = services.intake
        self._secret: bytes | None = None

    @property
    def clock(self):
        return self.services.clock

    def prepare(self) -> None:
        """Before serving: the studio's form secret and a first release text exist."""
        with self.intake.unit_of_work() as uow:
            self._secret = form_secret(uow.session, create=True)
            seed_release(uow.session, self.clock())
            uow.commit()

    @property
    def secret(self) -> bytes:
        if self._secret is None:
            self.prepare()
        assert self._secret is not None
        return self._secret

    def _live(self, session, kind: FormKind, token: str) -> Client | None | bool:
        """The client (client QR), True (walk-in), or False when the token opens nothing."""
        now = self.clock()
        if kind is FormKind.CLIENT:
            return find_client(session, token, now) or False
        row = live_walkin(session)
        if walkin_matches(row, token) and not walkin_stale(session, row, now):
            return True
        return False

    def is_live(self, kind: FormKind, token: str) -> bool:
        """Whether the token opens a form now (read only)."""
        with self.intake.unit_of_work(write=False) as uow:
            return self._live(uow.session, kind, token) is not False

    def studio_name(self) -> str:
        with self.intake.unit_of_work(write=False) as uow:
            return read_settings(uow.session).name

    def open_form(self, kind: FormKind, token: str) -> PhoneFormContext | None:
        """The form for a live token, or None. Reads only (a GET changes nothing)."""
        secret = self.secret
        with self.intake.unit_of_work(write=False) as uow:
            live = self._live(uow.session, kind, token)
            if live is False:
                return None
            prefill = empty_answers()
            if isinstance(live, Client):
                prefill = _prefill(live)
            return self._context(uow.session, kind, token, secret, prefill)

    def _context(self, session, kind: FormKind, token: str, secret: bytes, prefill: dict) -> PhoneFormContext:
        return PhoneFormContext(
            kind=kind, studio_name=read_settings(session).name,
            release=release_record(current_release(session)),
            min_age=read_intake_settings(session).min_age,
            csrf=make_csrf(secret, kind.value, token, self.clock()), prefill=prefill)

    def check(self, kind: FormKind, token: str, csrf: str) -> str:
        """The form's nonce; TokenRejected or CsrfRejected first (cheap, before parsing)."""
        with self.intake.unit_of_work(write=False) as uow:
            if self._live(uow.session, kind, token) is False:
                raise TokenRejected()
        nonce = check_csrf(self.secret, kind.value, token, csrf, self.clock())
        if nonce is None:
            raise CsrfRejected()
        return nonce

    def submit(self, kind: FormKind, token: str, fields: dict[str, str],
               photos: list[bytes]) -> SubmitOutcome:
        """Store a submission for the desk and tell the listeners. Raises TokenRejected,
        CsrfRejected, PhoneFormInvalid (nothing stored). The same form posted twice is
        stored once."""
        nonce = self.check(kind, token, fields.get("csrf", ""))
        with self.intake.unit_of_work(write=False) as uow:
            settings = read_settings(uow.session)
            region = read_region(uow.session)
            today = to_local(self.clock(), settings.timezone).date()
            min_age = read_intake_settings(uow.session).min_age
            raw_version = str(fields.get("release_version", ""))
            release_version = int(raw_version) if raw_version.isdigit() and len(raw_version) < 9 else 0
            current = release_record(current_release(uow.session))
            context = self._context(uow.session, kind, token, self.secret, empty_answers())
        clean, errors, answers = clean_phone_form(fields, region=region, today=today, min_age=min_age)
        # The version the phone was shown is the one signed; an unknown number is refused.
        if release_version < 1 or release_version > current.version:
            errors["release_version"] = "The release text changed; read it again and sign."
        jpegs: list[bytes] = []
        if not errors:
            for data in photos[:intake_images.PHOTOS_MAX]:
                try:
                    jpegs.append(intake_images.reencode_photo(data))
                except ValidationError as exc:
                    errors["photos"] = exc.message
                    break
        if errors or clean is None:
            raise PhoneFormInvalid(errors, answers, context)
        names = [intake_images.store(self.services.data_dir, jpeg) for jpeg in jpegs]
        try:
            outcome = self._store(kind, token, nonce, clean, release_version, names)
        except BaseException:
            intake_images.delete(self.services.data_dir, names)
            raise
        if outcome[1]:
            intake_images.delete(self.services.data_dir, names)
        submission_id, duplicate, notice = outcome
        if notice is not None:
            self.intake.notify(notice)
        return SubmitOutcome(submission_id, clean.client_input.preferred_name.strip()
                             or clean.answers["contact"]["full_name"].split(" ")[0], duplicate)

    def _store(self, kind: FormKind, token: str, nonce: str, clean, release_version: int,
               names: list[str]) -> tuple[int, bool, SubmissionNotice | None]:
        with self.intake.unit_of_work() as uow:
            session = uow.session
            # Checked again inside the write lock: two posts of one client code race here,
            # and only the first finds it unspent.
            live = self._live(session, kind, token)
            if live is False:
                raise TokenRejected()
            existing = session.scalar(select(IntakeSubmission.id).where(IntakeSubmission.form_nonce == nonce))
            if existing is not None:
                return existing, True, None
            now = self.clock()
            full_name = clean.answers["contact"]["full_name"]
            submission = IntakeSubmission(
                kind=kind.value, client_id=live.id if isinstance(live, Client) else None,
                form_nonce=nonce, status=SubmissionStatus.PENDING.value, received_at=now,
                full_name=full_name, answers=json.dumps(clean.answers, ensure_ascii=False),
                release_version=release_version, signature_png=clean.signature_png,
                guardian_signature_png=clean.guardian_signature_png, is_minor=clean.is_minor,
                id_check_required=clean.is_minor, id_type="", id_last4="", id_checked_by_name="",
                decided_by_name="", reject_reason="")
            session.add(submission)
            session.flush()
            for position, name in enumerate(names):
                session.add(IntakePhoto(submission_id=submission.id, position=position, file=name))
            if isinstance(live, Client):
                live.qr_used_at = now
            flags = ["under the minimum age: check ID"] if clean.is_minor else []
            audit.record(session, now, INTAKE_SUBMITTED, actor_name=PHONE_ACTOR[kind],
                         subject_type=SUBMISSION_SUBJECT, subject_id=submission.id, subject=full_name,
                         detail="; ".join(flags + [f"{len(names)} photo(s)"]))
            session.flush()
            count = pending_count(session)
            uow.commit()
            notice = SubmissionNotice(submission.id, kind, full_name, now, count)
            return submission.id, False, notice


def _prefill(client: Client) -> dict:
    from studio.services.clients import _medical_of

    answers = empty_answers()
    answers["contact"] = {
        "full_name": client.full_name, "preferred_name": client.preferred_name,
        "pronouns": client.pronouns,
        "date_of_birth": client.date_of_birth.isoformat() if client.date_of_birth else "",
        "phone": client.phone, "email": client.email, "address": client.address,
        "emergency_name": client.emergency_name, "emergency_phone": client.emergency_phone,
    }
    medical = _medical_of(client)
    answers["medical"] = {"checks": sorted(medical.checks), "allergies": medical.allergies,
                          "conditions": medical.conditions, "medications": medical.medications,
                          "skin_conditions": medical.skin_conditions, "notes": medical.notes}
    return answers
