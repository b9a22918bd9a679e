"""Where the game's data and the player's files live.

In a checkout the top-level story/, assets/ and locales/ are used; in an installed wheel the
same folders sit inside the package (the build maps them there); in the standalone player
(a PyInstaller bundle, `tools/build_player.py`) they sit at the top of the bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):  # the standalone player
        return Path(sys._MEIPASS) / name
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
