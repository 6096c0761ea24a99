"""`studio intake-server [--host H --port P]`: the phone intake server on its own, for a
kiosk PC or tests. Runs until Ctrl+C or SIGTERM, then stops cleanly."""

from __future__ import annotations

import signal
import threading

from studio.cli.common import open_studio
from studio.services.common.i18n import _


def register(commands) -> None:
    parser = commands.add_parser("intake-server", help=_("run the phone intake server without the app"))
    parser.add_argument("--host", default=None,
                        help=_("address to listen on (default: the intake setting, else this PC's LAN "
                               "address); 0.0.0.0 listens on every network and says so"))
    parser.add_argument("--port", type=int, default=None, help=_("port (default: the intake setting, 8765)"))
    parser.set_defaults(handler=cmd_intake_server)


def cmd_intake_server(args) -> int:
    from studio.cli import CliError
    from studio.intake.server import IntakeServer

    if args.port is not None and not 0 <= args.port <= 65535:
        raise CliError(_("Choose a port between 1024 and 65535 (0 picks a free one)."), code=2)
    _config, services = open_studio(args)
    server = IntakeServer(services)
    try:
        host, port = server.start(args.host, args.port)
    except OSError as exc:
        services.db.dispose()
        raise CliError(_("The intake server could not start on that address and port: {reason}.").format(
            reason=exc.strerror or exc)) from exc
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        if host in ("0.0.0.0", "::"):
            print(_("Listening on EVERY network this PC is on (0.0.0.0), not just the studio Wi-Fi."), flush=True)
        print(_("Intake server listening on {url} (port {port}). Ctrl+C stops it.").format(url=server.base_url, port=port),
              flush=True)
        walkin = services.intake.current_walkin_url(server.url_host, port)
        if walkin:
            print(_("Walk-in form: {url}").format(url=walkin), flush=True)
        else:
            print(_("No walk-in code yet: open Intake in the app to show one."), flush=True)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
        services.db.dispose()
    print(_("Intake server stopped."), flush=True)
    return 0
