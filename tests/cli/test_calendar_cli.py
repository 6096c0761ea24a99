"""`studio calendar export`, run for real in a subprocess, the .ics read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.scheduling import AppointmentInput, Kind
from tests.support import (
    ADMIN_EMAIL,
    new_studio,
    run_cli,
)

ARTIST_EMAIL = "mia@studio.test"


@pytest.fixture
def studio_dir(tmp_path, passwords):
    data_dir = tmp_path / "data"
    services, admin = new_studio(data_dir, passwords, timezone="America/Sao_Paulo", currency="BRL")
    try:
        mia = services.staff.add_staff(admin, name="Mia Costa", email=ARTIST_EMAIL, role="artist",
                                       password="lantern pepper orbit canyon 7")
        client = services.clients.create(admin, ClientInput(full_name="Beatriz Souza Lima", phone="+5511987654321"),
                                         medical=MedicalInfo(conditions="epilepsy"))
        start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
        services.scheduling.book(admin, AppointmentInput(
            client_id=client.id, artist_id=mia.id, kind=Kind.SESSION, starts_at=start,
            ends_at=start + timedelta(hours=3), description="Peony", notes="epilepsy: no long sessions"),
            outside_hours_ok=True)
    finally:
        services.db.dispose()
    return data_dir, start


def test_export_writes_the_artists_ics(studio_dir, tmp_path):
    data_dir, start = studio_dir
    out = tmp_path / "mia.ics"
    result = run_cli("calendar", "export", "--artist", ARTIST_EMAIL, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {out} (1 appointment).\n"
    event, = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Tattoo session · Beatriz"
    assert event["dtstart"].params["TZID"] == "America/Sao_Paulo"
    assert event.decoded("dtstart") == start
    text = out.read_text(encoding="utf-8")
    assert "epilepsy" not in text and "Souza" not in text and "98765" not in text


def test_export_refuses_an_unknown_artist_and_a_bad_day_and_writes_nothing(studio_dir, tmp_path):
    data_dir, _start = studio_dir
    out = tmp_path / "x.ics"
    unknown = run_cli("calendar", "export", "--artist", "nobody@studio.test", "--out", str(out), data_dir=data_dir)
    assert unknown.returncode == 1
    assert unknown.stderr == "studio: No staff member has the email nobody@studio.test.\n"
    desk = run_cli("calendar", "export", "--artist", ADMIN_EMAIL, "--out", str(out), data_dir=data_dir)
    assert desk.returncode == 1 and "not an artist" in desk.stderr
    bad = run_cli("calendar", "export", "--artist", ARTIST_EMAIL, "--out", str(out), "--from", "March",
                  data_dir=data_dir)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
