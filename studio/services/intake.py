"""Phone intake for staff: the server's settings, the walk-in and client QR codes, the
release text, reviewing submissions (accept into a client record via ClientService, or
reject), photo-ID checks, and the archive of signed consents.

The phone side (what the HTTP server may call) is ``PhoneDesk`` in services/intake_phone.py:
it can open forms and store submissions, nothing else.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select, update

from studio.models import Client, Consent, IntakePhoto, IntakeSubmission, ReleaseText, WalkinToken
from studio.services import audit, folding, intake_claims, intake_images
from studio.services.base import Service
from studio.services.client_forms import age_on, one_line
from studio.services.client_records import MEDICAL_CHECKS, ClientInput, MedicalInfo
from studio.services.errors import Conflict, NotFound, StorageError, ValidationError
from studio.services.intake_forms import (
    CONTACT_FIELDS,
    CONTACT_LABELS,
    MEDICAL_TEXT_LABELS,
    answers_to_client_input,
    answers_to_medical,
)
from studio.services.intake_records import (
    ID_TYPES,
    AcceptResult,
    ConsentRecord,
    FieldDiff,
    FormKind,
    IntakeSettings,
    QrCode,
    ReleaseTextRecord,
    SubmissionNotice,
    SubmissionReview,
    SubmissionRow,
    SubmissionStatus,
)
from studio.services.intake_settings import (
    bind_and_url_host,
    clean_intake_settings,
    read_intake_settings,
    write_intake_settings,
)
from studio.services.intake_tokens import client_expiry, live_walkin, new_token
from studio.services.localtime import to_local
from studio.services.permissions import Permission, can, require
from studio.services.records import Actor
from studio.services.settings import read_region, read_settings

log = logging.getLogger(__name__)

CONSENTS_DIR = "consents"
RELEASE_MAX = 20_000
REJECT_REASON_MAX = 500
SUBMISSION_SUBJECT = "intake submission"

from studio.services.audit import (  # noqa: E402 - named with the other audit actions
    CONSENT_OPENED,
    INTAKE_ACCEPTED,
    INTAKE_CLIENT_QR_ISSUED,
    INTAKE_ID_CHECKED,
    INTAKE_REJECTED,
    INTAKE_RELEASE_CHANGED,
    INTAKE_SETTINGS_CHANGED,
    INTAKE_SUBMITTED,
    INTAKE_WALKIN_ROTATED,
)

DEFAULT_RELEASE = """\
I confirm that I am getting this tattoo of my own free will and that the design, spelling \
and placement are as I asked.

I understand that a tattoo is permanent, that skin heals differently from person to person, \
and that colours may vary and fade over time. I understand the risks of infection, allergic \
reaction and scarring, and that following the aftercare instructions lowers them.

I have answered the health questions truthfully. I release the studio and its artists from \
liability for problems caused by information I did not give, or by not following aftercare.

I agree that the studio keeps this form, my answers and my signature for as long as the law \
requires."""

Listener = Callable[[SubmissionNotice], None]


def url_for(host: str, port: int, kind: FormKind, token: str) -> str:
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    prefix = "i" if kind is FormKind.CLIENT else "w"
    return f"http://{host}:{port}/{prefix}/{token}"


def consents_dir(data_dir: Path) -> Path:
    return data_dir / CONSENTS_DIR


def _row(s: IntakeSubmission, photos: int) -> SubmissionRow:
    return SubmissionRow(id=s.id, kind=FormKind(s.kind), status=SubmissionStatus(s.status),
                         full_name=s.full_name, received_at=s.received_at, client_id=s.client_id,
                         is_minor=s.is_minor, id_check_required=s.id_check_required,
                         id_checked=s.id_checked_at is not None, photos=photos)


def _consent_record(c: Consent, data_dir: Path) -> ConsentRecord:
    return ConsentRecord(id=c.id, client_id=c.client_id, client_name=c.client_name,
                         release_version=c.release_version, signed_at=c.signed_at,
                         accepted_at=c.accepted_at, accepted_by_name=c.accepted_by_name,
                         pdf_path=consents_dir(data_dir) / c.pdf_file)


def release_record(row: ReleaseText | None) -> ReleaseTextRecord:
    if row is None:
        return ReleaseTextRecord(1, DEFAULT_RELEASE, datetime(2026, 1, 1).astimezone(), "Linework")
    return ReleaseTextRecord(row.version, row.body, row.created_at, row.created_by_name)


def current_release(session) -> ReleaseText | None:
    return session.scalars(select(ReleaseText).order_by(ReleaseText.version.desc())).first()


def pending_count(session) -> int:
    return session.scalar(select(func.count()).select_from(IntakeSubmission)
                          .where(IntakeSubmission.status == SubmissionStatus.PENDING)) or 0


class IntakeService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        # Called on the thread that stored a submission (the server's); plain callables.
        self.listeners: list[Listener] = []
        # Moves on whenever what a phone sees changes (walk-in code, release, settings), so
        # the phone desk's short cache is dropped at once in this process.
        self.generation = 0

    @property
    def data_dir(self) -> Path:
        return self.services.data_dir

    def notify(self, notice: SubmissionNotice) -> None:
        for listener in list(self.listeners):
            try:
                listener(notice)
            except Exception:  # noqa: BLE001 - a broken listener must not lose a submission
                log.exception("intake listener failed")

    # ---- settings

    def settings(self) -> IntakeSettings:
        """The intake settings; readable without signing in (start-up reads autostart)."""
        with self.unit_of_work(write=False) as uow:
            return read_intake_settings(uow.session)

    def addresses(self) -> tuple[str, str, int]:
        """(address to bind, address for phones, port), for the server."""
        settings = self.settings()
        bind, url_host = bind_and_url_host(settings)
        return bind, url_host, settings.port

    def update_settings(self, actor: Actor, *, host: str, port: int, autostart: bool,
                        min_age: int, walkin_daily: bool) -> IntakeSettings:
        """Needs EDIT_SETTINGS; ValidationError names the field. A new address or port
        applies the next time the server starts."""
        new = clean_intake_settings(host=host, port=port, autostart=autostart, min_age=min_age,
                                    walkin_daily=walkin_daily)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_SETTINGS)
            old = read_intake_settings(uow.session)
            write_intake_settings(uow.session, new)
            changes = [f"{name}: {getattr(old, name)} → {getattr(new, name)}"
                       for name in ("host", "port", "autostart", "min_age", "walkin_daily")
                       if getattr(old, name) != getattr(new, name)]
            if changes:
                audit.record(uow.session, self.clock(), INTAKE_SETTINGS_CHANGED, actor=actor,
                             subject_type="settings", subject="intake", detail="; ".join(changes))
            uow.commit()
        self.generation += 1  # after the commit, so no one caches the old state as new
        return new

    # ---- QR codes

    def _url(self, session, kind: FormKind, token: str) -> str:
        _bind, url_host = bind_and_url_host(read_intake_settings(session))
        return url_for(url_host, read_intake_settings(session).port, kind, token)

    def walkin_qr(self, actor: Actor, *, box_size: int = 10) -> QrCode:
        """The walk-in URL and QR. Issues the first token, and a new one each day when the
        daily setting is on. Needs MANAGE_INTAKE."""
        from studio.services.qr import render_qr_png

        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            row = live_walkin(uow.session)
            if row is None or self._walkin_stale(uow.session, row):
                row = self._rotate(uow.session, actor, row)
                uow.commit()
                self.generation += 1
            url = self._url(uow.session, FormKind.WALKIN, row.token)
            issued = row.issued_at
        return QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=issued,
                      expires_at=None)

    def current_walkin_url(self, host: str, port: int) -> str | None:
        """The live walk-in URL, or None; for `studio intake-server` on the studio PC, which
        prints it for a kiosk (the walk-in code is shown at the counter anyway)."""
        with self.unit_of_work(write=False) as uow:
            row = live_walkin(uow.session)
            if row is None or walkin_stale(uow.session, row, self.clock()):
                return None
            return url_for(host, port, FormKind.WALKIN, row.token)

    def rotate_walkin(self, actor: Actor, *, box_size: int = 10) -> QrCode:
        """A new walk-in token; the old QR stops working at once. Needs MANAGE_INTAKE;
        audited."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            self._rotate(uow.session, actor, live_walkin(uow.session))
            uow.commit()
        self.generation += 1
        return self.walkin_qr(actor, box_size=box_size)

    def _walkin_stale(self, session, row: WalkinToken) -> bool:
        return walkin_stale(session, row, self.clock())

    def _rotate(self, session, actor: Actor, old: WalkinToken | None) -> WalkinToken:
        now = self.clock()
        if old is not None:
            old.retired_at = now
        row = WalkinToken(token=new_token(), issued_at=now, issued_by_name=actor.name)
        session.add(row)
        session.flush()
        audit.record(session, now, INTAKE_WALKIN_ROTATED, actor=actor, subject_type="intake",
                     subject="walk-in QR", detail="first code" if old is None else "")
        return row

    def issue_client_qr(self, actor: Actor, client_id: int, *, box_size: int = 10) -> QrCode:
        """A fresh intake code for the client (their form, pre-filled, for 24 h and one
        submission); the previous one stops working. Call it each time the code is shown or
        printed. Needs RENEW_CLIENT_QR; audited. Raises NotFound."""
        from studio.services.qr import render_qr_png

        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.RENEW_CLIENT_QR)
            client = uow.session.get(Client, client_id)
            if client is None:
                raise NotFound("That client no longer exists.")
            now = self.clock()
            token = new_token()
            uow.session.execute(update(Client).where(Client.id == client_id)
                                .values(qr_id=token, qr_issued_at=now, qr_used_at=None))
            audit.record(uow.session, now, INTAKE_CLIENT_QR_ISSUED, actor=actor,
                         subject_type="client", subject_id=client_id, subject=client.full_name)
            url = self._url(uow.session, FormKind.CLIENT, token)
            uow.commit()
        expires = now + timedelta(hours=24)
        return QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=now,
                      expires_at=expires)

    # ---- the release text

    def release_text(self) -> ReleaseTextRecord:
        """The release clients sign now; readable by anyone signed in (or the server)."""
        with self.unit_of_work(write=False) as uow:
            return release_record(current_release(uow.session))

    def release_history(self, actor: Actor) -> list[ReleaseTextRecord]:
        """Every version, newest first. Needs MANAGE_INTAKE or EDIT_RELEASE_TEXT."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_DASHBOARD)  # active, any role
            if not can(staff.role, Permission.MANAGE_INTAKE):
                require(staff.role, Permission.EDIT_RELEASE_TEXT)
            rows = uow.session.scalars(select(ReleaseText).order_by(ReleaseText.version.desc())).all()
            return [release_record(r) for r in rows] or [release_record(None)]

    def set_release_text(self, actor: Actor, body: str) -> ReleaseTextRecord:
        """Save ``body`` as the next version; forms opened from now on show it, and forms
        already open are signed against the version they showed. Needs EDIT_RELEASE_TEXT."""
        text = "\n".join(line.rstrip() for line in str(body).replace("\r\n", "\n").split("\n")).strip()
        if not text:
            raise ValidationError("Write the release text clients sign.", field="release")
        if len(text) > RELEASE_MAX:
            raise ValidationError(f"The release text can be at most {RELEASE_MAX:,} characters.", field="release")
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_RELEASE_TEXT)
            current = current_release(uow.session)
            if current is not None and current.body == text:
                return release_record(current)
            if current is None:
                seed_release(uow.session, self.clock())
                current = current_release(uow.session)
            row = ReleaseText(version=current.version + 1, body=text, created_at=self.clock(),
                              created_by_name=actor.name)
            uow.session.add(row)
            audit.record(uow.session, row.created_at, INTAKE_RELEASE_CHANGED, actor=actor,
                         subject_type="intake", subject="release text", detail=f"version {row.version}")
            uow.commit()
            self.generation += 1
            return release_record(row)

    # ---- submissions

    def pending_count(self, actor: Actor) -> int:
        """How many submissions wait for the desk. Needs MANAGE_INTAKE."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            return pending_count(uow.session)

    def submissions(self, actor: Actor, status: SubmissionStatus | str | None = SubmissionStatus.PENDING,
                    *, limit: int = 200) -> list[SubmissionRow]:
        """Submissions in ``status`` (None: all), newest first. Needs MANAGE_INTAKE."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            photos = (select(func.count()).where(IntakePhoto.submission_id == IntakeSubmission.id)
                      .correlate(IntakeSubmission).scalar_subquery())
            query = select(IntakeSubmission, photos)
            if status is not None:
                query = query.where(IntakeSubmission.status == SubmissionStatus(status))
            query = query.order_by(IntakeSubmission.received_at.desc(), IntakeSubmission.id.desc())
            return [_row(s, n) for s, n in uow.session.execute(query.limit(max(1, min(limit, 1000))))]

    def _submission(self, session, submission_id: int) -> IntakeSubmission:
        row = session.get(IntakeSubmission, submission_id)
        if row is None:
            raise NotFound("That submission no longer exists.")
        return row

    def review(self, actor: Actor, submission_id: int) -> SubmissionReview:
        """The submission next to what the studio holds. Health answers only for roles
        with VIEW_MEDICAL (then audited). Needs MANAGE_INTAKE; raises NotFound."""
        from studio.services.clients import ClientService, _medical_of

        with self.unit_of_work() as uow:
            staff = self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._submission(uow.session, submission_id)
            answers = json.loads(s.answers)
            settings = read_settings(uow.session)
            today = to_local(self.clock(), settings.timezone).date()
            client = uow.session.get(Client, s.client_id) if s.client_id else None
            sees_health = can(staff.role, Permission.VIEW_MEDICAL)
            contact = tuple(
                FieldDiff(name, CONTACT_LABELS[name], _shown(getattr(client, name)) if client else "",
                          _shown(answers["contact"].get(name, "")))
                for name in CONTACT_FIELDS)
            health = None
            if sees_health:
                held = _medical_of(client) if client else MedicalInfo()
                health = _health_diffs(held, answers_to_medical(answers))
                audit.record(uow.session, self.clock(), audit.CLIENT_MEDICAL_VIEWED, actor=actor,
                             subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                             detail="health answers of an intake submission")
            duplicates: tuple = ()
            if s.status == SubmissionStatus.PENDING and client is None:
                region = read_region(uow.session)
                duplicates = tuple(ClientService._duplicates(
                    uow.session, region, answers["contact"]["phone"],
                    folding.email_key(answers["contact"]["email"]), None))
            photos = uow.session.scalar(select(func.count()).where(IntakePhoto.submission_id == s.id)) or 0
            born = date.fromisoformat(answers["contact"]["date_of_birth"]) if answers["contact"].get("date_of_birth") else None
            result = SubmissionReview(
                row=_row(s, photos), date_of_birth=born, age=age_on(born, today), contact=contact,
                health=health, tattoo=dict(answers["tattoo"]), consents=dict(answers["consents"]),
                guardian=answers.get("guardian"), release_version=s.release_version,
                signature_png=s.signature_png, guardian_signature_png=s.guardian_signature_png,
                id_type=s.id_type, id_last4=s.id_last4, id_checked_by_name=s.id_checked_by_name,
                decided_by_name=s.decided_by_name, reject_reason=s.reject_reason,
                duplicates=duplicates)
            uow.commit()
            return result

    def photo(self, actor: Actor, submission_id: int, position: int) -> bytes:
        """A reference photo (JPEG). Needs MANAGE_INTAKE; raises NotFound."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            name = uow.session.scalar(select(IntakePhoto.file).where(
                IntakePhoto.submission_id == submission_id, IntakePhoto.position == position))
        if name is None:
            raise NotFound("That photo no longer exists.")
        try:
            return intake_images.path_of(self.data_dir, name).read_bytes()
        except OSError:
            raise NotFound("That photo's file is missing from the data folder.") from None

    def record_id_check(self, actor: Actor, submission_id: int, id_type: str, last4: str) -> SubmissionRow:
        """Record that the actor checked a photo ID: its type and the last 4 characters of
        its number (never more). Needs MANAGE_INTAKE; audited."""
        if id_type not in ID_TYPES:
            raise ValidationError("Choose the type of ID you checked.", field="id_type")
        tail = "".join(str(last4).split()).upper()
        if not 1 <= len(tail) <= 4 or not tail.isalnum() or not tail.isascii():
            raise ValidationError("Enter the last 4 letters or digits of the ID's number.", field="id_last4")
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._submission(uow.session, submission_id)
            now = self.clock()
            s.id_type, s.id_last4 = id_type, tail
            s.id_checked_by_name, s.id_checked_at = actor.name, now
            audit.record(uow.session, now, INTAKE_ID_CHECKED, actor=actor,
                         subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                         detail=f"{id_type} …{tail}")
            uow.commit()
            return self._row_of(uow.session, s)

    def _row_of(self, session, s: IntakeSubmission) -> SubmissionRow:
        n = session.scalar(select(func.count()).where(IntakePhoto.submission_id == s.id)) or 0
        return _row(s, n)

    def reject(self, actor: Actor, submission_id: int, reason: str = "") -> SubmissionRow:
        """Turn a submission down; nothing reaches a client record. Needs MANAGE_INTAKE;
        Conflict when it was decided already."""
        reason = one_line(reason)[:REJECT_REASON_MAX]
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._submission(uow.session, submission_id)
            _check_pending(s)
            now = self.clock()
            s.status = SubmissionStatus.REJECTED
            s.decided_at, s.decided_by_name, s.reject_reason = now, actor.name, reason
            audit.record(uow.session, now, INTAKE_REJECTED, actor=actor,
                         subject_type=SUBMISSION_SUBJECT, subject_id=s.id, subject=s.full_name,
                         detail=reason)
            uow.commit()
            return self._row_of(uow.session, s)

    def accept(self, actor: Actor, submission_id: int, *, take: set[str] | None = None,
               client_id: int | None = None, allow_duplicate: bool = False) -> AcceptResult:
        """File the submission: create the client (walk-in) or update them with the fields
        in ``take`` (contact field names, "medical.<field>" or "medical.checks"; None takes
        every field that differs), through ClientService and its rules. ``client_id`` files a
        walk-in under an existing client. Health answers reach the record only when the
        actor may edit them (``health_applied``); they are in the consent PDF either way.
        Then archives the consent PDF. Needs MANAGE_INTAKE (and what ClientService needs).

        The submission is claimed first (services/intake_claims.py), so two people filing
        it at once get one client and one consent; on any failure the claim is put back.
        Raises Conflict (decided already; someone else is filing it; under age without an
        ID check), DuplicateClient, FormErrors, NotFound, StorageError."""
        from studio.services.intake_pdf import render_consent_pdf

        now = self.clock()
        with self.unit_of_work() as uow:
            staff = self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._submission(uow.session, submission_id)
            if s.status != SubmissionStatus.ACCEPTING:  # a claim may be stale: claim() decides
                _check_pending(s)
            if s.id_check_required and s.id_checked_at is None:
                raise Conflict("This client is under the studio's minimum age: check a photo ID "
                               "and record it before accepting.")
            if not intake_claims.claim(uow.session, submission_id, actor.name, now):
                raise Conflict(intake_claims.FILING_ELSEWHERE)
            answers = json.loads(s.answers)
            target = client_id if client_id is not None else s.client_id
            may_edit_health = can(staff.role, Permission.EDIT_MEDICAL)
            pdf_args = self._consent_pdf_args(uow.session, s, answers, now, actor)
            uow.commit()
        name = None
        try:
            name = _write_pdf(self.data_dir, render_consent_pdf(**pdf_args), submission_id, now)
            filed_under = self._file_client(actor, answers, target, take, may_edit_health, allow_duplicate)
            consent_id = self._archive(actor, submission_id, now, filed_under, name)
        except BaseException:
            if name is not None:
                (consents_dir(self.data_dir) / name).unlink(missing_ok=True)
            self._release(submission_id, now)
            raise
        return AcceptResult(client_id=filed_under, consent_id=consent_id,
                            pdf_path=consents_dir(self.data_dir) / name, health_applied=may_edit_health)

    def _consent_pdf_args(self, session, s: IntakeSubmission, answers: dict, now: datetime,
                          actor: Actor) -> dict:
        settings = read_settings(session)
        release = session.scalar(select(ReleaseText).where(ReleaseText.version == s.release_version))
        id_check = (f"{s.id_type} …{s.id_last4}, checked by {s.id_checked_by_name}"
                    if s.id_checked_at else "")
        return dict(studio_name=settings.name, zone=settings.timezone, answers=answers,
                    release_version=s.release_version,
                    release_body=release.body if release is not None else release_record(None).body,
                    signature_png=s.signature_png, guardian_png=s.guardian_signature_png,
                    signed_at=s.received_at, accepted_at=now, accepted_by=actor.name,
                    is_minor=s.is_minor, id_check=id_check, submission_id=s.id)

    def _file_client(self, actor: Actor, answers: dict, target: int | None, take: set[str] | None,
                     may_edit_health: bool, allow_duplicate: bool) -> int:
        """Create or update the client through ClientService; their id."""
        submitted = answers_to_client_input(answers)
        submitted_medical = answers_to_medical(answers)
        clients = self.services.clients
        if target is None:
            return clients.create(actor, submitted, medical=submitted_medical if may_edit_health else None,
                                  allow_duplicate=allow_duplicate).id
        current = clients.get(actor, target)
        data = _merge_contact(_input_of(current), submitted, take)
        medical = None
        if may_edit_health:
            medical = _merge_medical(clients.medical(actor, target), submitted_medical, take)
        return clients.update(actor, target, data, version=current.version, medical=medical).id

    def _archive(self, actor: Actor, submission_id: int, claimed_at: datetime, client_id: int,
                 pdf_file: str) -> int:
        """Mark the claimed submission accepted and store its consent; the consent's id."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            s = self._submission(uow.session, submission_id)
            if not intake_claims.holds(s, claimed_at):
                raise Conflict(intake_claims.FILING_ELSEWHERE)
            full_name = json.loads(s.answers)["contact"]["full_name"]
            s.status = SubmissionStatus.ACCEPTED
            s.client_id = client_id
            s.decided_by_name = actor.name
            consent = Consent(client_id=client_id, client_name=full_name,
                              search_name=folding.name_key(full_name),
                              submission_id=s.id, release_version=s.release_version,
                              signed_at=s.received_at, accepted_at=claimed_at,
                              accepted_by_name=actor.name, pdf_file=pdf_file)
            uow.session.add(consent)
            if s.kind == FormKind.CLIENT:
                uow.session.execute(update(Client).where(Client.id == client_id, Client.qr_used_at.is_(None))
                                    .values(qr_used_at=claimed_at))
            uow.session.flush()
            audit.record(uow.session, claimed_at, INTAKE_ACCEPTED, actor=actor,
                         subject_type="client", subject_id=client_id, subject=full_name,
                         detail=f"submission {s.id}, release v{s.release_version}, consent {consent.id}")
            uow.commit()
            return consent.id

    def _release(self, submission_id: int, claimed_at: datetime) -> None:
        """Put a failed filing's claim back. If even that fails (the database is gone), the
        claim goes stale and is taken over later; the first error is the one to report."""
        try:
            with self.unit_of_work() as uow:
                intake_claims.release(uow.session, submission_id, claimed_at)
                uow.commit()
        except Exception:  # noqa: BLE001 - never hide the error that made the filing fail
            log.exception("could not release the claim on intake submission %s", submission_id)

    # ---- consents

    def consents_for_client(self, actor: Actor, client_id: int) -> list[ConsentRecord]:
        """The client's signed consents, newest first. Needs VIEW_CONSENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CONSENTS)
            rows = uow.session.scalars(select(Consent).where(Consent.client_id == client_id)
                                       .order_by(Consent.signed_at.desc(), Consent.id.desc()))
            return [_consent_record(c, self.data_dir) for c in rows]

    def search_consents(self, actor: Actor, query: str = "", since: date | None = None,
                        until: date | None = None, *, limit: int = 500) -> list[ConsentRecord]:
        """Consents whose client name matches ``query`` (folded prefix of any word),
        signed between ``since`` and ``until`` (the studio's local days, inclusive), newest
        first. For inspections. Needs VIEW_CONSENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CONSENTS)
            zone = read_settings(uow.session).timezone
            statement = select(Consent)
            for word in folding.words(query or "")[:folding.QUERY_WORDS_MAX]:
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                statement = statement.where(
                    (Consent.search_name.like(f"{escaped}%", escape="\\"))
                    | (Consent.search_name.like(f"% {escaped}%", escape="\\")))
            from zoneinfo import ZoneInfo

            if since is not None:
                statement = statement.where(Consent.signed_at >= datetime.combine(since, time(), ZoneInfo(zone)))
            if until is not None:
                statement = statement.where(
                    Consent.signed_at < datetime.combine(until + timedelta(days=1), time(), ZoneInfo(zone)))
            rows = uow.session.scalars(statement.order_by(Consent.signed_at.desc(), Consent.id.desc())
                                       .limit(max(1, min(limit, 5000))))
            return [_consent_record(c, self.data_dir) for c in rows]

    def consent_pdf(self, actor: Actor, consent_id: int) -> Path:
        """The PDF's path, to open or print. Needs VIEW_CONSENTS; audited (it holds health
        answers). Raises NotFound, StorageError when the file is gone."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.VIEW_CONSENTS)
            consent = uow.session.get(Consent, consent_id)
            if consent is None:
                raise NotFound("That consent no longer exists.")
            path = consents_dir(self.data_dir) / consent.pdf_file
            if not path.is_file():
                raise StorageError(f"The consent's PDF is missing from {consents_dir(self.data_dir)}; "
                                   "restore it from a backup.")
            audit.record(uow.session, self.clock(), CONSENT_OPENED, actor=actor, subject_type="client",
                         subject_id=consent.client_id or "", subject=consent.client_name,
                         detail=f"consent {consent.id}")
            uow.commit()
            return path


# ---------------------------------------------------------------- helpers

def seed_release(session, now: datetime) -> None:
    """Store the default release as version 1 when the studio has none yet."""
    if current_release(session) is None:
        session.add(ReleaseText(version=1, body=DEFAULT_RELEASE, created_at=now, created_by_name="Linework"))
        session.flush()


def walkin_stale(session, row: WalkinToken, now: datetime) -> bool:
    """With daily rotation on, a walk-in token from before today (studio time) is dead."""
    return walkin_expired(row.issued_at, now, daily=read_intake_settings(session).walkin_daily,
                          zone=read_settings(session).timezone)


def walkin_expired(issued_at: datetime, now: datetime, *, daily: bool, zone: str) -> bool:
    return daily and to_local(issued_at, zone).date() < to_local(now, zone).date()


def _check_pending(s: IntakeSubmission) -> None:
    if s.status == SubmissionStatus.ACCEPTING:
        raise Conflict(intake_claims.FILING_ELSEWHERE)
    if s.status != SubmissionStatus.PENDING:
        who = f" by {s.decided_by_name}" if s.decided_by_name else ""
        raise Conflict(f"This submission was already {s.status}{who}.")


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _input_of(d) -> ClientInput:
    return ClientInput(full_name=d.full_name, preferred_name=d.preferred_name, pronouns=d.pronouns,
                       date_of_birth=d.date_of_birth, phone=d.phone, email=d.email,
                       address=d.address, emergency_name=d.emergency_name,
                       emergency_phone=d.emergency_phone, notes=d.notes)


def _merge_contact(held: ClientInput, submitted: ClientInput, take: set[str] | None) -> ClientInput:
    values = {}
    for name in CONTACT_FIELDS:
        new = getattr(submitted, name)
        wanted = name in take if take is not None else True
        # An empty answer never wipes what the studio holds.
        values[name] = new if wanted and new not in ("", None) else getattr(held, name)
    return ClientInput(**values, notes=held.notes)


def _merge_medical(held: MedicalInfo, submitted: MedicalInfo, take: set[str] | None) -> MedicalInfo:
    def wanted(name: str) -> bool:
        return take is None or f"medical.{name}" in take

    values = {name: getattr(submitted, name) if wanted(name) and getattr(submitted, name) else getattr(held, name)
              for name in MEDICAL_TEXT_LABELS}
    checks = submitted.checks if wanted("checks") else held.checks
    return MedicalInfo(checks=checks, **values)


def _health_diffs(held: MedicalInfo, submitted: MedicalInfo) -> tuple[FieldDiff, ...]:
    def listed(checks) -> str:
        return ", ".join(MEDICAL_CHECKS[k] for k in MEDICAL_CHECKS if k in checks) or "none"

    return (FieldDiff("medical.checks", "Health checklist", listed(held.checks), listed(submitted.checks)),
            *(FieldDiff(f"medical.{name}", label, getattr(held, name), getattr(submitted, name))
              for name, label in MEDICAL_TEXT_LABELS.items()))


def _write_pdf(data_dir: Path, pdf: bytes, submission_id: int, now: datetime) -> str:
    import os
    import secrets

    folder = consents_dir(data_dir)
    name = f"consent-{now:%Y%m%d}-{submission_id}-{secrets.token_hex(4)}.pdf"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.part"
        tmp.write_bytes(pdf)
        os.replace(tmp, folder / name)
    except OSError as exc:
        raise StorageError(f"The consent PDF could not be written to {folder}: "
                           f"{exc.strerror or exc}. Nothing was accepted.") from exc
    return name
