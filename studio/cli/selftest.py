"""`studio self-test`: a throw-away data dir, migrate, sign in, build every page offscreen,
then render a PDF and a QR code and list the shipped plugins."""

from __future__ import annotations

import os
import tempfile

from studio.services.common.i18n import _


def register(commands) -> None:
    parser = commands.add_parser("self-test", help=_("check this installation works, then exit"))
    parser.set_defaults(handler=cmd_self_test)


def cmd_self_test(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studio.services.core import open_services
    from studio.services.system import new_password

    with tempfile.TemporaryDirectory(prefix="linework-self-test-") as tmp:
        services = open_services(f"sqlite:///{tmp}/studio.db")
        password = new_password()
        services.setup.create_studio(
            studio_name="Self-test Studio", timezone="UTC", currency="EUR",
            admin_name="Self Test", admin_email="self-test@linework.invalid", password=password,
        )
        actor = services.auth.login("self-test@linework.invalid", password)
        checks = [("database migrated and signed in", "ok")]
        from studio.ui.selftest import exercise_ui

        checks += exercise_ui(tmp, services, actor)
        services.db.dispose()
    checks += _library_checks()
    for name, result in checks:
        print(f"  {name}: {result}")
    print("self-test passed")
    return 0


def _library_checks() -> list[tuple[str, str]]:
    """What later modules load lazily, so a frozen build that lacks it fails here first."""
    from studio.services.system import selfcheck

    pdf = selfcheck.render_pdf()
    png = selfcheck.render_qr_png()
    plugins = selfcheck.shipped_plugins()
    return [
        ("PDF rendered", f"{len(pdf)} bytes"),
        ("QR code rendered", f"{len(png)} bytes PNG"),
        # One line, comma-separated, so the frozen-build test can read the list back.
        ("shipped plugins", ", ".join(plugins) if plugins else "(none)"),
    ]
