"""`studio calendar export --artist EMAIL --out FILE.ics [--from YYYY-MM-DD]`: an artist's
appointments as a calendar file for their phone or computer (no medical data, each
client's first name only; see services/scheduling/ics.py). Runs as the command line."""

from __future__ import annotations

from datetime import date

from studio.cli.common import open_studio, out_path
from studio.cli.export import write_whole
from studio.services.common import number
from studio.services.common.i18n import _, ngettext


def register(commands) -> None:
    calendar = commands.add_parser("calendar", help="calendar files of the appointments")
    sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write an artist's appointments to an .ics file")
    export.add_argument("--artist", required=True, metavar="EMAIL", help="the artist's sign-in email")
    export.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write (replaced)")
    export.add_argument("--from", dest="since", metavar="YYYY-MM-DD",
                        help="the first day (default: 30 days ago)")
    export.set_defaults(handler=cmd_export)


def cmd_export(args) -> int:
    from studio.cli import CliError

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise CliError(_("Give the first day as YYYY-MM-DD, e.g. 2026-03-01."), code=2) from None
    out = out_path(args.out)
    _config, services = open_studio(args)
    try:
        data = services.calendar_files.artist_calendar_for_command_line(args.artist, since=since)
    finally:
        services.db.dispose()
    write_whole(out, data)
    events = data.count(b"BEGIN:VEVENT")
    print(ngettext("Wrote {file} ({n} appointment).", "Wrote {file} ({n} appointments).", events).format(
        file=out, n=number(events)))
    return 0
