"""The play screen's quiet edges: the quick menu under the box and the skip/auto marks."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import theme as T
from game.ui import widgets as W


def quick_buttons(items: list[tuple[str, Callable[[], None]]]) -> tuple[list[W.Button], pygame.font.Font]:
    """A centred row of small text buttons; a language with long words gets a smaller font,
    never a row that runs off the screen."""
    size = T.UI_SMALL - 1
    while True:
        f = W.ui_font(size)
        widths = [f.size(label)[0] + 24 for label, _ in items]
        if sum(widths) <= T.WIDTH - 2 * T.MARGIN or size <= 11:
            break
        size -= 1
    x = (T.WIDTH - sum(widths)) // 2
    buttons = []
    for (label, callback), w in zip(items, widths):
        buttons.append(W.Button(label, callback, pygame.Rect(x, T.HEIGHT - T.BOX_BOTTOM + 6, w, T.BOX_BOTTOM - 12)))
        x += w
    return buttons, f


def draw_quick(surface: pygame.Surface, menu: W.Menu, f: pygame.font.Font, active: dict[int, bool]) -> None:
    surface.blit(W.vshade((T.WIDTH, 64), (*T.QUICK_SHADE[:3], 0), T.QUICK_SHADE), (0, T.HEIGHT - 64))
    for i, b in enumerate(menu.buttons):
        on = active.get(i, False)
        hover = i == menu.focus
        color = T.FOCUS if hover else T.PEACH if on else T.QUICK_TEXT
        if on:
            surface.blit(W.panel(b.rect.size, (150, 62, 48, 150), b.rect.h // 2), b.rect)
        W.label(surface, b.text, f, color, b.rect.center, "center")


def draw_modes(surface: pygame.Surface, words: list[str]) -> None:
    """Small pills at the top left while skipping or auto-advancing."""
    x = 28
    f = W.ui_font(T.UI_SMALL)
    for word in words:
        w = f.size(word)[0] + 44
        rect = pygame.Rect(x, 22, w, 34)
        surface.blit(W.panel(rect.size, (*T.PANEL_SOLID, 200), 17), rect)
        pygame.draw.circle(surface, T.CORAL_SOFT, (rect.x + 16, rect.centery), 4)
        W.label(surface, word, f, T.CREAM, (rect.x + 28, rect.centery), "midleft")
        x += w + 10
