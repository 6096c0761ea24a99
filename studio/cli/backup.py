"""`studio backup now | list | verify FILE | restore FILE`: backups without the GUI, for
recovery when the app cannot start. Runs as the command line (see records.COMMAND_LINE)."""

from __future__ import annotations

import sys

from studio.services.common import number
from studio.services.common.i18n import _, pgettext


def register(commands) -> None:
    backup = commands.add_parser("backup", help=_("make, list, check and restore backups"))
    sub = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    now = sub.add_parser("now", help=_("make a verified backup now"))
    now.set_defaults(handler=cmd_now)

    listing = sub.add_parser("list", help=_("list the backups, newest first"))
    listing.set_defaults(handler=cmd_list)

    verify = sub.add_parser("verify", help=_("check a backup (a name from the list, or a .db/.zip file)"))
    verify.add_argument("file")
    verify.add_argument("--passphrase-stdin", action="store_true",
                        help=_("read the passphrase of an encrypted archive from standard input"))
    verify.set_defaults(handler=cmd_verify)

    restore = sub.add_parser("restore", help=_("replace the studio's data with a backup (asks first)"))
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    restore.add_argument("--passphrase-stdin", action="store_true",
                         help=_("read the passphrase of an encrypted archive from standard input"))
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
        raise CliError(_("Backups work on the built-in database file; this studio uses a database server."))
    if migrate:
        problem = database_problem(path, config.backups_dir)
        if problem is not None:
            raise CliError(problem.advice)
        if not path.exists():
            raise CliError(_("No studio in {folder}. Run 'studio init --admin-email …' first.").format(
                folder=config.data_dir))
        return config, open_services(config.database_url, config=config)
    return config, Services(Database(config.database_url), config=config)


def _warn_if_damaged(config) -> None:
    from studio.services.backup import database_problem

    problem = database_problem(config.database_path, config.backups_dir)
    if problem is not None:
        print(f"studio: {problem.message} " + _("Restore one of these: studio backup restore NAME"), file=sys.stderr)


def _progress(done: float, text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{text}… {done:4.0%}", end="", file=sys.stderr, flush=True)


def _passphrase(args) -> str | None:
    if not args.passphrase_stdin:
        return None
    from studio.cli.common import read_password

    return read_password(_("Passphrase: "), confirm=False)


def cmd_now(args) -> int:
    from studio.services.backup import COMMAND_LINE

    _config, services = _open(args)
    try:
        result = services.backup.back_up_now(COMMAND_LINE, progress=_progress)
    finally:
        services.db.dispose()
    info = result.backup
    print("\n" + _("Backup {name} made and verified ({size} bytes, sha256 {sha256}).").format(
        name=info.name, size=number(info.size), sha256=info.sha256))
    for name in result.deleted:
        print("  " + _("removed old backup {name}").format(name=name))
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
        print(_("No backups yet. Make one with: studio backup now"))
        return 0
    # Translators: the columns of `studio backup list` (short: they are padded to a width).
    heads = (pgettext("backup list", "name"), pgettext("backup list", "made (UTC)"), pgettext("backup list", "size"),
             pgettext("backup list", "verified"), pgettext("backup list", "version"), pgettext("backup list", "kind"))
    print("{:<20} {:<20} {:>14}  {:<8} {:<32} {:<9} sha256".format(*heads))
    for b in backups:
        made = b.created_at.replace(tzinfo=None).isoformat(" ", "seconds") if b.created_at else "?"
        verified = pgettext("backup list", "yes") if b.verified else pgettext("backup list", "NO")
        print(f"{b.name:<20} {made:<20} {number(b.size):>14}  {verified:<8} "
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
    if report.needs_migration:
        line = _("{source}: OK — schema {schema} (an older schema; it will be brought forward on restore), "
                 "sha256 {sha256}")
    else:
        line = _("{source}: OK — schema {schema}, sha256 {sha256}")
    print("\n" + line.format(source=report.source, schema=report.schema_revision, sha256=report.sha256))
    return 0


def cmd_restore(args) -> int:
    from studio.cli import CliError
    from studio.services.backup import COMMAND_LINE

    config, services = _open(args, migrate=False)
    try:
        passphrase = _passphrase(args)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError(_("Restoring replaces all of the studio's data; add --yes to confirm."), code=2)
            # Translators: the word to type stays "restore" (the command checks for it).
            answer = input(_("Replace the studio's data in {folder} with {file}? A safety backup is made "
                             "first. Type 'restore' to go on: ").format(folder=config.data_dir, file=args.file))
            if answer.strip().lower() != "restore":
                raise CliError(_("Nothing was changed."), code=2)
        result = services.backup.restore(COMMAND_LINE, args.file, passphrase=passphrase, progress=_progress)
    finally:
        services.db.dispose()
    if result.safety_backup:
        done = _("Restored {source}; the data it replaced is in backup {kept}.")
    elif result.damaged_copy:
        done = _("Restored {source}; the damaged database it replaced is kept, as it was, in {kept}.")
    else:
        done = _("Restored {source}; there was no database to keep.")
    lines = [done.format(source=result.restored_from, kept=result.safety_backup or result.damaged_copy)]
    if result.migrated_from:
        lines.append(_("Its schema was brought forward from {revision}.").format(revision=result.migrated_from))
    lines.append(_("Everyone must sign in again."))
    print("\n" + " ".join(lines))
    return 0
