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


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks a sentence for translation (this layer, below the services, cannot translate):
    whoever shows it passes it through services.common's ``_`` (see DataDirError)."""
    return message


class DataDirError(Exception):
    """The data folder cannot be used; the message is one sentence a person can act on.

    ``str(error)`` is the English sentence; ``template`` (marked with N_) and ``values``
    let the CLI and the app show it translated: ``_(e.template).format(**e.values)``."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


def load_config(data_dir: str | os.PathLike[str] | None = None) -> Config:
    """Resolve the data dir and database URL; creates the data dir if it is missing.

    Raises DataDirError when the folder is a file, lies below one, or cannot be made."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    path = Path(chosen).expanduser().resolve()
    _make_folder(path)
    url = os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{path / 'studio.db'}"
    return Config(data_dir=path, database_url=url)


def _make_folder(path: Path) -> None:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise DataDirError(
            N_("The data folder's name {path} is not valid text; choose a folder with a plain name."), path=path
        ) from None
    try:
        if path.is_dir():
            return
        if path.exists():
            raise DataDirError(N_("The data folder {path} is a file; choose a folder instead."), path=path)
        blocker = next((p for p in path.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            raise DataDirError(N_("The data folder {path} can't be made: {blocker} is a file."), path=path, blocker=blocker)
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # e.g. no permission, a read-only disk, a name too long
        reason = os.strerror(exc.errno).lower() if exc.errno else "the system refused"
        raise DataDirError(N_("The data folder {path} can't be made ({reason})."), path=path, reason=reason) from None


def check_writable(config: Config) -> None:
    """Raise DataDirError when the data folder (or the database file in it) is read-only.

    ``os.access`` asks the kernel, so a read-only mount counts even for root."""
    path = config.database_path
    if not os.access(config.data_dir, os.W_OK | os.X_OK) or (
        path is not None and path.exists() and not os.access(path, os.W_OK)
    ):
        raise DataDirError(N_("The data folder {path} is read-only; nothing was changed."), path=config.data_dir)


class _FallbackHandler(logging.StreamHandler):
    """Warnings to stderr, for when the log file cannot be written."""


def setup_logging(config: Config, level: int = logging.INFO) -> Path | None:
    """Send the app's log to a rotating file in ``<data dir>/logs``; returns its path.

    When that file cannot be written (a read-only data folder, a file named ``logs``),
    warnings and errors go to stderr instead and None is returned: reading the data, as
    ``studio backup list`` does, must still work. Nothing secret is logged by design:
    services log ids and actions, never passwords, tokens or medical text.
    """
    root = logging.getLogger()
    log_path = config.logs_dir / LOG_FILE_NAME
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(log_path):
            return log_path
    try:
        config.logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        if not any(isinstance(h, _FallbackHandler) for h in root.handlers):
            fallback = _FallbackHandler(sys.stderr)
            fallback.setLevel(logging.WARNING)
            fallback.setFormatter(logging.Formatter("studio: %(levelname)s %(name)s: %(message)s"))
            root.addHandler(fallback)
        root.setLevel(level)
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    return log_path
