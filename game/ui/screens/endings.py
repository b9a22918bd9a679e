"""Endings: the card shown when one is reached, and the gallery of all of them.

The gallery reads the persistent record, so it shows what was reached in any playthrough;
endings not reached yet are silhouettes that give nothing of their title away.
"""

from __future__ import annotations

import pygame

from game.ui import fonts
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import ellipsize, one_line, wrap
from game.ui.voicing import menu_focus, sentences

FADE = 1.2


class EndingCard(Screen):
    """The game has ended: the ending's title and its epilogue, calmly."""

    overlay = "menu"

    def __init__(self, app, ending_id: str, new: bool):
        super().__init__(app)
        self.ending_id, self.new = ending_id, new
        self.start = app.clock()
        catalog = app.catalog
        self.menu = W.Menu([W.Button(catalog.ui("Title screen"), self._title),
                            W.Button(catalog.ui("Endings"), self._gallery)], vertical=False, sound=app.audio.sound)
        self.app.audio.play_music(None)

    def _title(self) -> None:
        self.app.go_to_title()

    def _gallery(self) -> None:
        self.app.push(EndingsGallery(self.app))

    def next_frame(self, now: float):
        if not self.app.settings.reduced_motion and now - self.start < FADE:
            return now + 1 / 60
        return None

    def handle(self, event, action) -> None:
        if event.type == pygame.MOUSEWHEEL and event.y > 0 or action == inp.PREV_TAB or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_BACKSPACE)):
            play = self.app.play_screen()  # roll back out of the ending, as from any line
            self.app.pop(self)
            if play is not None:
                play.rollback()
            return
        if action in (inp.BACK, inp.MENU):
            self._title()
            return
        if self.menu.event(event) or (action and self.menu.action(action)):
            self.invalidate()

    def note(self) -> str:
        catalog, story = self.app.catalog, self.game.story
        reached = len(self.game.endings_reached())
        total = len(story.endings) if story else 0
        note = catalog.ui_n("{count} of {total} ending reached", "{count} of {total} endings reached", total).format(
            count=reached, total=total)
        return catalog.ui("A new ending.") + "  " + note if self.new else note

    def spoken(self) -> tuple[str, str]:
        catalog, story = self.app.catalog, self.game.story
        ending = story.endings.get(self.ending_id) if story else None
        title = catalog.ending_title(ending) if ending else self.ending_id
        summary = catalog.ending_summary(ending) if ending else ""
        return sentences(catalog.ui("Ending"), title, summary, self.note()), menu_focus(self.menu, catalog)

    def draw(self, surface: pygame.Surface) -> None:
        catalog, story = self.app.catalog, self.game.story
        ending = story.endings.get(self.ending_id) if story else None
        t = self.app.clock() - self.start
        alpha = 255 if self.app.settings.reduced_motion else int(255 * min(1.0, t / FADE))
        layer = pygame.Surface(T.SIZE, pygame.SRCALPHA)
        cx = T.WIDTH // 2
        W.label(layer, catalog.ui("Ending"), W.ui_font(T.UI_SMALL + 1), T.PEACH, (cx, 150), "center")
        title = catalog.ending_title(ending) if ending else self.ending_id
        f, shown = one_line(title, F.current().text, 48, T.WIDTH - 2 * T.MARGIN - 120)
        W.label(layer, shown, f, T.CREAM, (cx, 210), "center")
        pygame.draw.line(layer, (*T.CORAL_SOFT, 200), (cx - 60, 262), (cx + 60, 262), 1)
        summary = catalog.ending_summary(ending) if ending else ""
        body = fonts.font(F.current().text, round(24 * self.app.settings.text_scale))
        y = 296
        lh = round(body.get_height() * 1.45)
        for line in wrap(summary, body, 760)[:7]:
            W.label(layer, line, body, T.CREAM_DIM, (cx, y), "midtop")
            y += lh
        W.label(layer, self.note(), W.ui_font(T.UI_SMALL), T.PEACH, (cx, 560), "center")
        self._buttons(layer)
        layer.set_alpha(alpha)
        surface.blit(layer, (0, 0))

    def _buttons(self, surface: pygame.Surface) -> None:
        f = W.ui_font(T.UI_SIZE - 1)
        widths = [f.size(b.text)[0] + 60 for b in self.menu.buttons]
        x = (T.WIDTH - sum(widths) - 20) // 2
        for i, (b, w) in enumerate(zip(self.menu.buttons, widths)):
            b.rect = pygame.Rect(x, 606, w, 48)
            focused = i == self.menu.focus
            surface.blit(W.panel(b.rect.size, (150, 62, 48, 235) if focused else (255, 236, 220, 30), 24,
                                 (*T.FOCUS, 220) if focused else None, 2), b.rect)
            W.label(surface, b.text, f, T.FOCUS if focused else T.CREAM, b.rect.center, "center")
            x += w + 20


class EndingsGallery(Screen):
    """Every ending: reached ones with their epilogue, the others as silhouettes; "N of M"."""

    overlay = "menu"
    tint = (58, 20, 26, 190)
    COLS = 3
    CARD = (352, 214)
    GAP = 24

    def __init__(self, app):
        super().__init__(app)
        self.focus: int | None = None
        self._silhouettes: dict[str, pygame.Surface] = {}

    def ids(self) -> list[str]:
        return list(self.game.story.endings) if self.game.story else []

    def card(self, i: int) -> pygame.Rect:
        n = len(self.ids())
        cols = min(self.COLS, max(1, n))
        w = cols * self.CARD[0] + (cols - 1) * self.GAP
        x0 = (T.WIDTH - w) // 2
        col, row = i % cols, i // cols
        return pygame.Rect(x0 + col * (self.CARD[0] + self.GAP), 170 + row * (self.CARD[1] + self.GAP), *self.CARD)

    def handle(self, event, action) -> None:
        n = len(self.ids())
        if event.type == pygame.MOUSEMOTION:
            hit = next((i for i in range(n) if self.card(i).collidepoint(event.pos)), None)
            if hit != self.focus:
                self.focus = hit
                self.invalidate()
            return
        if action in (inp.BACK, inp.MENU) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.app.audio.sound("back")
            self.app.pop(self)
            return
        if action in (inp.LEFT, inp.RIGHT, inp.UP, inp.DOWN) and n:
            step = {inp.LEFT: -1, inp.RIGHT: 1, inp.UP: -self.COLS, inp.DOWN: self.COLS}[action]
            self.focus = 0 if self.focus is None else max(0, min(n - 1, self.focus + step))
            self.app.audio.sound("select")
            self.invalidate()

    def count(self) -> str:
        ids = self.ids()
        reached = [e for e in ids if e in self.game.endings_reached()]
        return self.app.catalog.ui_n("{count} of {total} ending reached", "{count} of {total} endings reached",
                                     len(ids)).format(count=len(reached), total=len(ids))

    def spoken(self) -> tuple[str, str]:
        catalog, ids = self.app.catalog, self.ids()
        context = sentences(catalog.ui("Endings"), self.count())
        if self.focus is None or self.focus >= len(ids):
            return context, ""
        eid = ids[self.focus]
        if eid not in self.game.endings_reached():
            return context, catalog.ui("Not reached yet")
        ending = self.game.story.endings[eid]
        return context, sentences(catalog.ending_title(ending), catalog.ending_summary(ending))

    def draw(self, surface: pygame.Surface) -> None:
        catalog, story = self.app.catalog, self.game.story
        ids = self.ids()
        self.heading(surface, catalog.ui("Endings"), self.count())
        reached = self.game.endings_reached()
        title_font_size = 23
        small = fonts.font(F.current().text, 16)
        for i, eid in enumerate(ids):
            rect = self.card(i)
            focused = i == self.focus
            got = eid in reached
            color = (150, 62, 48, 215) if got else (72, 28, 32, 150)
            surface.blit(W.panel(rect.size, color, 18, (*T.FOCUS, 200) if focused else (255, 226, 206, 40), 2 if focused else 1), rect)
            ending = story.endings[eid]
            title = catalog.ending_title(ending)
            if got:
                f, shown = one_line(title, F.current().text, title_font_size, rect.w - 44)
                W.label(surface, shown, f, T.CREAM, (rect.x + 22, rect.y + 22))
                y = rect.y + 66
                lines = wrap(catalog.ending_summary(ending), small, rect.w - 44)
                for k, line in enumerate(lines[:5]):
                    shown = ellipsize(line + ("…" if k == 4 and len(lines) > 5 else ""), small, rect.w - 44)
                    W.label(surface, shown, small, T.CREAM_DIM, (rect.x + 22, y))
                    y += 24
            else:
                surface.blit(self._silhouette(eid, title, rect.w - 44), (rect.x + 22, rect.y + 28))
                for k in range(4):  # the epilogue's lines as soft bars
                    w = (rect.w - 44) * (0.92 - 0.14 * (k % 3))
                    surface.blit(W.panel((int(w), 9), (255, 226, 206, 26), 4), (rect.x + 22, rect.y + 76 + 24 * k))
                W.label(surface, catalog.ui("Not reached yet"), W.ui_font(T.UI_SMALL - 3), (214, 170, 156),
                        (rect.x + 22, rect.bottom - 34))

    def _silhouette(self, eid: str, title: str, width: int) -> pygame.Surface:
        """A locked ending's title as a soft bar of one fixed length: no letter, no word count,
        nothing of the title (its shape alone would give away its length)."""
        if "locked" not in self._silhouettes:
            self._silhouettes["locked"] = W.panel((int(width * 0.62), 22), (235, 190, 170, 70), 11)
        return self._silhouettes["locked"]
