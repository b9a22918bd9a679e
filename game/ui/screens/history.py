"""The backlog: every line and every option taken so far, in the player's current language.

Built from `GameState.history_list()`, the text looked up through the catalog each time
the screen is laid out, so switching language in the settings re-renders the past too.
Only the rows in view are drawn; scrolling is the mouse wheel, arrows, Page Up/Down, Home/End.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import styles
from game.engine.runtime import Option
from game.ui import fonts
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import one_line, wrap
from game.ui.voicing import sentences

VIEW = pygame.Rect(T.MARGIN + 36, 138, T.WIDTH - 2 * T.MARGIN - 72, T.HEIGHT - 138 - 56)
NAME_W = 190
STEP = 48


@dataclass
class _Row:
    y: int
    h: int
    name: str
    name_color: tuple
    lines: list[str]
    font: pygame.font.Font
    color: tuple
    line_h: int
    choice: bool


class HistoryScreen(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 190)  # a page of text: the scene stays a warm hint behind it

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.rows: list[_Row] = []
        self.height = 0
        self.offset = 0
        self.relayout()
        self.offset = self.max_offset()

    def max_offset(self) -> int:
        return max(0, self.height - VIEW.h)

    def relayout(self) -> None:
        catalog, story = self.app.catalog, self.session.story
        scale = self.app.settings.text_scale
        size = round(21 * scale)
        body = fonts.font(F.current().text, size)
        slanted = fonts.font(F.current().text, size, italic=True)
        pen = fonts.font(F.current().hand, round(25 * scale))
        text_w = VIEW.w - NAME_W - 40
        rows: list[_Row] = []
        y = 0
        for entry in self.session.runtime.state.history_list():
            if entry.kind == "line":
                line = self.session.line_of(entry.node, entry.key)
                if line is None:
                    continue
                character = story.characters.get(line.speaker or "")
                name = catalog.character_name(character) if character else ""
                color = T.speaker_color(character)
                spec = styles.style(line.style)
                f = pen if spec.font == styles.HAND else slanted if spec.italic else body
                tone = T.CREAM_DIM if spec.muted else T.CREAM
                lines = wrap(catalog.text(entry.node, line.text or ""), f, text_w)
                lh = round(f.get_height() * 1.25)
                rows.append(_Row(y, len(lines) * lh, name, color, lines, f, tone, lh, False))
                y += len(lines) * lh + 16
            elif entry.kind == "choice":
                choice = self.session.runtime.choice_at(entry.node, entry.key)
                if choice is None:
                    continue
                label = catalog.option(entry.node, Option(choice.index, choice.text, choice.key))
                lines = wrap(label, body, text_w - 30)
                lh = round(body.get_height() * 1.25)
                rows.append(_Row(y + 6, len(lines) * lh, "", T.PEACH, lines, body, T.PEACH, lh, True))
                y += len(lines) * lh + 28
        self.rows, self.height = rows, y
        self.offset = min(self.offset, self.max_offset())
        self.invalidate()

    def scroll(self, delta: int) -> None:
        new = max(0, min(self.max_offset(), self.offset + delta))
        if new != self.offset:
            self.offset = new
            self.invalidate()

    cursor: int | None = None  # with self-voicing on, the arrows step through the rows (newest last)

    def spoken(self) -> tuple[str, str]:
        catalog = self.app.catalog
        count = sum(1 for r in self.rows if not r.choice)
        context = sentences(catalog.ui("History"), catalog.ui_n("{count} line so far", "{count} lines so far", count).format(count=count))
        if self.cursor is None or self.cursor >= len(self.rows):
            return context, ""
        row = self.rows[self.cursor]
        text = " ".join(row.lines)
        return context, f"{row.name}: {text}" if row.name else text

    def _step(self, delta: int) -> None:
        if not self.rows:
            return
        n = len(self.rows)
        self.cursor = n - 1 if self.cursor is None else max(0, min(n - 1, self.cursor + delta))
        row = self.rows[self.cursor]
        self.scroll(row.y - VIEW.h // 3 - self.offset)

    def handle(self, event, action) -> None:
        if action in (inp.UP, inp.DOWN) and self.app.voicing.on:
            self._step(-1 if action == inp.UP else 1)
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * STEP)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_l:
            action = inp.BACK
        if action in (inp.BACK, inp.MENU, inp.ALT) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.app.audio.sound("back")
            self.app.pop(self)
        elif action == inp.UP:
            self.scroll(-STEP)
        elif action == inp.DOWN:
            self.scroll(STEP)
        elif action in (inp.PAGE_UP, inp.PREV_TAB):
            self.scroll(-(VIEW.h - STEP))
        elif action in (inp.PAGE_DOWN, inp.NEXT_TAB):
            self.scroll(VIEW.h - STEP)
        elif action == inp.HOME:
            self.scroll(-self.height)
        elif action == inp.END:
            self.scroll(self.height)

    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        count = sum(1 for r in self.rows if not r.choice)
        self.heading(surface, catalog.ui("History"),
                     catalog.ui_n("{count} line so far", "{count} lines so far", count).format(count=count))
        if not self.rows:
            W.label(surface, catalog.ui("Nothing yet."), W.ui_font(), T.CREAM_DIM, VIEW.topleft)
            return
        clip = surface.get_clip()
        surface.set_clip(VIEW)
        for row in self.rows:
            top = VIEW.y + row.y - self.offset
            if top + row.h < VIEW.y or top > VIEW.bottom:
                continue
            x = VIEW.x + NAME_W + 24
            if row.choice:
                pygame.draw.polygon(surface, T.CORAL_SOFT, [(x - 2, top + 12), (x + 6, top + 4), (x + 14, top + 12), (x + 6, top + 20)])
                x += 28
            elif row.name:
                f, name = one_line(row.name, F.current().ui_bold, T.UI_SMALL, NAME_W)
                W.label(surface, name, f, row.name_color, (VIEW.x + NAME_W, top + 3), "topright")
            for i, line in enumerate(row.lines):
                surface.blit(fonts.render(row.font, line, row.color), (x, top + i * row.line_h))
        surface.set_clip(clip)
        self._scrollbar(surface)

    def _scrollbar(self, surface: pygame.Surface) -> None:
        if self.height <= VIEW.h:
            return
        track = pygame.Rect(VIEW.right + 16, VIEW.y, 4, VIEW.h)
        surface.blit(W.panel(track.size, (255, 236, 220, 50), 2), track)
        h = max(30, VIEW.h * VIEW.h // self.height)
        y = track.y + (VIEW.h - h) * self.offset // max(1, self.max_offset())
        surface.blit(W.panel((6, h), (*T.CORAL_SOFT, 220), 3), (track.x - 1, y))
