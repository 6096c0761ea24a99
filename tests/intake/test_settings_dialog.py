"""Admins set the intake address, port, autostart, minimum age and daily walk-in code in a
dialog: the service's sentence sits under the field it is about, and a save is audited."""

from __future__ import annotations

from studio.services.audit import INTAKE_SETTINGS_CHANGED


def test_a_bad_port_is_shown_under_it_and_good_values_are_saved(qtbot, studio, ui):
    from studio.ui.intake.settings_dialog import IntakeSettingsDialog

    host_for, _toasts = ui
    before = studio.services.intake.settings()
    dialog = IntakeSettingsDialog(host_for(studio.admin), server_running=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=5_000)
    assert dialog.port.value() == before.port and dialog.address.text() == ""
    assert "this PC's network address" in dialog.address.placeholderText()

    dialog.port.setValue(80)
    dialog.save()
    port_field = dialog.fields["port"]
    qtbot.waitUntil(lambda: port_field.error.isVisible(), timeout=5_000)
    assert "between 1024 and 65535" in port_field.error.text()
    assert studio.services.intake.settings() == before
    assert dialog.isVisible()

    dialog.address.setText("127.0.0.1")
    dialog.port.setValue(9876)
    dialog.min_age.setValue(21)
    dialog.autostart.setChecked(True)
    dialog.walkin_daily.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5_000) as saved:
        dialog.save()
    settings, restart_needed = saved.args
    assert restart_needed  # the running server still listens on the old address
    assert studio.services.intake.settings() == settings
    assert (settings.host, settings.port, settings.min_age, settings.autostart, settings.walkin_daily) == (
        "127.0.0.1", 9876, 21, True, True)
    event, = [e for e in studio.services.audit.events(studio.admin) if e.action == INTAKE_SETTINGS_CHANGED]
    assert "Port: 8765 → 9876" in event.detail and "Minimum age: 18 → 21" in event.detail
    assert "Start the intake server with Linework: no → yes" in event.detail
    assert not port_field.error.isVisible()


def test_only_admins_see_the_settings_button(qtbot, studio, ui):
    from studio.ui.intake.page import IntakePage

    host_for, _toasts = ui
    admin_page = IntakePage(host_for(studio.admin))
    desk_page = IntakePage(host_for(studio.desk))
    for page in (admin_page, desk_page):
        qtbot.addWidget(page)
    assert admin_page.findChild(type(admin_page.toggle), "IntakeSettings") is not None
    assert desk_page.findChild(type(desk_page.toggle), "IntakeSettings") is None
