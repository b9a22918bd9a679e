"""The story being played: the scene, the line in its style, choices, skip, auto and rollback.

The screen reads the session (runtime + rollback steps) and moves it only through its
calls: advance, choose, rollback, roll forward. Everything shown is derived from the
current step and the runtime's state, so a load, a rollback or a hot reload lands on
exactly the same picture as playing there did.
"""

from __future__ import annotations

import pygame

from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, StuckEvent
from game.engine.state import GameState
from game.settings import INSTANT
from game.ui import choicelist, playbar, savegames
from game.ui import input as inp
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.dialogue import Dialogue
from game.ui.screens.base import Screen
from game.ui.session import Session, Step
from game.ui.text import one_line
from game.ui.voicing import menu_focus, sentences

FRAME = 1 / 60
AMBIENT = 1 / 24  # scene overlays and the presence: slow, calm motion needs no more
CROSSFADE = 0.9
CUE_FADE = 0.35
SKIP_STEP = 0.06  # seconds per line while skipping
CARD_IN, CARD_HOLD, CARD_OUT = 0.7, 1.9, 0.7
READ_TIME = 0.02  # auto-advance: seconds of reading time per character, on top of the delay
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}


class PlayScreen(Screen):
    def __init__(self, app, state: GameState | None = None):
        super().__init__(app)
        self.t0 = app.clock()
        self.scene: str | None = state.scene if state is not None else None
        self.fade_from: pygame.Surface | None = None
        self.fade_start = 0.0
        self.card: tuple[str, str, float] | None = None  # chapter label, title, start time
        self.skip = self.skip_held = self.auto = self.hidden = False
        self.last_skip = 0.0
        self.dialogue: Dialogue | None = None
        self.reveal = 0.0
        self.completed_at: float | None = None
        self.options: list[tuple[int, str]] = []
        self._choice_layouts: list = []
        self._pending_card: tuple[str, bool] | None = None
        self._base: pygame.Surface | None = None  # the frame under the typed text, while nothing moves
        self._base_for: tuple | None = None
        self._shown: tuple | None = None  # (surface id, base key) of the last frame drawn
        self.changed: pygame.Rect | None = None  # what the last draw changed (see draw)
        self.choices = W.Menu([], sound=app.audio.sound)
        self.quick = W.Menu([], vertical=False, sound=lambda name: None)
        self._build_quick()
        self.session = Session(app.story, state, was_read=app.persistent.was_read,
                               mark_read=app.persistent.mark_read, on_enter=self._on_enter)
        self._show(self.session.start())

    # --- what is shown ---------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.session.current

    @property
    def motion(self) -> bool:
        return not self.app.settings.reduced_motion

    def _on_enter(self, event: EnterEvent, before: GameState) -> None:
        if not event.new_chapter:
            return
        story, catalog = self.session.story, self.app.catalog
        chapter = story.chapter_of(event.node)
        if chapter is not None:
            number = story.chapters.index(chapter) + 1
            label = catalog.ui("Chapter {number}").format(number=number)
            self.card = (label, catalog.chapter_title(chapter), self.app.clock())
        # autosave at every chapter start: the new scene is its picture
        picture = self.app.backdrop.background(event.scene).copy()
        self._write("auto", before, chapter and self.app.catalog.chapter_title(chapter) or "", picture, quiet=True)

    def _show(self, step: Step, instant: bool = False) -> None:
        state = self.session.runtime.state
        self._set_scene(state.scene, instant)
        self.app.audio.play_music(state.music)
        event = step.event
        self.options, self.completed_at = [], None
        self.choices.set_buttons([])
        self.choices.focus = None
        if isinstance(event, LineEvent):
            self.dialogue = self._dialogue(event.node, event.speaker, event.text, event.style, current=True)
            self.reveal = 0.0
            if instant or self.skipping or self.app.settings.text_speed == INSTANT:
                self._complete()
        elif isinstance(event, ChoiceEvent):
            self.skip = False
            before = self.session.previous_line()
            self.dialogue = None
            if before is not None and before[1].style != "letter":
                node, line = before
                self.dialogue = self._dialogue(node, line.speaker, line.text, line.style, current=False)
                self._complete()
            self.options = [(o.index, self.app.catalog.option(event.node, o)) for o in event.options]
            self._build_choices()
        elif isinstance(event, EndEvent):
            self.skip = self.skip_held = False
            self.dialogue = None
            new = self.app.persistent.reach_ending(event.ending)
            if self in self.app.screens:
                from game.ui.screens.endings import EndingCard

                self.app.push(EndingCard(self.app, event.ending, new))
            else:  # still being built (a save at the very end): show the card once on the stack
                self._pending_card = (event.ending, new)
        elif isinstance(event, StuckEvent):
            self.skip = False
            self.dialogue = Dialogue(self.app.catalog.ui("The story cannot go on from here (no choice is open)."),
                                     scale=self.app.settings.text_scale)
            self._complete()
        self.invalidate()

    def _dialogue(self, node: str, speaker: str | None, source: str | None, style: str, current: bool) -> Dialogue:
        catalog, story = self.app.catalog, self.session.story
        text = catalog.text(node, source or "")
        character = story.characters.get(speaker or "")
        name = catalog.character_name(character) if character is not None else ""
        color = T.speaker_color(character)
        previous: tuple[str, ...] = ()
        if style == "letter" and current:
            run = self.session.letter_run()[:-1]
            previous = tuple(catalog.text(n, line.text or "") for n, line in run)
        return Dialogue(text, style, name, color, previous, self.app.settings.text_scale)

    def _set_scene(self, scene: str | None, instant: bool) -> None:
        if scene == self.scene:
            return
        if not instant and self.motion and not self.skipping and self.scene is not None:
            self.fade_from = self.app.backdrop.background(self.scene)
            self.fade_start = self.app.clock()
        self.scene = scene

    def _complete(self) -> None:
        if self.dialogue is not None:
            self.reveal = float(self.dialogue.chars())
        self.completed_at = self.app.clock()
        self.invalidate()

    @property
    def typing(self) -> bool:
        return self.dialogue is not None and self.completed_at is None

    @property
    def skipping(self) -> bool:
        return self.skip or self.skip_held

    def current_line_text(self) -> str:
        """The line as the player reads it (`Name: text`), for save slots."""
        event = self.step.event
        if isinstance(event, LineEvent):
            d = self._dialogue(event.node, event.speaker, event.text, event.style, current=False)
            return f"{d.name}: {d.text}" if d.name else d.text
        if isinstance(event, ChoiceEvent) and self.options:
            return " / ".join(text for _, text in self.options)
        return ""

    def spoken(self) -> tuple[str, str]:
        """Self-voicing: the chapter card, or the line with its speaker, or the options; the focused control."""
        catalog = self.app.catalog
        if self.card is not None:
            return sentences(self.card[0], self.card[1]), ""
        focus = menu_focus(self.quick, catalog) if self.quick.keyboard else ""
        if self.options:
            listed = " ".join(sentences(f"{n}: {text}") for n, (_, text) in enumerate(self.options, 1))
            choice = self.choices.focus
            if choice is not None and choice < len(self.options):
                focus = f"{choice + 1}: {self.options[choice][1]}"
            return listed, focus
        if self.dialogue is not None:
            d = self.dialogue
            return (f"{d.name}: {d.text}" if d.name else d.text), focus
        return "", focus

    def _voiced_action(self, action: str) -> bool:
        """With self-voicing on, left/right walk the quick menu under the box and Enter presses it."""
        if not self.app.voicing.on or self.options or self.card is not None:
            return False
        if action in (inp.LEFT, inp.RIGHT):
            self.quick.action(action)
        elif action in (inp.UP, inp.DOWN) and self.quick.keyboard:
            self.quick.focus, self.quick.keyboard = None, False  # back to the story
        elif action == inp.CONFIRM and self.quick.keyboard and self.quick.focused() is not None:
            self.quick.action(action)
        else:
            return False
        self.invalidate()
        return True

    # --- moving on -------------------------------------------------------------------------------
    def proceed(self) -> None:
        """Click / Space / Enter / A: finish the card or the line, then the next page or line."""
        if self.card is not None:
            self.card = None
            self.invalidate()
            return
        event = self.step.event
        if isinstance(event, EndEvent):
            from game.ui.screens.endings import EndingCard

            self.app.push(EndingCard(self.app, event.ending, False))
            return
        if not isinstance(event, LineEvent) or self.dialogue is None:
            return
        if self.typing:
            self._complete()
            return
        if self.dialogue.page + 1 < self.dialogue.pages:
            self.dialogue.page += 1
            self.reveal, self.completed_at = 0.0, None
            if self.skipping or self.app.settings.text_speed == INSTANT:
                self._complete()
            self.invalidate()
            return
        self._show(self.session.advance())

    def choose(self, index: int) -> None:
        self.app.audio.sound("confirm")
        self._show(self.session.choose(index))

    def pick_shown(self, n: int) -> bool:
        """Take the n-th shown option (1-based), as keys 1-9 do."""
        if not self.options or not 1 <= n <= len(self.options) or self.card is not None:
            return False
        self.choose(self.options[n - 1][0])
        return True

    def rollback(self) -> None:
        step = self.session.rollback()
        if step is None:
            self.app.notify(self.app.catalog.ui("This is as far back as it goes."), 1.6)
            return
        self.skip = self.auto = False
        self.card = None
        self.app.audio.sound("page")
        self._show(step, instant=True)

    def rollforward(self) -> None:
        if not self.session.can_rollforward():
            return
        self.card = None
        step = self.session.rollforward()
        if step is not None:
            self._show(step, instant=True)

    def reload(self, story) -> list[str]:
        notes = self.session.reload(story)
        self._show(self.session.current, instant=True)
        return notes

    def relayout(self) -> None:
        self._build_quick()
        event = self.step.event
        keep = self.completed_at
        if isinstance(event, LineEvent):
            page = self.dialogue.page if self.dialogue else 0
            self.dialogue = self._dialogue(event.node, event.speaker, event.text, event.style, current=True)
            self.dialogue.page = min(page, self.dialogue.pages - 1)
            self.reveal = float(self.dialogue.chars()) if keep is not None else min(self.reveal, self.dialogue.chars())
        elif isinstance(event, ChoiceEvent):
            focus = self.choices.focus
            self._show(self.step, instant=True)
            self.choices.focus = focus
        self.completed_at = keep

    # --- saving -----------------------------------------------------------------------------------
    def save_to(self, slot: str, quiet: bool = False) -> bool:
        """Save the current line to a slot with a picture of this screen; False if nothing was saved."""
        if isinstance(self.step.event, EndEvent) and slot == "auto":
            return False  # an ended game keeps its chapter autosave instead
        reveal, completed, fade = self.reveal, self.completed_at, self.fade_from
        if self.dialogue is not None:  # the picture shows the whole line, in the scene it ends in
            self.reveal, self.completed_at, self.fade_from = float(self.dialogue.chars()), completed or 0.0, None
        try:
            picture = self.app.render(self)
        except Exception:  # noqa: BLE001 - a save never depends on its picture (the autosave after a drawing error)
            picture = None
        finally:
            self.reveal, self.completed_at, self.fade_from = reveal, completed, fade
        return self._write(slot, self.session.save_state(), self.current_line_text(), picture, quiet)

    def _write(self, slot: str, state: GameState, line: str, picture, quiet: bool) -> bool:
        catalog = self.app.catalog
        try:
            savegames.write(slot, self.session.story, state, line, picture)
        except (OSError, ValueError) as exc:
            self.app.notify(catalog.ui("Could not save: {reason}").format(reason=getattr(exc, "strerror", None) or exc), 4.0)
            return False
        if not quiet:
            self.app.audio.sound("save")
            self.app.notify(catalog.ui("Quick saved") if slot == "quick" else catalog.ui("Saved"))
        return True

    # --- input ------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event, action: str | None) -> None:
        t = event.type
        if self.hidden:
            if t in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP) or action is not None:
                self.hidden = False
                self.invalidate()
            return
        if t == pygame.MOUSEMOTION:
            if self.quick.event(event) | (bool(self.options) and self.choices.event(event)):
                self.invalidate()
            return
        if t == pygame.KEYUP and event.key in (pygame.K_LCTRL, pygame.K_RCTRL):
            self.skip_held = False
            self.invalidate()
            return
        if t == pygame.KEYDOWN and self._key(event):
            return
        if t == pygame.MOUSEWHEEL:
            if event.y > 0:
                self.rollback()
            elif event.y < 0:
                self.rollforward()
            return
        if t == pygame.MOUSEBUTTONUP:
            self._click(event)
            return
        if action is not None:
            self._action(action)

    def _key(self, event) -> bool:
        key = event.key
        if key in (pygame.K_LCTRL, pygame.K_RCTRL):
            self.skip_held = True
            self.invalidate()
        elif key == pygame.K_TAB:
            self.toggle_skip()
        elif key == pygame.K_a:
            self.toggle_auto()
        elif key == pygame.K_h:
            self.hidden = True
            self.invalidate()
        elif key == pygame.K_l:
            self.open_history()
        elif key == pygame.K_F5:
            self.save_to("quick")
        elif key == pygame.K_F9:
            self.quick_load()
        elif key == pygame.K_BACKSPACE:
            self.rollback()
        elif key in NUMBER_KEYS:
            self.pick_shown(NUMBER_KEYS[key])
        else:
            return False
        return True

    def _action(self, action: str) -> None:
        if self._voiced_action(action):
            return
        if action == inp.CONFIRM:
            if self.options:
                if self.card is not None:
                    self.proceed()
                elif self.choices.focused() is not None:
                    self.choices.action(action)
            else:
                self.proceed()
        elif action in (inp.UP, inp.DOWN, inp.LEFT, inp.RIGHT) and self.options and self.card is None:
            if self.choices.action({inp.LEFT: inp.UP, inp.RIGHT: inp.DOWN}.get(action, action)):
                self.invalidate()
        elif action in (inp.BACK, inp.MENU):
            self.open_pause()
        elif action in (inp.PAGE_UP, inp.PREV_TAB):
            self.rollback()
        elif action in (inp.PAGE_DOWN, inp.NEXT_TAB):
            self.rollforward()
        elif action == inp.ALT:
            self.open_history()
        elif action == inp.ALT2:
            self.toggle_auto()

    def _click(self, event) -> None:
        if event.button == 3:
            self.open_pause()
            return
        if event.button == 2:
            self.hidden = True
            self.invalidate()
            return
        if event.button != 1:
            return
        if self.quick.event(event):
            self.invalidate()
            return
        if self.options and self.card is None:
            if self.choices.event(event):
                self.invalidate()
            return
        self.proceed()

    # --- the quick menu and the other screens ----------------------------------------------------------
    def _build_quick(self) -> None:
        catalog = self.app.catalog
        items = [
            (catalog.ui("Back"), self.rollback),
            (catalog.ui("History"), self.open_history),
            (catalog.ui("Skip"), self.toggle_skip),
            (catalog.ui("Auto"), self.toggle_auto),
            (catalog.ui("Save"), lambda: self.open_saves("save")),
            (catalog.ui("Load"), lambda: self.open_saves("load")),
            (catalog.ui("Q.Save"), lambda: self.save_to("quick")),
            (catalog.ui("Q.Load"), self.quick_load),
            (catalog.ui("Settings"), self.open_settings),
        ]
        buttons, self._quick_font = playbar.quick_buttons(items)
        self.quick.set_buttons(buttons)

    def _build_choices(self) -> None:
        box_top = self.dialogue.box_rect().top if self.dialogue else T.HEIGHT - T.BOX_BOTTOM
        buttons, self._choice_layouts = choicelist.layout(self.options, self.app.settings.text_scale, self.choose, box_top)
        self.choices.set_buttons(buttons)

    def toggle_skip(self) -> None:
        self.skip = not self.skip
        if self.skip:
            self.auto = False
        self.invalidate()

    def toggle_auto(self) -> None:
        self.auto = not self.auto
        if self.auto:
            self.skip = False
        self.invalidate()

    def open_pause(self) -> None:
        from game.ui.screens.pause import PauseScreen

        self.skip = self.skip_held = False
        self.app.audio.sound("back")
        self.app.push(PauseScreen(self.app))

    def open_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        self.skip = self.skip_held = False
        self.app.push(HistoryScreen(self.app, self.session))

    def open_saves(self, mode: str) -> None:
        from game.ui.screens.saveload import SaveLoadScreen

        self.skip = self.skip_held = False
        self.app.push(SaveLoadScreen(self.app, mode))

    def open_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.skip = self.skip_held = False
        self.app.push(SettingsScreen(self.app))

    def quick_load(self) -> None:
        if savegames.read("quick") is None:
            self.app.notify(self.app.catalog.ui("There is no quick save yet."))
            return
        self.app.load_slot("quick")

    def enter(self) -> None:
        self.skip_held = False
        self.invalidate()
        if self._pending_card is not None:
            from game.ui.screens.endings import EndingCard

            ending, new = self._pending_card
            self._pending_card = None
            self.app.push(EndingCard(self.app, ending, new))

    # --- time -------------------------------------------------------------------------------------
    def update(self, now: float, dt: float) -> None:
        if self.fade_from is not None and now - self.fade_start >= CROSSFADE:
            self.fade_from = None
            self.invalidate()
        if self.card is not None:
            if self.skipping or now - self.card[2] >= self._card_length():
                self.card = None
                self.invalidate()
            return
        if self.typing:
            speed = self.app.settings.text_speed
            self.reveal += dt * (speed if speed != INSTANT else 10_000)
            if self.reveal >= self.dialogue.chars():
                self._complete()
            self.invalidate()
        if self.skipping:
            self._skip_step(now)
        elif self.auto and self.completed_at is not None and isinstance(self.step.event, LineEvent):
            if now >= self._auto_due():
                self.proceed()

    def _skip_step(self, now: float) -> None:
        event = self.step.event
        if not isinstance(event, LineEvent):
            self.skip = False
            self.invalidate()
            return
        if self.app.settings.skip_read_only and not self.step.was_read:
            if self.skip:
                self.skip = False
                self.app.notify(self.app.catalog.ui("Skipping stops at text you have not read."), 1.8)
            return
        if now - self.last_skip >= SKIP_STEP:
            self.last_skip = now
            self.fade_from = None
            if self.typing:
                self._complete()
            self.proceed()

    def _auto_due(self) -> float:
        chars = self.dialogue.chars() if self.dialogue else 0
        return (self.completed_at or 0.0) + self.app.settings.auto_delay + READ_TIME * chars

    def _card_length(self) -> float:
        return CARD_IN + CARD_HOLD + CARD_OUT if self.motion else CARD_HOLD

    def next_frame(self, now: float) -> float | None:
        times = []
        if self.hidden:
            return now + AMBIENT if self._ambient() else None
        if self.card is not None:
            start = self.card[2]
            if not self.motion:
                return start + CARD_HOLD
            t = now - start
            if t < CARD_IN or t > CARD_IN + CARD_HOLD:
                return now + FRAME
            return start + CARD_IN + CARD_HOLD
        if self.fade_from is not None or self.typing:
            return now + FRAME
        if self.completed_at is not None and self.motion and now - self.completed_at < CUE_FADE:
            times.append(now + FRAME)
        if self.skipping and isinstance(self.step.event, LineEvent):
            times.append(self.last_skip + SKIP_STEP)
        elif self.auto and self.completed_at is not None and isinstance(self.step.event, LineEvent):
            times.append(self._auto_due())
        if self._ambient():
            times.append(now + AMBIENT)
        return min(times) if times else None

    def _ambient(self) -> bool:
        return self.motion and (self.app.backdrop.animates(self.scene) or (self._presence_on() and not self.hidden))

    def _presence_on(self) -> bool:
        event = self.step.event
        return isinstance(event, LineEvent) and event.speaker == "samantha" and event.style != "letter" and self.card is None

    # --- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Everything but the typed text comes from a cached picture while nothing under it moves
        (ambient motion moves it AMBIENT times a second, not at every typewriter frame), so a
        typewriter frame is one blit plus the text. Ambient frames without typing (every one
        different) are drawn straight onto the frame. `changed` tells the window which part of
        `surface` can differ from the previous frame drawn on it (None: any of it)."""
        now = self.app.clock()
        self.changed = None
        if self.fade_from is None and self.card is None and (self.typing or not self._ambient()):
            key = self._base_key(now)
            if key != self._base_for:
                if self._base is None:
                    self._base = pygame.Surface(T.SIZE)
                self._draw_under_text(self._base, now)
                self._base_for = key
            elif self._shown == (id(surface), key) and self.dialogue is not None and not self.hidden:
                self.changed = self.dialogue.text_region()
            surface.blit(self._base, (0, 0))
            self._shown = (id(surface), key)
        else:
            self._draw_under_text(surface, now)
            self._shown = None
        if self.dialogue is not None and not self.hidden and self.card is None:
            cue = 0
            if self.completed_at is not None and not self.options and isinstance(self.step.event, LineEvent):
                cue = 255 if not self.motion else int(255 * min(1.0, (now - self.completed_at) / CUE_FADE))
            self.dialogue.draw_text(surface, self.reveal, cue)

    def _base_key(self, now: float) -> tuple:
        d = self.dialogue
        tick = int((now - self.t0) / AMBIENT) if self._ambient() else -1
        return (self.scene, d, d.page if d else 0, tuple(self.options), self.choices.focus, self.quick.focus,
                self.skipping, self.auto, self.hidden, self.motion, self.typing and self._presence_on(),
                id(self.app.catalog), tick)

    def _draw_under_text(self, surface: pygame.Surface, now: float) -> None:
        t = now - self.t0
        bg = self.app.backdrop.background(self.scene)
        if self.fade_from is not None:
            surface.blit(self.fade_from, (0, 0))
            bg.set_alpha(int(255 * min(1.0, (now - self.fade_start) / CROSSFADE)))
            surface.blit(bg, (0, 0))
            bg.set_alpha(None)
        else:
            surface.blit(bg, (0, 0))
        if self.motion:
            self.app.backdrop.draw_overlay(surface, self.scene, t)
        if self.hidden:
            return
        if self.card is not None:
            self._draw_card(surface, now)
            return
        if self._presence_on() and self.dialogue is not None:
            top = self.dialogue.box_rect().top if self.dialogue.style != "thought" else T.HEIGHT - 260
            if self.motion:
                self.app.backdrop.draw_presence(surface, (T.WIDTH // 2, top - 74), t, 1.0 if self.typing else 0.0)
            else:  # still: one unchanging pose
                self.app.backdrop.draw_presence(surface, (T.WIDTH // 2, top - 74), 0.0, 0.35)
        if self.options:  # a soft shade behind the choices; the question below stays clear
            W.tint(surface, (52, 18, 22), 70)
        if self.dialogue is not None:
            self.dialogue.draw_frame(surface)
        if self.options:
            choicelist.draw(surface, self.choices, self._choice_layouts)
        playbar.draw_quick(surface, self.quick, self._quick_font, {2: self.skipping, 3: self.auto})
        catalog = self.app.catalog
        playbar.draw_modes(surface, [w for w, on in ((catalog.ui("Skipping"), self.skipping), (catalog.ui("Auto"), self.auto)) if on])

    def _draw_card(self, surface: pygame.Surface, now: float) -> None:
        label, title, start = self.card
        t = now - start
        if not self.motion:
            alpha = 255
        elif t < CARD_IN:
            alpha = int(255 * t / CARD_IN)
        elif t > CARD_IN + CARD_HOLD:
            alpha = int(255 * max(0.0, 1 - (t - CARD_IN - CARD_HOLD) / CARD_OUT))
        else:
            alpha = 255
        layer = pygame.Surface(T.SIZE, pygame.SRCALPHA)
        band = W.vshade((T.WIDTH, 120), (52, 18, 22, 0), (52, 18, 22, 150))
        layer.blit(band, (0, T.HEIGHT // 2 - 120))
        layer.blit(pygame.transform.flip(band, False, True), (0, T.HEIGHT // 2))
        f_label = W.ui_font(T.UI_SMALL + 1)
        W.label(layer, label, f_label, T.PEACH, (T.WIDTH // 2, T.HEIGHT // 2 - 44), "center")
        f_title, title = one_line(title, T.DIALOGUE_FONT, 46, T.WIDTH - 2 * T.MARGIN - 80)
        W.label(layer, title, f_title, T.CREAM, (T.WIDTH // 2, T.HEIGHT // 2 + 14), "center")
        layer.set_alpha(alpha)
        surface.blit(layer, (0, 0))
