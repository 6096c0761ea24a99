"""Where data lives: flag, then environment, then the platform folder; tests never see the last."""

from __future__ import annotations

import os
from pathlib import Path

from studio.config import DATA_DIR_ENV, DATABASE_URL_ENV, default_data_dir, load_config


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
