"""A client's data rights: export everything held about them, and erase them for good.

Both reach what other areas hold about the client through the client data holders they
register (clients/holders.py); the composition root registers them, so this module names
no other area.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import delete, select, update

from studio.models import AuditEvent, ClientSearchTerm
from studio.services.clients import photos
from studio.services.clients.holders import ClientDataHolder, HeldPart
from studio.services.clients.records import ClientExport
from studio.services.clients.service import ERASED_SUBJECT, SUBJECT_TYPE, get_client, medical_of, studio_context
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import StorageError, ValidationError
from studio.services.common.folding import same_name
from studio.services.common.formats import locale_for
from studio.services.common.i18n import N_, _, supported, using_language
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings


class ClientRightsService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        self._holders: list[ClientDataHolder] = []

    def register(self, holder: ClientDataHolder) -> None:
        """Add an area's part of a client's data to every export and erasure, after the
        parts registered before it. A second holder with the same name is refused."""
        if any(h.name == holder.name for h in self._holders):
            raise ValueError(f"a client data holder named {holder.name!r} is already registered")
        self._holders.append(holder)

    @property
    def holders(self) -> tuple[ClientDataHolder, ...]:
        return tuple(self._holders)

    def export_client(self, actor: Actor, client_id: int, folder: str | Path, *,
                      language: str | None = None) -> ClientExport:
        """Write everything held about the client (record, medical section, photo, audit
        rows about them, and each registered holder's part: phone forms, copies of signed
        consents, …) to ``folder`` as JSON, a readable PDF and the files beside them. Needs EXPORT_CLIENT; audited. Raises
        ValidationError (field "folder") when the folder is unusable.

        The PDF is written for the staff member who exports it: in ``language`` when given,
        else theirs (``actor.language``), else the studio's; its dates as that language is
        written in the studio's region and time zone. The JSON stays English (for machines)."""
        target = Path(folder)
        if not target.is_dir():
            raise ValidationError(_("Choose an existing folder to export to."), field="folder")
        with ExitStack() as speaking:
            return self._export(actor, client_id, target, language, speaking)

    def _export(self, actor: Actor, client_id: int, target: Path, language: str | None,
                speaking: ExitStack) -> ClientExport:
        from studio.services.clients.export import build_document, file_prefix, shown_trail, write_export

        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.EXPORT_CLIENT)
            region, today, zone = studio_context(uow.session, self.clock)
            client = get_client(uow.session, client_id)
            settings = read_settings(uow.session)
            studio_name = settings.name
            # The rest speaks the exporter's language: the holders' headings, the PDF, its errors.
            spoken = speaking.enter_context(using_language(supported(language) or actor.language or settings.language))
            locale = locale_for(spoken, region)
            events = uow.session.scalars(
                select(AuditEvent).where(AuditEvent.subject_type == SUBJECT_TYPE,
                                         AuditEvent.subject_id == str(client.id))
                .order_by(AuditEvent.at, AuditEvent.id)
            ).all()
            exported_at = self.clock()
            prefix = file_prefix(client.id, exported_at)
            held: list[HeldPart] = [h.export_part(uow.session, client.id, prefix) for h in self._holders]
            document = build_document(
                client, medical_of(client), events, region=region, today=today, zone=zone,
                studio_name=studio_name, exported_by=actor.name, exported_at=exported_at, held=held,
            )
            trail = shown_trail(events)
            photo_name = client.photo_file
        try:
            result = write_export(target, document, self.data_dir, photo_name, held, locale=locale, trail=trail)
        except OSError as exc:
            # Translators: {folder} is a folder's path; {reason} is the system's (English) reason.
            raise StorageError(_("The export could not be written to {folder}: {reason}.").format(
                folder=target, reason=exc.strerror or exc)) from exc
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EXPORT_CLIENT)
            client = get_client(uow.session, client_id)
            audit_log.record(uow.session, self.clock(), audit_log.CLIENT_EXPORTED, actor=actor,
                             subject_type=SUBJECT_TYPE, subject_id=client.id, subject=client.full_name,
                             # Translators: where a client's data was exported: two file names.
                             detail=Words(N_("to {json} and {pdf}"), json=result.json_path.name,
                                          pdf=result.pdf_path.name))
            uow.commit()
        return result

    def erase_client(self, actor: Actor, client_id: int, confirm_text: str) -> None:
        """Delete the client's personal data for good: the row, search terms, photo, and
        each registered holder's part (the intake's phone forms with their photos); audit
        rows about them stay (the law asks for the trail) with the name and details
        scrubbed, and so does what a holder must keep (the intake keeps signed consents,
        see services/intake/client_data.py). Needs ERASE_CLIENT; ``confirm_text`` must be the
        client's full name (ValidationError, field "confirm_text", otherwise). Audited."""

        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.ERASE_CLIENT)
            client = get_client(uow.session, client_id)
            if not same_name(confirm_text or "", client.full_name):
                raise ValidationError(
                    _("Type the client's full name ({name}) to erase them.").format(name=client.full_name),
                    field="confirm_text")
            photo_name = client.photo_file
            uow.session.execute(
                update(AuditEvent)
                .where(AuditEvent.subject_type == SUBJECT_TYPE, AuditEvent.subject_id == str(client.id))
                .values(**audit_log.scrubbed(ERASED_SUBJECT))
            )
            erased = [h.erase_part(uow.session, client.id, ERASED_SUBJECT) for h in self._holders]
            uow.session.execute(delete(ClientSearchTerm).where(ClientSearchTerm.client_id == client.id))
            uow.session.delete(client)
            kept = [part.kept for part in erased if part.kept]
            audit_log.record(uow.session, self.clock(), audit_log.CLIENT_ERASED, actor=actor,
                             subject_type=SUBJECT_TYPE, subject_id=client_id, subject=ERASED_SUBJECT,
                             detail=[Words(N_("personal data erased on request")), *kept])
            uow.session.flush()
            # Photos go before the commit: if one cannot be deleted, nothing is erased and
            # the person is told, rather than a photo outliving its record.
            files = [photos.photo_path(self.data_dir, photo_name)] if photo_name else []
            files += [path for part in erased for path in part.files]
            for path in files:
                try:
                    path.unlink(missing_ok=True)
                except OSError as exc:
                    # Translators: {reason} is the system's (English) reason.
                    raise StorageError(
                        _("A photo of the client's could not be deleted ({reason}); nothing was erased. "
                          "Check the data folder's permissions.").format(reason=exc.strerror or exc)) from exc
            uow.commit()
