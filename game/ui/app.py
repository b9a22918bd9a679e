"""The window's one loop over a stack of screens, and the services the screens share.

The loop sleeps in `pygame.event.wait` until input arrives or something is due (an
animation frame, a fade, a debounced write, a file poll), so a still screen costs next to
no CPU. Only the top screen is updated and drawn; menus are drawn over a softened picture
of the screen they were opened from. Anything unexpected is logged to the data folder,
the game is autosaved if it can be, and a calm message replaces the crash.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.paths import locales_dir
from game.persistent import Persistent
from game.settings import Settings, load_settings, save_settings
from game.ui import backdrop as B
from game.ui import crashlog, fonts, notices, text
from game.ui import input as inp
from game.ui import theme as T
from game.ui.screens.base import Screen

log = logging.getLogger("her.ui")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "ja": "日本語", "fr": "Français", "de": "Deutsch", "es": "Español",
                  "zh": "中文", "it": "Italiano", "pt": "Português", "ru": "Русский"}
IDLE_WAIT = 2.0  # seconds to sleep when nothing at all is due
POLL = 1 / 60  # how often a sleeping loop looks for input ...
POLL_IDLE = 1 / 20  # ... and after a few seconds without any


def run_window(args: argparse.Namespace) -> int:
    """`her play` in a window; returns the exit code."""
    from game.commands import story_path

    options = dict(lang=args.lang, fullscreen=args.fullscreen, from_node=getattr(args, "from_node", None),
                   sets=list(getattr(args, "sets", []) or []), resume=getattr(args, "resume", False),
                   watch=getattr(args, "watch", False))
    try:
        app = App(story_path(args), **options)
    except StartError as exc:
        print(f"her: {exc}", file=sys.stderr)
        return 1
    except pygame.error as exc:
        print(f"her: the game window cannot open ({exc}); try 'her play --text'", file=sys.stderr)
        return 1
    return app.run()


class StartError(Exception):
    """A start option that cannot be honoured (e.g. `--from` a node that does not exist)."""


class App:
    def __init__(self, story_dir: Path, *, lang: str | None = None, fullscreen: bool = False,
                 from_node: str | None = None, sets: list[str] | None = None, resume: bool = False,
                 watch: bool = False, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.story_dir = Path(story_dir)
        self.running = True
        self.exit_code = 0
        self.dirty = True
        self.screens: list[Screen] = []
        self.toasts: list[tuple[str, float]] = []
        self.reload_errors: list[str] = []
        self.crashes = 0
        self.frames = 0  # frames presented
        self._presented: tuple | None = None  # what was on screen at the last present (see _changed_area)
        crashlog.setup_logging()
        pygame.init()
        pygame.key.set_repeat(380, 45)
        self.settings, notes = load_settings()
        self.persistent = Persistent(clock=clock)
        self.lang_override = lang
        self.catalog = self._load_catalog(lang or self.settings.language)
        from game.ui.display import Display

        self.display = Display("Her", fullscreen or self.settings.fullscreen)
        self.frame = self.display.surface
        from game.ui.audio import Audio

        self.audio = Audio(self.settings.music_volume, self.settings.sound_volume)
        self.backdrop = B.Backdrop(self.frame)
        self.pads = inp.Pads()
        self.mouse = (-1, -1)
        self.watcher = None
        if watch:
            from game.ui.watch import StoryWatcher

            self.watcher = StoryWatcher(self.story_dir)
        self._last = clock()
        self._frame_due: float | None = None  # when the top screen asked to be drawn again
        self._last_input = time.monotonic()
        for note in notes + ([self.persistent.note] if self.persistent.note else []):
            self.notify(note, 6.0)
        self.story, self.diagnostics = self._load_story()
        if self.story is not None:
            self.persistent.adopt(self.story)  # a version-1 record's read marks, by identity from now on
        self._first_screen(from_node, sets or [], resume)

    # --- start-up ---------------------------------------------------------------------------
    def _load_story(self):
        from game.engine.loader import load_story_files

        try:
            story, diagnostics = load_story_files(self.story_dir)
        except Exception as exc:  # noqa: BLE001 - a broken story must never crash the window
            log.exception("loading the story failed")
            return None, [f"{self.story_dir}: {exc}"]
        errors = [d for d in diagnostics if d.is_error]
        if story is None or errors:
            base = str(self.story_dir.resolve().parent)  # "story/03_closer.yaml:12:5", whatever the cwd
            return None, [d.format(base) for d in errors] or ["the story could not be loaded"]
        return story, []

    def _first_screen(self, from_node: str | None, sets: list[str], resume: bool) -> None:
        from game.ui.screens.errors import StoryErrorScreen
        from game.ui.screens.title import TitleScreen

        if self.story is None:
            if from_node or sets:
                raise StartError(self.diagnostics[0] if self.diagnostics else "the story could not be loaded")
            self.push(StoryErrorScreen(self, self.diagnostics))
            return
        if from_node or sets:
            from game.engine.debug import debug_state

            try:
                state = debug_state(self.story, from_node, sets)
            except ValueError as exc:
                raise StartError(str(exc)) from None
            self.start_game(state)
            return
        self.push(TitleScreen(self))
        if resume:
            self.continue_game()

    def _load_catalog(self, lang: str | None):
        from game.i18n.catalog import Catalog, load_catalog

        problems: list[str] = []
        try:
            catalog = load_catalog(None if lang in (None, "en") else lang, report=problems.append)
        except Exception as exc:  # noqa: BLE001 - a broken catalog falls back to English
            log.warning("cannot load the %s catalog: %s", lang, exc)
            problems.append(str(exc))
            catalog = Catalog()
        for problem in problems[:2]:
            log.warning("%s", problem)
            self.notify(problem[:160], 6.0)
        return catalog

    # --- the loop ---------------------------------------------------------------------------
    def run(self) -> int:
        crashlog.quit_on_terminate()
        # for the start-up benchmark: stop once the first frame is on screen
        first_frame_only = os.environ.get("HER_EXIT_AFTER_FIRST_FRAME") == "1"
        while self.running:
            self.step(block=True)
            if first_frame_only and self.frames:
                self.running = False
        self.shutdown()
        return self.exit_code

    def step(self, block: bool = False) -> None:
        """One turn of the loop: wait (if `block`) for input or the next due time, handle, draw."""
        try:
            events = self._wait(block)
            for event in events:
                self._dispatch(event)
                if not self.running:
                    return
            now = self.clock()
            dt, self._last = max(0.0, min(0.25, now - self._last)), now
            self._update(now, dt)
            if self.dirty:
                self.dirty = False
                self.draw()
                self.display.present(self._changed_area())
                self.frames += 1
                self._frame_due = self.top.next_frame(self.clock()) if self.screens else None
        except Exception as exc:  # noqa: BLE001 - the player sees a calm message, the log gets the rest
            self.crash(exc)

    def _wait(self, block: bool) -> list[pygame.event.Event]:
        """Input, or nothing once the next due time comes.

        pygame's `event.wait` polls every millisecond (about 3% of a core while idle), so the
        loop sleeps in steps of a sixtieth of a second (a twentieth after a few quiet seconds) and
        looks for input in between: input is answered within a frame or two, and a still screen
        costs a few wake-ups a second.
        """
        events = pygame.event.get()
        if events or not block or self.dirty:
            return events
        due = self.next_due(self.clock())
        timeout = IDLE_WAIT if due is None else max(0.0, due - self.clock())
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            idle = time.monotonic() - self._last_input > 3.0
            time.sleep(min(POLL_IDLE if idle else POLL, remaining))
            events = pygame.event.get()
            if events:
                self._last_input = time.monotonic()
                return events

    def next_due(self, now: float) -> float | None:
        """The earliest time something needs the loop: a frame, a fade, a write, a poll."""
        times = []
        if self.screens:
            times.append(self._frame_due if self._frame_due is not None else self.top.next_frame(now))
        if self.toasts:
            times.append(min(t for _, t in self.toasts))
        if self.audio.fading():
            times.append(now + 0.05)
        times.append(self.persistent.due())
        if self.watcher is not None:
            times.append(self.watcher.next_poll)
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def _update(self, now: float, dt: float) -> None:
        self.audio.update(now)
        self.persistent.tick()
        if self.toasts and any(t <= now for _, t in self.toasts):
            self.toasts = [(m, t) for m, t in self.toasts if t > now]
            self.invalidate()
        if self.watcher is not None and self.watcher.poll(now):
            self.reload_story()
        if self.screens:
            top = self.top
            top.update(now, dt)
            if self._frame_due is None:
                self._frame_due = top.next_frame(now)
            if self._frame_due is not None and self._frame_due <= now + 0.001:
                self.invalidate()

    def _dispatch(self, event: pygame.event.Event) -> None:
        t = event.type
        if t == pygame.QUIT or t == getattr(pygame, "WINDOWCLOSE", -1):
            self.quit()
            return
        if t in (getattr(pygame, "WINDOWSIZECHANGED", -1), getattr(pygame, "WINDOWEXPOSED", -1),
                 getattr(pygame, "WINDOWRESTORED", -1), getattr(pygame, "WINDOWMAXIMIZED", -1),
                 getattr(pygame, "RENDER_TARGETS_RESET", -1), getattr(pygame, "RENDER_DEVICE_RESET", -1)):
            self._presented = None  # the next frame goes up whole
            self.invalidate()
            return
        if t in (pygame.JOYDEVICEADDED, getattr(pygame, "CONTROLLERDEVICEADDED", -1)):
            self.pads.added(event.device_index)
            return
        if t in (pygame.JOYDEVICEREMOVED, getattr(pygame, "CONTROLLERDEVICEREMOVED", -1)):
            self.pads.removed(event.instance_id)
            return
        if t in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if t != pygame.MOUSEMOTION and event.button in (4, 5, 6, 7):
                return  # wheel clicks: handled as MOUSEWHEEL
            attrs = dict(event.dict)
            attrs["pos"] = self.display.to_logical(event.pos)
            event = pygame.event.Event(t, attrs)
            self.mouse = attrs["pos"]
        if t == pygame.KEYDOWN and self._global_key(event):
            return
        if t == pygame.MOUSEBUTTONUP and self.reload_errors and self._error_panel_rect().collidepoint(event.pos):
            self.reload_errors = []
            self.invalidate()
            return
        action = inp.key_action(event) or self.pads.action(event)
        if self.screens:
            self.top.handle(event, action)

    def _global_key(self, event: pygame.event.Event) -> bool:
        key, mod = event.key, event.mod
        if key == pygame.K_F11 or (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and mod & pygame.KMOD_ALT):
            self.set_setting("fullscreen", not self.display.fullscreen)
            return True
        if key == pygame.K_F1:
            from game.ui.screens.help import HelpScreen

            if isinstance(self.top, HelpScreen):
                self.pop()
            else:
                self.push(HelpScreen(self))
            return True
        if key == pygame.K_r and mod & pygame.KMOD_CTRL:
            self.reload_story()
            return True
        return False

    # --- drawing -----------------------------------------------------------------------------
    def invalidate(self) -> None:
        self.dirty = True

    def _changed_area(self) -> pygame.Rect | None:
        """The part of the frame that changed since the last present, when the top screen knows it
        (a typewriter frame: the text) and nothing the window draws over it changed; else None."""
        shown = (id(self.top), tuple(m for m, _ in self.toasts), tuple(self.reload_errors), self.display.fullscreen)
        same = shown == self._presented
        self._presented = shown
        return getattr(self.top, "changed", None) if same else None

    def draw(self) -> None:
        top = self.top
        if top.overlay and top.backdrop is not None:
            self.frame.blit(top.backdrop, (0, 0))
        top.draw(self.frame)
        notices.draw_reload_errors(self.frame, self.reload_errors, self.catalog)
        notices.draw_toasts(self.frame, [m for m, _ in self.toasts])

    def render(self, screen: Screen, surface: pygame.Surface | None = None) -> pygame.Surface:
        """A picture of one screen as it stands (for backdrops and thumbnails)."""
        surface = surface or pygame.Surface(T.SIZE)
        if screen.overlay and screen.backdrop is not None:
            surface.blit(screen.backdrop, (0, 0))
        screen.draw(surface)
        return surface

    def rebuild_backdrops(self) -> None:
        """Repaint what menus are drawn over (after a push, or a language or text-size change)."""
        picture = None
        base = None
        for screen in self.screens:
            if screen.overlay == "menu" and base is not None:
                screen.backdrop = B.soften(self.render(base), screen.tint)
            elif screen.overlay == "dialog" and picture is not None:
                screen.backdrop = B.dim(picture)
            if not screen.overlay:
                base = screen
            picture = self.render(screen)
        self.invalidate()

    def notify(self, message: str, seconds: float = 2.2) -> None:
        self.toasts.append((message, self.clock() + seconds))
        self.toasts = self.toasts[-3:]
        self.invalidate()

    def _error_panel_rect(self) -> pygame.Rect:
        return notices.error_panel_rect(self.reload_errors)

    # --- the stack ----------------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.screens[-1]

    def push(self, screen: Screen) -> Screen:
        self.screens.append(screen)
        screen.enter()
        if screen.overlay:
            self.rebuild_backdrops()
        self.invalidate()
        return screen

    def pop(self, screen: Screen | None = None) -> None:
        if not self.screens or (screen is not None and self.top is not screen):
            return
        self.screens.pop().leave()
        if self.screens:
            self.top.enter()
        self.invalidate()

    def replace_all(self, screen: Screen) -> None:
        while self.screens:
            self.screens.pop().leave()
        self.push(screen)

    def find(self, kind: type) -> Screen | None:
        for screen in reversed(self.screens):
            if isinstance(screen, kind):
                return screen
        return None

    def play_screen(self):
        from game.ui.screens.play import PlayScreen

        return self.find(PlayScreen)

    # --- game actions --------------------------------------------------------------------------
    def start_game(self, state=None, notes: list[str] | None = None) -> None:
        from game.ui.screens.play import PlayScreen

        self.replace_all(PlayScreen(self, state))
        for note in notes or []:
            self.notify(note, 5.0)

    def continue_game(self) -> None:
        from game.ui import savegames

        info = savegames.newest()
        if info is None:
            self.notify(self.catalog.ui("There is no saved game yet."))
            return
        self.load_slot(info.slot)

    def load_slot(self, slot: str) -> bool:
        """Resume from a slot; on failure tell the player why (one line) and stay put."""
        from game import saves
        from game.engine.state import StateError
        from game.ui import savegames

        info = savegames.read(slot)
        if info is None:
            return False
        try:
            state, notes = saves.load_state(info, self.story)
            from game.engine.runtime import Runtime

            Runtime(self.story, state)  # checks that it fits before leaving the current screen
        except (StateError, ValueError, KeyError) as exc:
            self.notify(self.catalog.ui("This save cannot be loaded: {reason}").format(reason=exc), 5.0)
            return False
        self.audio.sound("confirm")
        self.start_game(state, notes)
        return True

    def go_to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.autosave()
        self.audio.play_music(None)
        self.replace_all(TitleScreen(self))

    def autosave(self) -> None:
        play = self.play_screen()
        if play is not None:
            play.save_to("auto", quiet=True)

    def quit(self) -> None:
        """Closing the window never loses progress: autosave, write the record, then stop."""
        try:
            self.autosave()
        except Exception:  # noqa: BLE001
            log.exception("autosave on quit failed")
        self.persistent.flush()
        self.running = False

    def shutdown(self) -> None:
        self.persistent.flush()
        self.audio.stop()
        try:
            self.display.close()
        except pygame.error:
            pass

    # --- settings -------------------------------------------------------------------------------
    def set_setting(self, name: str, value) -> None:
        """Change one setting, apply it at once, and keep it."""
        setattr(self.settings, name, value)
        if name == "fullscreen":
            self.display.set_fullscreen(bool(value))
            self.settings.fullscreen = self.display.fullscreen
        elif name in ("music_volume", "sound_volume"):
            self.audio.set_volumes(self.settings.music_volume, self.settings.sound_volume)
        elif name == "language":
            self.lang_override = None
            self.set_language(value)
        elif name in ("text_scale", "reduced_motion"):
            self.relayout()
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.notify(self.catalog.ui("Settings could not be saved: {reason}").format(reason=exc.strerror), 4.0)
        self.invalidate()

    def set_language(self, lang: str) -> None:
        self.catalog = self._load_catalog(lang)
        self.relayout()

    def relayout(self) -> None:
        text.clear()
        for screen in self.screens:
            screen.relayout()
        self.rebuild_backdrops()

    def languages(self) -> list[tuple[str, str]]:
        """(code, name) of English and every language with a catalog under locales/.

        The pseudo-locale (a translators' tool) is offered only while it is in use.
        """
        try:
            from game.i18n.languages import PSEUDO, locale_codes, native_name
        except ImportError:  # pragma: no cover - older checkout
            PSEUDO, locale_codes, native_name = "qps", (lambda root: []), (lambda c: LANGUAGE_NAMES.get(c, c))
        codes = {"en"}
        try:
            codes.update(locale_codes(locales_dir()))
        except OSError:
            pass
        if self.catalog.lang != PSEUDO:
            codes.discard(PSEUDO)
        names = {c: LANGUAGE_NAMES.get(c) or native_name(c) or c for c in codes}
        return [(c, names[c]) for c in sorted(codes, key=lambda c: (c != "en", c))]

    # --- hot reload -------------------------------------------------------------------------------
    def reload_story(self) -> bool:
        """Read the story again; play on at the same node and variables, or show what is wrong."""
        from game.engine.state import StateError
        from game.ui.screens.errors import StoryErrorScreen
        from game.ui.screens.title import TitleScreen

        story, diagnostics = self._load_story()
        if story is None:
            if isinstance(self.top, StoryErrorScreen):
                self.top.diagnostics = diagnostics
            else:
                self.reload_errors = diagnostics
            self.invalidate()
            return False
        play = self.play_screen()
        notes: list[str] = []
        if play is not None:
            try:
                notes = play.reload(story)
            except StateError as exc:
                self.reload_errors = [str(exc)]
                self.invalidate()
                return False
        self.story, self.diagnostics, self.reload_errors = story, [], []
        if self.find(StoryErrorScreen) is not None:
            self.replace_all(TitleScreen(self))
        self.notify(self.catalog.ui("Story reloaded"))
        for note in notes:
            self.notify(note, 4.0)
        self.relayout()
        return True

    # --- when things go wrong ---------------------------------------------------------------------
    def crash(self, exc: BaseException) -> None:
        """Log, try to keep the player's place, and show a calm message instead of a traceback."""
        self.crashes += 1
        path = crashlog.log_exception(exc)
        if self.crashes > 3:
            self.running = False
            self.exit_code = 1
            print(f"her: the game stopped after repeated errors; details in {path}", file=sys.stderr)
            return
        saved = False
        try:
            play = self.play_screen()
            if play is not None:
                saved = play.save_to("auto", quiet=True)
        except Exception:  # noqa: BLE001
            log.exception("autosave after an error failed")
        from game.ui.screens.errors import MessageScreen

        try:
            self.replace_all(MessageScreen(self, crash=True, saved=saved, log_path=path))
        except Exception:  # noqa: BLE001
            self.running = False
            self.exit_code = 1


__all__ = ["App", "Settings", "StartError", "fonts", "run_window"]
