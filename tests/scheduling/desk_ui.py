"""A page host on the scheduling studio (tests/scheduling/conftest.py), for widget tests of
the scheduling screens outside the main window. Import the ``desk_ui`` fixture."""

from __future__ import annotations

import pytest


@pytest.fixture
def desk_ui(qtbot, qapp, studio):
    """``(host_for(actor), toasts)``: a PageHost for ``actor`` on the test studio's services
    (its workers drained after the test) and the toasts it was asked to show."""
    from studio.config import load_config
    from studio.ui.app import build_context, create_app
    from studio.ui.shell.page import PageHost
    from tests.support import DeskShell

    ctx = build_context(load_config(studio.services.data_dir), create_app())
    ctx.use_services(studio.services)
    toasts: list[str] = []
    settings = studio.services.settings.studio()

    def host_for(actor) -> PageHost:
        return PageHost(ctx, DeskShell(actor, settings, toasts))

    yield host_for, toasts
    assert ctx.tasks.wait_for_done(30_000)
    qapp.processEvents()
