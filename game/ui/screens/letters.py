"""The letters book: every letter read in any playthrough, whole, on paper, page by page.

Letters come from the story (game.replay.letters) in story order; one not read yet is a
sealed envelope that gives nothing of its words away. The text is the current language's,
so switching language re-lays the book. Left/right turn pages (and go on to the next
letter), up/down jump between letters.
"""

from __future__ import annotations

import pygame

from game.replay.letters import Letter, collect_letters
from game.ui import fonts
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.text import wrap
from game.ui.voicing import sentences

PAPER = pygame.Rect((T.WIDTH - T.PAGE_W) // 2, 132, T.PAGE_W, 500)
ARROW_W = 120


class LettersBook(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 200)

    def __init__(self, app):
        super().__init__(app)
        self.letters: tuple[Letter, ...] = collect_letters(app.game.story) if app.game.story else ()
        read = [i for i, letter in enumerate(self.letters) if self.is_read(letter)]
        self.index = read[0] if read else 0
        self.page = 0
        self._pages: dict[tuple[int, str, float], list[list[str]]] = {}

    # --- what is known -----------------------------------------------------------------------
    def is_read(self, letter: Letter) -> bool:
        return self.game.record.was_read(letter.uid)

    def read_count(self) -> int:
        return sum(1 for letter in self.letters if self.is_read(letter))

    def _font(self) -> pygame.font.Font:
        return fonts.font(F.current().hand, round(30 * self.app.settings.text_scale))

    def pages(self, i: int) -> list[list[str]]:
        """The letter's lines wrapped onto pages of the book's paper (in the current language)."""
        key = (i, self.app.catalog.lang, self.app.settings.text_scale)
        if key in self._pages:
            return self._pages[key]
        letter = self.letters[i]
        f = self._font()
        lh = round(f.get_height() * 1.25)
        room = (PAPER.h - 2 * 44) // lh
        pages: list[list[str]] = [[]]
        for node, line in letter.text(self.game.record.was_read):
            para = wrap(self.app.catalog.text(node, line.text or ""), f, PAPER.w - 2 * T.PAGE_PAD_X)
            for row in para:
                if len(pages[-1]) >= room:
                    pages.append([])
                pages[-1].append(row)
            if len(pages[-1]) < room and pages[-1]:
                pages[-1].append("")  # a paragraph ends with an empty ruled line
        for page in pages:
            while page and page[-1] == "":
                page.pop()
        self._pages[key] = pages
        return pages

    def relayout(self) -> None:
        self._pages.clear()

    # --- moving ---------------------------------------------------------------------------------
    def turn(self, delta: int) -> bool:
        """A page forward or back; past the last page, the next letter."""
        if not self.letters:
            return False
        count = len(self.pages(self.index)) if self.is_read(self.letters[self.index]) else 1
        if 0 <= self.page + delta < count:
            self.page += delta
            return True
        return self.jump(delta, last_page=delta < 0)

    def jump(self, delta: int, last_page: bool = False) -> bool:
        target = self.index + delta
        if not self.letters or not 0 <= target < len(self.letters):
            return False
        self.index = target
        letter = self.letters[target]
        self.page = len(self.pages(target)) - 1 if last_page and self.is_read(letter) else 0
        return True

    def handle(self, event, action) -> None:
        moved = False
        if action in (inp.BACK, inp.MENU) or (event.type == pygame.MOUSEBUTTONUP and event.button == 3):
            self.app.audio.sound("back")
            self.app.pop(self)
            return
        if action in (inp.LEFT, inp.PREV_TAB):
            moved = self.turn(-1)
        elif action in (inp.RIGHT, inp.NEXT_TAB, inp.CONFIRM):
            moved = self.turn(1)
        elif action == inp.UP:
            moved = self.jump(-1)
        elif action == inp.DOWN:
            moved = self.jump(1)
        elif event.type == pygame.MOUSEWHEEL:
            moved = self.turn(-1 if event.y > 0 else 1)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if event.pos[0] < PAPER.x:
                moved = self.turn(-1)
            elif event.pos[0] > PAPER.right:
                moved = self.turn(1)
        if moved:
            self.app.audio.sound("select")
            self.invalidate()

    def spoken(self) -> tuple[str, str]:
        """The book's title and count; the open letter read whole, or that it is sealed."""
        catalog = self.app.catalog
        total = len(self.letters)
        context = sentences(catalog.ui("Letters"), catalog.ui_n("{count} of {total} letter", "{count} of {total} letters",
                                                                   total).format(count=self.read_count(), total=total))
        if not self.letters:
            return context, catalog.ui("This story has no letters.")
        letter = self.letters[self.index]
        if not self.is_read(letter):
            return context, catalog.ui("Letter {number} of {total}: sealed, not read yet").format(number=self.index + 1, total=total)
        text = " ".join(self.app.catalog.text(node, line.text or "") for node, line in letter.text(self.game.record.was_read))
        return context, sentences(catalog.ui("Letter {number} of {total}, page {page} of {pages}").format(
            number=self.index + 1, total=total, page=self.page + 1, pages=len(self.pages(self.index))), text)

    # --- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        total = len(self.letters)
        count = catalog.ui_n("{count} of {total} letter", "{count} of {total} letters", total).format(
            count=self.read_count(), total=total)
        self.heading(surface, catalog.ui("Letters"), count)
        if not self.letters:
            W.label(surface, catalog.ui("This story has no letters."), W.ui_font(T.UI_SIZE), T.CREAM_DIM,
                    (T.WIDTH // 2, T.HEIGHT // 2), "center")
            return
        letter = self.letters[self.index]
        if self.is_read(letter):
            pages = self.pages(self.index)
            self.page = min(self.page, len(pages) - 1)
            self._paper(surface, pages[self.page])
            where = catalog.ui("Letter {number} of {total}, page {page} of {pages}").format(
                number=self.index + 1, total=total, page=self.page + 1, pages=len(pages))
        else:
            self._envelope(surface)
            where = catalog.ui("Letter {number} of {total}: sealed, not read yet").format(number=self.index + 1, total=total)
        chapter = next((c for c in self.game.story.chapters if c.id == letter.chapter), None)
        if chapter is not None:
            where = f"{where} · {catalog.chapter_title(chapter)}"
        W.label(surface, where, W.ui_font(T.UI_SMALL), T.CREAM_DIM, (T.WIDTH // 2, PAPER.bottom + 30), "center")
        self._arrows(surface)

    def _paper(self, surface: pygame.Surface, rows: list[str]) -> None:
        surface.blit(W.shadow(PAPER.size, 6, 18, 110), (PAPER.x - 36, PAPER.y - 30))
        surface.blit(W.panel(PAPER.size, (*T.PAPER, 255), 6, (*T.PAPER_EDGE, 255), 1), PAPER)
        f = self._font()
        lh = round(f.get_height() * 1.25)
        x, y = PAPER.x + T.PAGE_PAD_X, PAPER.y + 44
        pygame.draw.line(surface, (236, 160, 140), (x - 26, PAPER.y + 12), (x - 26, PAPER.bottom - 12))
        rule = y + f.get_ascent() + 7
        while rule < PAPER.bottom - 18:
            pygame.draw.line(surface, (224, 198, 176), (x - 16, rule), (PAPER.right - T.PAGE_PAD_X + 16, rule))
            rule += lh
        for row in rows:
            if row:
                surface.blit(fonts.render(f, row, T.LETTER_INK), (x, y))
            y += lh

    def _envelope(self, surface: pygame.Surface) -> None:
        """A sealed envelope: the flap, the seal, and no words."""
        env = pygame.Rect(0, 0, 520, 320)
        env.center = PAPER.center
        surface.blit(W.panel(env.size, (236, 214, 190, 255), 8, (*T.PAPER_EDGE, 255), 2), env)
        pygame.draw.lines(surface, (206, 176, 150), False, [env.topleft, (env.centerx, env.centery + 20), env.topright], 3)
        pygame.draw.line(surface, (222, 196, 172), env.bottomleft, (env.centerx - 40, env.centery + 40), 2)
        pygame.draw.line(surface, (222, 196, 172), env.bottomright, (env.centerx + 40, env.centery + 40), 2)
        pygame.draw.circle(surface, (170, 70, 58), (env.centerx, env.centery + 22), 30)
        pygame.draw.circle(surface, (196, 96, 80), (env.centerx, env.centery + 22), 20, 3)

    def _arrows(self, surface: pygame.Surface) -> None:
        f = W.ui_font(T.TITLE_SIZE)
        can_back = self.index > 0 or self.page > 0
        can_on = self.index < len(self.letters) - 1 or (
            self.is_read(self.letters[self.index]) and self.page < len(self.pages(self.index)) - 1)
        for text, on, x in (("‹", can_back, PAPER.x - ARROW_W // 2), ("›", can_on, PAPER.right + ARROW_W // 2)):
            W.label(surface, text, f, T.CREAM if on else (*T.DISABLED, 90), (x, PAPER.centery), "center")
