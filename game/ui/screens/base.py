"""What every screen is to the app: it handles input, updates, draws, says when it animates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import theme as T
from game.ui import widgets as W

if TYPE_CHECKING:
    from game.controller import Game
    from game.ui.app import App


class Screen:
    # None: draws the whole frame. "menu": drawn over a softened picture of the screen it
    # was opened from (the play or title screen). "dialog": over a dimmed picture of
    # everything below, as it was.
    overlay: str | None = None
    backdrop: pygame.Surface | None = None
    tint = (58, 20, 26, 135)  # how much a menu's backdrop is shaded (more for screens full of text)
    changed: pygame.Rect | None = None  # the part the last draw changed, when the screen knows (else all)

    def __init__(self, app: App):
        self.app = app

    @property
    def game(self) -> Game:
        """The game controller: the story, saves and autosaves, the record of endings and read lines."""
        return self.app.game

    def enter(self) -> None:
        """Pushed on the stack (or uncovered again)."""

    def leave(self) -> None:
        """Popped off the stack."""

    def handle(self, event: pygame.event.Event, action: str | None) -> None:
        """A pygame event (mouse positions already in 1280x720) and its navigation action, if any."""

    def update(self, now: float, dt: float) -> None:
        """Advance time-based things; only the top screen is updated (time stands still below)."""

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def next_frame(self, now: float) -> float | None:
        """When this screen next needs a redraw on its own (clock time); None while it is still."""
        return None

    def relayout(self) -> None:
        """The language or the text size changed: forget laid-out text."""

    def spoken(self) -> tuple[str, str]:
        """What self-voicing says here (game.ui.voicing): the screen's title or line, and the focused control."""
        return "", ""

    # --- shared pieces -------------------------------------------------------------------
    def invalidate(self) -> None:
        self.app.invalidate()

    def heading(self, surface: pygame.Surface, text: str, sub: str = "") -> None:
        """A menu screen's title, top left, with an optional quiet line under it."""
        W.label(surface, text, W.ui_font(T.TITLE_SIZE - 6), T.CREAM, (T.MARGIN + 36, 52))
        if sub:
            W.label(surface, sub, W.ui_font(T.UI_SMALL), T.CREAM_DIM, (T.MARGIN + 38, 102))
