"""Where the game's data and the player's files live.

In a checkout the top-level story/, assets/ and locales/ are used; in an installed wheel the
same folders sit inside the package (the build maps them there).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


def story_dir() -> Path:
    return _data_dir("story")


def assets_dir() -> Path:
    return _data_dir("assets")


def locales_dir() -> Path:
    return _data_dir("locales")


def user_data_dir() -> Path:
    """The player's folder for saves, settings and the persistent record ($HER_DATA_DIR wins)."""
    override = os.environ.get("HER_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path("her-game", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse_cache_dir() -> Path | None:
    """Where the command line keeps parsed story files (game.engine.parsecache); None when the
    data folder cannot be had (no platformdirs, unwritable): the loader then parses every time."""
    try:
        return user_data_dir() / "cache" / "story"
    except (OSError, ImportError):
        return None
