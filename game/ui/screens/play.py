"""The story being played: the scene, the line in its style, choices, and moving on.

The screen plays through the game controller's session (runtime + rollback steps) and moves
it only through its calls: advance, choose, rollback, roll forward. Everything shown is
derived from the current step and the runtime's state, so a load, a rollback or a hot
reload lands on exactly the same picture as playing there did. Input is read in
`play_input`, the picture drawn by `playview`, skip/auto/card timing kept by `pacing`.
"""

from __future__ import annotations

import pygame

from game import styles
from game.controller import SaveError, SaveNote, Step
from game.engine.model import Chapter
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, StuckEvent
from game.engine.state import GameState
from game.exhaustive import assert_never
from game.settings import INSTANT
from game.ui import choicelist, play_input
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.dialogue import Dialogue
from game.ui.pacing import FRAME, Pacing
from game.ui.playview import AMBIENT, CROSSFADE, CUE_FADE, PlayView
from game.ui.screens.base import Screen
from game.ui.voicing import menu_focus, sentences


class PlayScreen(Screen):
    def __init__(self, app, state: GameState | None = None):
        super().__init__(app)
        self.t0 = app.clock()
        self.scene: str | None = state.scene if state is not None else None
        self.fade_from: pygame.Surface | None = None
        self.fade_start = 0.0
        self.pacing = Pacing(app.clock)
        self.hidden = False
        self.dialogue: Dialogue | None = None
        self.reveal = 0.0
        self.completed_at: float | None = None
        self.options: list[tuple[int, str]] = []
        self._choice_layouts: list = []
        self._pending_card: tuple[str, bool] | None = None
        self.view = PlayView(self)
        self.choices = W.Menu([], sound=app.audio.sound)
        self.quick = W.Menu([], vertical=False, sound=lambda name: None)
        play_input.build_quick(self)
        self.session = self.game.play(state, on_chapter=self._chapter_began, report=self._save_failed)
        self._show(self.session.start())

    # --- what is shown ---------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.session.current

    @property
    def motion(self) -> bool:
        return not self.app.settings.reduced_motion

    @property
    def skip(self) -> bool:
        return self.pacing.skip

    @property
    def auto(self) -> bool:
        return self.pacing.auto

    @property
    def skipping(self) -> bool:
        return self.pacing.skipping

    @property
    def typing(self) -> bool:
        return self.dialogue is not None and self.completed_at is None

    def _chapter_began(self, event: EnterEvent, chapter: Chapter | None) -> SaveNote:
        """The chapter card; the chapter-start autosave shows its title over the new scene."""
        story, catalog = self.session.story, self.app.catalog
        title = catalog.chapter_title(chapter) if chapter is not None else ""
        if chapter is not None:
            number = story.chapters.index(chapter) + 1
            self.pacing.show_card(catalog.ui("Chapter {number}").format(number=number), title)
        return SaveNote(title, self.app.backdrop.background(event.scene).copy())

    def _show(self, step: Step, instant: bool = False) -> None:
        state = self.session.runtime.state
        self._set_scene(state.scene, instant)
        self.app.audio.play_music(state.music)
        event = step.event
        self.options, self.completed_at = [], None
        self.choices.set_buttons([])
        self.choices.focus = None
        match event:
            case LineEvent():
                self.dialogue = self._dialogue(event.node, event.speaker, event.text, event.style, current=True)
                self.reveal = 0.0
                if instant or self.skipping or self.app.settings.text_speed == INSTANT:
                    self._complete()
            case ChoiceEvent():
                self.pacing.skip = False
                before = self.session.previous_line()
                self.dialogue = None
                if before is not None and styles.style(before[1].style).answers_choice:
                    node, line = before
                    self.dialogue = self._dialogue(node, line.speaker, line.text, line.style, current=False)
                    self._complete()
                self.options = [(o.index, self.app.catalog.option(event.node, o)) for o in event.options]
                self._build_choices()
            case EndEvent():
                self.pacing.stop()
                self.dialogue = None
                new = self.game.reach_ending(event.ending)
                if self in self.app.screens:
                    from game.ui.screens.endings import EndingCard

                    self.app.push(EndingCard(self.app, event.ending, new))
                else:  # still being built (a save at the very end): show the card once on the stack
                    self._pending_card = (event.ending, new)
            case StuckEvent():
                self.pacing.skip = False
                self.dialogue = Dialogue(self.app.catalog.ui("The story cannot go on from here (no choice is open)."),
                                         scale=self.app.settings.text_scale)
                self._complete()
            case _:
                assert_never(event)
        self.invalidate()

    def _dialogue(self, node: str, speaker: str | None, source: str | None, style: str, current: bool) -> Dialogue:
        catalog, story = self.app.catalog, self.session.story
        text = catalog.text(node, source or "")
        character = story.characters.get(speaker or "")
        name = catalog.character_name(character) if character is not None else ""
        color = T.speaker_color(character)
        previous: tuple[str, ...] = ()
        if styles.style(style).gathers and current:
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

    def current_line_text(self) -> str:
        """The line as the player reads it (`Name: text`), for save slots."""
        event = self.step.event
        if isinstance(event, LineEvent):
            d = self._dialogue(event.node, event.speaker, event.text, event.style, current=False)
            return f"{d.name}: {d.text}" if d.name else d.text
        if isinstance(event, ChoiceEvent) and self.options:
            return " / ".join(text for _, text in self.options)
        return ""

    def presence_on(self) -> bool:
        """Her presence shows while a character with `presence: true` speaks (not in a letter)."""
        event = self.step.event
        if not isinstance(event, LineEvent) or self.pacing.card is not None:
            return False
        character = self.session.story.characters.get(event.speaker or "")
        return character is not None and character.presence and styles.style(event.style).presence

    def spoken(self) -> tuple[str, str]:
        """Self-voicing: the chapter card, or the line with its speaker, or the options; the focused control."""
        catalog, card = self.app.catalog, self.pacing.card
        if card is not None:
            return sentences(card.label, card.title), ""
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

    # --- moving on -------------------------------------------------------------------------------
    def proceed(self) -> None:
        """Click / Space / Enter / A: finish the card or the line, then the next page or line."""
        if self.pacing.card is not None:
            self.pacing.card = None
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
        if not self.options or not 1 <= n <= len(self.options) or self.pacing.card is not None:
            return False
        self.choose(self.options[n - 1][0])
        return True

    def rollback(self) -> None:
        step = self.session.rollback()
        if step is None:
            self.app.notify(self.app.catalog.ui("This is as far back as it goes."), 1.6)
            return
        self.pacing.skip = self.pacing.auto = False
        self.pacing.card = None
        self.app.audio.sound("page")
        self._show(step, instant=True)

    def rollforward(self) -> None:
        if not self.session.can_rollforward():
            return
        self.pacing.card = None
        step = self.session.rollforward()
        if step is not None:
            self._show(step, instant=True)

    def toggle_skip(self) -> None:
        self.pacing.toggle_skip()
        self.invalidate()

    def toggle_auto(self) -> None:
        self.pacing.toggle_auto()
        self.invalidate()

    def reload(self, story) -> list[str]:
        notes = self.game.reload(story)
        self._show(self.session.current, instant=True)
        return notes

    def relayout(self) -> None:
        play_input.build_quick(self)
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

    def _build_choices(self) -> None:
        box_top = self.dialogue.box_rect().top if self.dialogue else T.HEIGHT - T.BOX_BOTTOM
        buttons, self._choice_layouts = choicelist.layout(self.options, self.app.settings.text_scale, self.choose, box_top)
        self.choices.set_buttons(buttons)

    # --- saving -----------------------------------------------------------------------------------
    def save_note(self) -> SaveNote:
        """The current line and a picture of this screen showing it whole, in the scene it ends in."""
        reveal, completed, fade = self.reveal, self.completed_at, self.fade_from
        if self.dialogue is not None:
            self.reveal, self.completed_at, self.fade_from = float(self.dialogue.chars()), completed or 0.0, None
        try:
            picture = self.app.render(self)
        except Exception:  # noqa: BLE001 - a save never depends on its picture (the autosave after a drawing error)
            picture = None
        finally:
            self.reveal, self.completed_at, self.fade_from = reveal, completed, fade
        return SaveNote(self.current_line_text(), picture)

    def save_to(self, slot: str) -> bool:
        """Save the current line to a slot, saying so; False (and why) if nothing was saved."""
        catalog = self.app.catalog
        try:
            self.game.save(slot, self.save_note())
        except SaveError as exc:
            self._save_failed(exc.reason)  # a Notice when storage said why: shown in the player's language
            return False
        self.app.audio.sound("save")
        self.app.notify(catalog.ui("Quick saved") if slot == "quick" else catalog.ui("Saved"))
        return True

    def autosave(self) -> bool:
        """The autosave on leaving (see the controller's policy); quiet unless it fails."""
        return self.game.autosave(self.save_note)

    def _save_failed(self, reason: str) -> None:
        self.app.notify(self.app.catalog.ui("Could not save: {reason}").format(reason=reason), 4.0)

    def quick_load(self) -> None:
        if self.game.slot("quick") is None:
            self.app.notify(self.app.catalog.ui("There is no quick save yet."))
            return
        self.app.load_slot("quick")

    # --- input ------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event, action: str | None) -> None:
        play_input.handle(self, event, action)

    def enter(self) -> None:
        self.pacing.held = False
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
        if self.pacing.card is not None:
            if self.pacing.card_over(now, self.motion):
                self.pacing.card = None
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
        if not isinstance(self.step.event, LineEvent):
            self.pacing.skip = False
            self.invalidate()
            return
        if self.app.settings.skip_read_only and not self.step.was_read:
            if self.pacing.skip:
                self.pacing.skip = False
                self.app.notify(self.app.catalog.ui("Skipping stops at text you have not read."), 1.8)
            return
        if self.pacing.skip_due(now):
            self.fade_from = None
            if self.typing:
                self._complete()
            self.proceed()

    def _auto_due(self) -> float:
        chars = self.dialogue.chars() if self.dialogue else 0
        return self.pacing.auto_due(self.completed_at or 0.0, chars, self.app.settings.auto_delay)

    def next_frame(self, now: float) -> float | None:
        if self.hidden:
            return now + AMBIENT if self.view.ambient() else None
        if self.pacing.card is not None:
            return self.pacing.card_next_frame(now, self.motion)
        if self.fade_from is not None or self.typing:
            return now + FRAME
        times = []
        if self.completed_at is not None and self.motion and now - self.completed_at < CUE_FADE:
            times.append(now + FRAME)
        if self.skipping and isinstance(self.step.event, LineEvent):
            times.append(self.pacing.next_skip())
        elif self.auto and self.completed_at is not None and isinstance(self.step.event, LineEvent):
            times.append(self._auto_due())
        if self.view.ambient():
            times.append(now + AMBIENT)
        return min(times) if times else None

    # --- drawing -----------------------------------------------------------------------------------
    @property
    def changed(self) -> pygame.Rect | None:
        """What the last draw changed (None: any of it); the window presents only that."""
        return self.view.changed

    def draw(self, surface: pygame.Surface) -> None:
        self.view.draw(surface)
