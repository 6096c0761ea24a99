"""Phone intake for staff: the server's settings, the walk-in and client QR codes, the
release text, the Intake page's refresh in one call (``desk``), and, from the parts it holds,
reviewing submissions (review.py), accepting them into a client record (accept.py) and the
archive of signed consents (consents.py). Each part is given what it uses (this service's
unit of work and permission check, the clock, the data folder, the clients service); the
methods here are the one face callers use.

The phone side (what the HTTP server may call) is ``PhoneDesk`` in services/intake/phone.py:
it can open forms and store submissions, nothing else.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Callable

from pathlib import Path

from sqlalchemy import select

from studio.models import ReleaseText, WalkinToken
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.formats import number
from studio.services.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, supported
from studio.services.common.localtime import to_local
from studio.services.common.permissions import Permission, can, require
from studio.services.common.qr import new_qr_token, render_qr_png
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.intake.accept import Accepting
from studio.services.intake.consents import ConsentArchive
from studio.services.intake.records import (
    AcceptResult,
    ConsentFilter,
    ConsentOnFile,
    ConsentRecord,
    FormKind,
    IntakeDesk,
    IntakeSettings,
    QrCode,
    ReleaseTextRecord,
    SubmissionNotice,
    SubmissionReview,
    SubmissionRow,
    SubmissionStatus,
)
from studio.services.intake.release import (
    RELEASE_MAX,
    current_release,
    current_releases,
    release_for,
    release_record,
    seed_release,
)
from studio.services.common.paging import PAGE_LIMIT, RowsPage
from studio.services.intake.review import Submissions, pending_count
from studio.services.intake.settings import (
    FIELD_LABELS,
    bind_and_url_host,
    clean_intake_settings,
    read_intake_settings,
    write_intake_settings,
)
from studio.services.intake.tokens import (
    CLIENT_QR_HOURS,
    client_expiry,
    client_token_live,
    live_walkin,
    walkin_stale,
)
from studio.services.intake.urls import intake_url, phone_url

log = logging.getLogger(__name__)

# The subjects of audit rows about intake.
# Translators: the subject of an audit row about the intake settings (the phone forms' server).
INTAKE_SUBJECT = Words(N_("intake"))
# Translators: the subject of an audit row about the walk-in QR code (a new code was made).
WALKIN_SUBJECT = Words(N_("walk-in QR"))
# Translators: the subject of an audit row about the release text clients sign.
RELEASE_SUBJECT = Words(N_("release text"))

Listener = Callable[[SubmissionNotice], None]


class IntakeService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        clients = services.clients
        self._submissions = Submissions(self, services.clock, services.data_dir, clients)
        self._accepting = Accepting(self, services.clock, services.data_dir, clients)
        self._consents = ConsentArchive(self, services.clock, services.data_dir, clients.relations)
        self._clients = clients
        # Called on the thread that stored a submission (the server's); plain callables.
        self.listeners: list[Listener] = []
        # Moves on whenever what a phone sees changes (walk-in code, release, settings), so
        # the phone desk's short cache is dropped at once in this process.
        self.generation = 0

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
            changes = audit_log.diff_fields(old, new, FIELD_LABELS)
            if changes:
                audit_log.record(uow.session, self.clock(), audit_log.INTAKE_SETTINGS_CHANGED, actor=actor,
                                 subject_type="settings", subject=INTAKE_SUBJECT, detail=changes)
            uow.commit()
        self.generation += 1  # after the commit, so no one caches the old state as new
        return new

    # ---- QR codes

    def walkin_qr(self, actor: Actor, *, box_size: int = 10) -> QrCode:
        """The walk-in URL and QR. Issues the first token, and a new one each day when the
        daily setting is on. Needs MANAGE_INTAKE."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            url, issued = self._walkin_in(uow, actor)
        return QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=issued,
                      expires_at=None)

    def _walkin_in(self, uow, actor: Actor) -> tuple[str, datetime]:
        """The live walk-in code's URL and issue time, rotated first (and committed) when
        there is none or the daily one is stale; in the caller's authorised unit of work."""
        row = live_walkin(uow.session)
        if row is None or walkin_stale(uow.session, row, self.clock()):
            row = self._rotate(uow.session, actor, row)
            uow.commit()
            self.generation += 1
        return phone_url(uow.session, FormKind.WALKIN, row.token), row.issued_at

    def current_walkin_url(self, host: str, port: int) -> str | None:
        """The live walk-in URL, or None; for `studio intake-server` on the studio PC, which
        prints it for a kiosk (the walk-in code is shown at the counter anyway)."""
        with self.unit_of_work(write=False) as uow:
            row = live_walkin(uow.session)
            if row is None or walkin_stale(uow.session, row, self.clock()):
                return None
            return intake_url(host, port, FormKind.WALKIN, row.token)

    def rotate_walkin(self, actor: Actor, *, box_size: int = 10) -> QrCode:
        """A new walk-in token; the old QR stops working at once. Needs MANAGE_INTAKE;
        audited."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            self._rotate(uow.session, actor, live_walkin(uow.session))
            uow.commit()
        self.generation += 1
        return self.walkin_qr(actor, box_size=box_size)

    def _rotate(self, session, actor: Actor, old: WalkinToken | None) -> WalkinToken:
        now = self.clock()
        if old is not None:
            old.retired_at = now
        row = WalkinToken(token=new_qr_token(), issued_at=now, issued_by_name=actor.name)
        session.add(row)
        session.flush()
        audit_log.record(session, now, audit_log.INTAKE_WALKIN_ROTATED, actor=actor, subject_type="intake",
                         subject=WALKIN_SUBJECT, detail=Words(N_("first code")) if old is None else "")
        return row

    def client_qr(self, actor: Actor, client_id: int, *, box_size: int = 10) -> QrCode | None:
        """The client's current intake code while it still works (issued, unused, within
        its 24 h), so a code already printed or sent is shown again, not replaced; None
        when there is none. Reading changes nothing and writes no audit row. Needs
        RENEW_CLIENT_QR (the staff who may hand codes out). Raises NotFound."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.RENEW_CLIENT_QR)
            client = self._clients.get_in(uow, actor, client_id)
            if not client_token_live(client, self.clock()):
                return None
            url = phone_url(uow.session, FormKind.CLIENT, client.qr_id)
            issued, expires = client.qr_issued_at, client_expiry(client)
        return QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=issued, expires_at=expires)

    def issue_client_qr(self, actor: Actor, client_id: int, *, box_size: int = 10) -> QrCode:
        """A fresh intake code for the client (their form, pre-filled, for 24 h and one
        submission); the previous one stops working. Call it when staff ask for a code
        (issue, print or save one when none is valid, or New QR); ``client_qr`` shows the
        current one. Needs RENEW_CLIENT_QR; audited. Raises NotFound."""
        with self.unit_of_work() as uow:
            client = self._clients.renew_qr_in(uow, actor, client_id)
            now, token = client.qr_issued_at, client.qr_id
            audit_log.record(uow.session, now, audit_log.INTAKE_CLIENT_QR_ISSUED, actor=actor,
                             subject_type="client", subject_id=client_id, subject=client.full_name)
            url = phone_url(uow.session, FormKind.CLIENT, token)
            uow.commit()
        return QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=now,
                      expires_at=now + timedelta(hours=CLIENT_QR_HOURS))

    # ---- the release text (one history per language)

    def release_text(self, language: str | None = None) -> ReleaseTextRecord:
        """The release a reader of ``language`` (None: the studio's) signs now: that
        language's newest version, or, when it has none yet, the studio's language's (the
        record's ``language`` says which). Readable by anyone signed in (or the server)."""
        with self.unit_of_work(write=False) as uow:
            studio_language = read_settings(uow.session).language
            return release_for(current_releases(uow.session), clean_release_language(language, studio_language),
                               studio_language)

    def release_languages(self) -> dict[str, ReleaseTextRecord | None]:
        """Every language Linework speaks → its own newest release text, or None when the
        admin has not written one in it yet (its readers see the studio's language's)."""
        with self.unit_of_work(write=False) as uow:
            found = current_releases(uow.session)
            if not found:  # nothing stored yet: the default text, in the studio's language
                language = read_settings(uow.session).language
                found = {language: release_record(None, language)}
        return {code: found.get(code) for code in LANGUAGES}

    def release_history(self, actor: Actor, language: str | None = None) -> list[ReleaseTextRecord]:
        """Every version of ``language``'s text (None: the studio's language), newest first;
        empty for a language that has none (the studio's: the default text). Needs
        MANAGE_INTAKE or EDIT_RELEASE_TEXT."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize_active(uow, actor)
            if not can(staff.role, Permission.MANAGE_INTAKE):
                require(staff.role, Permission.EDIT_RELEASE_TEXT)
            studio_language = read_settings(uow.session).language
            language = clean_release_language(language, studio_language)
            rows = uow.session.scalars(select(ReleaseText).where(ReleaseText.language == language)
                                       .order_by(ReleaseText.version.desc())).all()
            if not rows and language == studio_language and not current_releases(uow.session):
                return [release_record(None, language)]
            return [release_record(r) for r in rows]

    def set_release_text(self, actor: Actor, body: str, language: str | None = None) -> ReleaseTextRecord:
        """Save ``body`` as the next version of ``language``'s text (None: the studio's
        language); forms opened from now on in that language show it, and forms already
        open are signed against the version they showed. Needs EDIT_RELEASE_TEXT."""
        text = "\n".join(line.rstrip() for line in str(body).replace("\r\n", "\n").split("\n")).strip()
        if not text:
            raise ValidationError(_("Write the release text clients sign."), field="release")
        if len(text) > RELEASE_MAX:
            raise ValidationError(_("The release text can be at most {count} characters.").format(
                count=number(RELEASE_MAX)), field="release")
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_RELEASE_TEXT)
            studio_language = read_settings(uow.session).language
            language = clean_release_language(language, studio_language)
            # The studio's default text is version 1 of its language, as phones saw it so far.
            seed_release(uow.session, self.clock(), studio_language)
            current = current_release(uow.session, language)
            if current is not None and current.body == text:
                return release_record(current)
            row = ReleaseText(language=language, version=current.version + 1 if current else 1, body=text,
                              created_at=self.clock(), created_by_name=actor.name)
            uow.session.add(row)
            # Translators: {version} is the release text's new version number.
            detail = (Words(N_("version {version}"), version=row.version) if language == DEFAULT_LANGUAGE
                      # Translators: {language} is a language's name in itself ("Español"), {version} a number.
                      else Words(N_("{language} version {version}"), language=LANGUAGES.get(language, language),
                                 version=row.version))
            audit_log.record(uow.session, row.created_at, audit_log.INTAKE_RELEASE_CHANGED, actor=actor,
                             subject_type="intake", subject=RELEASE_SUBJECT, detail=detail)
            uow.commit()
            self.generation += 1
            return release_record(row)


    # ---- the Intake page

    def desk(self, actor: Actor, status: SubmissionStatus | str | None = SubmissionStatus.PENDING,
             consents: ConsentFilter | None = None, *, limit: int = PAGE_LIMIT,
             consent_limit: int = PAGE_LIMIT, box_size: int = 10) -> IntakeDesk:
        """What the Intake page shows, in one unit of work: the first ``limit`` submissions in
        ``status`` with their count, how many wait, the walk-in code (issued or rotated as
        ``walkin_qr`` does), and, for roles with VIEW_CONSENTS, the first ``consent_limit``
        consents matching ``consents`` (None: the last twelve months up to the studio's
        today). Needs MANAGE_INTAKE."""
        with self.unit_of_work() as uow:
            staff = self.authorize(uow, actor, Permission.MANAGE_INTAKE)
            zone = read_settings(uow.session).timezone
            today = to_local(self.clock(), zone).date()
            flt = consents if consents is not None else ConsentFilter(since=year_before(today), until=today)
            url, issued = self._walkin_in(uow, actor)
            pending = pending_count(uow.session)
            submissions = self._submissions.first_page_in(uow, status, limit)
            consent_rows = (self._consents.first_page_in(uow, flt, consent_limit)
                            if can(staff.role, Permission.VIEW_CONSENTS) else None)
        walkin = QrCode(url=url, png=render_qr_png(url, box_size=box_size), issued_at=issued, expires_at=None)
        return IntakeDesk(timezone=zone, today=today, pending=pending, submissions=submissions,
                          walkin=walkin, consent_filter=flt, consents=consent_rows)

    def search_consents_page(self, actor: Actor, consents: ConsentFilter, *,
                             limit: int = PAGE_LIMIT) -> RowsPage[ConsentRecord]:
        """The first ``limit`` consents matching ``consents`` and how many match: the
        consent search's first screenful. Needs VIEW_CONSENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CONSENTS)
            return self._consents.first_page_in(uow, consents, limit)

    # ---- submissions (review.py)

    def pending_count(self, actor: Actor) -> int:
        """How many submissions wait for the desk. Needs MANAGE_INTAKE."""
        return self._submissions.pending_count(actor)

    def submissions(self, actor: Actor, status: SubmissionStatus | str | None = SubmissionStatus.PENDING,
                    *, before: tuple[datetime, int] | None = None, limit: int = PAGE_LIMIT) -> list[SubmissionRow]:
        """A page of submissions, newest first; see Submissions.submissions. Needs MANAGE_INTAKE."""
        return self._submissions.submissions(actor, status, before=before, limit=limit)

    def review(self, actor: Actor, submission_id: int) -> SubmissionReview:
        """The submission next to the client record; see Submissions.review. Needs MANAGE_INTAKE."""
        return self._submissions.review(actor, submission_id)

    def photos(self, actor: Actor, submission_id: int) -> list[bytes | None]:
        """Every reference photo of a submission; see Submissions.photos. Needs MANAGE_INTAKE."""
        return self._submissions.photos(actor, submission_id)

    def photo(self, actor: Actor, submission_id: int, position: int) -> bytes:
        """One reference photo (JPEG). Needs MANAGE_INTAKE; raises NotFound."""
        return self._submissions.photo(actor, submission_id, position)

    def record_id_check(self, actor: Actor, submission_id: int, id_type: str, last4: str) -> SubmissionRow:
        """Record a photo-ID check; see Submissions.record_id_check. Needs MANAGE_INTAKE; audited."""
        return self._submissions.record_id_check(actor, submission_id, id_type, last4)

    def reject(self, actor: Actor, submission_id: int, reason: str = "") -> SubmissionRow:
        """Turn a submission down; see Submissions.reject. Needs MANAGE_INTAKE."""
        return self._submissions.reject(actor, submission_id, reason)

    # ---- accepting (accept.py)

    def accept(self, actor: Actor, submission_id: int, *, take: set[str] | None = None,
               client_id: int | None = None, allow_duplicate: bool = False) -> AcceptResult:
        """File the submission under a client, all or nothing; see Accepting.accept for what
        is taken and what is raised. Needs MANAGE_INTAKE (and what ClientService needs)."""
        return self._accepting.accept(actor, submission_id, take=take, client_id=client_id,
                                      allow_duplicate=allow_duplicate)

    # ---- the consent archive (consents.py)

    def consents_for_client(self, actor: Actor, client_id: int) -> list[ConsentRecord]:
        """The client's signed consents, newest first. Needs VIEW_CONSENTS."""
        return self._consents.consents_for_client(actor, client_id)

    def search_consents(self, actor: Actor, query: str = "", since: date | None = None,
                        until: date | None = None, *, before: tuple[datetime, int] | None = None,
                        limit: int = PAGE_LIMIT) -> list[ConsentRecord]:
        """A page of consents matching the filter; see ConsentArchive.search_consents. Needs
        VIEW_CONSENTS."""
        return self._consents.search_consents(actor, query, since, until, before=before, limit=limit)

    def consents_on_file(self, actor: Actor, client_id: int) -> list[ConsentOnFile]:
        """That the client signed consents, without the PDFs. Needs VIEW_CLIENTS."""
        return self._consents.consents_on_file(actor, client_id)

    def consent_pdf(self, actor: Actor, consent_id: int) -> Path:
        """The consent PDF's path, to open or print. Needs VIEW_CONSENTS; audited."""
        return self._consents.consent_pdf(actor, consent_id)

    def copy_consent_pdf(self, actor: Actor, consent_id: int, destination: Path) -> Path:
        """Copy the consent PDF to ``destination``. Needs VIEW_CONSENTS; audited."""
        return self._consents.copy_consent_pdf(actor, consent_id, destination)


def clean_release_language(language: str | None, studio_language: str) -> str:
    """``language`` as one of LANGUAGES (None: the studio's); ValidationError otherwise."""
    if language is None:
        return supported(studio_language) or DEFAULT_LANGUAGE
    found = supported(language)
    if found is None:
        raise ValidationError(_("Choose one of the languages Linework speaks: {names}.").format(
            names=", ".join(LANGUAGES.values())), field="language")
    return found


def year_before(day: date) -> date:
    """The same day a year earlier (28 Feb for 29 Feb)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
