"""Backup benchmark on a 1 GB database (not part of the test run).

    .venv/bin/python bench/backup.py [--size-mb 1024] [--keep DIR] [--gui]

Generates a Linework database of the given size (random, incompressible rows in one extra
table, so the ZIP step is a worst case), then times in the same run: `cp` of the file,
Debian's `sqlite3 .backup`, and Linework's copy step (SQLite online backup API into a
journal_mode=OFF / synchronous=OFF temp file, inside one read transaction); then the
integrity check + fsync, the SHA-256, the ZIP, a full `back_up_now`, and `verify`.
Target: the copy step at most 1.5 × cp. With ``--gui``, then a Back up now through the
Backups page's worker while the GUI thread ticks every 10 ms (bench/backup_gui.py; target:
worst gap < 50 ms).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.config import load_config  # noqa: E402
from studio.services.backup import COMMAND_LINE  # noqa: E402
from studio.services.backup import archive as arc  # noqa: E402
from studio.services.backup.fileops import sha256_file  # noqa: E402
from studio.services.backup.snapshot import snapshot_database  # noqa: E402
from studio.services.core import open_services  # noqa: E402


def generate(config, size_mb: int) -> None:
    services = open_services(config.database_url, config=config)
    services.db.dispose()
    conn = sqlite3.connect(config.database_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("CREATE TABLE filler(id INTEGER PRIMARY KEY, body BLOB)")
    rows = size_mb * 1024 * 1024 // 4096
    conn.execute("BEGIN")
    conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                 "INSERT INTO filler(body) SELECT randomblob(3900) FROM n", (rows,))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")  # as the app keeps it
    conn.close()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--keep", help="work in this folder and keep it")
    parser.add_argument("--gui", action="store_true", help="also measure the window's stalls (backup_gui.py)")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="linework-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        config = load_config(work / "data")
        start = time.perf_counter()
        if not config.database_path.exists():
            generate(config, args.size_mb)
        gen = time.perf_counter() - start
        size = config.database_path.stat().st_size
        print(f"database: {size / 1e9:.2f} GB (generated in {gen:.1f} s)")
        src = config.database_path
        out = work / "out"
        out.mkdir(exist_ok=True)
        subprocess.run(["cat", str(src)], stdout=subprocess.DEVNULL, check=True)  # warm the page cache

        def fresh(name: str) -> Path:
            path = out / name
            path.unlink(missing_ok=True)
            return path

        cp_dst = fresh("cp.db")
        t_cp = timed(lambda: subprocess.run(["cp", str(src), str(cp_dst)], check=True))
        cli_dst = fresh("cli.db")
        t_cli = timed(lambda: subprocess.run(["sqlite3", str(src), f".backup '{cli_dst}'"], check=True))

        marks: dict[str, float] = {}
        start = time.perf_counter()

        def progress(_done: float, text: str) -> None:
            marks.setdefault(text, time.perf_counter() - start)

        ours = fresh("ours.db")
        snap = snapshot_database(src, ours, progress=progress)
        t_total_snap = time.perf_counter() - start
        t_copy = marks["Checking the copy"]
        t_check = t_total_snap - t_copy
        t_sha = timed(lambda: sha256_file(ours))
        sha = sha256_file(ours)
        zip_dst = fresh("ours.zip")
        manifest = arc.Manifest("bench", snap.schema_revision, __import__("datetime").datetime.now().astimezone(),
                                snap.size, sha, ())
        t_zip = timed(lambda: arc.write_archive(zip_dst, ours, manifest, []))
        services = open_services(config.database_url, config=config)
        try:
            result = {}
            t_full = timed(lambda: result.setdefault("r", services.backup.back_up_now(COMMAND_LINE)))
            name = result["r"].backup.name
            t_verify = timed(lambda: services.backup.verify(COMMAND_LINE, name))
        finally:
            services.db.dispose()

        rows = [
            ("cp (reference)", t_cp, t_cp),
            ("sqlite3 .backup (Debian CLI)", t_cli, t_cp),
            ("Linework copy step (backup API)", t_copy, t_cp),
            ("  integrity_check + fsync", t_check, None),
            ("  SHA-256", t_sha, None),
            ("  ZIP (deflate level 1, random data)", t_zip, None),
            ("back_up_now, all steps", t_full, None),
            ("verify (SHA-256 + integrity + FK checks)", t_verify, None),
        ]
        print(f"\n{'step':<40} {'seconds':>8} {'reference':>10} {'ratio':>7}")
        for label, seconds, ref in rows:
            ratio = f"{seconds / ref:6.2f}x" if ref else ""
            reference = f"{ref:9.2f}s" if ref else ""
            print(f"{label:<40} {seconds:8.2f} {reference:>10} {ratio:>7}")
        verdict = "PASS" if t_copy <= 1.5 * t_cp else "MISS"
        print(f"\ntarget: copy step <= 1.5 x cp -> {t_copy / t_cp:.2f}x {verdict}")
        if args.gui:
            import os

            from bench.backup_gui import measure, report

            shutil.rmtree(out, ignore_errors=True)  # the copies above are not part of the studio
            os.sync()
            report(measure(config), size)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
