"""The pause menu (Esc): resume, save, load, history, settings, help, title, quit."""

from __future__ import annotations

import pygame

from game.ui import theme as T
from game.ui import widgets as W
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.menus import MenuScreen
from game.ui.voicing import menu_focus, sentences


class PauseScreen(MenuScreen):
    overlay = "menu"
    origin = (T.MARGIN + 76, 190)
    row = 46

    def items(self) -> list[W.Button]:
        catalog = self.app.catalog
        return [
            W.Button(catalog.ui("Resume"), self.back),
            W.Button(catalog.ui("Save"), lambda: self._open("save")),
            W.Button(catalog.ui("Load"), lambda: self._open("load")),
            W.Button(catalog.ui("History"), self._history),
            W.Button(catalog.ui("Route map"), self._map),
            W.Button(catalog.ui("Letters"), self._letters),
            W.Button(catalog.ui("Settings"), self._settings),
            W.Button(catalog.ui("Help"), self._help),
            W.Button(catalog.ui("Title screen"), self._title),
            W.Button(catalog.ui("Quit"), self._quit),
        ]

    def back(self) -> None:
        self.app.audio.sound("back")
        self.app.pop(self)

    def _open(self, mode: str) -> None:
        from game.ui.screens.saveload import SaveLoadScreen

        self.app.push(SaveLoadScreen(self.app, mode))

    def _history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        if self.game.session is not None:
            self.app.push(HistoryScreen(self.app, self.game.session))

    def _map(self) -> None:
        from game.ui.screens.routemap import RouteMapScreen

        self.app.push(RouteMapScreen(self.app))

    def _letters(self) -> None:
        from game.ui.screens.letters import LettersBook

        self.app.push(LettersBook(self.app))

    def _settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def _help(self) -> None:
        from game.ui.screens.help import HelpScreen

        self.app.push(HelpScreen(self.app))

    def _title(self) -> None:
        catalog = self.app.catalog
        self.app.push(ConfirmScreen(self.app, catalog.ui("Return to the title screen? Your place is kept in the autosave."),
                                    catalog.ui("Title screen"), self.app.go_to_title, safe_default=False))

    def _quit(self) -> None:
        catalog = self.app.catalog
        self.app.push(ConfirmScreen(self.app, catalog.ui("Quit the game? Your place is kept in the autosave."),
                                    catalog.ui("Quit"), self.app.quit, safe_default=False))

    def chapter(self) -> str:
        session = self.game.session
        chapter = session.story.chapter_of(session.runtime.state.node) if session is not None else None
        return self.app.catalog.chapter_title(chapter) if chapter is not None else ""

    def spoken(self) -> tuple[str, str]:
        catalog = self.app.catalog
        return sentences(catalog.ui("Paused"), self.chapter()), menu_focus(self.menu, catalog)

    def draw(self, surface: pygame.Surface) -> None:
        panel = pygame.Rect(T.MARGIN, 0, T.MENU_W + 120, T.HEIGHT)
        surface.blit(W.panel(panel.size, (72, 26, 30, 150), 0), panel)
        W.label(surface, self.app.catalog.ui("Paused"), W.ui_font(T.TITLE_SIZE - 6), T.CREAM, (self.origin[0] + 20, 96))
        chapter = self.chapter()
        if chapter:
            W.label(surface, chapter, W.ui_font(T.UI_SMALL), T.CREAM_DIM, (self.origin[0] + 22, 140))
        self.draw_menu(surface)
