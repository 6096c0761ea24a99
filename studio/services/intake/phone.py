"""What the intake HTTP server may do, and nothing more: open a form for a live token and
store a submission. The token is the credential (there is no staff member behind a phone);
every check that matters is here, so the server only translates HTTP.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from dataclasses import dataclass

from sqlalchemy import select

from studio.models import Client, IntakePhoto, IntakeSubmission, WalkinToken
from studio.services.common import audit_log
from studio.services.common.audit_log import Nn_, Words
from studio.services.common.errors import DomainError, ValidationError
from studio.services.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, supported
from studio.services.common.localtime import to_local
from studio.services.common.settings_store import STUDIO_KEYS, read_region, read_settings, read_values
from studio.services.intake import images
from studio.services.intake.forms import clean_phone_form, contact_answers, empty_answers, medical_answers
from studio.services.intake.records import (
    FormKind,
    PhoneFormContext,
    ReleaseTextRecord,
    SubmissionNotice,
    SubmissionStatus,
)
from studio.services.intake.release import current_releases, release_for, seed_release
from studio.services.intake.review import SUBMISSION_SUBJECT, pending_count
from studio.services.intake.settings import (
    DEFAULT_MIN_AGE,
    MIN_AGE_KEY,
    WALKIN_DAILY_KEY,
    form_secret,
    read_intake_settings,
)
from studio.services.intake.tokens import (
    check_csrf,
    find_client,
    make_csrf,
    walkin_expired,
    walkin_matches,
    well_formed,
)

log = logging.getLogger(__name__)

# Who sent a phone form, as the audit log says: no one signed in, a phone.
PHONE_ACTOR = {FormKind.CLIENT: Words(N_("client's phone (their QR)")),
               FormKind.WALKIN: Words(N_("phone (walk-in QR)"))}


class TokenRejected(DomainError):
    """Unknown, expired, spent or malformed: one error for all, so a phone learns nothing."""

    def __init__(self) -> None:
        super().__init__(_("This code has expired or is not valid. Ask the front desk for a new code."))


class CsrfRejected(DomainError):
    def __init__(self) -> None:
        super().__init__(_("This form is too old or was not sent by our page. Open the code again."))


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
    # How long a walk-in form's studio details (name, release, the live walk-in code) are
    # reused without asking the database. Changes made in this process (rotating the code,
    # a new release, settings) drop the cache at once; a server running in another process
    # (studio intake-server) sees them within this time.
    CACHE_SECONDS = 2.0

    def __init__(self, services) -> None:
        self.services = services
        self.intake = services.intake
        self._secret: bytes | None = None
        self._walkin_cache: tuple[float, int, _WalkinSnapshot] | None = None

    @property
    def clock(self):
        return self.services.clock

    def prepare(self) -> None:
        """Before serving: the studio's form secret and a first release text exist."""
        with self.intake.unit_of_work() as uow:
            self._secret = form_secret(uow.session, create=True)
            seed_release(uow.session, self.clock(), read_settings(uow.session).language)
            uow.commit()

    @property
    def secret(self) -> bytes:
        if self._secret is None:
            self.prepare()
        assert self._secret is not None
        return self._secret

    def _walkin_snapshot(self) -> _WalkinSnapshot:
        now = time.monotonic()
        cached = self._walkin_cache
        if cached is not None and cached[0] > now and cached[1] == self.intake.generation:
            return cached[2]
        generation = self.intake.generation
        with self.intake.unit_of_work(write=False) as uow:
            studio = _Studio.read(uow.session)
            row = uow.session.execute(select(WalkinToken.token, WalkinToken.issued_at)
                                      .where(WalkinToken.retired_at.is_(None))
                                      .order_by(WalkinToken.id.desc()).limit(1)).first()
            releases = current_releases(uow.session)
        snapshot = _WalkinSnapshot(
            studio=studio, token=row.token if row else None, issued_at=row.issued_at if row else None,
            releases=releases)
        self._walkin_cache = (now + self.CACHE_SECONDS, generation, snapshot)
        return snapshot

    def _walkin_live(self, token: str) -> _WalkinSnapshot | None:
        snap = self._walkin_snapshot()
        if snap.token is None or not well_formed(token):
            return None
        if not hmac.compare_digest(snap.token.encode(), token.encode()):
            return None
        if walkin_expired(snap.issued_at, self.clock(), daily=snap.studio.walkin_daily, zone=snap.studio.timezone):
            return None
        return snap

    def _live(self, session, kind: FormKind, token: str, studio: _Studio | None = None) -> Client | None | bool:
        """The client (client QR), True (walk-in), or False when the token opens nothing."""
        now = self.clock()
        if kind is FormKind.CLIENT:
            return find_client(session, token, now) or False
        studio = studio or _Studio.read(session)
        row = session.execute(select(WalkinToken.token, WalkinToken.issued_at)
                              .where(WalkinToken.retired_at.is_(None))
                              .order_by(WalkinToken.id.desc()).limit(1)).first()
        if walkin_matches(row, token) and not walkin_expired(row.issued_at, now, daily=studio.walkin_daily,
                                                              zone=studio.timezone):
            return True
        return False

    def is_live(self, kind: FormKind, token: str) -> bool:
        """Whether the token opens a form now (read only)."""
        if kind is FormKind.WALKIN:
            return self._walkin_live(token) is not None
        with self.intake.unit_of_work(write=False) as uow:
            return self._live(uow.session, kind, token) is not False

    def studio_name(self) -> str:
        return self._walkin_snapshot().studio.name

    def studio_language(self) -> str:
        """The studio's language: what the form speaks when the phone asks for none of ours."""
        return self._walkin_snapshot().studio.language

    def open_form(self, kind: FormKind, token: str, language: str | None = None) -> PhoneFormContext | None:
        """The form for a live token in ``language`` (None: the studio's), or None. Reads
        only (a GET changes nothing); a few plain queries, since every phone in the queue
        loads it."""
        secret = self.secret
        if kind is FormKind.WALKIN:
            snap = self._walkin_live(token)
            if snap is None:
                return None
            language = supported(language) or snap.studio.language
            return PhoneFormContext(kind=kind, studio_name=snap.studio.name,
                                    release=release_for(snap.releases, language, snap.studio.language),
                                    min_age=snap.studio.min_age, prefill=empty_answers(),
                                    csrf=make_csrf(secret, kind.value, token, self.clock()), language=language)
        with self.intake.unit_of_work(write=False) as uow:
            studio = _Studio.read(uow.session)
            live = self._live(uow.session, kind, token, studio)
            if live is False:
                return None
            prefill = _prefill(live) if isinstance(live, Client) else empty_answers()
            releases = current_releases(uow.session)
        language = supported(language) or studio.language
        return PhoneFormContext(
            kind=kind, studio_name=studio.name, release=release_for(releases, language, studio.language),
            min_age=studio.min_age, csrf=make_csrf(secret, kind.value, token, self.clock()), prefill=prefill,
            language=language)

    def _context(self, session, kind: FormKind, token: str, secret: bytes, prefill: dict,
                 language: str) -> PhoneFormContext:
        settings = read_settings(session)
        return PhoneFormContext(
            kind=kind, studio_name=settings.name,
            release=release_for(current_releases(session), language, settings.language),
            min_age=read_intake_settings(session).min_age,
            csrf=make_csrf(secret, kind.value, token, self.clock()), prefill=prefill, language=language)

    def check(self, kind: FormKind, token: str, csrf: str) -> str:
        """The form's nonce; TokenRejected or CsrfRejected first (cheap, before parsing)."""
        with self.intake.unit_of_work(write=False) as uow:
            if self._live(uow.session, kind, token) is False:
                raise TokenRejected()
        nonce = check_csrf(self.secret, kind.value, token, csrf, self.clock())
        if nonce is None:
            raise CsrfRejected()
        return nonce

    def refill(self, kind: FormKind, token: str, fields: dict[str, str],
               language: str | None = None) -> tuple[PhoneFormContext, dict]:
        """The form again in ``language`` with what was typed so far (the language switch):
        nothing is checked for mistakes or stored. Raises TokenRejected or CsrfRejected."""
        self.check(kind, token, fields.get("csrf", ""))
        with self.intake.unit_of_work(write=False) as uow:
            _settings, language, region, today, min_age = self._rules(uow.session, language)
            context = self._context(uow.session, kind, token, self.secret, empty_answers(), language)
        _clean, _errors, answers = clean_phone_form(fields, region=region, today=today, min_age=min_age)
        return context, answers

    def _rules(self, session, language: str | None):
        """(settings, the form's language, region, the studio's today, minimum age)."""
        settings = read_settings(session)
        return (settings, supported(language) or settings.language, read_region(session, settings),
                to_local(self.clock(), settings.timezone).date(), read_intake_settings(session).min_age)

    def submit(self, kind: FormKind, token: str, fields: dict[str, str],
               photos: list[bytes], language: str | None = None) -> SubmitOutcome:
        """Store a submission for the desk, read and signed in ``language`` (None: the
        studio's), and tell the listeners. Raises TokenRejected, CsrfRejected,
        PhoneFormInvalid (nothing stored; its sentences in the current language). The same
        form posted twice is stored once."""
        nonce = self.check(kind, token, fields.get("csrf", ""))
        with self.intake.unit_of_work(write=False) as uow:
            settings, language, region, today, min_age = self._rules(uow.session, language)
            raw_version = str(fields.get("release_version", ""))
            release_version = int(raw_version) if raw_version.isdigit() and len(raw_version) < 9 else 0
            releases = current_releases(uow.session)
            shown = release_for(releases, language, settings.language)
            # The history the phone was shown (a form from before languages: the one it shows now).
            release_language = supported(str(fields.get("release_language", ""))) or shown.language
            current = releases.get(release_language) or release_for({}, release_language, settings.language)
            context = self._context(uow.session, kind, token, self.secret, empty_answers(), language)
        clean, errors, answers = clean_phone_form(fields, region=region, today=today, min_age=min_age)
        # The version the phone was shown is the one signed; an unknown number is refused.
        if release_version < 1 or release_version > current.version:
            errors["release_version"] = _("The release text changed; read it again and sign.")
        jpegs: list[bytes] = []
        if not errors:
            for data in photos[:images.PHOTOS_MAX]:
                try:
                    jpegs.append(images.reencode_photo(data))
                except ValidationError as exc:
                    errors["photos"] = exc.message
                    break
        if errors or clean is None:
            raise PhoneFormInvalid(errors, answers, context)
        names = [images.store(self.services.data_dir, jpeg) for jpeg in jpegs]
        clean.answers["release_language"] = release_language
        try:
            outcome = self._store(kind, token, nonce, clean, release_version, language, names)
        except BaseException:
            images.delete(self.services.data_dir, names)
            raise
        if outcome[1]:
            images.delete(self.services.data_dir, names)
        submission_id, duplicate, notice = outcome
        if notice is not None:
            self.intake.notify(notice)
        return SubmitOutcome(submission_id, clean.client_input.preferred_name.strip()
                             or clean.answers["contact"]["full_name"].split(" ")[0], duplicate)

    def _store(self, kind: FormKind, token: str, nonce: str, clean, release_version: int, language: str,
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
                release_version=release_version, language=language, signature_png=clean.signature_png,
                guardian_signature_png=clean.guardian_signature_png, is_minor=clean.is_minor,
                id_check_required=clean.is_minor, id_type="", id_last4="", id_checked_by_name="",
                decided_by_name="", reject_reason="")
            session.add(submission)
            session.flush()
            for position, name in enumerate(names):
                session.add(IntakePhoto(submission_id=submission.id, position=position, file=name))
            if isinstance(live, Client):
                self.services.clients.spend_qr_in(uow, live.id, now)
            # Worded for the staff who read the log, whatever the phone's language.
            flags = [Words(N_("under the minimum age: check ID"))] if clean.is_minor else []
            photos = (Words(N_("no photos")) if not names else
                      Words.counted(Nn_("{n} photo", "{n} photos"), len(names)))
            if language != DEFAULT_LANGUAGE:
                # Translators: the language a phone form was filled in, named in itself ("Español").
                flags.append(Words(N_("filled in {language}"), language=LANGUAGES.get(language, language)))
            audit_log.record(session, now, audit_log.INTAKE_SUBMITTED, actor_name=PHONE_ACTOR[kind],
                             subject_type=SUBMISSION_SUBJECT, subject_id=submission.id, subject=full_name,
                             detail=[*flags, photos])
            session.flush()
            count = pending_count(session)
            uow.commit()
            notice = SubmissionNotice(submission.id, kind, full_name, now, count)
            return submission.id, False, notice


@dataclass(frozen=True)
class _Studio:
    """The settings a phone's request needs, from one query of the settings table."""

    name: str
    timezone: str
    min_age: int
    walkin_daily: bool
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def read(cls, session) -> _Studio:
        stored = read_values(session, _STUDIO_KEYS)
        studio = read_settings(session, stored)
        min_age = stored.get(MIN_AGE_KEY)
        return cls(name=studio.name, timezone=studio.timezone, language=studio.language,
                   min_age=min_age if isinstance(min_age, int) else DEFAULT_MIN_AGE,
                   walkin_daily=stored.get(WALKIN_DAILY_KEY) is True)


@dataclass(frozen=True)
class _WalkinSnapshot:
    studio: _Studio
    token: str | None
    issued_at: object
    releases: dict[str, ReleaseTextRecord]  # each language's newest text


_STUDIO_KEYS = (STUDIO_KEYS["name"], STUDIO_KEYS["timezone"], STUDIO_KEYS["language"], MIN_AGE_KEY,
                WALKIN_DAILY_KEY)


def _prefill(client: Client) -> dict:
    from studio.services.clients.service import medical_of

    answers = empty_answers()
    answers["contact"] = contact_answers(client)
    answers["medical"] = medical_answers(medical_of(client))
    return answers
