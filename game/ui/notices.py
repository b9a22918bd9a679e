"""What the window says over any screen: short notes (saved, reloaded) and story-edit errors."""

from __future__ import annotations

import pygame

from game.ui import theme as T
from game.ui import widgets as W
from game.ui.text import ellipsize

SHOWN_ERRORS = 6


def draw_toasts(surface: pygame.Surface, messages: list[str]) -> None:
    f = W.ui_font(T.UI_SMALL + 1)
    y = 26
    for message in messages:
        shown = ellipsize(message, f, T.WIDTH - 240)
        w = f.size(shown)[0] + 44
        rect = pygame.Rect((T.WIDTH - w) // 2, y, w, 40)
        surface.blit(W.panel(rect.size, (*T.PANEL_SOLID, 225), radius=20), rect)
        W.label(surface, shown, f, T.CREAM, rect.center, "center")
        y += 48


def error_panel_rect(errors: list[str]) -> pygame.Rect:
    return pygame.Rect(T.MARGIN, 20, T.WIDTH - 2 * T.MARGIN, 74 + 24 * min(SHOWN_ERRORS, len(errors)))


def draw_reload_errors(surface: pygame.Surface, errors: list[str], catalog) -> None:
    """The findings of a story edit that does not load, over the game that plays on."""
    if not errors:
        return
    rect = error_panel_rect(errors)
    surface.blit(W.panel(rect.size, (*T.PANEL_SOLID, 236), radius=14, border=(*T.ERROR, 160)), rect)
    W.label(surface, catalog.ui("The edited story has errors; still playing the previous version."),
            W.ui_font(T.UI_SIZE - 2, bold=True), T.ERROR, (rect.x + 24, rect.y + 16))
    f = W.ui_font(T.UI_SMALL - 1)
    for i, line in enumerate(errors[:SHOWN_ERRORS]):
        W.label(surface, ellipsize(line, f, rect.w - 48), f, T.CREAM, (rect.x + 24, rect.y + 50 + 24 * i))
    W.label(surface, catalog.ui("Click to hide"), f, T.CREAM_DIM, (rect.right - 20, rect.y + 18), "topright")
