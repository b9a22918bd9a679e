"""The window's one loop over a stack of screens, presenting only what changed.

The loop sleeps until input arrives or something is due (an animation frame, a fade, a debounced
write, a file poll), so a still screen costs next to no CPU. Only the top screen is updated and
drawn; menus are drawn over a softened picture of the screen they were opened from. What the game
does (saves, autosaves, Continue, the record of endings and read lines) is the controller's
(`app.game`, see `game.controller`); starting up, settings, hot reload, crash recovery and
accessibility (the look, self-voicing) live in `startup`, `preferences`, `recovery`, `accessibility`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.controller import Game
from game.persistent import Persistent
from game.replay.record import RouteRecord
from game.settings import load_settings
from game.ui import accessibility, crashlog, flow, notices, preferences, recovery, savegames, startup, window_input
from game.ui import backdrop as B
from game.ui import input as inp
from game.ui import theme as T
from game.ui.screens.base import Screen

log = logging.getLogger("her.ui")
IDLE_WAIT = 2.0  # seconds to sleep when nothing at all is due
POLL = 1 / 60  # how often a sleeping loop looks for input ...
POLL_IDLE = 1 / 20  # ... and after a few seconds without any


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
        from game.ui.audio import prepare_mixer

        prepare_mixer()
        pygame.init()
        pygame.key.set_repeat(380, 45)
        self.settings, notes = load_settings()
        record = Persistent(clock=clock)
        self.lang_override = lang
        self.catalog = startup.load_catalog(lang or self.settings.language, self.notify)
        self.voicing = accessibility.open_for(self)  # the look is applied before anything is laid out
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
        routes = RouteRecord(clock=clock)
        for note in notes + [n for n in (record.note, routes.note) if n]:
            self.notify(note, 6.0)
        story, self.diagnostics = startup.load_story(self.story_dir)
        self.game = Game(story, record, savegames.write, routes)
        startup.first_screen(self, from_node, sets or [], resume)

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
                window_input.dispatch(self, event)
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
            self.voicing.update()
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
        times.append(self.game.due())
        if self.watcher is not None:
            times.append(self.watcher.next_poll)
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def _update(self, now: float, dt: float) -> None:
        self.audio.update(now)
        self.game.tick()
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

    # --- drawing -----------------------------------------------------------------------------
    def invalidate(self) -> None:
        self.dirty = True

    def _changed_area(self) -> pygame.Rect | None:
        """The part of the frame that changed since the last present, when the top screen knows it
        (a typewriter frame: the text) and nothing the window draws over it changed; else None."""
        shown = (id(self.top), tuple(m for m, _ in self.toasts), tuple(self.reload_errors), self.display.fullscreen)
        same = shown == self._presented
        self._presented = shown
        return self.top.changed if same else None

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
        from game.notice import in_language

        self.toasts.append((in_language(self.catalog, message), self.clock() + seconds))
        self.toasts = self.toasts[-3:]
        self.invalidate()

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
        return next((screen for screen in reversed(self.screens) if isinstance(screen, kind)), None)

    def play_screen(self):
        from game.ui.screens.play import PlayScreen

        return self.find(PlayScreen)

    # --- what the screens ask of the game (see flow) -------------------------------------------------
    def start_game(self, state=None, notes: list[str] | None = None) -> None:
        flow.start_game(self, state, notes)

    def continue_game(self) -> None:
        flow.continue_game(self)

    def load_slot(self, slot) -> bool:
        return flow.load_slot(self, slot)

    def go_to_title(self) -> None:
        flow.go_to_title(self)

    def autosave(self) -> bool:
        return flow.autosave(self)

    def quit(self) -> None:
        """Closing the window never loses progress: autosave, write the record, then stop."""
        try:
            self.autosave()
        except Exception:  # noqa: BLE001
            log.exception("autosave on quit failed")
        self.game.flush()
        self.running = False

    def shutdown(self) -> None:
        self.game.flush()
        accessibility.close(self)
        self.audio.stop()
        try:
            self.display.close()
        except pygame.error:
            pass

    # --- settings, hot reload, errors (see preferences and recovery) ------------------------------------
    def set_setting(self, name: str, value) -> None:
        preferences.set_setting(self, name, value)

    def relayout(self) -> None:
        preferences.relayout(self)

    def reload_story(self) -> bool:
        return recovery.reload_story(self)

    def crash(self, exc: BaseException) -> None:
        recovery.crash(self, exc)
