"""``studio check``: is the live studio sound? Its file, SQLite's integrity and foreign-key
checks, its schema compared as verify compares a backup's, and the files its rows name
(consent PDFs, client photos, intake photos) present. Read-only: nothing is written, so it
runs on a damaged or read-only studio too."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from studio.config import Config
from studio.db import SCHEMA_HEAD
from studio.services.backup.health import WHAT_TO_DO, database_problem
from studio.services.backup.records import CheckReport
from studio.services.backup.verify import known_revisions, schema_difference
from studio.services.common.formats import amount
from studio.services.common.i18n import _, ngettext

# (table, column, folder): rows that name a file in the data folder.
NAMED_FILES = (("consents", "pdf_file", "consents"), ("clients", "photo_file", "photos"),
               ("intake_photos", "file", "intake"))
MAX_LISTED = 20


def check_studio(config: Config) -> CheckReport:
    path = config.database_path
    if path is None:
        return CheckReport((_("This studio uses a database server; check it with that server's tools."),))
    if not os.path.lexists(path):
        return CheckReport((_("There is no studio in {folder} yet. Run 'studio init --admin-email …', "
                              "or restore a backup with 'studio backup restore NAME'.").format(folder=config.data_dir),))
    problem = database_problem(path, config.backups_dir)
    if problem is not None:
        return CheckReport((problem.advice,))
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    uri = f"file:{path.as_posix()}?mode=ro" + ("" if writable else "&immutable=1")
    problems: list[str] = []
    conn = sqlite3.connect(uri, uri=True, timeout=15)
    try:
        check = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if check != ["ok"]:
            # Translators: {error} is SQLite's own (English) message.
            return CheckReport((_("The database is damaged: SQLite's integrity check failed ({error}).").format(
                error=check[0]) + " " + _(WHAT_TO_DO),))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            tables = sorted({row[0] for row in broken})
            # Translators: {tables} names database tables.
            problems.append(ngettext("{n} record in {tables} points at records that are missing.",
                                     "{n} records in {tables} point at records that are missing.",
                                     len(broken)).format(n=len(broken), tables=", ".join(tables))
                            + " " + _(WHAT_TO_DO))
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
        if revision is None:
            problems.append(_("The database has no schema revision.") + " " + _(WHAT_TO_DO))
        elif revision != SCHEMA_HEAD and revision not in known_revisions():
            problems.append(_("The database was written by a newer Linework; install that version to open it."))
        else:
            difference = schema_difference(path, revision, immutable=not writable)
            if difference is not None:
                # Translators: {revision} is a schema revision code; {difference} says what differs.
                problems.append(_("The database is not a Linework database of schema {revision}: {difference}").format(
                    revision=revision, difference=difference) + " " + _(WHAT_TO_DO))
            else:
                problems.extend(_missing_files(conn, config.data_dir))
                problems.extend(_stock_totals(conn))
                problems.extend(_day_totals(conn))
    except sqlite3.DatabaseError as exc:
        return CheckReport((_("SQLite cannot read the database ({error}).").format(error=exc) + " " + _(WHAT_TO_DO),))
    finally:
        conn.close()
    return CheckReport(tuple(problems))


def _missing_files(conn: sqlite3.Connection, data_dir: Path) -> list[str]:
    problems = []
    for table, column, folder in NAMED_FILES:
        names = [row[0] for row in conn.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL "
                                                f"AND {column} != ''")]
        missing = [n for n in names if not (data_dir / folder / n).is_file()
                   and not (data_dir / folder / f".{n}.part").is_file()]  # a filing's last rename
        for name in missing[:MAX_LISTED]:
            # Translators: {file} is a file's path, {table} a database table.
            problems.append(_("{file} is missing (a row in {table} names it). Copy it back from a backup's "
                              "archive, or restore the newest backup that has it.").format(
                                  file=f"{folder}/{name}", table=table))
        if len(missing) > MAX_LISTED:
            more = len(missing) - MAX_LISTED
            problems.append(ngettext("…and {n} more file in {folder} is missing.",
                                     "…and {n} more files in {folder} are missing.", more).format(
                                         n=more, folder=f"{folder}/"))
    return problems


# Each item's and lot's on hand, kept as a total, against the sum of its movements.
_STOCK_TOTALS = (
    "SELECT i.name, NULL, i.on_hand, COALESCE(SUM(m.delta), 0) FROM stock_items i "
    "LEFT JOIN stock_movements m ON m.item_id = i.id GROUP BY i.id HAVING i.on_hand != COALESCE(SUM(m.delta), 0)",
    "SELECT i.name, l.lot_number, l.on_hand, COALESCE(SUM(m.delta), 0) FROM stock_lots l "
    "JOIN stock_items i ON i.id = l.item_id LEFT JOIN stock_movements m ON m.lot_id = l.id "
    "GROUP BY l.id HAVING l.on_hand != COALESCE(SUM(m.delta), 0)",
)


def _stock_totals(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for query in _STOCK_TOTALS:
        for name, lot, on_hand, moved in conn.execute(query).fetchall()[:MAX_LISTED]:
            what = _("{item}, lot {lot}").format(item=name, lot=lot) if lot else name
            # Translators: {what} is a stock item (and lot); the numbers are quantities in its unit.
            problems.append(_("{what} shows {on_hand} on hand, but its movements add up to {moved}. Count it and "
                              "adjust it on the Inventory page, or restore the newest sound backup.").format(
                                  what=what, on_hand=on_hand, moved=moved))
    return problems


# Each day's cash entries against the daily totals finance reads (register/day_totals.py).
_DAY_TOTALS = (
    "SELECT day, SUM(kept), SUM(made) FROM ("
    " SELECT day, total_cents AS kept, entries AS kept_n, 0 AS made, 0 AS made_n FROM cash_day_totals"
    " UNION ALL SELECT day, 0, 0, amount_cents, 1 FROM cash_entries"
    ") GROUP BY day HAVING SUM(kept) != SUM(made) OR SUM(kept_n) != SUM(made_n) ORDER BY day"
)


def _day_totals(conn: sqlite3.Connection) -> list[str]:
    return [
        # Translators: {day} is a date (2026-03-14); the amounts are numbers such as 1,234.50.
        _("The finance totals for {day} add up to {kept}, but that day's cash entries add up to {made}. "
          "Restore the newest sound backup; the entries themselves are what the register shows.").format(
              day=day, kept=amount(kept), made=amount(made))
        for day, kept, made in conn.execute(_DAY_TOTALS).fetchall()[:MAX_LISTED]]
