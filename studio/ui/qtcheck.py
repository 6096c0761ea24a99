"""`make run` calls this first: on Linux, Qt's xcb platform needs system libraries that
minimal installs lack. Say exactly what to install instead of letting Qt abort."""

from __future__ import annotations

import ctypes.util
import os
import sys

# library name (as ctypes finds it) → Debian/Ubuntu package
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-randr": "libxcb-randr0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def missing_packages() -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []  # offscreen, wayland…: xcb is not used
    return sorted({pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None})


def main() -> int:
    missing = missing_packages()
    if missing:
        print("Linework's window needs some system libraries that this PC does not have yet.")
        print("Install them with:\n")
        print(f"    sudo apt-get install {' '.join(missing)}\n")
        print("then run 'make run' again.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
