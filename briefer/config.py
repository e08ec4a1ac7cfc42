"""Where briefer keeps things: platformdirs paths, overridable by flags and env."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "briefer"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


def config_path(override: str | Path | None = None) -> Path:
    """--config FILE, else $BRIEFER_CONFIG, else config.toml in the config dir."""
    if override:
        return Path(override)
    if os.environ.get("BRIEFER_CONFIG"):
        return Path(os.environ["BRIEFER_CONFIG"])
    return config_dir() / "config.toml"


def notes_path(override: str | Path | None = None) -> Path:
    """--notes FILE, else $BRIEFER_NOTES, else notes.json in the data dir."""
    if override:
        return Path(override)
    if os.environ.get("BRIEFER_NOTES"):
        return Path(os.environ["BRIEFER_NOTES"])
    return data_dir() / "notes.json"
