"""Frozen start-up: process start → login dialog shown (offscreen), median of 10, for the
PyInstaller build (dist/Linework, from `make dist`) next to the same app run from source.

Target: the frozen app starts in at most 1.3× the source app's time. The studio is set up
first, so what is measured is the everyday start on a database already at head. Also
prints the size of the build and, when present, of the release ZIP.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import ROOT, time_until_shown  # noqa: E402  (the same probe as bench/startup.py)

RUNS = 10
TARGET = 1.3
EXE = ROOT / "dist" / "Linework" / ("linework-cli.exe" if sys.platform == "win32" else "Linework")


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    if not EXE.is_file():
        print(f"{EXE} is missing: run 'make dist' first", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    frozen_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    with tempfile.TemporaryDirectory(prefix="linework-bench-") as data_dir:
        subprocess.run(
            [str(EXE), "--data-dir", data_dir, "init", "--admin-email", "owner@studio.test",
             "--studio-name", "Bench Studio", "--timezone", "UTC"],
            input="bench horse battery staple 42\n", text=True, check=True, env=frozen_env,
            capture_output=True,
        )
        source_cmd = [sys.executable, "-m", "studio", "--data-dir", data_dir]
        frozen_cmd = [str(EXE), "--data-dir", data_dir]
        source_env = dict(env, STUDIO_STARTUP_PROBE="1")
        frozen_probe_env = dict(frozen_env, STUDIO_STARTUP_PROBE="1")
        time_until_shown(source_cmd, source_env)  # warm the OS file cache and .pyc files
        time_until_shown(frozen_cmd, frozen_probe_env)
        source_times, frozen_times = [], []
        for _ in range(RUNS):
            source_times.append(time_until_shown(source_cmd, source_env))
            frozen_times.append(time_until_shown(frozen_cmd, frozen_probe_env))
    source, frozen = statistics.median(source_times), statistics.median(frozen_times)
    ratio = frozen / source
    print(f"{'measure':<34}{'median':>10}{'target':>14}")
    print(f"{'source app (python -m studio)':<34}{source:>9.3f}s{'':>14}")
    print(f"{'frozen app (dist/Linework)':<34}{frozen:>9.3f}s{'':>14}")
    print(f"{'ratio':<34}{ratio:>9.2f}×{f'≤ {TARGET:.2f}×':>14}")
    print(f"{'build size (dist/Linework)':<34}{size_mb(EXE.parent):>8.1f}MB")
    for zip_path in sorted((ROOT / "release").glob("Linework-*.zip")):
        print(f"{'release ZIP':<34}{size_mb(zip_path):>8.1f}MB  {zip_path.name}")
    ok = ratio <= TARGET
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
