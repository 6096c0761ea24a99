"""Clients: the list and its search, the client form, the medical section, photos, the
intake QR code, duplicates and optimistic locking. Data rights (export and erase) are in
services/clients/rights.py.

Every write re-derives the client's folded search keys (``search_name``, ``search_email``,
``phone_digits``) and search terms; what a query matches is described in
services/clients/search.py.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import delete, insert, or_, select, update

from studio.db import UnitOfWork
from studio.models import Client, ClientSearchTerm
from studio.services.clients import photos
from studio.services.clients.forms import (
    CleanClient,
    age_on,
    checks_from_text,
    checks_to_text,
    clean_client,
    clean_medical,
    one_line,
)
from studio.services.clients.records import (
    CONTACT_FIELDS,
    CONTACT_LABELS,
    MEDICAL_LABELS,
    MEDICAL_TEXT_NAMES,
    ClientDetail,
    ClientInput,
    ClientMatch,
    ClientRow,
    ClientSearch,
    ClientSort,
    MedicalInfo,
)
from studio.services.clients.relations import ClientRelations
from studio.services.clients.search import (
    SEARCH_COUNT_CAP,
    C,
    count_matches,
    derived_columns,
    first_page,
    page_rows,
    parse_sort,
    rarest_first,
    term_records,
)
from studio.services.common import audit_log, folding, formats, phones
from studio.services.common.audit_log import Words
from studio.services.common.base import Service, flush_versioned
from studio.services.common.events import ClientCreated
from studio.services.common.errors import Conflict, DuplicateClient, FormErrors, NotFound
from studio.services.common.i18n import N_, _, ngettext
from studio.services.common.localtime import to_local
from studio.services.common.permissions import Permission
from studio.services.common.qr import new_qr_token
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings_and_region

log = logging.getLogger(__name__)

PAGE_LIMIT_MAX = 1_000
_FOUND = "clients found"  # session.info key: (ids in name order, every match read)
SUBJECT_TYPE = "client"
# Translators: the subject of the audit rows about a client who was erased.
ERASED_SUBJECT = Words(N_("erased client"))

_CONTACT_FIELDS = (*CONTACT_FIELDS, "notes")
# How the audit log names each field (the client form's labels).
_FIELD_LABELS = {**CONTACT_LABELS, "notes": N_("Notes")}
_MEDICAL_FIELDS = MEDICAL_TEXT_NAMES


# ---------------------------------------------------------------- the service

class ClientService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        # What other areas tell about a client (visit dates, care relationships): relations.py.
        self.relations = ClientRelations()

    # ---- context every call needs

    def _context(self, session) -> tuple[str, date, str]:
        return studio_context(session, self.clock)

    # ---- the list

    def count(self, actor: Actor, query: str = "", *, at_most: int | None = None) -> int:
        """How many clients match ``query`` (see the module docstring for what matches);
        with ``at_most``, counting stops there (a search box shows "1,000+" instead of
        reading every match of a one-letter query). Needs VIEW_CLIENTS."""
        words = folding.query_terms(query or "")
        with self.unit_of_work(write=False) as uow:
            self.check_access(uow, actor, Permission.VIEW_CLIENTS)
            return count_matches(uow.session, rarest_first(uow.session, words), at_most)

    def page(self, actor: Actor, query: str = "", offset: int = 0, limit: int = 100,
             sort: ClientSort | str = ClientSort.NAME, descending: bool = False) -> list[ClientRow]:
        """Rows ``offset``..``offset+limit`` of the clients matching ``query`` in ``sort``
        order (ties by id, so consecutive pages never overlap or skip). Needs VIEW_CLIENTS;
        raises ValidationError (field "sort") for an unknown sort."""
        sort = parse_sort(sort)
        offset = max(0, int(offset))
        limit = _page_limit(limit)
        words = folding.query_terms(query or "")
        with self.unit_of_work(write=False) as uow:
            self.check_access(uow, actor, Permission.VIEW_CLIENTS)
            region, today, _zone = self._context(uow.session)
            rows = page_rows(uow.session, rarest_first(uow.session, words), _ROW_COLUMNS, sort,
                             descending, offset, limit)
            visits = self._visits(uow.session, rows)
        return _client_rows(rows, region, today, visits)

    def search(self, actor: Actor, query: str = "", limit: int = 100,
               sort: ClientSort | str = ClientSort.NAME, descending: bool = False) -> ClientSearch:
        """What a search box shows for ``query``: the number of matches, counted up to
        SEARCH_COUNT_CAP + 1 (so "1,000+" can be told apart), and the first ``limit`` rows,
        exactly as ``count(at_most=SEARCH_COUNT_CAP + 1)`` and ``page(offset=0)`` would
        give them, in one unit of work. Needs VIEW_CLIENTS; raises ValidationError (field
        "sort") for an unknown sort."""
        sort = parse_sort(sort)
        with self.unit_of_work(write=False) as uow:
            return self.search_in(uow, actor, query, limit, sort=sort, descending=descending)

    def search_in(self, uow: UnitOfWork, actor: Actor, query: str, limit: int, *,
                  sort: ClientSort = ClientSort.NAME, descending: bool = False,
                  count_at_most: int | None = None) -> ClientSearch:
        """``search`` inside the caller's unit of work (the global search asks every kind in
        one), its count stopping at ``count_at_most`` (default SEARCH_COUNT_CAP + 1).
        Needs VIEW_CLIENTS."""
        limit = _page_limit(limit)
        if count_at_most is None:
            count_at_most = SEARCH_COUNT_CAP + 1
        words = folding.query_terms(query or "")
        self.check_access(uow, actor, Permission.VIEW_CLIENTS)
        region, today, _zone = self._context(uow.session)
        total, rows = first_page(uow.session, rarest_first(uow.session, words), _ROW_COLUMNS,
                                 sort, descending, limit, count_at_most)
        if sort is ClientSort.NAME and not descending:
            # For ids_in() later in this unit of work (another kind of the global search).
            uow.session.info[(_FOUND, query)] = ([r[0] for r in rows], total <= len(rows))
        return ClientSearch(total, _client_rows(rows, region, today, self._visits(uow.session, rows)))

    def ids_in(self, uow: UnitOfWork, actor: Actor, query: str, limit: int) -> list[int]:
        """The ids of the first ``limit`` clients matching ``query`` in name order, not
        counted: what another kind of the global search needs to find a client's records.
        Taken from a search_in() of the same query in this unit of work when it read
        enough. Needs VIEW_CLIENTS."""
        words = folding.query_terms(query or "")
        if not words:
            return []
        self.check_access(uow, actor, Permission.VIEW_CLIENTS)
        found = uow.session.info.get((_FOUND, query))
        if found is not None and (len(found[0]) >= limit or found[1]):
            return found[0][:limit]
        rows = page_rows(uow.session, rarest_first(uow.session, words), (C.id,), ClientSort.NAME, False,
                         0, _page_limit(limit))
        return [r[0] for r in rows]

    def _visits(self, session, rows) -> dict:
        provider = self.relations.visit_dates
        if provider is None or not rows:
            return {}
        return provider.visits(session, [r[0] for r in rows], self.clock())

    def get(self, actor: Actor, client_id: int) -> ClientDetail:
        """The client form's data, without the medical section. Needs VIEW_CLIENTS;
        raises NotFound."""
        with self.unit_of_work(write=False) as uow:
            client = self.get_in(uow, actor, client_id)
            region, today, _zone = self._context(uow.session)
            return self._detail(client, region, today)

    def get_in(self, uow: UnitOfWork, actor: Actor, client_id: int) -> Client:
        """``get`` inside the caller's unit of work; the row never leaves it."""
        self.authorize(uow, actor, Permission.VIEW_CLIENTS)
        return get_client(uow.session, client_id)

    @staticmethod
    def _detail(c: Client, region: str, today: date) -> ClientDetail:
        return ClientDetail(
            id=c.id, full_name=c.full_name, preferred_name=c.preferred_name, pronouns=c.pronouns,
            date_of_birth=c.date_of_birth, age=age_on(c.date_of_birth, today), phone=c.phone,
            phone_display=phones.pick_display(c.phone_national, c.phone_international, region),
            email=c.email,
            address=c.address, emergency_name=c.emergency_name, emergency_phone=c.emergency_phone,
            emergency_phone_display=phones.display_phone(c.emergency_phone, region),
            notes=c.notes, has_medical_notes=c.has_medical, has_photo=bool(c.photo_file),
            created_at=c.created_at, updated_at=c.updated_at, updated_by_name=c.updated_by_name,
            version=c.version,
        )

    # ---- the medical section

    def medical(self, actor: Actor, client_id: int) -> MedicalInfo:
        """The client's health section. Needs VIEW_MEDICAL; every call is audited."""
        with self.unit_of_work() as uow:
            info = self.medical_in(uow, actor, client_id)
            uow.commit()
            return info

    def medical_in(self, uow: UnitOfWork, actor: Actor, client_id: int) -> MedicalInfo:
        """``medical`` inside the caller's unit of work (the audit row commits with it).
        An artist reads only the clients they look after (relations.py): PermissionDenied
        otherwise."""
        staff = self.authorize(uow, actor, Permission.VIEW_MEDICAL)
        client = get_client(uow.session, client_id)
        self.relations.check_care(uow.session, staff, client.id, self.clock())
        audit_log.record(uow.session, self.clock(), audit_log.CLIENT_MEDICAL_VIEWED, actor=actor,
                         subject_type=SUBJECT_TYPE, subject_id=client.id, subject=client.full_name)
        return medical_of(client)

    # ---- checking and duplicates

    def validate(self, actor: Actor, data: ClientInput, medical: MedicalInfo | None = None) -> None:
        """Check the whole form without saving. Raises FormErrors with every problem
        (medical fields keyed "medical.<name>"). Needs VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            region, today, _zone = self._context(uow.session)
        self._clean(data, medical, region, today)

    @staticmethod
    def _clean(data: ClientInput, medical: MedicalInfo | None, region: str,
               today: date) -> tuple[CleanClient, MedicalInfo | None]:
        clean, errors = clean_client(data, region=region, today=today)
        clean_med = None
        if medical is not None:
            clean_med, medical_errors = clean_medical(medical)
            errors.update(medical_errors)
        if errors:
            raise FormErrors(errors)
        assert clean is not None
        return clean, clean_med

    def find_duplicates(self, actor: Actor, phone: str = "", email: str = "",
                        exclude_id: int | None = None) -> list[ClientMatch]:
        """Clients with this phone (compared in E.164) or email (ignoring case and
        accents). Unparsable input matches nothing. Needs VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            return self.duplicates_in(uow, actor, phone, email, exclude_id)

    def duplicates_in(self, uow: UnitOfWork, actor: Actor, phone: str = "", email: str = "",
                      exclude_id: int | None = None) -> list[ClientMatch]:
        """``find_duplicates`` inside the caller's unit of work (the intake review)."""
        self.authorize(uow, actor, Permission.VIEW_CLIENTS)
        region, _today, _zone = self._context(uow.session)
        return self._duplicates(uow.session, region, phones.try_normalize_phone(phone, region),
                                folding.email_key(one_line(email)), exclude_id)

    @staticmethod
    def _duplicates(session, region: str, e164: str, email_key: str,
                    exclude_id: int | None) -> list[ClientMatch]:
        conditions = []
        if e164:
            conditions.append(Client.phone == e164)
        if email_key:
            conditions.append(Client.search_email == email_key)
        if not conditions:
            return []
        statement = select(Client.id, Client.full_name, Client.phone, Client.phone_national,
                           Client.phone_international, Client.email,
                           Client.search_email).where(or_(*conditions))
        if exclude_id is not None:
            statement = statement.where(Client.id != exclude_id)
        matches = []
        for r in session.execute(statement.order_by(Client.search_name, Client.id).limit(20)):
            on = tuple(label for label, hit in (("phone", bool(e164) and r.phone == e164),
                                                 ("email", bool(email_key) and r.search_email == email_key))
                       if hit)
            matches.append(ClientMatch(r.id, r.full_name,
                                       phones.pick_display(r.phone_national, r.phone_international, region),
                                       r.email, on))
        return matches

    # ---- writing

    def create(self, actor: Actor, data: ClientInput, *, medical: MedicalInfo | None = None,
               photo: bytes | None = None, allow_duplicate: bool = False) -> ClientDetail:
        """Add a client. Needs EDIT_CLIENTS (and EDIT_MEDICAL when ``medical`` is given).
        Raises FormErrors (every bad field), DuplicateClient when the phone or email is
        already on file and ``allow_duplicate`` is False. Nothing is saved on error."""
        with self.unit_of_work() as uow:
            client = self.create_in(uow, actor, data, medical=medical, photo=photo,
                                    allow_duplicate=allow_duplicate)
            region, today, _zone = self._context(uow.session)
            try:
                uow.commit()
            except BaseException:
                photos.delete_photo(self.data_dir, client.photo_file)
                raise
            return self._detail(client, region, today)

    def create_in(self, uow: UnitOfWork, actor: Actor, data: ClientInput, *,
                  medical: MedicalInfo | None = None, photo: bytes | None = None,
                  allow_duplicate: bool = False) -> Client:
        """``create`` inside the caller's unit of work, which commits (and, should the commit
        fail, deletes the stored photo, ``Client.photo_file``). The row never leaves it."""
        self.authorize(uow, actor, Permission.EDIT_CLIENTS)
        if medical is not None:
            self.authorize(uow, actor, Permission.EDIT_MEDICAL)
        region, today, _zone = self._context(uow.session)
        clean, clean_med = self._clean(data, medical, region, today)
        jpeg = photos.prepare_photo(photo) if photo is not None else None
        if not allow_duplicate:
            matches = self._duplicates(uow.session, region, clean.phone,
                                       folding.email_key(clean.email), None)
            if matches:
                raise DuplicateClient(_duplicate_message(matches), matches)
        now = self.clock()
        client = Client(qr_id=new_qr_token(), created_at=now)
        _apply_contact(client, clean)
        _apply_medical(client, clean_med or MedicalInfo())
        _stamp(client, actor, now)
        photo_name = photos.store_photo(self.data_dir, jpeg) if jpeg else None
        try:
            client.photo_file = photo_name
            uow.session.add(client)
            uow.session.flush()
            _write_terms(uow.session, client)
            detail = Words(N_("with medical information")) if clean_med and not clean_med.is_empty else ""
            audit_log.record(uow.session, now, audit_log.CLIENT_ADDED, actor=actor,
                             subject_type=SUBJECT_TYPE, subject_id=client.id,
                             subject=client.full_name, detail=detail)
        except BaseException:
            photos.delete_photo(self.data_dir, photo_name)
            raise
        self.publish_after(uow, ClientCreated(client.id, client.full_name))
        return client

    def update(self, actor: Actor, client_id: int, data: ClientInput, *, version: int,
               medical: MedicalInfo | None = None) -> ClientDetail:
        """Save the form loaded at ``version``. ``medical=None`` leaves the medical section
        as it is. Needs EDIT_CLIENTS (and EDIT_MEDICAL with ``medical``). Raises FormErrors,
        NotFound, or Conflict when someone saved the client since ``version``."""
        with self.unit_of_work() as uow:
            client = self.update_in(uow, actor, client_id, data, version=version, medical=medical)
            region, today, _zone = self._context(uow.session)
            uow.commit()
            return self._detail(client, region, today)

    def update_in(self, uow: UnitOfWork, actor: Actor, client_id: int, data: ClientInput, *,
                  version: int, medical: MedicalInfo | None = None) -> Client:
        """``update`` inside the caller's unit of work, which commits. The row never leaves it."""
        self.authorize(uow, actor, Permission.EDIT_CLIENTS)
        if medical is not None:
            self.authorize(uow, actor, Permission.EDIT_MEDICAL)
        region, today, zone = self._context(uow.session)
        clean, clean_med = self._clean(data, medical, region, today)
        client = get_client(uow.session, client_id)
        self._check_version(client, version, zone)
        changed = [name for name in _CONTACT_FIELDS if getattr(client, name) != getattr(clean, name)]
        medical_changed = _medical_changes(medical_of(client), clean_med) if clean_med else []
        if not changed and not medical_changed:
            return client
        now = self.clock()
        _apply_contact(client, clean)
        if clean_med is not None:
            _apply_medical(client, clean_med)
        _stamp(client, actor, now)
        if changed:
            audit_log.record(uow.session, now, audit_log.CLIENT_UPDATED, actor=actor,
                             subject_type=SUBJECT_TYPE, subject_id=client.id,
                             subject=client.full_name, detail=_changed(_FIELD_LABELS[name] for name in changed))
        if medical_changed:
            audit_log.record(uow.session, now, audit_log.CLIENT_MEDICAL_CHANGED, actor=actor,
                             subject_type=SUBJECT_TYPE, subject_id=client.id,
                             subject=client.full_name,
                             detail=_changed(MEDICAL_LABELS[name] for name in medical_changed))
        self._flush_versioned(uow.session, client, zone)
        _write_terms(uow.session, client)
        return client

    def _check_version(self, client: Client, version: int, zone: str) -> None:
        if client.version != version:
            raise Conflict(self._conflict_message(client, zone))

    def _conflict_message(self, client: Client, zone: str) -> str:
        at = formats.moment(client.updated_at, zone, to_local(self.clock(), zone).date())
        if not client.updated_by_name:
            # Translators: {at} is a time, or a time and a date.
            return _("This client was changed by someone else at {at} — reload to see the changes; "
                     "nothing was saved.").format(at=at)
        # Translators: {who} is a staff member's name; {at} is a time, or a time and a date.
        return _("This client was changed by {who} at {at} — reload to see the changes; "
                 "nothing was saved.").format(who=client.updated_by_name, at=at)

    def _flush_versioned(self, session, client: Client, zone: str) -> None:
        flush_versioned(session, client, gone=_("That client was erased meanwhile; nothing was saved."),
                        changed=lambda fresh: self._conflict_message(fresh, zone))

    # ---- the client's intake code (its token is on the client's row; intake hands it out)

    def renew_qr_in(self, uow: UnitOfWork, actor: Actor, client_id: int) -> Client:
        """Give the client a fresh intake token, issued now and unused, inside the caller's
        unit of work (which audits and commits); the old token stops working. Returns the
        row with its new token; it never leaves the unit of work. Needs RENEW_CLIENT_QR;
        raises NotFound."""
        self.authorize(uow, actor, Permission.RENEW_CLIENT_QR)
        client = get_client(uow.session, client_id)
        # One UPDATE, not an ORM change: a new code is not an edit of the client, so their
        # version (and a form open on them elsewhere) stays as it is.
        uow.session.execute(update(Client).where(Client.id == client_id)
                            .values(qr_id=new_qr_token(), qr_issued_at=self.clock(), qr_used_at=None))
        return client

    @staticmethod
    def spend_qr_in(uow: UnitOfWork, client_id: int, when: datetime) -> None:
        """Mark the client's intake token used (a submission spent it), unless it already is;
        inside the caller's unit of work. No permission: the caller (the phone desk, which
        has no staff member behind it, or an accepting reviewer) checked the token or role."""
        # An UPDATE, not an ORM change, for the reason renew_qr_in gives.
        uow.session.execute(update(Client).where(Client.id == client_id, Client.qr_used_at.is_(None))
                            .values(qr_used_at=when))

    # ---- photo

    def set_photo(self, actor: Actor, client_id: int, image: bytes | None) -> ClientDetail:
        """Replace the client's photo (``None`` removes it). Needs EDIT_CLIENTS; raises
        ValidationError (field "photo") for a file that is not a picture. The client's
        version moves on: the form should keep the returned one."""
        jpeg = photos.prepare_photo(image) if image is not None else None
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_CLIENTS)
            region, today, zone = self._context(uow.session)
            client = get_client(uow.session, client_id)
            old = client.photo_file
            if jpeg is None and old is None:
                return self._detail(client, region, today)
            new = photos.store_photo(self.data_dir, jpeg) if jpeg else None
            try:
                now = self.clock()
                client.photo_file = new
                _stamp(client, actor, now)
                what = (N_("photo removed") if new is None else N_("photo replaced") if old else N_("photo added"))
                audit_log.record(uow.session, now, audit_log.CLIENT_PHOTO_CHANGED, actor=actor,
                                 subject_type=SUBJECT_TYPE, subject_id=client.id,
                                 subject=client.full_name, detail=Words(what))
                self._flush_versioned(uow.session, client, zone)
                uow.commit()
            except BaseException:
                photos.delete_photo(self.data_dir, new)
                raise
        photos.delete_photo(self.data_dir, old)
        return self._detail(client, region, today)

    def photo(self, actor: Actor, client_id: int) -> bytes | None:
        """The client's photo as JPEG bytes, or None. Needs VIEW_CLIENTS."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_CLIENTS)
            name = get_client(uow.session, client_id).photo_file
        if not name:
            return None
        try:
            return photos.photo_path(self.data_dir, name).read_bytes()
        except (OSError, ValueError):
            log.warning("photo file of client %s is missing", client_id)
            return None


# ---------------------------------------------------------------- row helpers

def studio_context(session, clock) -> tuple[str, date, str]:
    """(phone region, studio's local today, studio time zone)."""
    settings, region = read_settings_and_region(session)
    return region, to_local(clock(), settings.timezone).date(), settings.timezone


def get_client(session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(_("That client no longer exists."))
    return client


_ROW_COLUMNS = (C.id, C.full_name, C.preferred_name, C.phone, C.phone_national,
                C.phone_international, C.email, C.date_of_birth, C.has_medical)


def _page_limit(limit: int) -> int:
    return max(0, min(int(limit), PAGE_LIMIT_MAX))


def _client_rows(rows, region: str, today: date, visits: dict | None = None) -> list[ClientRow]:
    """ClientRow records of _ROW_COLUMNS rows, with their visit dates (id → (last, next))."""
    display = phones.pick_display
    visits = visits or {}
    none = (None, None)
    # Positional unpacking: this loop runs for every row of every keystroke.
    return [
        ClientRow(id_, full, preferred, phone, display(national, international, region), email,
                  born, age_on(born, today), has_medical, *visits.get(id_, none))
        for id_, full, preferred, phone, national, international, email, born, has_medical in rows
    ]


def _duplicate_message(matches: list[ClientMatch]) -> str:
    """What the first look-alike shares with the client being entered, and how many others do."""
    first, others = matches[0], len(matches) - 1
    name, on = first.full_name, set(first.matched_on)
    # Translators: {name} is a client's name; {n} counts other clients that look alike.
    if on == {"phone"}:
        text = (ngettext("{name} already has this phone (and {n} more). Open that client, or save anyway.",
                         "{name} already has this phone (and {n} more). Open that client, or save anyway.", others)
                if others else _("{name} already has this phone. Open that client, or save anyway."))
    elif on == {"email"}:
        text = (ngettext("{name} already has this email (and {n} more). Open that client, or save anyway.",
                         "{name} already has this email (and {n} more). Open that client, or save anyway.", others)
                if others else _("{name} already has this email. Open that client, or save anyway."))
    else:
        text = (ngettext("{name} already has this phone and email (and {n} more). Open that client, "
                         "or save anyway.",
                         "{name} already has this phone and email (and {n} more). Open that client, "
                         "or save anyway.", others)
                if others else _("{name} already has this phone and email. Open that client, or save anyway."))
    return text.format(name=name, n=others)


def _apply_contact(client: Client, clean: CleanClient) -> None:
    for name in _CONTACT_FIELDS:
        setattr(client, name, getattr(clean, name))
    for column, value in derived_columns(clean.full_name, clean.preferred_name, clean.email,
                                         clean.phone).items():
        setattr(client, column, value)


def medical_of(client: Client) -> MedicalInfo:
    return MedicalInfo(checks=checks_from_text(client.medical_checks),
                       **{field: getattr(client, column) for field, column in _MEDICAL_FIELDS.items()})


def _apply_medical(client: Client, info: MedicalInfo) -> None:
    client.medical_checks = checks_to_text(info.checks)
    for field, column in _MEDICAL_FIELDS.items():
        setattr(client, column, getattr(info, field))
    client.has_medical = not info.is_empty


def _changed(labels) -> Words:
    """An edit's detail: the labels (msgids) of the fields it changed."""
    # Translators: {fields} lists the fields an edit changed, e.g. "Phone, Notes".
    return Words(N_("changed: {fields}"), fields=[Words(label) for label in labels])


def _medical_changes(old: MedicalInfo, new: MedicalInfo | None) -> list[str]:
    if new is None:
        return []
    names = ["checks"] if old.checks != new.checks else []
    return names + [field for field in _MEDICAL_FIELDS if getattr(old, field) != getattr(new, field)]


def _stamp(client: Client, actor: Actor, now: datetime) -> None:
    client.updated_at = now
    client.updated_by_id = actor.staff_id
    client.updated_by_name = actor.name


def _write_terms(session, client: Client) -> None:
    session.execute(delete(ClientSearchTerm).where(ClientSearchTerm.client_id == client.id))
    rows = term_records(client.id, client.full_name, client.preferred_name, client.email,
                        client.phone, client.phone_national, client.search_name)
    if rows:
        session.execute(insert(ClientSearchTerm), rows)
