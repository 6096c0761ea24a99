"""The window half of `studio self-test`: build the main window and open every page."""

from __future__ import annotations

from studio.config import load_config


def exercise_ui(data_dir: str, services, actor) -> list[tuple[str, str]]:
    from studio.ui.app import build_context, create_app
    from studio.ui.shell.main_window import MainWindow

    app = create_app()
    ctx = build_context(load_config(data_dir), app)
    ctx.use_services(services)
    # The shipped plugins load as at a sign-in; each must, and its pages open below.
    ctx.plugins.start(actor, services.plugins.switches(actor))
    failed = [f"{s.id}: {s.error}" for s in ctx.plugins.statuses() if s.origin == "shipped" and s.state != "loaded"]
    if failed:
        raise RuntimeError(f"a shipped plugin did not load ({'; '.join(failed)})")
    loaded = [s.id for s in ctx.plugins.statuses() if s.state == "loaded"]
    window = MainWindow(ctx, actor, services.settings.studio())
    window.show()
    opened = []
    for key in list(window.nav):
        window.open_page(key)
        if not ctx.tasks.wait_for_done(30_000):
            raise RuntimeError(f"the {key} page did not finish loading")
        app.processEvents()
        opened.append(key)
    window.close()
    ctx.plugins.stop()
    ctx.tasks.wait_for_done(30_000)
    app.processEvents()
    if ctx.crash.shown:
        raise RuntimeError(f"a page reported an error: {ctx.crash.shown[0]}")
    from studio.services.common import _

    return [(_("main window built"), _("ok")), (_("pages opened"), ", ".join(opened)),
            # One line, comma-separated, so the frozen-build test can read the list back.
            (_("plugins loaded"), ", ".join(loaded) if loaded else _("(none)"))]
