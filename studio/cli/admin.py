"""`studio init`, `studio reset-password` and `studio demo`."""

from __future__ import annotations

import sys

from studio.cli.common import has_database, open_config, open_services_for, open_studio, read_password
from studio.services.common.i18n import _


def register(commands) -> None:
    init = commands.add_parser("init", help=_("create the studio database and its first admin"))
    init.add_argument("--admin-email", required=True)
    init.add_argument("--admin-name", default="Admin")
    init.add_argument("--studio-name", default="My Studio")
    init.add_argument("--timezone", default=None, help=_("IANA name, e.g. Europe/Lisbon (default: this PC's)"))
    init.add_argument("--currency", default="USD")
    init.set_defaults(handler=cmd_init)

    reset = commands.add_parser("reset-password", help=_("set a new password and lift a lockout"))
    reset.add_argument("email")
    reset.set_defaults(handler=cmd_reset_password)

    demo = commands.add_parser("demo", help=_("fill an empty data dir with a realistic demo studio"))
    demo.set_defaults(handler=cmd_demo)


def cmd_init(args) -> int:
    from studio.cli import CliError
    from studio.services.common.localtime import local_timezone_name

    config = open_config(args)
    # An existing studio is refused before the password is asked for; otherwise the
    # password is read (and a bad one refused) before any database file is made.
    services = open_services_for(config) if has_database(config) else None
    if services is not None and not services.setup.needs_setup():
        raise CliError(_("A studio already exists in {folder}; nothing was changed.").format(folder=config.data_dir),
                       code=2)
    password = read_password(_("Password for the admin: "))
    services = services or open_services_for(config)
    actor = services.setup.create_studio(
        studio_name=args.studio_name,
        timezone=args.timezone or local_timezone_name(),
        currency=args.currency,
        admin_name=args.admin_name,
        admin_email=args.admin_email,
        password=password,
    )
    print(_("Created the studio in {folder}; {email} is its admin.").format(folder=config.data_dir, email=actor.email))
    return 0


def cmd_reset_password(args) -> int:
    _config, services = open_studio(args)
    password = read_password(_("New password for {email}: ").format(email=args.email))
    staff = services.staff.reset_password_offline(args.email, password)
    print(_("New password set for {email}; any lockout is lifted.").format(email=staff.email))
    return 0


def cmd_demo(args) -> int:
    from studio.cli import CliError
    from studio.services.system import build_demo

    config, services = open_studio(args, must_exist=False)
    if not services.setup.needs_setup():
        raise CliError(_("{folder} already holds a studio; use an empty data dir for the demo.").format(
            folder=config.data_dir), code=2)
    accounts = build_demo(services, progress=lambda text: print(text, file=sys.stderr))
    print(_("Demo studio created. These passwords are shown once; write them down:"))
    for account in accounts:
        print(f"  {account.role:<11} {account.email:<28} {account.password}")
    return 0
