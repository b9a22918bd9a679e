"""A yes/no question over a dimmed picture of the screen that asked it."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import wrap
from game.ui.voicing import menu_focus


class ConfirmScreen(Screen):
    overlay = "dialog"

    def __init__(self, app, question: str, yes: str, on_yes: Callable[[], None], no: str | None = None,
                 safe_default: bool = True):
        super().__init__(app)
        self.question = question
        self.on_yes = on_yes
        catalog = app.catalog
        self.menu = W.Menu([W.Button(yes, self._yes), W.Button(no or catalog.ui("Cancel"), self._no)],
                           vertical=False, sound=app.audio.sound)
        self.menu.focus = 1 if safe_default else 0
        self.menu.keyboard = True
        self._layout()

    def _layout(self) -> None:
        f = W.ui_font(T.UI_SIZE + 1)
        self.lines = wrap(self.question, f, 560)
        h = 70 + len(self.lines) * 32 + 90
        self.rect = pygame.Rect((T.WIDTH - 680) // 2, (T.HEIGHT - h) // 2, 680, h)
        bw, gap = 210, 24
        x = self.rect.centerx - bw - gap // 2
        for b in self.menu.buttons:
            b.rect = pygame.Rect(x, self.rect.bottom - 78, bw, 48)
            x += bw + gap

    def _yes(self) -> None:
        self.app.pop(self)
        self.on_yes()

    def _no(self) -> None:
        self.app.pop(self)

    def handle(self, event, action) -> None:
        if action in (inp.BACK, inp.MENU) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.app.audio.sound("back")
            self._no()
            return
        if self.menu.event(event) or (action and self.menu.action(action)):
            self.invalidate()

    def spoken(self) -> tuple[str, str]:
        return self.question, menu_focus(self.menu, self.app.catalog)

    def draw(self, surface) -> None:
        surface.blit(W.shadow(self.rect.size, 22, 18, 110), (self.rect.x - 36, self.rect.y - 32))
        surface.blit(W.panel(self.rect.size, (*T.PANEL_SOLID, 246), 22, (255, 226, 206, 60)), self.rect)
        f = W.ui_font(T.UI_SIZE + 1)
        y = self.rect.y + 44
        for line in self.lines:
            W.label(surface, line, f, T.CREAM, (self.rect.centerx, y), "midtop")
            y += 32
        for i, b in enumerate(self.menu.buttons):
            focused = i == self.menu.focus
            surface.blit(W.panel(b.rect.size, (150, 62, 48, 235) if focused else (255, 236, 220, 26), 24,
                                 (*T.FOCUS, 220) if focused else None, 2), b.rect)
            W.label(surface, b.text, W.ui_font(T.UI_SIZE), T.FOCUS if focused else T.CREAM, b.rect.center, "center")
