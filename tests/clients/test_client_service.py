"""Creating and editing clients: validation, duplicates, medical, photos, QR, locking."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import func, select

from studio.models import AuditEvent, Client, ClientSearchTerm
from studio.services import audit
from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import Conflict, DuplicateClient, FormErrors, NotFound, ValidationError, number
from studio.services.intake import FormKind, PhoneDesk

ZOE = ClientInput("Zoë Martín", preferred_name="Zo", pronouns="she/her", date_of_birth=date(1990, 5, 1),
                  phone="912 345 678", email="Zoe@Example.com", address="Rua Nova 1\n1100-001 Lisboa",
                  emergency_name="Inês Martín", emergency_phone="+351 936 000 111", notes="Fine lines.")
MEDICAL = MedicalInfo(checks=frozenset({"allergy_latex", "blood_thinners"}), allergies="Latex",
                      medications="Aspirin 75 mg")


def count_rows(studio, model) -> int:
    with studio.services.db.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def actions(studio) -> list[str]:
    return [e.action for e in reversed(studio.services.audit.events(studio.admin))]


def test_create_cleans_and_stores(studio):
    c = studio.clients.create(studio.admin, ZOE, medical=MEDICAL)
    assert (c.full_name, c.preferred_name, c.pronouns) == ("Zoë Martín", "Zo", "she/her")
    assert c.phone == "+351912345678" and c.phone_display == "912 345 678"
    assert c.emergency_phone == "+351936000111"
    assert c.email == "zoe@example.com"
    assert c.address == "Rua Nova 1\n1100-001 Lisboa"
    assert c.age == 35 and c.has_medical_notes and not c.has_photo
    assert c.version == 1 and c.updated_by_name == "Ana Ruiz"
    assert studio.clients.get(studio.desk, c.id) == c
    assert studio.clients.medical(studio.admin, c.id) == MEDICAL
    assert actions(studio)[-2:] == [audit.CLIENT_ADDED, audit.CLIENT_MEDICAL_VIEWED]


def test_validate_reports_every_bad_field_at_once(studio):
    bad = ClientInput("   ", date_of_birth=date(2030, 1, 1), phone="12", email="not-an-email",
                      emergency_phone="call me", notes="x" * 5001, pronouns="p" * 41)
    with pytest.raises(FormErrors) as err:
        studio.clients.validate(studio.desk, bad, MedicalInfo(checks=frozenset({"gills"}),
                                                               allergies="a" * 2001))
    assert set(err.value.errors) == {"full_name", "date_of_birth", "phone", "email", "emergency_phone",
                                     "notes", "pronouns", "medical.checks", "medical.allergies"}
    assert err.value.field == "full_name"
    assert err.value.errors["date_of_birth"] == "The date of birth can't be in the future."
    assert f"at most {number(5000)} characters" in err.value.errors["notes"]  # "5 000" in this studio's region
    assert isinstance(err.value, ValidationError)
    studio.clients.validate(studio.desk, ZOE)  # a good form passes silently


@pytest.mark.parametrize("change, field", [
    ({"full_name": ""}, "full_name"),
    ({"full_name": "N" * 121}, "full_name"),
    ({"date_of_birth": date(2026, 3, 15)}, "date_of_birth"),
    ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth"),
    ({"phone": "555"}, "phone"),
    ({"phone": "+1 555 123 45678"}, "phone"),  # one digit too many for a US number
    ({"phone": "9" * 41}, "phone"),
    ({"email": "zoe@example"}, "email"),
    ({"email": "two@@example.com"}, "email"),
    ({"address": "a" * 501}, "address"),
])
def test_bad_input_saves_nothing(studio, change, field):
    from dataclasses import replace

    with pytest.raises(FormErrors) as err:
        studio.clients.create(studio.desk, replace(ZOE, **change))
    assert field in err.value.errors
    assert err.value.errors[field].endswith(".")
    assert count_rows(studio, Client) == 0 and count_rows(studio, ClientSearchTerm) == 0
    assert audit.CLIENT_ADDED not in actions(studio)


def test_control_characters_are_dropped(studio):
    c = studio.clients.create(studio.desk, ClientInput("Zo\x00ë\u202e Mar\ttín", notes="a\r\nb\x07"))
    assert c.full_name == "Zoë Mar tín"
    assert c.notes == "a\nb"


# Names that look empty: nothing in them takes space on screen.
INVISIBLE_NAMES = {
    "zero-width-space": "\u200b",
    "joiners": "\u200c\u200d\u200c",
    "word-joiner-and-bom": "\u2060\ufeff",
    "with-spaces-and-soft-hyphen": " \u200b \u00ad\t\u200d ",
    "direction-marks": "\u200e\u200f\u202e",
    "hangul-filler": "\u3164\uffa0",
    "variation-selector": "\ufe0f",
}


@pytest.mark.parametrize("name", INVISIBLE_NAMES.values(), ids=INVISIBLE_NAMES.keys())
def test_a_name_of_only_zero_width_characters_is_refused_as_empty(studio, name):
    from dataclasses import replace

    with pytest.raises(FormErrors) as err:
        studio.clients.create(studio.desk, replace(ZOE, full_name=name))
    assert err.value.errors == {"full_name": "Enter the client's full name."}
    assert count_rows(studio, Client) == 0


@pytest.mark.parametrize("typed, stored", [
    ("\u200dZo\u200bë\u2060 \ufeffMartín\u200c", "Zoë Martín"),  # hidden at word ends or inside
    ("Sara \u200b Niknam", "Sara Niknam"),                         # no double space left behind
    ("Sara نیک\u200cنام", "Sara نیک\u200cنام"),                      # a Persian non-joiner is spelling
    ("Anjali \u0d28\u0d4d\u200d", "Anjali \u0d28\u0d4d"),            # … a joiner at the end is not
    ("Mia \U0001f469\u200d\U0001f3a8", "Mia \U0001f469\u200d\U0001f3a8"),  # an emoji sequence
    ("Kaito \u845b\U000e0100\u57ce", "Kaito \u845b\U000e0100\u57ce"),       # the kanji's own form
], ids=["hidden", "no-double-space", "persian-zwnj", "trailing-zwj", "emoji-zwj", "kanji-variant"])
def test_invisible_characters_go_but_the_spelling_of_real_names_stays(studio, typed, stored):
    c = studio.clients.create(studio.desk, ClientInput(typed, preferred_name=typed))
    assert (c.full_name, c.preferred_name) == (stored, stored)


def test_duplicates_are_refused_unless_allowed(studio):
    first = studio.clients.create(studio.desk, ZOE)
    same_phone = ClientInput("Zoe Martin", phone="+351 912-345-678")
    with pytest.raises(DuplicateClient) as err:
        studio.clients.create(studio.desk, same_phone)
    assert [m.id for m in err.value.matches] == [first.id]
    assert err.value.matches[0].matched_on == ("phone",)
    assert "Zoë Martín already has this phone" in err.value.message
    assert count_rows(studio, Client) == 1

    found = studio.clients.find_duplicates(studio.desk, phone="", email="ZOË@example.com ")
    assert [(m.id, m.matched_on) for m in found] == [(first.id, ("email",))]
    assert studio.clients.find_duplicates(studio.desk, "912345678", "zoe@example.com",
                                          exclude_id=first.id) == []
    assert studio.clients.find_duplicates(studio.desk, "garbage", "") == []

    second = studio.clients.create(studio.desk, same_phone, allow_duplicate=True)
    assert second.id != first.id
    both = studio.clients.find_duplicates(studio.desk, "912 345 678", "zoe@example.com")
    assert {m.id for m in both} == {first.id, second.id}


def test_update_audits_field_names_not_values(studio):
    c = studio.clients.create(studio.desk, ZOE)
    from dataclasses import replace

    updated = studio.clients.update(studio.desk, c.id, replace(ZOE, phone="936 111 222", notes="New"),
                                    version=c.version)
    assert updated.version == c.version + 1 and updated.phone == "+351936111222"
    event = studio.services.audit.events(studio.admin)[0]
    assert (event.action, event.subject, event.detail) == (audit.CLIENT_UPDATED, "Zoë Martín",
                                                           "changed: Phone, Notes")
    # Saving an unchanged form changes nothing, not even the version.
    again = studio.clients.update(studio.desk, c.id, replace(ZOE, phone="936 111 222", notes="New"),
                                  version=updated.version)
    assert again.version == updated.version


def test_medical_section_is_audited_and_needs_its_permission(studio):
    c = studio.clients.create(studio.desk, ZOE)
    assert not c.has_medical_notes
    with pytest.raises(Exception) as err:
        studio.clients.update(studio.desk, c.id, ZOE, version=c.version, medical=MEDICAL)
    assert type(err.value).__name__ == "PermissionDenied"
    saved = studio.clients.update(studio.artist, c.id, ZOE, version=c.version, medical=MEDICAL)
    assert saved.has_medical_notes and saved.version == 2
    # The front desk sees that there is something, not what it is.
    assert studio.clients.get(studio.desk, c.id).has_medical_notes
    events = studio.services.audit.events(studio.admin)
    assert events[0].action == audit.CLIENT_MEDICAL_CHANGED
    assert events[0].detail == "changed: Health checklist, Allergies, Medications"
    assert all("Latex" not in e.detail and "Aspirin" not in e.detail for e in events)
    assert studio.clients.medical(studio.admin, c.id) == MEDICAL
    # Clearing it: the flag follows.
    cleared = studio.clients.update(studio.artist, c.id, ZOE, version=saved.version, medical=MedicalInfo())
    assert not cleared.has_medical_notes
    views = [e for e in studio.services.audit.events(studio.admin) if e.action == audit.CLIENT_MEDICAL_VIEWED]
    assert len(views) == 1 and views[0].actor_name == "Ana Ruiz"


def test_stale_save_is_a_conflict_naming_who_and_when(studio):
    c = studio.clients.create(studio.desk, ZOE)
    from dataclasses import replace

    studio.clock.advance(hours=4, minutes=7)  # 14:37 in Lisbon
    studio.clients.update(studio.artist, c.id, replace(ZOE, notes="Artist's note"), version=c.version)
    with pytest.raises(Conflict) as err:
        studio.clients.update(studio.desk, c.id, replace(ZOE, full_name="Zoë M."), version=c.version)
    assert err.value.message.startswith("This client was changed by Mara Okafor at 14:37 — reload")
    current = studio.clients.get(studio.desk, c.id)
    assert (current.full_name, current.notes, current.version) == ("Zoë Martín", "Artist's note", 2)
    studio.clock.advance(days=1)
    with pytest.raises(Conflict) as err:
        studio.clients.update(studio.desk, c.id, ZOE, version=1)
    assert "at 14:37 on 14 Mar 2026" in err.value.message  # en_PT: the Lisbon studio's English


def test_missing_client(studio):
    with pytest.raises(NotFound):
        studio.clients.get(studio.desk, 999)
    with pytest.raises(NotFound):
        studio.clients.update(studio.desk, 999, ZOE, version=1)


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def test_photo_is_reencoded_under_a_random_name(studio):
    c = studio.clients.create(studio.desk, ZOE, photo=png_bytes())
    assert c.has_photo
    files = list((studio.data_dir / "photos").iterdir())
    assert len(files) == 1 and "zo" not in files[0].name.lower() and files[0].suffix == ".jpg"
    data = studio.clients.photo(studio.desk, c.id)
    assert Image.open(io.BytesIO(data)).format == "JPEG"
    replaced = studio.clients.set_photo(studio.desk, c.id, png_bytes(color=(0, 0, 255)))
    assert replaced.version == c.version + 1
    after = list((studio.data_dir / "photos").iterdir())
    assert len(after) == 1 and after[0] != files[0]
    removed = studio.clients.set_photo(studio.desk, c.id, None)
    assert not removed.has_photo and studio.clients.photo(studio.desk, c.id) is None
    assert list((studio.data_dir / "photos").iterdir()) == []
    details = [e.detail for e in studio.services.audit.events(studio.admin)
               if e.action == audit.CLIENT_PHOTO_CHANGED]
    assert details == ["photo removed", "photo replaced"]


def test_not_a_photo_is_refused(studio):
    with pytest.raises(ValidationError) as err:
        studio.clients.create(studio.desk, ZOE, photo=b"GIF89a not really")
    assert err.value.field == "photo"
    assert count_rows(studio, Client) == 0
    assert not (studio.data_dir / "photos").exists() or not list((studio.data_dir / "photos").iterdir())


def test_a_new_intake_qr_kills_the_old_one_and_keeps_the_form_version(studio):
    c = studio.clients.create(studio.desk, ZOE)
    first = studio.services.intake.issue_client_qr(studio.desk, c.id)
    host_port, token = first.url.removeprefix("http://").split("/i/")
    assert host_port.endswith(":8765") and len(token) >= 32 and str(c.id) != token
    second = studio.services.intake.issue_client_qr(studio.desk, c.id)
    new_token = second.url.split("/i/")[1]
    assert new_token != token
    phone = PhoneDesk(studio.services)  # the intake server's only way in: live, unexpired codes
    assert phone.open_form(FormKind.CLIENT, token) is None  # dead at once
    assert phone.open_form(FormKind.CLIENT, new_token) is not None
    with studio.services.db.unit_of_work(write=False) as uow:
        assert uow.session.get(Client, c.id).qr_id == new_token
    assert studio.clients.get(studio.desk, c.id).version == c.version  # an open form still saves
    assert actions(studio)[-1] == audit.INTAKE_CLIENT_QR_ISSUED


def test_intake_address_comes_from_settings(studio):
    import json

    from studio.models import Setting

    with studio.services.db.unit_of_work() as uow:
        uow.session.add(Setting(key="intake.host", value=json.dumps("10.0.0.7")))
        uow.session.add(Setting(key="intake.port", value=json.dumps(9000)))
        uow.commit()
    c = studio.clients.create(studio.desk, ZOE)
    assert studio.services.intake.issue_client_qr(studio.desk, c.id).url.startswith("http://10.0.0.7:9000/i/")
    # Bound to every interface, the server is still reached on this PC's LAN address.
    with studio.services.db.unit_of_work() as uow:
        uow.session.get(Setting, "intake.host").value = json.dumps("0.0.0.0")
        uow.commit()
    url = studio.services.intake.issue_client_qr(studio.desk, c.id).url
    assert not url.startswith("http://0.0.0.0") and ":9000/i/" in url


def test_region_setting_changes_how_phones_are_read(studio):
    assert studio.services.settings.region() == "PT"  # from Europe/Lisbon
    studio.services.settings.set_region(studio.admin, "us")
    c = studio.clients.create(studio.desk, ClientInput("Sam Lee", phone="(202) 555-0143"))
    assert c.phone == "+12025550143" and c.phone_display == "(202) 555-0143"
    with pytest.raises(ValidationError):
        studio.services.settings.set_region(studio.admin, "XX")
    with pytest.raises(Exception) as err:
        studio.services.settings.set_region(studio.desk, "PT")
    assert type(err.value).__name__ == "PermissionDenied"


def test_demo_clients_are_all_valid(studio):
    from studio.services.system.demo_clients import DEMO_CLIENTS, add_demo_clients

    add_demo_clients(studio.services, studio.admin, lambda _text: None)
    assert studio.clients.count(studio.admin) == DEMO_CLIENTS
    rows = studio.clients.page(studio.admin, "", 0, DEMO_CLIENTS)
    assert any(r.has_medical_notes for r in rows) and any(not r.has_medical_notes for r in rows)
    assert any(ch in "".join(r.full_name for r in rows) for ch in "ëãçéøł")
    assert any(not r.phone_display.startswith("+") for r in rows if r.phone)
    assert any(r.phone_display.startswith("+") for r in rows if r.phone)
    with studio.services.db.unit_of_work(write=False) as uow:
        allergic = uow.session.scalar(select(func.count()).select_from(Client).where(Client.allergies != ""))
        audited = uow.session.scalar(select(func.count()).select_from(AuditEvent)
                                     .where(AuditEvent.action == audit.CLIENT_ADDED))
    assert allergic > 10 and audited == DEMO_CLIENTS


def test_demo_step_is_registered():
    from studio.services.system import DEMO_STEPS
    from studio.services.system.demo_clients import add_demo_clients

    assert add_demo_clients in DEMO_STEPS
