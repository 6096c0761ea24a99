"""The frozen app's entry point: the `studio` command. With no sub-command it opens the
window, exactly like `python -m studio`."""

import os
import sys

# A windowed build (Linework.exe, the macOS .app) starts with no console, so sys.stdout is
# None and a stray print() would crash; linework-cli.exe is the one to use for output.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from studio.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
