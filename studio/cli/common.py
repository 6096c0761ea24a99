"""Helpers the sub-commands share: opening the studio, reading passwords."""

from __future__ import annotations

import getpass
import sys

from studio.config import Config, load_config, setup_logging


def open_studio(args, *, must_exist: bool = True):
    """The config and services for ``--data-dir``; refuses a missing studio when asked."""
    from studio.cli import CliError
    from studio.services.core import open_services

    config: Config = load_config(args.data_dir)
    setup_logging(config)
    path = config.database_path
    if must_exist and path is not None and not path.exists():
        raise CliError(f"No studio in {config.data_dir}. Run 'studio init --admin-email …' first.")
    return config, open_services(config.database_url, config=config)


def read_password(prompt: str = "Password: ", *, confirm: bool = True) -> str:
    """From a prompt on a terminal (asked twice), or one line of stdin otherwise."""
    from studio.cli import CliError

    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError("Give the password on standard input (one line).", code=2)
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CliError("The two passwords differ; nothing was changed.", code=2)
    return first
