"""Driving the real window without a person: post real pygame events, step the real loop.

Used by `her capture` and by the window tests. Time is a settable clock, so typewriter,
fades and auto-advance run exactly as far as the caller says, and pictures are repeatable.
Mouse positions are given in 1280x720 and posted in window pixels, as the OS would.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui import png
from game.ui import theme as T


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Driver:
    def __init__(self, app, clock: FakeClock):
        self.app, self.clock = app, clock

    def step(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step()

    def post(self, event_type: int, **attrs) -> None:
        pygame.event.post(pygame.event.Event(event_type, attrs))

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        self.step()

    def keydown(self, key: int, mod: int = 0) -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.step()

    def keyup(self, key: int, mod: int = 0) -> None:
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.step()

    def window_pos(self, pos: tuple[int, int]) -> tuple[int, int]:
        return self.app.display.to_window(pos)

    def move(self, pos: tuple[int, int]) -> None:
        self.post(pygame.MOUSEMOTION, pos=self.window_pos(pos), rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.step()

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        wpos = self.window_pos(pos)
        self.post(pygame.MOUSEMOTION, pos=wpos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=wpos, button=button, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=wpos, button=button, touch=False)
        self.step()

    def click_text(self, label: str) -> bool:
        """Click the first button on the top screen whose text is `label`."""
        self.step()  # buttons laid out at drawing time are in place once a frame is drawn
        for rect, text in buttons_of(self.app.top):
            if text == label:
                self.click(rect.center)
                return True
        return False

    def wheel(self, y: int) -> None:
        self.post(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y), touch=False)
        self.step()

    def pad(self, button: int) -> None:
        self.post(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0)
        self.post(pygame.CONTROLLERBUTTONUP, button=button, instance_id=0)
        self.step()

    def wait(self, seconds: float, fps: int = 30) -> None:
        """Let `seconds` of game time pass, stepping the loop as a real frame rate would."""
        frames = max(1, int(seconds * fps))
        for _ in range(frames):
            self.clock.advance(seconds / frames)
            self.app.step()

    def shot(self, path: Path) -> Path:
        self.app.invalidate()
        self.app.step()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png.encode(self.app.frame))
        return path


def buttons_of(screen) -> list[tuple[pygame.Rect, str]]:
    """The clickable buttons a screen shows (menus, quick menu, choices), with their text."""
    out = []
    for name in ("menu", "choices", "quick"):
        menu = getattr(screen, name, None)
        for b in getattr(menu, "buttons", []) or []:
            if b.rect.w and b.rect.colliderect(pygame.Rect(0, 0, *T.SIZE)):
                out.append((b.rect, b.text))
    return out
