"""Where data lives: flag, then environment, then the platform folder; tests never see the last."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from studio.config import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    LOG_FILE_NAME,
    DataDirError,
    check_writable,
    default_data_dir,
    load_config,
    setup_logging,
)
from tests.support import read_only_mount


def test_the_session_points_the_user_data_dir_somewhere_harmless():
    assert DATABASE_URL_ENV not in os.environ
    config = load_config()
    assert config.data_dir == Path(os.environ[DATA_DIR_ENV]).resolve()
    assert config.data_dir != default_data_dir().resolve()
    assert config.database_url == f"sqlite:///{config.data_dir / 'studio.db'}"


def test_a_given_data_dir_wins_and_is_created(tmp_path):
    target = tmp_path / "nested" / "studio data"
    config = load_config(target)
    assert target.is_dir()
    assert config.data_dir == target.resolve()
    assert config.database_path == target.resolve() / "studio.db"
    assert (config.logs_dir, config.backups_dir, config.plugins_dir) == (
        target.resolve() / "logs", target.resolve() / "backups", target.resolve() / "plugins")


def test_the_database_url_can_be_overridden(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://studio@db.example/linework")
    config = load_config(tmp_path)
    assert config.database_url == "postgresql://studio@db.example/linework"
    assert config.database_path is None


# --- a data folder that can't be used -------------------------------------------------------


def test_a_regular_file_is_not_a_data_dir(tmp_path):
    path = tmp_path / "studio.txt"
    path.write_text("notes\n")
    with pytest.raises(DataDirError) as refused:
        load_config(path)
    assert str(refused.value) == f"The data folder {path} is a file; choose a folder instead."
    assert path.read_text() == "notes\n"


def test_a_data_dir_below_a_file_names_the_file(tmp_path):
    blocker = tmp_path / "studio.txt"
    blocker.write_text("notes\n")
    with pytest.raises(DataDirError) as refused:
        load_config(blocker / "a" / "b")
    assert str(refused.value) == f"The data folder {blocker / 'a' / 'b'} can't be made: {blocker} is a file."


@pytest.mark.parametrize("name, reason", [("x" * 300, "file name too long")], ids=["name-too-long"])
def test_a_data_dir_that_cannot_be_made_says_why(tmp_path, name, reason):
    path = tmp_path / name / "studio"
    with pytest.raises(DataDirError) as refused:
        load_config(path)
    assert str(refused.value) == f"The data folder {path} can't be made ({reason})."
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def root_handlers():
    """The handlers setup_logging adds to the root logger, removed (and closed) afterwards."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield lambda: [h for h in root.handlers if h not in before]
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_logging_goes_to_a_file_in_the_data_dir_once(tmp_path, root_handlers):
    config = load_config(tmp_path)
    assert setup_logging(config) == config.logs_dir / LOG_FILE_NAME
    assert setup_logging(config) == config.logs_dir / LOG_FILE_NAME
    [handler] = root_handlers()
    assert handler.baseFilename == str(config.logs_dir / LOG_FILE_NAME)
    check_writable(config)


def test_a_read_only_data_folder_still_opens_with_warnings_on_stderr(tmp_path, root_handlers):
    folder = tmp_path / "read-only"
    folder.mkdir()
    with read_only_mount(folder, lambda path: (path / "studio.db").write_bytes(b"")):
        config = load_config(folder)  # reading is allowed …
        with pytest.raises(DataDirError) as refused:  # … writing is refused in a sentence
            check_writable(config)
        assert str(refused.value) == f"The data folder {folder} is read-only; nothing was changed."
        assert setup_logging(config) is None
        assert setup_logging(config) is None
        [handler] = root_handlers()
        assert isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr
        assert handler.level == logging.WARNING
        assert not config.logs_dir.exists()


def test_a_read_only_database_file_is_refused(tmp_path):
    config = load_config(tmp_path)
    config.database_path.write_bytes(b"")
    config.database_path.chmod(0o444)
    if os.access(config.database_path, os.W_OK):
        pytest.skip("running as root: permission bits don't stop writes (the tmpfs test covers root)")
    with pytest.raises(DataDirError, match="is read-only"):
        check_writable(config)
