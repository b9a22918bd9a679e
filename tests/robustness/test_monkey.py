"""The monkey: a seeded random walk of real input through every screen of the headless window.

Each seed builds a real App (dummy video driver, a settable clock) and drives the real loop
(`Driver`/`App.step`) with keys (digits, arrows, Enter, Space, Esc, F1, F5, F9, F11, Tab, Ctrl,
A, L, H, R, Page Up/Down, Home/End, Backspace, Delete, with and without Ctrl/Alt/Shift), mouse
clicks at random points and on the buttons on screen, right and middle clicks, hover, the
wheel, gamepad buttons, window resizes, language switches (en, ko, qps through
`preferences.set_language`), setting changes, saves, loads, rollback and roll forward, damaged save
files, debug starts at random nodes, time passing (typewriter, cards, skip, auto) and the
title screen. After every action:

- nothing raised (the loop's crash handler was not called, no exception reached the test);
- the screen stack is not empty, has a full screen at the bottom and is not absurdly deep;
- the play screen's state is consistent: `GameState.to_json` round-trips, the state restores
  into a fresh Runtime, and restoring what a save would keep shows the same step again;
- the visible screen draws (every action's frame is drawn: the app is invalidated first), and
  every tenth time the window's picture is exactly that frame (at 1280x720).

A failure names the seed, the action number and the last actions, so it replays exactly.
CI runs HER_MONKEY_EVENTS (default 2,200 actions; about 4,800 pygame events) spread over the seeds; set it higher for a
long run, e.g. `HER_MONKEY_EVENTS=40000 pytest tests/robustness/test_monkey.py -s`.
"""

from __future__ import annotations

import os
import random
import traceback
from collections import Counter, deque
from pathlib import Path

import pygame
import pytest

from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StuckEvent
from game.engine.state import GameState
from game.ui import preferences

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"
SHIPPED = ROOT / "story"
TOTAL = int(os.environ.get("HER_MONKEY_EVENTS", "2200"))
# (name, story, seed, share of the actions)
RUNS = [
    ("basic-1", BASIC, 1101, 0.2),
    ("basic-2", BASIC, 2202, 0.2),
    ("shipped-1", SHIPPED, 3303, 0.3),
    ("shipped-2", SHIPPED, 4404, 0.3),
]
MAX_DEPTH = 8
EVERY_SCREEN = {"TitleScreen", "PlayScreen", "PauseScreen", "HistoryScreen", "SaveLoadScreen", "SettingsScreen",
                "HelpScreen", "EndingCard", "EndingsGallery", "ConfirmScreen"}

K = pygame
KEYS = ([getattr(K, f"K_{n}") for n in range(10)] + [K.K_KP1, K.K_KP_ENTER] +
        [K.K_UP, K.K_DOWN, K.K_LEFT, K.K_RIGHT, K.K_RETURN, K.K_SPACE, K.K_ESCAPE, K.K_F1, K.K_F5, K.K_F9,
         K.K_F11, K.K_TAB, K.K_a, K.K_l, K.K_h, K.K_r, K.K_PAGEUP, K.K_PAGEDOWN, K.K_HOME, K.K_END,
         K.K_BACKSPACE, K.K_DELETE, K.K_x])
# keys that move the story on get more weight, or a random walk never gets anywhere
FORWARD = [K.K_SPACE, K.K_RETURN, K.K_1, K.K_2, K.K_DOWN]
SLOTS = ["auto", "quick", "1", "2", "10"]
LANGS = ["en", "ko", "qps"]


class MonkeyFailure(AssertionError):
    pass


class Monkey:
    def __init__(self, name: str, story_dir: Path, seed: int):
        from game.ui.app import App
        from game.ui.driver import Driver, FakeClock
        from game.ui.screens.saveload import SaveLoadScreen

        SaveLoadScreen.last_page = {"save": "1", "load": "1"}
        self.name, self.seed = name, seed
        self.rng = random.Random(seed)
        self.clock = FakeClock()
        self.app = App(story_dir, clock=self.clock)
        self.d = Driver(self.app, self.clock)
        self.crashes: list[str] = []
        real_crash = self.app.crash

        def crash(exc: BaseException) -> None:  # the loop caught something: record it, then act as usual
            self.crashes.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
            real_crash(exc)

        self.app.crash = crash
        self.log: deque[str] = deque(maxlen=40)
        self.seen: Counter[str] = Counter()
        self.posted = 0  # real pygame events posted
        self.choices_seen = 0
        self.screens_checked = 0  # times the window's picture was compared with the frame
        self.ctrl_down = False
        self.app.display.window.size = (1280, 720)  # the dummy desktop is smaller; resizes come later
        self.d.step(2)
        # (weight in the story, weight elsewhere, action): in the story the walk leans forward,
        # or it would spend its time in menus and never see a choice or an ending
        self.actions = [
            (18, 30, self.key), (34, 8, self.forward), (6, 14, self.click_button), (8, 8, self.click_anywhere),
            (5, 6, self.hover), (5, 4, self.wheel), (12, 10, self.time_passes), (2, 2, self.resize),
            (2, 2, self.language), (3, 2, self.save), (2, 3, self.load), (4, 1, self.rollback), (2, 2, self.setting),
            (2, 2, self.pad), (1, 1, self.jump), (1, 0, self.ctrl), (1, 1, self.damage_a_save), (1, 1, self.title),
            (4, 1, self.burst),
        ]
        self.in_story = [w for w, _, _ in self.actions]
        self.elsewhere = [w for _, w, _ in self.actions]

    # --- posting real events ---------------------------------------------------------------------
    def post(self, event_type: int, **attrs) -> None:
        pygame.event.post(pygame.event.Event(event_type, attrs))
        self.posted += 1

    def step(self) -> None:
        self.app.step()

    def press(self, key: int, mod: int = 0) -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.step()

    def click_at(self, window_pos: tuple[int, int], button: int = 1) -> None:
        self.post(pygame.MOUSEMOTION, pos=window_pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=window_pos, button=button, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=window_pos, button=button, touch=False)
        self.step()

    def random_window_pos(self) -> tuple[int, int]:
        w, h = self.app.display.window.size
        return self.rng.randint(-20, w + 20), self.rng.randint(-20, h + 20)

    # --- actions ---------------------------------------------------------------------------------
    def key(self) -> str:
        key = self.rng.choice(KEYS)
        mod = self.rng.choice([0] * 12 + [K.KMOD_LCTRL, K.KMOD_LALT, K.KMOD_LSHIFT])
        self.press(key, mod)
        return f"key {pygame.key.name(key)} mod={mod}"

    def forward(self) -> str:
        key = self.rng.choice(FORWARD)
        self.press(key)
        return f"forward {pygame.key.name(key)}"

    def burst(self) -> str:
        n = self.rng.randint(5, 25)
        for _ in range(n):
            self.press(self.rng.choice(FORWARD[:3]))
            self.clock.advance(0.05)
            play = self.app.play_screen()
            if play is not None and play.options and self.app.top is play:
                self.choices_seen += 1
        return f"burst {n}"

    def click_button(self) -> str:
        from game.ui.driver import buttons_of

        buttons = buttons_of(self.app.top)
        if not buttons:
            return self.click_anywhere()
        rect, text = self.rng.choice(buttons)
        self.click_at(self.d.window_pos(rect.center))
        return f"click button {text!r}"

    def click_anywhere(self) -> str:
        pos = self.random_window_pos()
        button = self.rng.choice([1, 1, 1, 1, 1, 2, 3, 3])
        self.click_at(pos, button)
        return f"click {pos} button {button}"

    def hover(self) -> str:
        pos = self.random_window_pos()
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.step()
        return f"hover {pos}"

    def wheel(self) -> str:
        y = self.rng.choice([-3, -1, -1, 1, 1, 2])
        self.post(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y), touch=False)
        self.step()
        return f"wheel {y}"

    def time_passes(self) -> str:
        seconds = self.rng.choice([1 / 60, 1 / 60, 0.1, 0.5, 1.0, 3.0, 7.0])
        frames = self.rng.randint(1, 6)
        for _ in range(frames):
            self.clock.advance(seconds / frames)
            self.step()
        return f"wait {seconds:.3f}s in {frames} frames"

    def resize(self) -> str:
        # mostly the usual size: a big window is scaled in software on the dummy driver (slow here only)
        size = self.rng.choice([(1280, 720)] * 6 + [(self.rng.randint(320, 1600), self.rng.randint(180, 1000))] * 3 +
                               [(self.rng.randint(1600, 2200), self.rng.randint(1000, 1300))])
        self.app.display.window.size = size
        self.post(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])
        self.step()
        return f"resize {size}"

    def language(self) -> str:
        lang = self.rng.choice(LANGS)
        if self.rng.random() < 0.7:
            preferences.set_language(self.app, lang)
        else:
            self.app.set_setting("language", lang)
        self.step()
        return f"language {lang}"

    def setting(self) -> str:
        name, values = self.rng.choice([
            ("text_scale", [1.0, 1.25, 1.5]), ("reduced_motion", [True, False]), ("text_speed", [0, 10, 40, 150]),
            ("auto_delay", [0.5, 1.5, 6.0]), ("skip_read_only", [True, False]), ("fullscreen", [True, False]),
        ])
        value = self.rng.choice(values)
        self.app.set_setting(name, value)
        self.step()
        return f"setting {name}={value}"

    def save(self) -> str:
        play = self.app.play_screen()
        slot = self.rng.choice(SLOTS)
        if play is None:
            return self.key()
        if slot == "auto" and self.rng.random() < 0.5:
            play.autosave()  # the quiet autosave on leaving
        else:
            play.save_to(slot)
        self.step()
        return f"save {slot}"

    def load(self) -> str:
        slot = self.rng.choice(SLOTS)
        if self.app.game.story is not None:
            self.app.load_slot(slot)
        self.step()
        return f"load {slot}"

    def damage_a_save(self) -> str:
        from game import saves

        slot = self.rng.choice(SLOTS)
        path = saves.slot_path(slot)
        junk = self.rng.choice([b"", b"{", b"\xff\xfe garbage", b'{"format": "her-save", "version": 1, "state": 3}',
                                b'{"format": "her-save", "version": 99, "min_version": 99}'])
        path.write_bytes(junk)
        self.step()
        return f"damage save {slot} with {junk[:20]!r}"

    def rollback(self) -> str:
        play = self.app.play_screen()
        if play is None or self.app.top is not play:
            return self.wheel()
        if self.rng.random() < 0.7:
            play.rollback()
            what = "rollback"
        else:
            play.rollforward()
            what = "rollforward"
        self.step()
        return what

    def pad(self) -> str:
        button = self.rng.choice([K.CONTROLLER_BUTTON_A, K.CONTROLLER_BUTTON_B, K.CONTROLLER_BUTTON_X,
                                  K.CONTROLLER_BUTTON_Y, K.CONTROLLER_BUTTON_START, K.CONTROLLER_BUTTON_DPAD_UP,
                                  K.CONTROLLER_BUTTON_DPAD_DOWN, K.CONTROLLER_BUTTON_LEFTSHOULDER,
                                  K.CONTROLLER_BUTTON_RIGHTSHOULDER])
        self.post(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0)
        self.post(pygame.CONTROLLERBUTTONUP, button=button, instance_id=0)
        self.step()
        return f"pad {button}"

    def ctrl(self) -> str:
        key = K.K_LCTRL
        kind = pygame.KEYUP if self.ctrl_down else pygame.KEYDOWN
        self.ctrl_down = not self.ctrl_down
        self.post(kind, key=key, mod=0, unicode="", scancode=0)
        self.step()
        return "ctrl down" if self.ctrl_down else "ctrl up"

    def jump(self) -> str:
        from game.engine.debug import debug_state

        story = self.app.game.story
        if story is None:
            return self.key()
        nodes = list(story.nodes)
        endings = [n for n, node in story.nodes.items() if node.ending]
        if endings and self.rng.random() < 0.3:  # an ending is a few lines away
            node = self.rng.choice(endings)
        else:  # late nodes more often: they are hard to reach by walking
            node = nodes[int(len(nodes) * self.rng.random() ** 0.5)]
        self.app.start_game(debug_state(story, node, []))
        self.step()
        return f"jump to {node}"

    def title(self) -> str:
        if self.app.game.story is not None:
            self.app.go_to_title()
        self.step()
        return "title"

    # --- the walk ----------------------------------------------------------------------------------
    def run(self, actions: int) -> None:
        for i in range(actions):
            self.app.invalidate()  # every action's frame is drawn: the visible screen must draw
            from game.ui.screens.play import PlayScreen

            weights = self.in_story if isinstance(self.app.top, PlayScreen) else self.elsewhere
            action = self.rng.choices(self.actions, weights=weights)[0][2]
            try:
                self.log.append(action())
            except Exception:  # noqa: BLE001 - reported with the walk that led here
                self.fail(i, "an exception reached the caller:\n" + traceback.format_exc())
            if not self.app.running:  # Quit was chosen: it autosaved and stopped; keep walking
                self.log.append("(quit; running again)")
                self.app.running = True
            self.check(i)

    def fail(self, i: int, why: str) -> None:
        walk = "\n  ".join(self.log)
        raise MonkeyFailure(f"monkey {self.name} seed {self.seed}, action {i}: {why}\nlast actions:\n  {walk}")

    def check(self, i: int) -> None:
        app = self.app
        if self.crashes:
            self.fail(i, "the loop caught an error:\n" + self.crashes[0])
        if not app.screens:
            self.fail(i, "the screen stack is empty")
        if app.screens[0].overlay is not None:
            self.fail(i, f"an overlay ({type(app.screens[0]).__name__}) is at the bottom of the stack")
        if len(app.screens) > MAX_DEPTH:
            self.fail(i, "the screen stack is too deep: " + ", ".join(type(s).__name__ for s in app.screens))
        self.seen[type(app.top).__name__] += 1
        if i % 10 == 0 and app.display.renderer is not None and tuple(app.display.window.size) == (1280, 720):
            shown = pygame.image.tobytes(app.display.renderer.to_surface(), "RGB")
            if shown != pygame.image.tobytes(app.frame, "RGB"):  # e.g. a partial upload that missed a change
                self.fail(i, f"the window does not show the frame just drawn ({type(app.top).__name__})")
            self.screens_checked += 1
        play = app.play_screen()
        if play is None:
            return
        if play.options and app.top is play:
            self.choices_seen += 1
        try:
            check_state(play)
        except AssertionError as exc:
            self.fail(i, f"inconsistent state: {exc}")

    def close(self) -> None:
        self.app.shutdown()


def check_state(play) -> None:
    """The play screen's runtime state is plain data that round-trips and restores cleanly."""
    session = play.session
    story = session.story
    state = session.runtime.state
    data = state.to_json()
    again = GameState.from_json(data)
    assert again.to_json() == data, "GameState.to_json does not round-trip"
    Runtime(story, again)  # restores cleanly into a fresh runtime (StateError otherwise)
    # what a save keeps shows the same step again
    kept = GameState.from_json(session.save_state().to_json())
    rt = Runtime(story, kept)
    event = rt.advance()
    for _ in range(1000):
        if not isinstance(event, EnterEvent):
            break
        event = rt.advance()
    shown = play.step.event
    assert type(event) is type(shown), f"a save would show {type(event).__name__}, the screen shows {type(shown).__name__}"
    if isinstance(shown, LineEvent):
        assert event.uid == shown.uid, f"a save would show line {event.uid}, the screen shows {shown.uid}"
    elif isinstance(shown, ChoiceEvent):
        assert (event.node, event.options) == (shown.node, shown.options), "a save would show other options"
    elif isinstance(shown, (EndEvent, StuckEvent)):
        assert event.node == shown.node


def test_monkey_walks_every_screen_without_a_fault():
    """All seeds in one test (about 20 s at the default 2,200 actions: the point is many real
    events); every screen must be reached by the walks together."""
    seen: Counter[str] = Counter()
    choices = 0
    for name, story_dir, seed, share in RUNS:
        actions = max(1, round(TOTAL * share))
        monkey = Monkey(name, story_dir, seed)
        try:
            monkey.run(actions)
        finally:
            monkey.close()
        seen.update(monkey.seen)
        choices += monkey.choices_seen
        print(f"\nmonkey {name} (seed {seed}): {actions} actions, {monkey.posted} pygame events, "
              f"{monkey.choices_seen} frames on choices, {monkey.screens_checked} window pictures compared; "
              f"screens: {dict(monkey.seen)}")
    if TOTAL >= 2000:  # a long enough walk goes everywhere
        missing = EVERY_SCREEN - set(seen)
        assert not missing, f"the monkey never reached {sorted(missing)}"
        assert choices > 0


def test_the_monkey_notices_a_crash(monkeypatch):
    """The check can fail: an error in a screen's draw is reported with the seed and the walk."""
    from game.ui.screens.title import TitleScreen

    monkey = Monkey("broken", BASIC, 7)
    try:
        def broken(self, surface):
            raise RuntimeError("boom in draw")

        monkeypatch.setattr(TitleScreen, "draw", broken)
        with pytest.raises(MonkeyFailure, match="seed 7, action 0: the loop caught an error") as info:
            monkey.run(5)
        assert "boom in draw" in str(info.value)
    finally:
        monkey.close()


def test_the_state_check_notices_a_wrong_picture():
    """check_state fails when the screen shows something a save would not bring back."""
    monkey = Monkey("wrong", BASIC, 8)
    try:
        monkey.app.start_game()
        monkey.step()
        play = monkey.app.play_screen()
        check_state(play)  # consistent as played
        play.session.current.before = play.session.current.before.copy()
        play.session.current.before.pos += 1  # as if the save kept the line after the one shown
        with pytest.raises(AssertionError, match="a save would show"):
            check_state(play)
    finally:
        monkey.close()
