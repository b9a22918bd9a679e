"""The window's side of saving: a save is `game.saves` JSON plus a PNG thumbnail beside it.

The thumbnail is a scaled picture of the play screen, written atomically like the JSON so
a crash never leaves half an image. Reading slots is the controller's (`Game.slot`), so a
damaged slot shows its one-line reason and never stops the other slots from working.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pygame

from game import saves
from game.engine.model import Story
from game.engine.state import GameState
from game.storage import write_atomic
from game.ui import png

log = logging.getLogger("her.ui")
THUMB = (384, 216)


def write(slot: str, story: Story, state: GameState, line: str, picture: pygame.Surface | None) -> Path:
    """Save a slot and its thumbnail; OSError/ValueError go to the caller (who tells the player)."""
    path = saves.write_save(slot, story, state, line)
    thumb = path.with_suffix(".png")
    if picture is None:
        _remove(thumb)
        return path
    try:
        small = pygame.transform.smoothscale(picture, THUMB)
        write_atomic(thumb, png.encode(small))
    except (pygame.error, OSError, ValueError) as exc:
        log.warning("could not write the thumbnail for slot %s: %s", slot, exc)
    return path


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def thumbnail(info: saves.SaveInfo) -> pygame.Surface | None:
    try:
        if info.thumbnail.is_file():
            return pygame.image.load(str(info.thumbnail))
    except (pygame.error, OSError):
        pass
    return None


def local_time(saved_at: str) -> str:
    """The save's time in the player's time zone, as `YYYY-MM-DD HH:MM`."""
    try:
        return datetime.fromisoformat(saved_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):  # a time out of the clock's range: as written
        return saved_at
