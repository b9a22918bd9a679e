"""The title screen: new game, continue, load, settings, endings, quit."""

from __future__ import annotations

import pygame

from game import __version__
from game.ui import fontset as F
from game.ui import savegames
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.menus import MenuScreen
from game.ui.text import one_line
from game.ui.voicing import menu_focus, sentences

TITLE_MUSIC = "warm"


class TitleScreen(MenuScreen):
    origin = (T.MARGIN + 76, 300)
    row = 46
    def items(self) -> list[W.Button]:
        catalog = self.app.catalog
        story_ok = self.game.story is not None
        newest = self.game.continue_save()
        hint = ""
        if newest is not None:  # where Continue leads: the chapter and when
            story = self.game.story
            chapter = next((c for c in story.chapters if c.id == newest.chapter), None) if story else None
            where = catalog.chapter_title(chapter) if chapter is not None else newest.chapter_title
            hint = " · ".join(part for part in (where, savegames.local_time(newest.saved_at)) if part)
        from game.ui.screens.endings import EndingsGallery
        from game.ui.screens.letters import LettersBook
        from game.ui.screens.routemap import RouteMapScreen
        from game.ui.screens.saveload import SaveLoadScreen
        from game.ui.screens.settings import SettingsScreen

        return [
            W.Button(catalog.ui("New game"), self.app.start_game),
            W.Button(catalog.ui("Continue"), self.app.continue_game, enabled=newest is not None, hint=hint),
            W.Button(catalog.ui("Load"), lambda: self.app.push(SaveLoadScreen(self.app, "load"))),
            W.Button(catalog.ui("Settings"), lambda: self.app.push(SettingsScreen(self.app))),
            W.Button(catalog.ui("Endings"), lambda: self.app.push(EndingsGallery(self.app))),
            W.Button(catalog.ui("Route map"), lambda: self.app.push(RouteMapScreen(self.app)), enabled=story_ok),
            W.Button(catalog.ui("Letters"), lambda: self.app.push(LettersBook(self.app)), enabled=story_ok),
            W.Button(catalog.ui("Quit"), self.app.quit),
        ]

    def enter(self) -> None:
        self.relayout()  # a save may have appeared or gone: Continue follows
        self.app.audio.play_music(TITLE_MUSIC)

    def back(self) -> None:
        pass

    def next_frame(self, now: float):
        if not self.app.settings.reduced_motion and self.app.backdrop.animates("title"):
            return now + 1 / 30
        return None

    def title(self) -> str:
        story = self.game.story
        return self.app.catalog.text("story", story.title) if story is not None else "Her"

    def spoken(self) -> tuple[str, str]:
        catalog = self.app.catalog
        return sentences(self.title(), catalog.ui("F1: keys and help")), menu_focus(self.menu, catalog)

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.app.backdrop.background("title"), (0, 0))
        if not self.app.settings.reduced_motion:
            self.app.backdrop.draw_overlay(surface, "title", self.app.clock())
        surface.blit(_side_shade(), (0, 0))
        catalog = self.app.catalog
        title = self.title()
        shown = title.lower() if title.isascii() else title  # the film's lowercase logo, where it is Latin
        f, shown = one_line(shown, F.current().ui, 128, 520)
        W.label(surface, shown, f, T.CREAM, (self.origin[0] + 20, 150), "topleft")
        self.draw_menu(surface)
        small = W.ui_font(T.UI_SMALL - 2)
        W.label(surface, catalog.ui("F1: keys and help"), small, (246, 228, 212),
                (self.origin[0] + 22, T.HEIGHT - 48), "topleft")
        tiny = W.ui_font(T.UI_SMALL - 5)  # the version, quietly in the corner (for bug reports)
        W.label(surface, f"v{__version__}", tiny, T.CREAM_DIM, (T.WIDTH - 22, T.HEIGHT - 16), "bottomright")


_shade_cache: list[pygame.Surface] = []


def _side_shade() -> pygame.Surface:
    """A warm shade from the left edge, so the menu reads over any picture."""
    if not _shade_cache:
        w = 720
        col = pygame.Surface((w, 1), pygame.SRCALPHA)
        for x in range(w):
            a = int(170 * (1 - x / w) ** 1.6)
            col.set_at((x, 0), (60, 20, 26, a))
        _shade_cache.append(pygame.transform.scale(col, (w, T.HEIGHT)))
    return _shade_cache[0]
