"""Save and load: pages of nine slots with a picture, the chapter, the date and the line.

Load also has a page for the autosave and the quick save. Overwriting and deleting ask
first. A damaged slot says so with its one-line reason and the others work as usual.
"""

from __future__ import annotations

import pygame

from game import saves
from game.notice import in_language
from game.ui import input as inp
from game.ui import savegames
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.base import Screen
from game.ui.screens.confirm import ConfirmScreen
from game.ui.text import ellipsize, wrap
from game.ui.voicing import sentences

COLS, ROWS = 3, 3
PAGES = 3  # numbered slots 1..27
CELL = (372, 150)
GAP = 18
GRID_X = (T.WIDTH - (COLS * CELL[0] + (COLS - 1) * GAP)) // 2
GRID_Y = 172
THUMB = (176, 99)


class SaveLoadScreen(Screen):
    overlay = "menu"
    tint = (58, 20, 26, 190)  # a page of text: the scene stays a warm hint behind it
    last_page = {"save": "1", "load": "1"}  # by name, remembered while the game runs

    def __init__(self, app, mode: str):
        super().__init__(app)
        self.mode = mode
        self.pages: list[str] = (["auto"] if mode == "load" else []) + [str(n) for n in range(1, PAGES + 1)]
        last = SaveLoadScreen.last_page.get(mode, "1")
        self.page = self.pages.index(last) if last in self.pages else 0
        self.focus: int | None = None
        self.hover_delete: int | None = None
        self.keyboard = False
        self.infos: dict[str, saves.SaveInfo | None] = {}
        self._thumbs: dict[tuple, pygame.Surface | None] = {}
        self.refresh()

    # --- slots ----------------------------------------------------------------------------------
    def slots(self) -> list[str]:
        page = self.pages[self.page]
        if page == "auto":
            return ["auto", "quick"]
        first = (int(page) - 1) * COLS * ROWS + 1
        return [str(n) for n in range(first, first + COLS * ROWS)]

    def refresh(self) -> None:
        self.infos = {slot: self.game.slot(slot) for slot in self.slots()}
        self.invalidate()

    def cell(self, i: int) -> pygame.Rect:
        col, row = i % COLS, i // COLS
        return pygame.Rect(GRID_X + col * (CELL[0] + GAP), GRID_Y + row * (CELL[1] + GAP), *CELL)

    def delete_rect(self, i: int) -> pygame.Rect:
        r = self.cell(i)
        return pygame.Rect(r.right - 38, r.y + 8, 30, 30)

    def tab_rects(self) -> list[pygame.Rect]:
        f = W.ui_font(T.UI_SMALL)
        x = T.WIDTH - T.MARGIN - 36
        rects = []
        for name in reversed(self._tab_names()):
            w = f.size(name)[0] + 36
            x -= w
            rects.append(pygame.Rect(x, 64, w, 38))
            x -= 8
        return list(reversed(rects))

    def _tab_names(self) -> list[str]:
        catalog = self.app.catalog
        return [catalog.ui("Auto & quick") if p == "auto" else catalog.ui("Page {number}").format(number=p) for p in self.pages]

    def set_page(self, page: int) -> None:
        page = max(0, min(len(self.pages) - 1, page))
        if page != self.page:
            self.page = page
            SaveLoadScreen.last_page[self.mode] = self.pages[page]
            self.focus = 0 if self.keyboard else None
            self.app.audio.sound("page")
            self.refresh()

    # --- acting on a slot -----------------------------------------------------------------------
    def activate(self, i: int) -> None:
        slots = self.slots()
        if i >= len(slots):
            return
        slot, info = slots[i], self.infos.get(slots[i])
        catalog = self.app.catalog
        if self.mode == "save":
            play = self.app.play_screen()
            if play is None:
                return
            if info is None:
                self._save(slot)
            else:
                self.app.push(ConfirmScreen(self.app, catalog.ui("Overwrite this save?"), catalog.ui("Overwrite"),
                                            lambda: self._save(slot)))
            return
        if info is None:
            return
        if info.damaged and info.backup is None:
            self.app.notify(catalog.ui("This save is damaged: {reason}").format(reason=damage_reason(catalog, info)), 4.0)
            return
        if self.app.play_screen() is not None:
            self.app.push(ConfirmScreen(self.app, catalog.ui("Load this save? Anything since your last save is lost."),
                                        catalog.ui("Load"), lambda: self.app.load_slot(slot), safe_default=False))
        else:
            self.app.load_slot(slot)

    def _save(self, slot: str) -> None:
        play = self.app.play_screen()
        if play is not None and play.save_to(slot):
            self._thumbs.clear()
            self.refresh()

    def delete(self, i: int) -> None:
        slots = self.slots()
        if i >= len(slots) or self.infos.get(slots[i]) is None:
            return
        slot = slots[i]
        catalog = self.app.catalog

        def really() -> None:
            try:
                self.game.delete(slot)
            except OSError as exc:
                self.app.notify(catalog.ui("Could not delete: {reason}").format(reason=exc.strerror), 4.0)
            self._thumbs.clear()
            self.refresh()

        self.app.push(ConfirmScreen(self.app, catalog.ui("Delete this save? This cannot be undone."), catalog.ui("Delete"), really))

    # --- input ---------------------------------------------------------------------------------------
    def handle(self, event, action) -> None:
        t = event.type
        n = len(self.slots())
        if t == pygame.MOUSEMOTION:
            hit = next((i for i in range(n) if self.cell(i).collidepoint(event.pos)), None)
            dele = next((i for i in range(n) if self.delete_rect(i).collidepoint(event.pos)), None)
            if hit != self.focus or dele != self.hover_delete:
                if hit is not None and hit != self.focus:
                    self.app.audio.sound("select")
                self.focus, self.hover_delete, self.keyboard = hit, dele, False
                self.invalidate()
            return
        if t == pygame.MOUSEBUTTONUP:
            if event.button == 3:
                self._back()
                return
            if event.button != 1:
                return
            for i, rect in enumerate(self.tab_rects()):
                if rect.collidepoint(event.pos):
                    self.set_page(i)
                    return
            for i in range(n):
                if self.delete_rect(i).collidepoint(event.pos) and self.infos.get(self.slots()[i]) is not None:
                    self.delete(i)
                    return
                if self.cell(i).collidepoint(event.pos):
                    self.focus = i
                    self.activate(i)
                    return
            return
        if t == pygame.KEYDOWN and event.key == pygame.K_DELETE and self.focus is not None:
            self.delete(self.focus)
            return
        if action in (inp.BACK, inp.MENU):
            self._back()
        elif action in (inp.PAGE_UP, inp.PREV_TAB):
            self.set_page(self.page - 1)
        elif action in (inp.PAGE_DOWN, inp.NEXT_TAB):
            self.set_page(self.page + 1)
        elif action == inp.CONFIRM and self.focus is not None:
            self.activate(self.focus)
        elif action == inp.ALT2 and self.focus is not None:
            self.delete(self.focus)
        elif action in (inp.UP, inp.DOWN, inp.LEFT, inp.RIGHT):
            self._move(action, n)

    def _move(self, action: str, n: int) -> None:
        self.keyboard = True
        if self.focus is None:
            self.focus = 0
        else:
            col, row = self.focus % COLS, self.focus // COLS
            if action == inp.LEFT:
                if col == 0:
                    self.set_page(self.page - 1)
                    return
                col -= 1
            elif action == inp.RIGHT:
                if col == COLS - 1 or self.focus + 1 >= n:
                    self.set_page(self.page + 1)
                    return
                col += 1
            elif action == inp.UP:
                row = max(0, row - 1)
            else:
                row = min((n - 1) // COLS, row + 1)
            self.focus = min(n - 1, row * COLS + col)
        self.app.audio.sound("select")
        self.invalidate()

    def _back(self) -> None:
        self.app.audio.sound("back")
        self.app.pop(self)

    def title(self) -> str:
        return self.app.catalog.ui("Save") if self.mode == "save" else self.app.catalog.ui("Load")

    def spoken(self) -> tuple[str, str]:
        context = sentences(self.title(), self._tab_names()[self.page])
        slots = self.slots()
        if self.focus is None or self.focus >= len(slots):
            return context, ""
        slot, info, catalog = slots[self.focus], self.infos.get(slots[self.focus]), self.app.catalog
        if info is None:
            return context, sentences(self._slot_name(slot), catalog.ui("Empty slot"))
        if info.damaged:
            return context, sentences(self._slot_name(slot), catalog.ui("Damaged"), damage_reason(catalog, info))
        return context, sentences(self._slot_name(slot), self._chapter_title(info), savegames.local_time(info.saved_at), info.line)

    # --- drawing ---------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        catalog = self.app.catalog
        title = self.title()
        hint = catalog.ui("Enter or click: save here · Delete: delete · Page Up/Down: pages") if self.mode == "save" else \
            catalog.ui("Enter or click: load · Delete: delete · Page Up/Down: pages")
        self.heading(surface, title, hint)
        f = W.ui_font(T.UI_SMALL)
        for i, (rect, name) in enumerate(zip(self.tab_rects(), self._tab_names())):
            on = i == self.page
            surface.blit(W.panel(rect.size, (150, 62, 48, 230) if on else (255, 236, 220, 26), rect.h // 2), rect)
            W.label(surface, name, f, T.FOCUS if on else T.CREAM_DIM, rect.center, "center")
        for i, slot in enumerate(self.slots()):
            self._draw_cell(surface, i, slot, self.infos.get(slot))

    def _slot_name(self, slot: str) -> str:
        catalog = self.app.catalog
        if slot == "auto":
            return catalog.ui("Autosave")
        if slot == "quick":
            return catalog.ui("Quick save")
        return catalog.ui("Slot {number}").format(number=slot)

    def _draw_cell(self, surface: pygame.Surface, i: int, slot: str, info) -> None:
        catalog = self.app.catalog
        rect = self.cell(i)
        focused = i == self.focus
        surface.blit(W.panel(rect.size, (150, 62, 48, 215) if focused else (*T.PANEL[:3], 170), 16,
                             (*T.FOCUS, 220) if focused else (255, 226, 206, 40), 2 if focused else 1), rect)
        thumb_rect = pygame.Rect(rect.x + 14, rect.y + (rect.h - THUMB[1]) // 2, *THUMB)
        text_x = thumb_rect.right + 16
        text_w = rect.right - text_x - 14
        small, tiny = W.ui_font(T.UI_SMALL - 1), W.ui_font(T.UI_SMALL - 3)
        bold = W.ui_font(T.UI_SMALL - 1, bold=True)
        W.label(surface, self._slot_name(slot), bold, T.PEACH, (text_x, rect.y + 16))
        if info is None:
            surface.blit(W.panel(THUMB, (255, 236, 220, 18), 8), thumb_rect)
            W.label(surface, catalog.ui("Empty slot"), small, T.DISABLED, (text_x, rect.y + 46))
            return
        if info.damaged:
            surface.blit(W.panel(THUMB, (120, 40, 40, 120), 8), thumb_rect)
            W.label(surface, catalog.ui("Damaged"), small, T.ERROR, (text_x, rect.y + 46))
            why = damage_reason(catalog, info)
            if info.backup is not None:  # loading it falls back to the backup: say so, and from when
                why += " " + catalog.ui("Its backup from {time} will be loaded.").format(time=savegames.local_time(info.backup.saved_at))
            reason = wrap(why, tiny, text_w)
            for k, line in enumerate(reason[:3]):
                if k == 2 and len(reason) > 3:
                    line = ellipsize(line + " …", tiny, text_w)
                W.label(surface, line, tiny, T.CREAM_DIM, (text_x, rect.y + 72 + 19 * k))
        else:
            thumb = self._thumb(info)
            if thumb is not None:
                surface.blit(thumb, thumb_rect)
            else:
                surface.blit(W.panel(THUMB, (255, 236, 220, 24), 8), thumb_rect)
            chapter = self._chapter_title(info)
            W.label(surface, ellipsize(chapter, small, text_w), small, T.CREAM, (text_x, rect.y + 44))
            W.label(surface, savegames.local_time(info.saved_at), tiny, T.CREAM_DIM, (text_x, rect.y + 68))
            lines = wrap(info.line, tiny, text_w) if info.line else []
            for k, line in enumerate(lines[:2]):
                shown = ellipsize(line + (" …" if k == 1 and len(lines) > 2 else ""), tiny, text_w)
                W.label(surface, shown, tiny, (236, 214, 196), (text_x, rect.y + 94 + 19 * k))
        if focused or i == self.hover_delete:
            d = self.delete_rect(i)
            hot = i == self.hover_delete
            surface.blit(W.panel(d.size, (*T.PANEL_SOLID, 240) if not hot else (190, 80, 64, 240), d.w // 2), d)
            c = d.center
            col = T.FOCUS if hot else T.CREAM_DIM
            pygame.draw.line(surface, col, (c[0] - 6, c[1] - 6), (c[0] + 6, c[1] + 6), 2)
            pygame.draw.line(surface, col, (c[0] - 6, c[1] + 6), (c[0] + 6, c[1] - 6), 2)

    def _chapter_title(self, info) -> str:
        story = self.game.story
        if story is not None:
            for chapter in story.chapters:
                if chapter.id == info.chapter:
                    return self.app.catalog.chapter_title(chapter)
        return info.chapter_title or info.chapter

    def _thumb(self, info) -> pygame.Surface | None:
        try:
            key = (info.slot, info.thumbnail.stat().st_mtime_ns)
        except OSError:
            return None
        if key not in self._thumbs:
            picture = savegames.thumbnail(info)
            self._thumbs[key] = pygame.transform.smoothscale(picture, THUMB) if picture is not None else None
        return self._thumbs[key]


def damage_reason(catalog, info) -> str:
    """Why a slot cannot be loaded, in the player's language (the file's own words as fallback)."""
    code = info.damaged_code
    if code == "unreadable":
        return catalog.ui("The file cannot be read.")
    if code == "empty":
        return catalog.ui("The file is empty.")
    if code in ("not-text", "garbled"):
        return catalog.ui("The file is damaged and cannot be read.")
    if code == "wrong-kind":
        return catalog.ui("This is not a save file of this game.")
    if code == "no-version":
        return catalog.ui("The file has no format version.")
    if code == "newer":
        return catalog.ui("It was saved by a newer version of the game.")
    if code in ("not-a-file", "folder"):
        return catalog.ui("It is not a regular file.")
    if code == "too-large":
        return catalog.ui("The file is too large or nested too deeply.")
    if code == "no-state":
        return catalog.ui("The save holds no game state.")
    return in_language(catalog, info.damaged or "")
