"""Pack the built app into release/Linework-<version>-<platform>.zip with a SHA-256 beside it.

    .venv/bin/python packaging/release.py        (or: make release, which builds first)

The ZIP holds one folder, Linework-<version>/: the app (Linework/, or Linework.app on
macOS), an empty backups/, the shipped plugins/, README.txt and, on Linux, a .desktop file,
the icon and install.sh. Prints the unpacked and packed sizes; on Linux it fails when they
exceed the budget (250 MB unpacked, 110 MB zipped).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import stat
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
MAX_UNPACKED = 250_000_000
MAX_ZIP = 110_000_000
SKIP = {"__pycache__"}


def version() -> str:
    text = (ROOT / "studio" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _add_tree(archive: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    """Add ``folder`` under ``prefix``, keeping permissions and symlinks (macOS frameworks)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP)
        here = Path(dirpath)
        for name in [*dirnames, *sorted(filenames)]:
            path = here / name
            arcname = f"{prefix}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink():
                info = zipfile.ZipInfo(arcname)
                info.create_system = 3  # unix, so unzip restores the link
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
                if path.is_dir():
                    dirnames.remove(name)  # do not walk into a linked folder
            elif path.is_dir():
                archive.write(path, arcname + "/")
            elif not name.endswith((".pyc", ".pyo")):
                archive.write(path, arcname)


def _add_text(archive: zipfile.ZipFile, arcname: str, text: str, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2024, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text)


def build_release(dist: Path, out: Path) -> Path:
    ver = version()
    app = dist / "Linework.app" if sys.platform == "darwin" else dist / "Linework"
    if not app.is_dir():
        raise SystemExit(f"release: {app} is missing; run 'make dist' first")
    out.mkdir(parents=True, exist_ok=True)
    top = f"Linework-{ver}"
    target = out / f"{top}-{platform_tag()}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        _add_tree(archive, app, f"{top}/{app.name}")
        empty = zipfile.ZipInfo(f"{top}/backups/", date_time=(2024, 1, 1, 0, 0, 0))
        empty.create_system = 3
        empty.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10  # 0x10: MS-DOS directory
        archive.writestr(empty, "")
        _add_tree(archive, ROOT / "plugins", f"{top}/plugins")
        readme = (PACKAGING / "README-release.txt").read_text(encoding="utf-8").replace("{version}", ver)
        _add_text(archive, f"{top}/README.txt", readme)
        if sys.platform.startswith("linux"):
            archive.write(PACKAGING / "linework.png", f"{top}/linework.png")
            archive.write(PACKAGING / "linux" / "linework.desktop", f"{top}/linework.desktop")
            _add_text(archive, f"{top}/install.sh",
                      (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8"), 0o755)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "release")
    args = parser.parse_args(argv)
    target = build_release(args.dist, args.out)
    unpacked = folder_size(args.dist / ("Linework.app" if sys.platform == "darwin" else "Linework"))
    packed = target.stat().st_size
    print(f"release: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    print(f"  unpacked app  {unpacked / 1e6:7.1f} MB   (budget {MAX_UNPACKED / 1e6:.0f} MB on Linux)")
    print(f"  zip           {packed / 1e6:7.1f} MB   (budget {MAX_ZIP / 1e6:.0f} MB on Linux)")
    print(f"  sha256        {target.name}.sha256")
    if sys.platform.startswith("linux") and (unpacked > MAX_UNPACKED or packed > MAX_ZIP):
        print("release: over the size budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
