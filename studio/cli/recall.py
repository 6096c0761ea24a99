"""`studio recall --lot LOT | --item NAME [--from D --to D] --out FILE.csv`: the clients a
lot (or any lot of an item) touched, with their sessions, artists and contact details, for
a health authority after an ink recall. An unknown lot or item exits non-zero."""

from __future__ import annotations

from datetime import date

from studio.cli.common import open_studio, out_path
from studio.cli.export import write_whole
from studio.services.common.i18n import _


def register(commands) -> None:
    recall = commands.add_parser("recall", help=_("the clients a lot or an item touched (an ink recall)"))
    which = recall.add_mutually_exclusive_group(required=True)
    which.add_argument("--lot", metavar="LOT", help=_("the lot or batch number on the label"))
    which.add_argument("--item", metavar="NAME", help=_("every lot of the item with this name"))
    recall.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help=_("the first day (default: the start)"))
    recall.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help=_("the last day (default: today)"))
    recall.add_argument("--out", required=True, metavar="FILE.csv", help=_("the file to write (replaced)"))
    recall.set_defaults(handler=cmd_recall)


def cmd_recall(args) -> int:
    first, last = _day(args.first), _day(args.last)
    out = out_path(args.out)
    _config, services = open_studio(args)
    try:
        searched, data = services.recall.recall_for_command_line(lot_number=args.lot, item_name=args.item,
                                                                 first=first, last=last)
    finally:
        services.db.dispose()
    write_whole(out, data)
    rows = max(data.decode("utf-8-sig").count("\r\n") - 1, 0)
    print(_("Wrote {file}: {searched}, {n} sessions.").format(file=out, searched=searched, n=rows))
    return 0


def _day(text: str | None) -> date | None:
    from studio.cli import CliError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(_("Give days as YYYY-MM-DD, e.g. 2026-03-16."), code=2) from None
