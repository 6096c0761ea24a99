"""`studio backup now | list | verify FILE | restore FILE`: backups without the GUI, for
recovery when the app cannot start. Runs as the command line (see records.COMMAND_LINE)."""

from __future__ import annotations

import sys


def register(commands) -> None:
    backup = commands.add_parser("backup", help="make, list, check and restore backups")
    sub = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    now = sub.add_parser("now", help="make a verified backup now")
    now.set_defaults(handler=cmd_now)

    listing = sub.add_parser("list", help="list the backups, newest first")
    listing.set_defaults(handler=cmd_list)

    verify = sub.add_parser("verify", help="check a backup (a name from the list, or a .db/.zip file)")
    verify.add_argument("file")
    verify.add_argument("--passphrase-stdin", action="store_true",
                        help="read the passphrase of an encrypted archive from standard input")
    verify.set_defaults(handler=cmd_verify)

    restore = sub.add_parser("restore", help="replace the studio's data with a backup (asks first)")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--passphrase-stdin", action="store_true",
                         help="read the passphrase of an encrypted archive from standard input")
    restore.set_defaults(handler=cmd_restore)


def _open(args, *, migrate: bool = True):
    """Services with the data dir. Only ``now`` opens (and migrates) the live database;
    list, verify and restore never touch it, so they work when it is damaged or read-only
    (restore replaces it). A damaged database makes ``now`` say so and what to do."""
    from studio.cli import CliError
    from studio.config import load_config, setup_logging
    from studio.db import Database
    from studio.services.backup import database_problem
    from studio.services.core import Services, open_services

    config = load_config(args.data_dir)
    try:
        setup_logging(config)
    except OSError:  # a read-only data folder: list and verify still work, without a log file
        pass
    path = config.database_path
    if path is None:
        raise CliError("Backups work on the built-in database file; this studio uses a database server.")
    if migrate:
        problem = database_problem(path, config.backups_dir)
        if problem is not None:
            raise CliError(problem.advice)
        if not path.exists():
            raise CliError(f"No studio in {config.data_dir}. Run 'studio init --admin-email …' first.")
        return config, open_services(config.database_url, config=config)
    return config, Services(Database(config.database_url), config=config)


def _warn_if_damaged(config) -> None:
    from studio.services.backup import database_problem

    problem = database_problem(config.database_path, config.backups_dir)
    if problem is not None:
        print(f"studio: {problem.message} Restore one of these: studio backup restore NAME", file=sys.stderr)


def _progress(done: float, text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{text}… {done:4.0%}", end="", file=sys.stderr, flush=True)


def _passphrase(args) -> str | None:
    if not args.passphrase_stdin:
        return None
    from studio.cli.common import read_password

    return read_password("Passphrase: ", confirm=False)


def cmd_now(args) -> int:
    from studio.services.backup import COMMAND_LINE

    _config, services = _open(args)
    try:
        result = services.backup.back_up_now(COMMAND_LINE, progress=_progress)
    finally:
        services.db.dispose()
    info = result.backup
    print(f"\nBackup {info.name} made and verified ({info.size:,} bytes, sha256 {info.sha256}).")
    for name in result.deleted:
        print(f"  removed old backup {name}")
    if result.second_folder_problem:
        print(f"studio: {result.second_folder_problem}", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    from studio.services.backup import COMMAND_LINE

    config, services = _open(args, migrate=False)
    try:
        backups = services.backup.list_backups(COMMAND_LINE)
    finally:
        services.db.dispose()
    _warn_if_damaged(config)
    if not backups:
        print("No backups yet. Make one with: studio backup now")
        return 0
    print(f"{'name':<20} {'made (UTC)':<20} {'size':>14}  {'verified':<8} {'version':<32} {'kind':<9} sha256")
    for b in backups:
        made = b.created_at.strftime("%Y-%m-%d %H:%M:%S") if b.created_at else "?"
        print(f"{b.name:<20} {made:<20} {b.size:>14,}  {'yes' if b.verified else 'NO':<8} "
              f"{b.version_text:<32} {b.kind or '?':<9} {b.sha256 or '-'}")
    return 0


def cmd_verify(args) -> int:
    from studio.cli import CliError
    from studio.services.backup import COMMAND_LINE

    _config, services = _open(args, migrate=False)
    try:
        report = services.backup.verify(COMMAND_LINE, args.file, passphrase=_passphrase(args), progress=_progress)
    finally:
        services.db.dispose()
    if not report.ok:
        raise CliError(f"{report.source}: {report.problem}")
    note = " (an older schema; it will be brought forward on restore)" if report.needs_migration else ""
    print(f"\n{report.source}: OK — schema {report.schema_revision}{note}, sha256 {report.sha256}")
    return 0


def cmd_restore(args) -> int:
    from studio.cli import CliError
    from studio.services.backup import COMMAND_LINE

    config, services = _open(args, migrate=False)
    try:
        passphrase = _passphrase(args)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError("Restoring replaces all of the studio's data; add --yes to confirm.", code=2)
            answer = input(f"Replace the studio's data in {config.data_dir} with {args.file}? "
                           "A safety backup is made first. Type 'restore' to go on: ")
            if answer.strip().lower() != "restore":
                raise CliError("Nothing was changed.", code=2)
        result = services.backup.restore(COMMAND_LINE, args.file, passphrase=passphrase, progress=_progress)
    finally:
        services.db.dispose()
    kept = (f"the data it replaced is in backup {result.safety_backup}." if result.safety_backup
            else f"the damaged database it replaced is kept, as it was, in {result.damaged_copy}."
            if result.damaged_copy else "there was no database to keep.")
    print(f"\nRestored {result.restored_from}; {kept}"
          + (f" Its schema was brought forward from {result.migrated_from}." if result.migrated_from else "")
          + " Everyone must sign in again.")
    return 0
