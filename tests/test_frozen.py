"""The frozen app (PyInstaller, packaging/linework.spec) behaves like the source app.

Built once per test session into a temp folder; slow (a few minutes on 2 cores), so these
run with `make test-slow`, not `make test`. Outside CI they are skipped when PyInstaller is
not installed; in CI (the CI env var set) a missing PyInstaller is a failure.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from studio import __version__
from studio.services.system.selfcheck import shipped_plugins

# The first test builds the app (BUILD_TIMEOUT) and each run waits up to RUN_TIMEOUT.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "linework.spec"
EXE_NAME = "linework-cli.exe" if sys.platform == "win32" else "Linework"
BUILD_TIMEOUT = 600
RUN_TIMEOUT = 180
ADMIN_EMAIL = "owner@frozen.test"
PASSWORD = "quiet harbour lantern 2024"
NEW_PASSWORD = "amber meadow falcon 77 tide"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "STUDIO_DATA_DIR"}}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


@pytest.fixture(scope="session")
def frozen_dir(tmp_path_factory) -> Path:
    """dist/Linework built from the spec, once per session."""
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is not installed (pip install -e '.[dist]')")
        pytest.skip("PyInstaller is not installed (pip install -e '.[dist]')")
    dist = tmp_path_factory.mktemp("frozen")
    # The work folder is kept between runs so PyInstaller's analysis cache saves minutes.
    work = ROOT / "build" / "test-frozen"
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=ROOT, check=True, timeout=BUILD_TIMEOUT, env=_env(),
    )
    app = dist / "Linework"
    assert (app / EXE_NAME).is_file()
    return app


def run_frozen(app: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(app / EXE_NAME), *args], input=stdin, capture_output=True, text=True,
        timeout=RUN_TIMEOUT, env=env or _env(), cwd=app.parent,
    )


def test_frozen_version_works_without_a_display(frozen_dir):
    env = {k: v for k, v in _env().items() if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    result = run_frozen(frozen_dir, "--version", env=env)
    assert result.returncode == 0, result.stderr
    # The Python it carries: the one that built it (this venv's).
    assert result.stdout.strip() == f"Linework {__version__} (Python {platform.python_version()})"


def test_frozen_self_test_passes_and_lists_the_shipped_plugins(frozen_dir):
    result = run_frozen(frozen_dir, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.strip().split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert "PDF rendered" in lines and "QR code rendered" in lines
    expected = shipped_plugins()  # from source: the same folder the spec collected
    assert lines["shipped plugins"] == (", ".join(expected) if expected else "(none)")
    assert lines["plugins loaded"] == (", ".join(expected) if expected else "(none)")  # each one loads, frozen
    assert result.stdout.rstrip().endswith("self-test passed")


def test_frozen_build_ships_resources_and_stays_small(frozen_dir):
    internal = frozen_dir / "_internal"
    root = internal if internal.is_dir() else frozen_dir
    assert (root / "migrations" / "env.py").is_file()
    assert list((root / "migrations" / "versions").glob("*.py"))
    assert (root / "plugins" / "README.txt").is_file()
    assert (root / "studio" / "ui" / "icons" / "sparkles.svg").is_file()
    for language in ("es", "pt_BR"):  # Linework's catalogs, compiled, and Qt's own for the same
        assert (root / "studio" / "locale" / language / "LC_MESSAGES" / "linework.mo").is_file()
    qt_catalogs = sorted(p.name for p in root.rglob("qtbase_*.qm"))
    assert qt_catalogs == ["qtbase_es.qm", "qtbase_pt_BR.qm"], qt_catalogs
    if sys.platform.startswith("linux"):
        size = sum(p.stat().st_size for p in frozen_dir.rglob("*") if p.is_file() and not p.is_symlink())
        assert size < 250_000_000, f"the app folder is {size / 1e6:.1f} MB"


def test_frozen_admin_commands_on_a_data_dir(frozen_dir, tmp_path):
    data = tmp_path / "studio"
    init = run_frozen(frozen_dir, "--data-dir", str(data), "init", "--admin-email", ADMIN_EMAIL,
                      "--studio-name", "Frozen Studio", "--timezone", "Europe/Lisbon", stdin=PASSWORD + "\n")
    assert init.returncode == 0, init.stderr
    assert (data / "studio.db").is_file()
    assert (data / "logs" / "linework.log").is_file()

    if (ROOT / "studio" / "cli" / "backup.py").is_file():
        now = run_frozen(frozen_dir, "--data-dir", str(data), "backup", "now")
        assert now.returncode == 0, now.stderr
        made = sorted((p for p in (data / "backups").rglob("*") if p.is_file()), key=lambda p: p.stat().st_mtime)
        assert made, "backup now wrote nothing to <data dir>/backups"
        verify = run_frozen(frozen_dir, "--data-dir", str(data), "backup", "verify", str(made[-1]))
        assert verify.returncode == 0, verify.stderr
    else:
        reset = run_frozen(frozen_dir, "--data-dir", str(data), "reset-password", ADMIN_EMAIL,
                           stdin=NEW_PASSWORD + "\n")
        assert reset.returncode == 0, reset.stderr
        assert ADMIN_EMAIL in reset.stdout

    again = run_frozen(frozen_dir, "--data-dir", str(data), "init", "--admin-email", "x@frozen.test",
                       stdin=PASSWORD + "\n")
    assert again.returncode == 2 and "already exists" in again.stderr

    demo_dir = tmp_path / "demo"
    demo = run_frozen(frozen_dir, "--data-dir", str(demo_dir), "demo")
    assert demo.returncode == 0, demo.stderr
    assert "Demo studio created" in demo.stdout

    check = run_frozen(frozen_dir, "--data-dir", str(demo_dir), "self-test")
    assert check.returncode == 0, check.stdout + check.stderr


def test_release_zip_holds_the_app_and_its_checksum(frozen_dir, tmp_path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import release
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    target = release.build_release(frozen_dir.parent, tmp_path)
    assert target.name == f"Linework-{__version__}-{release.platform_tag()}.zip"
    digest = target.with_name(target.name + ".sha256").read_text().split()[0]
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    top = f"Linework-{__version__}"
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
    assert {f"{top}/README.txt", f"{top}/backups/", f"{top}/plugins/README.txt"} <= names
    app = "Linework.app/Contents/MacOS/Linework" if sys.platform == "darwin" else f"Linework/{EXE_NAME}"
    assert f"{top}/{app}" in names
    if sys.platform.startswith("linux"):
        assert {f"{top}/linework.desktop", f"{top}/linework.png", f"{top}/install.sh"} <= names
        assert target.stat().st_size < 110_000_000
