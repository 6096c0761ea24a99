"""The frozen app's entry point: the `studio` command. With no sub-command it opens the
window, exactly like `python -m studio`."""

import sys

from studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
