"""`studio check`: the live studio's health, one line per problem and what to do; exit 1
when anything is wrong. (`studio self-test` only tries a throw-away folder.)"""

from __future__ import annotations

import sys

from studio.services.common.i18n import _


def register(commands) -> None:
    check = commands.add_parser("check", help=_("check the studio's database and files (read-only)"))
    check.set_defaults(handler=cmd_check)


def cmd_check(args) -> int:
    from studio.cli import CliError
    from studio.config import load_config
    from studio.db import Database
    from studio.services.backup import COMMAND_LINE
    from studio.services.core import Services

    config = load_config(args.data_dir)
    services = Services(Database(config.database_url), config=config)  # never migrated: read-only
    try:
        report = services.backup.check_studio(COMMAND_LINE)
    finally:
        services.db.dispose()
    if report.ok:
        print(_("The studio in {folder} is sound: its database passed SQLite's checks, its schema is "
                "Linework's and every file its records name is there.").format(folder=config.data_dir))
        return 0
    for problem in report.problems[:-1]:
        print(f"studio: {problem}", file=sys.stderr)
    raise CliError(report.problems[-1])
