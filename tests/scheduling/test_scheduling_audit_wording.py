"""The calendar's audit rows read in the reader's language: times and amounts written the
reader's way (their month names and separators), statuses, deposit methods and sentences
translated, what people typed (a cancel's reason) as typed; the columns keep English."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from studio.models import AuditEvent
from studio.services.common import i18n
from studio.services.scheduling import SchedulingPolicy, Status
from tests.scheduling.conftest import MONDAY, at
from tests.support import use_catalogs

PHRASES = {"es": {
    "{old} → {new}": "{old} → {new}",
    "{amount} ({method})": "{amount} ({method})",
    "Card": "Tarjeta",
    "by the client: {reason}": "por el cliente: {reason}",
    "{label}: {old} → {new}": "{label}: {old} → {new}",
    "scheduling": "agenda",
    "{first} – {last}": "{first} – {last}",
    "studio": "estudio",
}}


def test_appointment_rows_read_in_the_readers_language(studio, tmp_path, monkeypatch):
    use_catalogs(tmp_path / "locale", PHRASES, monkeypatch)
    services = studio.services
    record = studio.book(studio.mia, at(MONDAY + timedelta(days=1), 12), 2)
    services.scheduling.record_deposit(studio.desk, record.id, 5000, "card")
    confirmed = services.scheduling.set_status(studio.desk, record.id, Status.CONFIRMED, version=record.version)
    services.scheduling.cancel(studio.desk, record.id, "Flu, sorry", version=confirmed.appointment.version)
    services.hours.set_policy(studio.admin, replace(SchedulingPolicy(), keep_as_credit=True))
    services.hours.add_time_off(studio.admin, date(2026, 4, 1), date(2026, 4, 3))

    def read() -> list[tuple[str, str]]:
        return [(e.subject, e.detail) for e in services.audit.events(studio.admin)][:6]

    english = read()
    assert english == [
        ("studio", "1 Apr 2026 – 3 Apr 2026"),
        ("scheduling", "After a no-show or a late cancel, the deposit: The studio keeps it → "
                       "It stays as the client's credit"),
        ("Ana Lima", "by the client: Flu, sorry; The deposit of 50,00\u00a0€ is forfeited to the studio."),
        ("Ana Lima", "Booked → Confirmed"),
        ("Ana Lima", "50,00\u00a0€ (Card)"),  # English as Lisbon writes it
        ("Ana Lima", "17 Mar 2026 12:00–14:00"),
    ]
    i18n.set_language("es")
    assert read() == [
        ("estudio", "1 abr 2026 – 3 abr 2026"),
        ("agenda", "Tras una ausencia o una cancelación tardía, la señal: Se la queda el estudio → "
                   "Queda como crédito del cliente"),
        ("Ana Lima", "por el cliente: Flu, sorry; La señal de 50,00\u00a0€ se la queda el estudio."),
        ("Ana Lima", "Reservada → Confirmada"),
        ("Ana Lima", "50,00\u00a0€ (Tarjeta)"),
        ("Ana Lima", "17 mar 2026 12:00–14:00"),
    ]
    with services.db.unit_of_work(write=False) as uow:  # the English, for the text filter
        stored = [(e.subject, e.detail) for e in uow.session.query(AuditEvent).order_by(AuditEvent.id.desc())][:6]
    assert [s for s, _d in stored] == [s for s, _d in english]
    assert stored[3][1] == "Booked → Confirmed"
