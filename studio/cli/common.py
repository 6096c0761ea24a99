"""Helpers the sub-commands share: opening the data folder and the studio, reading passwords."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from studio.config import Config, check_writable, load_config, setup_logging
from studio.services.common.i18n import _


def open_config(args, *, write: bool = True) -> Config:
    """The config for ``--data-dir``, its folder checked (made if missing) before the log
    is started in it. ``write=True`` refuses a read-only folder; commands that only read
    (listing or verifying backups) pass False and get a log on stderr when the folder
    can't hold one. Raises DataDirError, which ``studio.cli.main`` prints as a sentence."""
    config = load_config(args.data_dir)
    if write:
        check_writable(config)
    setup_logging(config)
    return config


def open_services_for(config: Config):
    from studio.services.core import open_services

    return open_services(config.database_url, config=config)


def has_database(config: Config) -> bool:
    """False only when the studio's SQLite file is missing (a server database is assumed)."""
    path = config.database_path
    return path is None or path.exists()


def open_studio(args, *, must_exist: bool = True, write: bool = True):
    """The config and services for ``--data-dir``; refuses a missing studio when asked."""
    from studio.cli import CliError

    config = open_config(args, write=write)
    if must_exist and not has_database(config):
        raise CliError(_("No studio in {folder}. Run 'studio init --admin-email …' first.").format(
            folder=config.data_dir))
    return config, open_services_for(config)


def read_password(prompt: str | None = None, *, confirm: bool = True) -> str:
    """From a prompt on a terminal (asked twice), or one line of stdin otherwise.

    Standard input is read as bytes and must be UTF-8 (a leading byte-order mark is
    dropped) without NUL bytes: anything else is refused rather than stored as a password
    nobody could type again."""
    from studio.cli import CliError

    if not sys.stdin.isatty():
        line = sys.stdin.buffer.readline()
        if not line:
            raise CliError(_("Give the password on standard input (one line)."), code=2)
        try:
            password = line.rstrip(b"\r\n").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CliError(_("The password on standard input is not UTF-8 text; nothing was changed."),
                           code=2) from None
        return _typeable(password)
    first = _typeable(getpass.getpass(prompt or _("Password: ")))
    if confirm and getpass.getpass(_("Type it again: ")) != first:
        raise CliError(_("The two passwords differ; nothing was changed."), code=2)
    return first


def _typeable(password: str) -> str:
    from studio.cli import CliError

    if "\0" in password:
        raise CliError(_("The password contains a NUL byte, which can't be typed; nothing was changed."),
                       code=2)
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:  # a terminal in another encoding: undecodable bytes
        raise CliError(_("The password is not UTF-8 text; nothing was changed."), code=2) from None
    return password


def out_path(value: str) -> Path:
    """The file a command writes, refused (exit 2) when its folder does not exist."""
    from studio.cli import CliError

    out = Path(value)
    if not out.parent.is_dir():
        raise CliError(_("The folder {folder} does not exist; nothing was written.").format(
            folder=out.parent), code=2)
    return out
