"""The options of a choice as a column of wide buttons over the scene, numbered 1 to 9."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import layoutspec
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.text import TextLayout, fit

PAD_Y = 16
GAP = 16


def layout(options: list[tuple[int, str]], scale: float, choose: Callable[[int], None],
           box_top: int) -> tuple[list[W.Button], list[TextLayout]]:
    """Buttons (centred in the space above the dialogue box) and their laid-out text."""
    spec = layoutspec.box("choice", scale)
    layouts = [fit(text, spec, paginate=False) for _, text in options]
    heights = [2 * PAD_Y + len(lay.lines) * lay.line_height for lay in layouts]
    total = sum(heights) + GAP * (len(heights) - 1)
    area_top = 40
    y = max(area_top, (area_top + box_top - 30 - total) // 2)
    buttons = []
    for (index, text), h in zip(options, heights):
        rect = pygame.Rect((T.WIDTH - T.CHOICE_W) // 2, y, T.CHOICE_W, h)
        buttons.append(W.Button(text, (lambda i=index: choose(i)), rect))
        y += h + GAP
    return buttons, layouts


def draw(surface: pygame.Surface, menu: W.Menu, layouts: list[TextLayout]) -> None:
    small = W.ui_font(T.UI_SMALL - 1)
    for i, (button, lay) in enumerate(zip(menu.buttons, layouts)):
        focused = i == menu.focus
        color = T.CHOICE_FOCUS_PANEL if focused else T.CHOICE_PANEL
        border = (*T.FOCUS, 230) if focused else (255, 226, 206, 60)
        surface.blit(W.shadow(button.rect.size, 20, 10, 60), (button.rect.x - 20, button.rect.y - 16))
        surface.blit(W.panel(button.rect.size, color, 20, border, 2 if focused else 1), button.rect)
        if i < 9:
            W.label(surface, str(i + 1), small, T.PEACH if focused else T.CREAM_DIM,
                    (button.rect.x + 22, button.rect.centery), "midleft")
        y = button.rect.y + PAD_Y
        for line in lay.lines:
            W.label(surface, line, lay.font, T.FOCUS if focused else T.CREAM, (button.rect.centerx, y), "midtop")
            y += lay.line_height
