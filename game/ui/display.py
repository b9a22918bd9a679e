"""The window: draws a 1280x720 logical frame letterboxed into a window of any size.

The frame is uploaded to a GPU texture and scaled by the renderer (cheap at any window
size); where no renderer can be made, the window surface is scaled in software. Mouse
positions are mapped back to logical coordinates here, so every screen hit-tests in
1280x720 whatever the window's size, fullscreen or not.
"""

from __future__ import annotations

import logging
import os

import pygame

from game.ui import theme as T

log = logging.getLogger("her.ui")
BARS = (34, 14, 16)  # the letterbox: a very dark wine, never pure black


class Display:
    def __init__(self, title: str, fullscreen: bool = False):
        os.environ.setdefault("SDL_RENDER_SCALE_QUALITY", "linear")
        size = _initial_size()
        self.window = pygame.Window(title, size=size, resizable=True)
        self.window.minimum_size = (T.WIDTH // 4, T.HEIGHT // 4)
        self.window.set_icon(_icon())
        self.surface = pygame.Surface(T.SIZE)
        self._windowed_size = size
        self.renderer = self.texture = None
        try:
            from pygame._sdl2.video import Renderer, Texture

            self.renderer = Renderer(self.window, vsync=False)
            self.texture = Texture(self.renderer, T.SIZE, streaming=True)
        except (ImportError, pygame.error) as exc:  # software fallback
            log.info("no renderer (%s); scaling in software", exc)
            self.renderer = self.texture = None
        self.fullscreen = False
        if fullscreen:
            self.set_fullscreen(True)

    # --- geometry ------------------------------------------------------------------------
    def letterbox(self) -> pygame.Rect:
        """Where the logical frame lands in the window, in window pixels."""
        w, h = self.window.size
        scale = min(w / T.WIDTH, h / T.HEIGHT)
        dw, dh = max(1, round(T.WIDTH * scale)), max(1, round(T.HEIGHT * scale))
        return pygame.Rect((w - dw) // 2, (h - dh) // 2, dw, dh)

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        box = self.letterbox()
        x = (pos[0] - box.x) * T.WIDTH / box.w
        y = (pos[1] - box.y) * T.HEIGHT / box.h
        return int(x), int(y)

    def to_window(self, pos: tuple[int, int]) -> tuple[int, int]:
        box = self.letterbox()
        return round(box.x + pos[0] * box.w / T.WIDTH), round(box.y + pos[1] * box.h / T.HEIGHT)

    # --- presenting ------------------------------------------------------------------------
    def present(self, area: pygame.Rect | None = None) -> None:
        """Show the frame. `area`: only that part of it changed since the last present, so only
        that part is uploaded (the texture keeps the rest); None uploads all of it."""
        box = self.letterbox()
        if self.renderer is not None:
            area = area.clip(self.surface.get_rect()) if area is not None else None
            if area is None:
                self.texture.update(self.surface)
            elif area.w and area.h:  # (a tuple: this pygame misplaces a subsurface given with a Rect)
                self.texture.update(self.surface.subsurface(area), tuple(area))
            if box.size != tuple(self.window.size):  # bars to paint; else the picture covers it all
                self.renderer.draw_color = BARS
                self.renderer.clear()
            self.texture.draw(dstrect=box)
            self.renderer.present()
            return
        target = self.window.get_surface()
        if box.size == T.SIZE:
            target.blit(self.surface, box)
        else:
            target.fill(BARS)
            pygame.transform.smoothscale(self.surface, box.size, target.subsurface(box))
        self.window.flip()

    def set_fullscreen(self, on: bool) -> None:
        if on == self.fullscreen:
            return
        try:
            if on:
                self._windowed_size = self.window.size
                self.window.set_fullscreen(desktop=True)
            else:
                self.window.set_windowed()
                self.window.size = self._windowed_size
        except pygame.error as exc:
            log.warning("could not change fullscreen: %s", exc)
            return
        self.fullscreen = on

    def close(self) -> None:
        self.texture = self.renderer = None
        self.window.destroy()


def _initial_size() -> tuple[int, int]:
    """1280x720, or smaller (same shape) when the desktop cannot hold it with its decorations."""
    try:
        desk_w, desk_h = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return T.SIZE
    scale = min(1.0, (desk_w * 0.9) / T.WIDTH, (desk_h * 0.85) / T.HEIGHT)
    return max(320, round(T.WIDTH * scale)), max(180, round(T.HEIGHT * scale))


def _icon() -> pygame.Surface:
    """A small warm disc: the window icon, drawn rather than shipped."""
    icon = pygame.Surface((64, 64), pygame.SRCALPHA)
    for r, color in ((30, T.CORAL), (22, T.CORAL_SOFT), (12, T.PEACH)):
        pygame.draw.circle(icon, color, (32, 32), r)
    return icon
