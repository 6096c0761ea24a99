"""The audit log reads in its reader's language: who, the subject and the detail of rows the
services wrote come back translated in Spanish and Portuguese, with the data in them (names,
emails, numbers, zones) exactly as written; the English kept in the columns stays what the
text filter searches; a row older than the wording, or one whose wording is damaged, reads
as stored and the page still loads.

The catalogs are the real ones (studio/locale) with this file's translations of the audit
phrases laid over them, compiled into a temporary folder: the test does not wait for the
catalogs to be filled, and reads the real translations of the labels it reuses."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from studio.models import AuditEvent
from studio.services import audit
from studio.services.audit import AuditFilter
from studio.services.clients import ClientInput
from studio.services.common import AuthenticationFailed, audit_log, formats, i18n
from studio.services.common.audit_log import Nn_, Words
from tests.support import ADMIN_NAME, STUDIO_NAME, use_catalogs

# The audit phrases these rows use, as /work/tr/wt-audit.json translates them.
PHRASES = {
    "es": {
        "{label}: {old} → {new}": "{label}: {old} → {new}",
        "studio": "estudio",
        "role {role}": "rol {role}",
        "{old} → {new}": "{old} → {new}",
        "failure {number} of {most}": "fallo {number} de {most}",
        "command line": "línea de comandos",
        "reset from the command line": "restablecida desde la línea de comandos",
        "lockout lifted": "bloqueo levantado",
        "changed: {fields}": "cambió: {fields}",
    },
    "pt_BR": {
        "{label}: {old} → {new}": "{label}: {old} → {new}",
        "studio": "estúdio",
        "role {role}": "função {role}",
        "{old} → {new}": "{old} → {new}",
        "failure {number} of {most}": "falha {number} de {most}",
        "command line": "linha de comando",
        "reset from the command line": "redefinida pela linha de comando",
        "lockout lifted": "bloqueio removido",
        "changed: {fields}": "alterou: {fields}",
    },
}

# What each row reads in each language: (action, who, subject, detail).
READ = {
    "en": [
        (audit.CLIENT_UPDATED, "Mara Okafor", "Zoë Martín", "changed: Phone, Notes"),
        (audit.CLIENT_ADDED, "Mara Okafor", "Zoë Martín", ""),
        (audit.PASSWORD_RESET, "command line", "mara@studio.test",
         "reset from the command line; lockout lifted"),
        (audit.LOGIN_FAILED, "mara@studio.test", "mara@studio.test", "failure 1 of 5"),
        (audit.STAFF_ROLE_CHANGED, ADMIN_NAME, "mara@studio.test", "Artist → Front desk"),
        (audit.STAFF_ADDED, ADMIN_NAME, "mara@studio.test", "role Artist"),
        (audit.SETTINGS_CHANGED, ADMIN_NAME, "studio",
         "Studio name: Ink & Iron → Ink & Iron Porto; Time zone: Europe/Lisbon → Europe/Madrid; "
         "Lock after idle: 5 → 10"),
    ],
    "es": [
        (audit.CLIENT_UPDATED, "Mara Okafor", "Zoë Martín", "cambió: Teléfono, Notas"),
        (audit.CLIENT_ADDED, "Mara Okafor", "Zoë Martín", ""),
        (audit.PASSWORD_RESET, "línea de comandos", "mara@studio.test",
         "restablecida desde la línea de comandos; bloqueo levantado"),
        (audit.LOGIN_FAILED, "mara@studio.test", "mara@studio.test", "fallo 1 de 5"),
        (audit.STAFF_ROLE_CHANGED, ADMIN_NAME, "mara@studio.test", "Tatuador/a → Recepción"),
        (audit.STAFF_ADDED, ADMIN_NAME, "mara@studio.test", "rol Tatuador/a"),
        (audit.SETTINGS_CHANGED, ADMIN_NAME, "estudio",
         "Nombre del estudio: Ink & Iron → Ink & Iron Porto; Zona horaria: Europe/Lisbon → Europe/Madrid; "
         "Bloquear tras inactividad: 5 → 10"),
    ],
    "pt_BR": [
        (audit.CLIENT_UPDATED, "Mara Okafor", "Zoë Martín", "alterou: Telefone, Observações"),
        (audit.CLIENT_ADDED, "Mara Okafor", "Zoë Martín", ""),
        (audit.PASSWORD_RESET, "linha de comando", "mara@studio.test",
         "redefinida pela linha de comando; bloqueio removido"),
        (audit.LOGIN_FAILED, "mara@studio.test", "mara@studio.test", "falha 1 de 5"),
        (audit.STAFF_ROLE_CHANGED, ADMIN_NAME, "mara@studio.test", "Tatuador(a) → Recepção"),
        (audit.STAFF_ADDED, ADMIN_NAME, "mara@studio.test", "função Tatuador(a)"),
        (audit.SETTINGS_CHANGED, ADMIN_NAME, "estúdio",
         "Nome do estúdio: Ink & Iron → Ink & Iron Porto; Fuso horário: Europe/Lisbon → Europe/Madrid; "
         "Bloquear após inatividade: 5 → 10"),
    ],
}


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    use_catalogs(tmp_path / "locale", PHRASES, monkeypatch)
    yield
    i18n.forget_catalogs()


@pytest.fixture
def history(services, admin, make_staff, clock):
    """Rows of several kinds, written through the services, a minute apart (in English, the
    process's language, except the staff member, who works in Spanish)."""
    def step():
        clock.advance(minutes=1)

    services.settings.update(admin, name=f"{STUDIO_NAME} Porto", timezone="Europe/Madrid", currency="EUR",
                             idle_lock_minutes=10)
    step()
    mara = make_staff("artist", name="Mara Okafor", email="mara@studio.test")
    step()
    services.staff.change_role(admin, mara.staff_id, "front_desk")
    step()
    with pytest.raises(AuthenticationFailed):
        services.auth.login("mara@studio.test", "not her password at all")
    step()
    services.staff.reset_password_offline("mara@studio.test", "a brand new passphrase 77")
    step()
    with i18n.using_language("es"):  # a writer in Spanish still stores English and wording
        client = services.clients.create(mara, ClientInput(full_name="Zoë Martín", phone="912 345 678"))
        step()
        services.clients.update(mara, client.id, ClientInput(full_name="Zoë Martín", phone="936 111 222",
                                                             notes="Prefers mornings"), version=client.version)
    return services, admin


def read(services, admin, flt=AuditFilter()) -> list[tuple[str, str, str, str]]:
    rows = services.audit.first_page(admin, flt).rows
    return [(e.action, e.actor_name, e.subject, e.detail) for e in rows if e.action != audit.STUDIO_CREATED]


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_each_row_reads_in_the_readers_language_with_its_data_as_written(catalogs, history, language):
    services, admin = history
    assert read(services, admin) == READ["en"]
    i18n.set_language(language)  # as a sign-in does, for every thread of the process
    assert read(services, admin) == READ[language]
    assert [(e.actor_name, e.subject, e.detail) for e in services.audit.events(admin)][:1] == [READ[language][0][1:]]


def test_a_worker_thread_reads_the_signed_in_persons_language_unless_it_speaks_another(catalogs, history):
    """The window calls the services off the GUI thread (host.call): that thread follows the
    process's language; a piece of work inside ``using_language`` (a PDF for someone else)
    reads in its own."""
    services, admin = history
    i18n.set_language("es")
    found: dict[str, list] = {}

    def work() -> None:
        found["worker"] = read(services, admin)
        with i18n.using_language("pt_BR"):
            found["other"] = read(services, admin)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert found == {"worker": READ["es"], "other": READ["pt_BR"]}


def test_the_columns_keep_the_english_and_the_filter_searches_it(catalogs, history):
    services, admin = history
    with services.db.unit_of_work(write=False) as uow:
        stored = {e.action: (e.actor_name, e.subject, e.detail) for e in uow.session.query(AuditEvent)}
    assert stored[audit.CLIENT_UPDATED] == ("Mara Okafor", "Zoë Martín", "changed: Phone, Notes")  # written in Spanish
    assert stored[audit.PASSWORD_RESET][0] == "command line"
    i18n.set_language("es")
    found = read(services, admin, AuditFilter(text="Lock after idle"))
    assert found == [READ["es"][-1]]  # found by its English, shown in Spanish
    assert read(services, admin, AuditFilter(text="line")) == [READ["es"][2]]  # the actor's English
    assert read(services, admin, AuditFilter(text="Zoë")) == READ["es"][:2]  # data is data


def test_a_count_reads_in_the_readers_number_format(catalogs, services, admin):
    formats.set_region("GB")  # English writes 12,345 there, Spanish 12.345
    with services.db.unit_of_work() as uow:
        audit_log.record(uow.session, services.clock(), "plugin.photos", actor=admin,
                         detail=Words.counted(Nn_("{n} photo", "{n} photos"), 12345))
        uow.commit()
    seen = {}
    for language in ("en", "es", "pt_BR"):
        i18n.set_language(language)
        seen[language] = services.audit.events(admin, AuditFilter(action_prefix="plugin."))[0].detail
    assert seen == {"en": "12,345 photos", "es": "12.345 fotos", "pt_BR": "12.345 fotos"}


def test_a_row_written_before_the_wording_reads_as_it_was_stored(catalogs, services, admin, clock):
    with services.db.unit_of_work() as uow:
        uow.session.add(AuditEvent(at=clock() + timedelta(minutes=1), actor_name="command line",
                                   action=audit.STAFF_ADDED, subject_type="staff", subject_id="7",
                                   subject="mara@studio.test", detail="role artist"))
        uow.commit()
    i18n.set_language("es")
    [row] = [e for e in services.audit.events(admin) if e.action == audit.STAFF_ADDED]
    assert (row.actor_name, row.subject, row.detail) == ("command line", "mara@studio.test", "role artist")


@pytest.mark.parametrize("wording", [
    "not JSON at all",
    "[1, 2]",
    '{"detail": "a detail is a list"}',
    '{"detail": [{"m": 5}]}',
    '{"subject": {"m": "role {role}"}}',                       # a placeholder with no value
    '{"actor": {"m": "{n} photo", "p": "{n} photos"}}',         # a plural without its n
    '{"subject": {"m": "studio", "v": {"x": {"y": 1}}}}',
    '{"subject": {"f": "no such format", "a": []}}',
    '{"detail": [{"f": "money", "a": ["fifty", "EUR"]}]}',  # an amount that is not a number
])
def test_a_row_whose_wording_cannot_be_read_shows_its_stored_text(catalogs, history, wording):
    services, admin = history
    with services.db.unit_of_work() as uow:
        uow.session.execute(update(AuditEvent).where(AuditEvent.action == audit.STAFF_ADDED)
                            .values(wording=wording))
        uow.commit()
    i18n.set_language("es")
    rows = read(services, admin)
    assert len(rows) == len(READ["es"])  # the page still loads: the other rows as they read
    assert rows[5] == (audit.STAFF_ADDED, ADMIN_NAME, "mara@studio.test", "role Artist")  # as stored
    assert rows[:5] + rows[6:] == READ["es"][:5] + READ["es"][6:]


def test_a_translation_whose_placeholders_differ_falls_back_to_the_english(catalogs, history, tmp_path,
                                                                          monkeypatch):
    """A translator's slip ("rol {rol}") must not take the audit page down with it."""
    services, admin = history
    use_catalogs(tmp_path / "slipped", {"es": dict(PHRASES["es"], **{"role {role}": "rol {rol}"})}, monkeypatch)
    i18n.set_language("es")
    rows = read(services, admin)
    assert rows[5] == (audit.STAFF_ADDED, ADMIN_NAME, "mara@studio.test", "role Artist")
    assert rows[4] == READ["es"][4]
