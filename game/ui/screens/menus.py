"""A column of quiet words to choose from: the shape shared by the title and pause menus."""

from __future__ import annotations

import pygame

from game.ui import input as inp
from game.ui import layoutspec
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import one_line

ROW = 52


class MenuScreen(Screen):
    origin = (T.MARGIN + 76, 330)
    row = ROW  # px from one item to the next (menus with many items are set closer)

    def __init__(self, app):
        super().__init__(app)
        self.menu = W.Menu([], sound=app.audio.sound)
        self.relayout()

    def items(self) -> list[W.Button]:
        raise NotImplementedError

    def relayout(self) -> None:
        buttons = self.items()
        x, y = self.origin
        for i, b in enumerate(buttons):
            b.rect = pygame.Rect(x, y + i * self.row, T.MENU_W, self.row - 8)
        focus = self.menu.focus
        self.menu.set_buttons(buttons)
        self.menu.focus = focus
        self.invalidate()

    def back(self) -> None:
        """Esc / B / right click."""

    def handle(self, event, action) -> None:
        if action in (inp.BACK, inp.MENU) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.back()
            return
        if self.menu.event(event) or (action and self.menu.action(action)):
            self.invalidate()

    def draw_menu(self, surface: pygame.Surface) -> None:
        spec = layoutspec.box("menu")
        for i, b in enumerate(self.menu.buttons):
            focused = i == self.menu.focus and b.enabled
            f, text = one_line(b.text, spec.font_file, spec.font_size, spec.width)
            if focused:
                surface.blit(W.panel(b.rect.size, (255, 220, 196, 38), b.rect.h // 2), b.rect)
                pygame.draw.circle(surface, T.CORAL_SOFT, (b.rect.x + 14, b.rect.centery), 4)
            color = T.FOCUS if focused else T.CREAM if b.enabled else T.DISABLED
            W.label(surface, text, f, color, (b.rect.x + T.MENU_PAD_X, b.rect.centery), "midleft")
            if b.hint and b.enabled:
                hint = W.ui_font(T.UI_SMALL - 2)
                W.label(surface, b.hint, hint, T.CREAM_DIM, (b.rect.right + 8, b.rect.centery), "midleft")
