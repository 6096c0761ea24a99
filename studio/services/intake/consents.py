"""The archive of signed consents: the PDFs in the data folder's consents/ and their rows,
listed per client and searched by name and date range (for a health inspection)."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from studio.clock import Clock
from studio.db import UnitOfWork
from studio.models import Consent
from studio.services.clients import ClientRelations
from studio.services.common import audit_log, folding, formats
from studio.services.common.audit_log import Text, Words
from studio.services.common.errors import NotFound, StorageError
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.intake.access import Access
from studio.services.common.paging import PAGE_LIMIT, RowsPage, newer_first_after, page_limit
from studio.services.intake.records import ConsentFilter, ConsentOnFile, ConsentRecord

log = logging.getLogger(__name__)

CONSENTS_DIR = "consents"


def consents_dir(data_dir: Path) -> Path:
    return data_dir / CONSENTS_DIR



def consent_record(c: Consent, data_dir: Path) -> ConsentRecord:
    return ConsentRecord(id=c.id, client_id=c.client_id, client_name=c.client_name,
                         release_version=c.release_version, signed_at=c.signed_at,
                         accepted_at=c.accepted_at, accepted_by_name=c.accepted_by_name,
                         pdf_path=consents_dir(data_dir) / c.pdf_file, language=c.language)



@dataclass(frozen=True)
class StagedPdf:
    """A consent PDF written under its final name's ``.part`` twin, waiting for the commit
    of its consent row; ``publish`` gives it the final name, ``discard`` removes it."""

    folder: Path
    name: str

    @property
    def part(self) -> Path:
        return part_of(self.folder / self.name)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def publish(self) -> None:
        """The last step of a filing, after the commit. If it fails (or the app dies just
        before it), the consent row names a file that is still the ``.part``; opening the
        consent finishes the rename (consent_file), so nothing is lost or silently missing."""
        try:
            os.replace(self.part, self.path)
        except OSError:
            log.exception("consent PDF %s is committed but still named .part", self.name)

    def discard(self) -> None:
        try:
            self.part.unlink(missing_ok=True)
        except OSError:
            log.exception("could not remove the unused consent PDF %s", self.part.name)


def part_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


def stage_consent_pdf(data_dir: Path, pdf: bytes, submission_id: int, now: datetime) -> StagedPdf:
    """Write the PDF as a ``.part`` (synced to disk, so a committed consent never names an
    empty file). Raises StorageError with a sentence when the consents folder is unusable."""
    staged = StagedPdf(consents_dir(data_dir),
                       f"consent-{formats.stamp(now, with_time=False)}-{submission_id}-{secrets.token_hex(4)}.pdf")
    created = False
    try:
        staged.folder.mkdir(parents=True, exist_ok=True)
        with open(staged.part, "xb") as out:
            created = True
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        if created:
            staged.discard()
        # Translators: {reason} is the system's reason, e.g. "No space left on device".
        raise StorageError(_("The consent PDF could not be written to {folder}: {reason}. Nothing was accepted.")
                           .format(folder=staged.folder, reason=exc.strerror or exc)) from exc
    return staged


def consent_file(data_dir: Path, name: str) -> Path:
    """The consent PDF's path, finishing a rename that a filing left undone (see publish)."""
    path = consents_dir(data_dir) / name
    if not path.exists() and part_of(path).is_file():
        try:
            os.replace(part_of(path), path)
        except OSError:
            log.exception("could not finish the rename of consent PDF %s", name)
    return path


class ConsentArchive:
    """IntakeService's archive of signed consents (services/intake/service.py): their rows,
    and their PDFs in ``data_dir``."""

    def __init__(self, access: Access, clock: Clock, data_dir: Path, relations: ClientRelations | None = None) -> None:
        self.access = access
        # A consent holds health answers: an artist opens those of clients they look after.
        self.relations = relations or ClientRelations()
        self.clock = clock
        self.data_dir = data_dir

    def consents_for_client(self, actor: Actor, client_id: int) -> list[ConsentRecord]:
        """The client's signed consents, newest first. Needs VIEW_CONSENTS; an artist, to
        look after the client (PermissionDenied otherwise)."""
        with self.access.unit_of_work(write=False) as uow:
            staff = self.access.authorize(uow, actor, Permission.VIEW_CONSENTS)
            self.relations.check_care(uow.session, staff, client_id, self.clock())
            rows = uow.session.scalars(select(Consent).where(Consent.client_id == client_id)
                                       .order_by(Consent.signed_at.desc(), Consent.id.desc()))
            return [consent_record(c, self.data_dir) for c in rows]

    def search_consents(self, actor: Actor, query: str = "", since: date | None = None,
                        until: date | None = None, *, before: tuple[datetime, int] | None = None,
                        limit: int = PAGE_LIMIT) -> list[ConsentRecord]:
        """Up to ``limit`` consents matching the filter (see ConsentFilter), newest first
        (ties by id); with ``before`` (a consent's signed_at and id), those after it. For
        inspections. Needs VIEW_CONSENTS."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.VIEW_CONSENTS)
            return self.rows_in(uow, ConsentFilter(query, since, until), before, limit)

    def first_page_in(self, uow: UnitOfWork, flt: ConsentFilter, limit: int) -> RowsPage[ConsentRecord]:
        """The first page of ``search_consents`` and how many match, in the caller's unit of
        work, which has checked VIEW_CONSENTS."""
        total = uow.session.scalar(self._matching(uow, select(func.count()).select_from(Consent), flt)) or 0
        return RowsPage(total, tuple(self.rows_in(uow, flt, None, limit)))

    def rows_in(self, uow: UnitOfWork, flt: ConsentFilter, before: tuple[datetime, int] | None,
                limit: int) -> list[ConsentRecord]:
        statement = self._matching(uow, select(Consent), flt)
        if before is not None:
            statement = statement.where(newer_first_after(Consent.signed_at, Consent.id, before))
        rows = uow.session.scalars(statement.order_by(Consent.signed_at.desc(), Consent.id.desc())
                                   .limit(page_limit(limit)))
        return [consent_record(c, self.data_dir) for c in rows]

    @staticmethod
    def _matching(uow: UnitOfWork, statement, flt: ConsentFilter):
        zone = ZoneInfo(read_settings(uow.session).timezone)
        for word in folding.words(flt.query or "")[:folding.QUERY_WORDS_MAX]:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            statement = statement.where(
                (Consent.search_name.like(f"{escaped}%", escape="\\"))
                | (Consent.search_name.like(f"% {escaped}%", escape="\\")))
        if flt.since is not None:
            statement = statement.where(Consent.signed_at >= datetime.combine(flt.since, time(), zone))
        if flt.until is not None:
            statement = statement.where(Consent.signed_at < datetime.combine(flt.until + timedelta(days=1), time(), zone))
        return statement

    def consents_on_file(self, actor: Actor, client_id: int) -> list[ConsentOnFile]:
        """When the client signed consents and which release, newest first, without the
        PDFs: so the desk can say one is on file. Needs VIEW_CLIENTS."""
        with self.access.unit_of_work(write=False) as uow:
            self.access.authorize(uow, actor, Permission.VIEW_CLIENTS)
            rows = uow.session.execute(select(Consent.signed_at, Consent.release_version)
                                       .where(Consent.client_id == client_id)
                                       .order_by(Consent.signed_at.desc(), Consent.id.desc()))
            return [ConsentOnFile(signed_at=at, release_version=version) for at, version in rows]

    def _consent_file(self, uow, actor: Actor, consent_id: int) -> tuple[Consent, Path]:
        staff = self.access.authorize(uow, actor, Permission.VIEW_CONSENTS)
        consent = uow.session.get(Consent, consent_id)
        if consent is None:
            raise NotFound(_("That consent no longer exists."))
        self.relations.check_care(uow.session, staff, consent.client_id, self.clock())
        path = consent_file(self.data_dir, consent.pdf_file)
        if not path.is_file():
            raise StorageError(_("The consent's PDF is missing from {folder}; restore it from a backup.").format(
                folder=consents_dir(self.data_dir)))
        return consent, path

    def _audit_consent(self, uow, actor: Actor, action: str, consent: Consent, detail: Text) -> None:
        audit_log.record(uow.session, self.clock(), action, actor=actor, subject_type="client",
                         subject_id=consent.client_id or "", subject=consent.client_name, detail=detail)

    def consent_pdf(self, actor: Actor, consent_id: int) -> Path:
        """The PDF's path, to open or print. Needs VIEW_CONSENTS; audited (it holds health
        answers). Raises NotFound, StorageError when the file is gone."""
        with self.access.unit_of_work() as uow:
            consent, path = self._consent_file(uow, actor, consent_id)
            # Translators: {id} is a consent's number.
            self._audit_consent(uow, actor, audit_log.CONSENT_OPENED, consent, Words(N_("consent {id}"), id=consent.id))
            uow.commit()
            return path

    def copy_consent_pdf(self, actor: Actor, consent_id: int, destination: Path) -> Path:
        """Copy the PDF to ``destination`` (a file the person chose), replacing what is
        there. Needs VIEW_CONSENTS; audited with where it went, since the copy leaves the
        data folder. Raises NotFound, StorageError (with a sentence) when either file fails."""
        destination = Path(destination)
        with self.access.unit_of_work() as uow:
            consent, path = self._consent_file(uow, actor, consent_id)
            try:
                shutil.copyfile(path, destination)
            except OSError as exc:
                raise StorageError(_("The consent could not be saved to {destination}: {reason}.").format(
                    destination=destination, reason=exc.strerror or exc)) from exc
            self._audit_consent(uow, actor, audit_log.CONSENT_COPIED, consent,
                                # Translators: {id} is a consent's number, {path} the file it was saved to.
                                Words(N_("consent {id} saved to {path}"), id=consent.id, path=destination))
            uow.commit()
            return destination
