"""`make run` calls this first. On Linux, Qt needs a display to open a window, and its xcb
platform needs system libraries that minimal installs lack. Say exactly what is missing
instead of letting Qt abort with a message about a plugin."""

from __future__ import annotations

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
    import ctypes.util  # here, not at import: `studio` checks the display on every start
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []  # offscreen, wayland…: xcb is not used
    return sorted({pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None})


NO_DISPLAY = "Linework can't open its window: no display found (DISPLAY / WAYLAND_DISPLAY unset)."


def display_missing() -> bool:
    """True on Linux when no X11 or Wayland display is set (and no platform that needs none,
    such as offscreen, was chosen): Qt would abort naming the xcb plugin."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return False  # offscreen, vnc, eglfs…: they need no display server
    if platform.startswith("wayland"):
        return not os.environ.get("WAYLAND_DISPLAY")
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main() -> int:
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        print("Run it from a desktop session, or over SSH with X forwarding (ssh -X).", file=sys.stderr)
        return 1
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
