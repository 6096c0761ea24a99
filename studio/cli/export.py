"""`studio export cash --day YYYY-MM-DD --format csv|pdf --out FILE`: a closed day's
close-of-day report, headless (a day still open exits non-zero with a sentence);
`studio export finance --month YYYY-MM --format csv|pdf --out FILE`: the month's report
for the accountant (a month without entries still makes a valid, empty report)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from studio.cli.common import open_studio, out_path
from studio.services.common.i18n import _


def register(commands) -> None:
    export = commands.add_parser("export", help=_("write a report to a file"))
    sub = export.add_subparsers(dest="export_command", metavar="REPORT", required=True)
    cash = sub.add_parser("cash", help=_("a closed day's close-of-day report"))
    cash.add_argument("--day", required=True, metavar="YYYY-MM-DD", help=_("the day, e.g. 2026-03-16"))
    cash.add_argument("--format", required=True, choices=("csv", "pdf"), help=_("the file's format"))
    cash.add_argument("--out", required=True, metavar="FILE", help=_("the file to write (replaced)"))
    cash.set_defaults(handler=cmd_cash)
    finance = sub.add_parser("finance", help=_("a month's report for the accountant"))
    finance.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-03"))
    finance.add_argument("--format", required=True, choices=("csv", "pdf"), help=_("the file's format"))
    finance.add_argument("--out", required=True, metavar="FILE", help=_("the file to write (replaced)"))
    finance.set_defaults(handler=cmd_finance)


def cmd_cash(args) -> int:
    from studio.cli import CliError

    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise CliError(_("Give the day as YYYY-MM-DD, e.g. 2026-03-16."), code=2) from None
    out = out_path(args.out)
    _config, services = open_studio(args)
    try:
        data = services.register.export_day_for_command_line(day, args.format)
    finally:
        services.db.dispose()
    write_whole(out, data)
    print(_("Wrote {file}.").format(file=out))
    return 0


def cmd_finance(args) -> int:
    from studio.cli import CliError

    year, dash, month = args.month.partition("-")
    if not (dash and len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()
            and 1 <= int(month) <= 12 and int(year) >= 1):
        raise CliError(_("Give the month as YYYY-MM, e.g. 2026-03."), code=2)
    out = out_path(args.out)
    _config, services = open_studio(args)
    try:
        data = services.finance.month_report_for_command_line(int(year), int(month), args.format)
    finally:
        services.db.dispose()
    write_whole(out, data)
    print(_("Wrote {file}.").format(file=out))
    return 0


def write_whole(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` whole or not at all: a failure leaves no half file."""
    from studio.cli import CliError

    partial = out.with_name(out.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CliError(_("Could not write {file}: {reason}.").format(file=out, reason=exc.strerror or exc)) from exc
