"""F1: every key, mouse gesture and gamepad button, from the one table in `game.ui.keys`."""

from __future__ import annotations

import pygame

from game.ui import fontset as F
from game.ui import input as inp
from game.ui import keys
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import one_line
from game.ui.voicing import sentences


class HelpScreen(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 190)  # a page of text: the scene stays a warm hint behind it

    row: int | None = None  # with self-voicing on, the arrows read the table row by row

    def rows(self) -> list[tuple[str, str]]:
        catalog = self.app.catalog
        return keys.keyboard_rows(catalog) + [(f"{catalog.ui('Gamepad')}: {k}", v) for k, v in keys.gamepad_rows(catalog)]

    def spoken(self) -> tuple[str, str]:
        catalog = self.app.catalog
        context = sentences(catalog.ui("Keys and help"), catalog.ui("Press any of Esc, Enter or F1, or click, to close."))
        if self.row is None:
            return context, ""
        key, what = self.rows()[self.row]
        return context, f"{key}: {what}"

    def handle(self, event, action) -> None:
        if action in (inp.UP, inp.DOWN) and self.app.voicing.on:
            n = len(self.rows())
            self.row = (0 if action == inp.DOWN else n - 1) if self.row is None else (self.row + (1 if action == inp.DOWN else -1)) % n
            return
        if action in (inp.BACK, inp.MENU, inp.CONFIRM) or (event.type == pygame.MOUSEBUTTONUP and event.button in (1, 3)):
            self.app.audio.sound("back")
            self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        self.heading(surface, catalog.ui("Keys and help"), catalog.ui("Press any of Esc, Enter or F1, or click, to close."))
        self._table(surface, catalog.ui("Keyboard and mouse"), keys.keyboard_rows(catalog), T.MARGIN + 36, 150, 640, 0.45)
        self._table(surface, catalog.ui("Gamepad"), keys.gamepad_rows(catalog), 770, 150, 450, 0.34)

    def _table(self, surface, title, rows, x, y, width, key_share) -> None:
        W.label(surface, title, W.ui_font(T.UI_SMALL + 1, bold=True), T.PEACH, (x, y))
        y += 40
        key_w = int(width * key_share)
        for k, v in rows:
            fk, k = one_line(k, F.current().ui_bold, T.UI_SMALL - 1, key_w - 16)
            fv, v = one_line(v, F.current().ui, T.UI_SMALL - 1, width - key_w)
            W.label(surface, k, fk, T.CREAM, (x, y))
            W.label(surface, v, fv, T.CREAM_DIM, (x + key_w, y))
            y += 27
