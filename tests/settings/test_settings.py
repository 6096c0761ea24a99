"""Studio settings: defaults, checks on every field, and the audit row of a change."""

from __future__ import annotations

import pytest

from studio.services import audit
from studio.services.common import StudioSettings, ValidationError
from studio.services.settings import DEFAULTS, IDLE_LOCK_RANGE
from tests.support import ADMIN_NAME, STUDIO_NAME, audit_rows, table_snapshot

GOOD = dict(name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR", idle_lock_minutes=5)


def test_before_set_up_the_defaults_are_read(services):
    assert services.settings.studio() == DEFAULTS


def test_set_up_values_are_read_back(services, admin):
    assert services.settings.studio() == StudioSettings(STUDIO_NAME, "Europe/Lisbon", "EUR", 5)


def test_update_stores_cleaned_values_and_audits_what_changed(services, admin, clock):
    clock.advance(days=3)
    saved = services.settings.update(admin, name="  Ink  &  Iron Porto ", timezone="America/Sao_Paulo",
                                     currency=" brl ", idle_lock_minutes=30)
    assert saved == StudioSettings("Ink & Iron Porto", "America/Sao_Paulo", "BRL", 30)
    assert services.settings.studio() == saved
    [row] = audit_rows(services, audit.SETTINGS_CHANGED)
    assert (row["at"], row["actor_id"], row["actor_name"]) == (clock(), admin.staff_id, ADMIN_NAME)
    assert (row["subject_type"], row["subject"]) == ("settings", "studio")
    assert row["detail"] == (
        "Studio name: Ink & Iron → Ink & Iron Porto; Time zone: Europe/Lisbon → America/Sao_Paulo; "
        "Currency: EUR → BRL; Lock after idle: 5 → 30")


def test_an_update_that_changes_nothing_is_not_audited(services, admin):
    services.settings.update(admin, **GOOD)
    assert audit_rows(services, audit.SETTINGS_CHANGED) == []


@pytest.mark.parametrize("low_or_high", IDLE_LOCK_RANGE)
def test_the_idle_lock_range_ends_are_accepted(services, admin, low_or_high):
    assert services.settings.update(admin, **GOOD | {"idle_lock_minutes": low_or_high}).idle_lock_minutes == low_or_high


INVALID = [
    ("studio_name", {"name": "   "}),
    ("studio_name", {"name": "\u200b\u200c\u200d\u2060\ufeff"}),
    ("studio_name", {"name": "x" * 81}),
    ("timezone", {"timezone": "Mars/Olympus_Mons"}),
    ("timezone", {"timezone": ""}),
    ("timezone", {"timezone": "../../etc/passwd"}),
    ("timezone", {"timezone": "Europe/"}),
    ("currency", {"currency": "EU"}),
    ("currency", {"currency": "EURO"}),
    ("currency", {"currency": "E1R"}),
    ("currency", {"currency": ""}),
    ("currency", {"currency": "ÉUR"}),
    ("idle_lock_minutes", {"idle_lock_minutes": IDLE_LOCK_RANGE[0] - 1}),
    ("idle_lock_minutes", {"idle_lock_minutes": IDLE_LOCK_RANGE[1] + 1}),
    ("idle_lock_minutes", {"idle_lock_minutes": -5}),
    ("idle_lock_minutes", {"idle_lock_minutes": "5"}),
    ("idle_lock_minutes", {"idle_lock_minutes": 2.5}),
]


@pytest.mark.parametrize("field, bad", INVALID, ids=[f"{f}-{n}" for n, (f, _) in enumerate(INVALID)])
def test_invalid_settings_are_refused_naming_the_field_and_nothing_changes(services, admin, field, bad):
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.settings.update(admin, **GOOD | {"name": "A New Name"} | bad)
    assert caught.value.field == field
    assert caught.value.message.endswith(".")
    assert table_snapshot(services) == before


@pytest.mark.parametrize("field, bad", [
    ("timezone", {"timezone": "Nowhere/Special"}),
    ("currency", {"currency": "EU"}),
    ("studio_name", {"studio_name": ""}),
    ("studio_name", {"studio_name": " \u200b "}),
    ("name", {"admin_name": "\u2060\u200d"}),
])
def test_set_up_with_bad_settings_creates_nothing(services, field, bad):
    fields = dict(studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
                  admin_name="Ana Ruiz", admin_email="ana@studio.test",
                  password="violet anchors drift softly 42") | bad
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.setup.create_studio(**fields)
    assert caught.value.field == field
    assert table_snapshot(services) == before
    assert services.setup.needs_setup()
