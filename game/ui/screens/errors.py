"""Calm screens for things that went wrong: a story that does not load, an unexpected error."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import ellipsize, wrap
from game.ui.voicing import menu_focus, sentences

SHOWN = 10  # findings listed on screen; `her lint` has them all


class _Panel(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.menu = W.Menu([], vertical=False, sound=app.audio.sound)

    def handle(self, event, action) -> None:
        if self.menu.event(event) or (action and self.menu.action(action)):
            self.invalidate()

    def spoken(self) -> tuple[str, str]:
        return sentences(*self.words()), menu_focus(self.menu, self.app.catalog)

    def words(self) -> list[str]:
        return []

    def _frame(self, surface: pygame.Surface) -> pygame.Rect:
        surface.blit(self.app.backdrop.background(None), (0, 0))
        rect = pygame.Rect(T.MARGIN + 40, 70, T.WIDTH - 2 * T.MARGIN - 80, T.HEIGHT - 140)
        surface.blit(W.panel(rect.size, (*T.PANEL_SOLID, 225), 24, (255, 226, 206, 50)), rect)
        return rect

    def _buttons(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        f = W.ui_font(T.UI_SIZE)
        x = rect.x + 48
        for i, b in enumerate(self.menu.buttons):
            w = f.size(b.text)[0] + 56
            b.rect = pygame.Rect(x, rect.bottom - 80, w, 48)
            focused = i == self.menu.focus
            surface.blit(W.panel(b.rect.size, (150, 62, 48, 235) if focused else (255, 236, 220, 28), 24,
                                 (*T.FOCUS, 220) if focused else None, 2), b.rect)
            W.label(surface, b.text, f, T.FOCUS if focused else T.CREAM, b.rect.center, "center")
            x += w + 18


class StoryErrorScreen(_Panel):
    """The story has errors: list the first findings (file:line) instead of crashing."""

    def __init__(self, app, diagnostics: list[str]):
        super().__init__(app)
        self.diagnostics = diagnostics
        catalog = app.catalog
        self.menu.set_buttons([W.Button(catalog.ui("Try again"), app.reload_story), W.Button(catalog.ui("Quit"), app.quit)])

    def words(self) -> list[str]:
        catalog = self.app.catalog
        return [catalog.ui("The story could not be loaded"), *self.diagnostics[:2]]

    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        rect = self._frame(surface)
        x = rect.x + 48
        W.label(surface, catalog.ui("The story could not be loaded"), W.ui_font(T.TITLE_SIZE - 8), T.CREAM, (x, rect.y + 40))
        hint = catalog.ui("Fix these places in the story files, then press Ctrl+R (or “Try again”).")
        W.label(surface, hint, W.ui_font(T.UI_SMALL), T.CREAM_DIM, (x, rect.y + 92))
        f = W.ui_font(T.UI_SMALL - 1)
        y = rect.y + 138
        bottom = rect.bottom - 110
        shown = 0
        for finding in self.diagnostics[:SHOWN]:
            lines = wrap(finding, f, rect.w - 96)[:2]
            if y + 26 * len(lines) > bottom:
                break
            for k, line in enumerate(lines):
                W.label(surface, ellipsize(line, f, rect.w - 96), f, T.ERROR if k == 0 else T.CREAM_DIM, (x + (18 if k else 0), y))
                y += 26
            y += 8
            shown += 1
        more = len(self.diagnostics) - shown
        if more > 0:
            W.label(surface, catalog.ui_n("… and {count} more (run “her lint” for all)",
                                          "… and {count} more (run “her lint” for all)", more).format(count=more),
                    f, T.CREAM_DIM, (x, y + 4))
        self._buttons(surface, rect)


class MessageScreen(_Panel):
    """An unexpected error was caught: say so quietly, say whether the game was saved."""

    def __init__(self, app, crash: bool = True, saved: bool = False, log_path: Path | None = None):
        super().__init__(app)
        self.saved, self.log_path = saved, log_path
        catalog = app.catalog
        buttons = [W.Button(catalog.ui("Quit"), app.quit)]
        if app.game.story is not None:
            from game.ui.screens.title import TitleScreen

            buttons.insert(0, W.Button(catalog.ui("Title screen"), lambda: app.replace_all(TitleScreen(app))))
        self.menu.set_buttons(buttons)

    def handle(self, event, action) -> None:
        if action == inp.BACK:
            return
        super().handle(event, action)

    def parts(self) -> list[str]:
        catalog = self.app.catalog
        parts = [catalog.ui("Your place was saved in the autosave.") if self.saved else
                 catalog.ui("Your last autosave and your saves are safe.")]
        if self.log_path is not None:
            parts.append(catalog.ui("The details were written to {path}.").format(path=self.log_path))
        return parts

    def words(self) -> list[str]:
        return [self.app.catalog.ui("Something went wrong"), *self.parts()]

    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        rect = self._frame(surface)
        x = rect.x + 48
        W.label(surface, catalog.ui("Something went wrong"), W.ui_font(T.TITLE_SIZE - 8), T.CREAM, (x, rect.y + 40))
        parts = self.parts()
        f = W.ui_font(T.UI_SIZE - 1)
        y = rect.y + 110
        for part in parts:
            for line in wrap(part, f, rect.w - 96):
                W.label(surface, line, f, T.CREAM_DIM, (x, y))
                y += 32
        self._buttons(surface, rect)
