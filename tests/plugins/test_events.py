"""What the services tell listeners: each event once its change is committed (never for one
rolled back), a listener that fails never fails the change, and the plugins area's switches
(admins only, audited) and per-plugin settings."""

from __future__ import annotations

import pytest

from studio.services.clients import ClientInput
from studio.services.common import (
    AppointmentStatusChanged,
    BackupDone,
    ClientCreated,
    DayClosed,
    DuplicateClient,
    PermissionDenied,
    ValidationError,
)
from studio.services.common.audit_log import PLUGIN_DISABLED, PLUGIN_ENABLED
from studio.services.scheduling import Status
from tests.plugins.conftest import MONDAY


@pytest.fixture
def heard(studio):
    events = []
    for name in ("client_created", "appointment_status_changed", "day_closed", "backup_done"):
        studio.services.events.subscribe(name, events.append)
    return events


def test_a_client_created_is_heard_once_committed_and_a_refused_one_is_not(studio, heard):
    zoe = studio.services.clients.create(studio.desk, ClientInput(full_name="Zoe Quinn", phone="+351 913 000 111"))
    assert heard == [ClientCreated(zoe.id, "Zoe Quinn")]
    with pytest.raises(DuplicateClient):  # the same phone: refused, nothing saved, nothing heard
        studio.services.clients.create(studio.desk, ClientInput(full_name="Zoe Again", phone="+351 913 000 111"))
    assert heard == [ClientCreated(zoe.id, "Zoe Quinn")]


def test_status_changes_and_cancels_are_heard_with_the_old_and_new_status(studio, heard):
    booked = studio.book()
    assert heard == []  # booking is not a status change
    checked = studio.services.scheduling.set_status(studio.desk, booked.id, Status.CHECKED_IN, version=booked.version)
    studio.services.scheduling.cancel(studio.desk, booked.id, "ill", version=checked.appointment.version)
    assert heard == [AppointmentStatusChanged(booked.id, studio.ana_id, "booked", "checked_in"),
                     AppointmentStatusChanged(booked.id, studio.ana_id, "checked_in", "cancelled")]


def test_a_closed_day_and_a_backup_are_heard(studio, heard):
    studio.services.register.close_day(studio.admin, MONDAY, opening_float_cents=0, counted_cents=0)
    result = studio.services.backup.back_up_now(studio.admin)
    assert heard[0] == DayClosed(MONDAY)
    done = heard[1]
    archive = studio.services.backup.folder / f"{result.backup.name}.zip"
    assert done == BackupDone(str(archive), archive.stat().st_size)


def test_a_failing_listener_is_logged_and_the_change_is_saved_all_the_same(studio, caplog):
    def broken(_event):
        raise RuntimeError("listener bug")

    studio.services.events.subscribe("client_created", broken)
    zoe = studio.services.clients.create(studio.desk, ClientInput(full_name="Zoe Quinn"))
    assert studio.services.clients.get(studio.desk, zoe.id).full_name == "Zoe Quinn"
    assert "an event listener failed on ClientCreated" in caplog.text
    with pytest.raises(ValueError, match="no event called"):
        studio.services.events.subscribe("client_deleted", broken)


def test_only_admins_switch_plugins_and_each_switch_is_audited(studio):
    plugins = studio.services.plugins
    assert plugins.switches(studio.mia) == {}
    with pytest.raises(PermissionDenied):
        plugins.set_enabled(studio.desk, "gallery", True, name="Gallery")
    assert plugins.switches(studio.admin) == {}
    plugins.set_enabled(studio.admin, "gallery", True, name="Gallery")
    plugins.set_enabled(studio.admin, "gallery", False, name="Gallery")
    assert plugins.switches(studio.mia) == {"gallery": False}
    rows = studio.services.audit.events(studio.admin)[:2]
    assert [(r.action, r.subject) for r in rows] == [(PLUGIN_DISABLED, "Gallery"), (PLUGIN_ENABLED, "Gallery")]
    with pytest.raises(ValidationError, match="not a plugin name"):
        plugins.set_enabled(studio.admin, "../etc", True, name="x")


def test_each_plugin_keeps_its_own_settings_and_folder(studio, data_dir):
    plugins = studio.services.plugins
    plugins.set_setting(studio.mia, "gallery", "columns", 5)
    plugins.set_setting(studio.mia, "other", "columns", {"a": [1, 2]})
    assert plugins.setting(studio.desk, "gallery", "columns") == 5
    assert plugins.setting(studio.desk, "other", "columns") == {"a": [1, 2]}
    assert plugins.setting(studio.desk, "gallery", "missing", "default") == "default"
    plugins.delete_setting(studio.mia, "gallery", "columns")
    assert plugins.setting(studio.desk, "gallery", "columns") is None
    with pytest.raises(ValidationError, match="not a setting name"):
        plugins.set_setting(studio.mia, "gallery", "a key with spaces", 1)
    with pytest.raises(ValidationError, match="holds text, numbers"):
        plugins.set_setting(studio.mia, "gallery", "when", object())
    with pytest.raises(ValidationError, match="at most 64 KB"):
        plugins.set_setting(studio.mia, "gallery", "big", "x" * 70_000)
    folder = plugins.data_folder("gallery")
    assert folder == data_dir / "plugin-data" / "gallery" and folder.is_dir()
