"""The `studio` command. With no sub-command it opens the app; sub-commands administer,
recover and test it without a window. Errors go to stderr with a non-zero exit code.

Sub-commands and ``--help`` speak the studio's language, with its region's dates and
numbers, once a studio exists in the data folder (English before): ``--data-dir`` is read
first, the studio's settings next, and only then is the parser built with its words.
argparse's own words ("usage:", "options"…) come from the same catalog (argparse_words.py).
Opening the app (no sub-command) reads nothing before the window."""

from __future__ import annotations

import argparse
import platform
import sys
from typing import Sequence

from studio import __version__
from studio.cli import admin, backup, calendar, check, export, intake, recall, selftest
from studio.config import DataDirError
from studio.services.common.i18n import _

# Each module adds its sub-commands; later modules append themselves here.
COMMAND_MODULES = (admin, selftest, backup, check, intake, calendar, export, recall)
# These work on a damaged studio (or none): the rest are told what is wrong before they start.
RECOVERY_COMMANDS = ("backup", "check", "self-test")


class CliError(Exception):
    """A message for stderr and exit code 2 (bad input) or 1 (failure)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studio", description=_("Linework: the app that runs a tattoo studio.")
    )
    # The Python too: a frozen build says which one it carries.
    parser.add_argument("--version", action="version",
                        version=f"Linework {__version__} (Python {platform.python_version()})")
    parser.add_argument("--data-dir", metavar="DIR", help=_("where the studio's data lives "
                        "(default: $STUDIO_DATA_DIR, then the platform's user data folder)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--data-dir")
    known, rest = first.parse_known_args(argv)
    if rest and rest != ["--version"]:  # a sub-command or --help: they speak the studio's language
        _speak_the_studios_language(known)
    from studio.cli.argparse_words import use_the_catalog

    use_the_catalog()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from studio.ui.kit.qtcheck import NO_DISPLAY, display_missing

        if display_missing():  # before Qt, which would abort naming a plugin
            print(f"studio: {NO_DISPLAY}", file=sys.stderr)
            return 1
        from studio.ui.app import run_app  # the GUI only when asked for

        try:
            return run_app(args.data_dir)
        except DataDirError as exc:
            print(f"studio: {exc}", file=sys.stderr)
            return 1
    from studio.services.common import DomainError

    try:
        if args.command not in RECOVERY_COMMANDS:
            _refuse_a_damaged_studio(args)
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"studio: {exc}", file=sys.stderr)
        return exc.code
    except DataDirError as exc:
        print(f"studio: {_(exc.template).format(**exc.values)}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"studio: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("studio: " + _("interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:
        from studio.services.backup.health import describe_failure

        message = describe_failure(exc)  # damage SQLite found mid-command: a sentence, not a traceback
        if message is None:
            raise
        print(f"studio: {message}", file=sys.stderr)
        return 1


def _speak_the_studios_language(args) -> None:
    """set_language and set_region from the studio's settings, read without writing a byte
    (a damaged, missing or unreadable studio leaves the command in English)."""
    from studio.config import load_config
    from studio.services.backup import database_problem
    from studio.services.common import set_language, set_region

    try:
        config = load_config(args.data_dir)
        path = config.database_path
        if path is None or not path.exists() or database_problem(path, config.backups_dir) is not None:
            return
        settings, region = _studio_settings(path)
    except Exception:  # noqa: BLE001 - whatever is wrong, the command itself says it
        return
    set_language(settings.language)
    set_region(region)


def _studio_settings(path):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from studio.services.common.settings_store import read_settings_and_region

    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            return read_settings_and_region(session)
    finally:
        engine.dispose()


def _refuse_a_damaged_studio(args) -> None:
    from studio.config import load_config
    from studio.services.backup import database_problem

    try:
        config = load_config(args.data_dir)
    except OSError:
        return  # the command itself says what is wrong with the folder
    problem = database_problem(config.database_path, config.backups_dir)
    if problem is not None:
        raise CliError(problem.advice)
