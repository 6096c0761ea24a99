"""Where Linework keeps its data and finds its resources.

This is the one module that resolves paths: the data dir (flag, then ``STUDIO_DATA_DIR``,
then the platform's user data dir), the database URL (``STUDIO_DATABASE_URL`` overrides the
SQLite file in the data dir) and bundled resources, both from source and when frozen by
PyInstaller.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Linework"
DATA_DIR_ENV = "STUDIO_DATA_DIR"
DATABASE_URL_ENV = "STUDIO_DATABASE_URL"
LOG_FILE_NAME = "linework.log"


def is_frozen() -> bool:
    """True when running from a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    """The folder that holds ``studio/``, ``migrations/`` and ``plugins/``.

    From source it is the project checkout; frozen, it is PyInstaller's unpack folder.
    """
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A bundled file or folder, e.g. ``resource_path("migrations")``; works frozen too."""
    return resource_root().joinpath(*parts)


def shipped_plugins_dir() -> Path:
    """The ``plugins/`` folder that ships with the app (user plugins live in the data dir)."""
    return resource_path("plugins")


def default_data_dir() -> Path:
    from platformdirs import user_data_dir  # lazy: only needed when no dir was given

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def plugins_dir(self) -> Path:
        return self.data_dir / "plugins"

    @property
    def database_path(self) -> Path | None:
        """The SQLite file behind the database URL, or None for another database."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix):])
        return None

    @property
    def ui_settings_path(self) -> Path:
        """Per-machine window preferences (size, last page, theme); not studio data."""
        return self.data_dir / "ui.ini"


def load_config(data_dir: str | os.PathLike[str] | None = None) -> Config:
    """Resolve the data dir and database URL; creates the data dir if it is missing."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    url = os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{path / 'studio.db'}"
    return Config(data_dir=path, database_url=url)


def setup_logging(config: Config, level: int = logging.INFO) -> None:
    """Send the app's log to a rotating file in ``<data dir>/logs``.

    Nothing secret is logged by design: services log ids and actions, never passwords,
    tokens or medical text.
    """
    config.logs_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    log_path = config.logs_dir / LOG_FILE_NAME
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(log_path):
            return
    handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
