"""Where the game's data and the player's files live.

The rule, so that a writer in a checkout never edits one story while the tools read another:

1. `--story DIR` names the story folder and wins for the story (assets and locales follow 2/3).
2. Otherwise, when the current directory is inside a checkout of this project (a folder with the
   project's pyproject.toml and story/story.yaml, found by walking up from the current directory),
   that checkout's story/, assets/ and locales/ are used, however the game was installed: editable
   (`pip install -e .`), a copy (`pip install .`, whose own copies are then not read) or not at all.
3. Otherwise the copies shipped with the installed package: inside it for a wheel, beside it when
   the code runs straight from a checkout.

Before all three: the standalone player (a PyInstaller bundle, `tools/build_player.py`) reads only
the data at the top of its bundle, even when started inside a checkout, so a player build always
plays the story it was built with.

`story_note()` is the one sentence a command prints when rule 2 picked a story other than the
installed copy, so the writer knows which files were read.
"""

from __future__ import annotations

import errno
import os
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_NAME = "her-game"


def _is_checkout(folder: Path) -> bool:
    try:
        if not (folder / "story" / "story.yaml").is_file():
            return False
        text = (folder / "pyproject.toml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return f'name = "{PROJECT_NAME}"' in text


@lru_cache(maxsize=8)
def _checkout_from(cwd: str) -> Path | None:
    here = Path(cwd)
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder
    return None


def checkout_root() -> Path | None:
    """The checkout holding the current directory, if there is one."""
    try:
        return _checkout_from(os.getcwd())
    except OSError:  # the current directory was removed
        return None


def _frozen_dir() -> Path | None:
    """The standalone player's bundle folder, or None when not running frozen."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    return None


def _shipped(name: str) -> Path:
    bundle = _frozen_dir()
    if bundle is not None:
        return bundle / name
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


def _data_dir(name: str) -> Path:
    if _frozen_dir() is not None:  # the bundle's own data wins, even inside a checkout
        return _shipped(name)
    root = checkout_root()
    return root / name if root is not None else _shipped(name)


def project_root() -> Path:
    """The folder holding the game/ package whose sources the tools scan (the checkout's, if any)."""
    return checkout_root() or PACKAGE_DIR.parent


def story_dir() -> Path:
    return _data_dir("story")


def shipped_story_dir() -> Path:
    """The story that came with the installed package (rule 3)."""
    return _shipped("story")


def story_note() -> str | None:
    """A sentence naming the checkout's story when rule 2 chose it over the installed copy."""
    chosen, shipped = story_dir(), shipped_story_dir()
    if chosen.resolve() == shipped.resolve():
        return None
    return f"her: reading the story of this checkout, {chosen} (not the installed copy)"


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
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # a file where the folder should be: one clear line, said by the caller
        from game.notice import later

        raise NotADirectoryError(errno.ENOTDIR, later.ui("The data folder {folder} is a file, not a folder; nothing can be saved", folder=str(path))) from None
    return path


def parse_cache_dir() -> Path | None:
    """Where the command line keeps parsed story files (game.engine.parsecache); None when the
    data folder cannot be had (no platformdirs, unwritable): the loader then parses every time."""
    try:
        return user_data_dir() / "cache" / "story"
    except (OSError, ImportError):
        return None
