"""Scene pictures and Samantha's presence, through the art modules when they are there.

`game.ui.scenery` and `game.ui.presence` belong to the art side; this module only adapts
them: backgrounds are converted to the frame's pixel format once (fast blits), and any
failure in the art code is logged once and replaced by a quiet fallback, never a crash.
"""

from __future__ import annotations

import logging
import math

import pygame

from game.paths import assets_dir
from game.ui import theme as T
from game.ui import widgets as W

log = logging.getLogger("her.ui")


KEEP_BACKGROUNDS = 5  # converted scene pictures kept; a scene change back to an older one reloads it (~20 ms)
_shared: dict[str, object] = {}  # the art objects, made once per process (they pre-render sprites)


class Backdrop:
    def __init__(self, frame: pygame.Surface):
        self.frame = frame
        self._cache: dict[str | None, pygame.Surface] = {}
        self._failed: set[str] = set()
        self._presence = None
        self.scenery = None
        try:
            if "scenery" not in _shared:
                from game.ui.scenery import Scenery

                _shared["scenery"] = Scenery(assets_dir() / "scenes", T.SIZE)
            self.scenery = _shared["scenery"]
        except Exception as exc:  # noqa: BLE001 - art code must never stop the game
            self._fail("scenery", exc)

    @property
    def presence(self):
        """Samantha's presence, made the first time she speaks."""
        if self._presence is None and "presence" not in self._failed:
            try:
                if "presence" not in _shared:
                    from game.ui.presence import Presence

                    _shared["presence"] = Presence(T.SIZE)
                self._presence = _shared["presence"]
            except Exception as exc:  # noqa: BLE001
                self._fail("presence", exc)
        return self._presence

    def _fail(self, what: str, exc: Exception) -> None:
        if what not in self._failed:
            self._failed.add(what)
            log.warning("%s unavailable (%s); using a plain fallback", what, exc)

    def background(self, scene: str | None) -> pygame.Surface:
        """The scene's picture in the frame's format; the last few are kept (3.7 MB each), and the
        art module's own copy is dropped once converted."""
        cached = self._cache.pop(scene, None)
        if cached is not None:
            self._cache[scene] = cached  # most recently used last
            return cached
        surf = None
        if self.scenery is not None:
            try:
                surf = self.scenery.background(scene)
            except Exception as exc:  # noqa: BLE001
                self._fail("scenery", exc)
        if surf is None or surf.get_size() != T.SIZE:
            surf = _fallback(scene) if surf is None else pygame.transform.smoothscale(surf, T.SIZE)
        surf = surf.convert(self.frame)
        if self.scenery is not None:
            self.scenery.forget(scene)
        self._cache[scene] = surf
        while len(self._cache) > KEEP_BACKGROUNDS:
            del self._cache[next(iter(self._cache))]
        return surf

    def animates(self, scene: str | None) -> bool:
        if self.scenery is None or "scenery-overlay" in self._failed:
            return False
        try:
            return bool(self.scenery.animates(scene))
        except Exception as exc:  # noqa: BLE001
            self._fail("scenery-overlay", exc)
            return False

    def draw_overlay(self, surface: pygame.Surface, scene: str | None, t: float) -> None:
        if self.scenery is None or "scenery-overlay" in self._failed:
            return
        try:
            self.scenery.draw_overlay(surface, scene, t)
        except Exception as exc:  # noqa: BLE001
            self._fail("scenery-overlay", exc)

    def draw_presence(self, surface: pygame.Surface, center: tuple[int, int], t: float, energy: float) -> None:
        if self.presence is not None and "presence-draw" not in self._failed:
            try:
                self.presence.draw(surface, center, t, energy)
                return
            except Exception as exc:  # noqa: BLE001
                self._fail("presence-draw", exc)
        _glow(surface, center, t, energy)


def _fallback(scene: str | None) -> pygame.Surface:
    return W.vshade(T.SIZE, (*T.BACKDROP_TOP, 255), (*T.BACKDROP_BOTTOM, 255)).copy()


def _glow(surface: pygame.Surface, center: tuple[int, int], t: float, energy: float) -> None:
    """A soft breathing light, standing in for Samantha when the presence art is missing."""
    r = 26 + 10 * energy + 3 * math.sin(t * 2.0)
    for k, alpha in ((2.2, 30), (1.5, 50), (1.0, 120)):
        rad = round(r * k)
        surface.blit(W.panel((2 * rad, 2 * rad), (255, 214, 186, alpha), radius=rad), (center[0] - rad, center[1] - rad))


def soften(picture: pygame.Surface, tint: tuple = (58, 20, 26, 135)) -> pygame.Surface:
    """A blurred, warmly shaded copy of a frame: the backdrop behind menus (the scene stays recognisable)."""
    w, h = picture.get_size()
    small = pygame.transform.smoothscale(picture, (w // 5, h // 5))
    try:
        small = pygame.transform.box_blur(small, 2)
    except (AttributeError, ValueError):
        pass
    out = pygame.transform.smoothscale(small, (w, h))
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill(tint)
    out.blit(shade, (0, 0))
    return out


def dim(picture: pygame.Surface, alpha: int = 120) -> pygame.Surface:
    out = picture.copy()
    shade = pygame.Surface(out.get_size(), pygame.SRCALPHA)
    shade.fill((*T.SCRIM[:3], alpha))
    out.blit(shade, (0, 0))
    return out
