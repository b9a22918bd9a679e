"""One playthrough as a front end sees it: the runtime, the rollback steps, read tracking.

Every step the player sees (a line, a set of options, the end) keeps the runtime snapshot
taken just before the `advance()` that produced it, so rolling back is `restore` + one
`advance`, and variables come back exactly. Rolled-back steps stay on a redo stack so the
player can roll forward again through the same choices, as in Ren'Py. No pygame here: the
window and the terminal player both play through a Session (see `game.controller.Game`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game import styles
from game.engine.model import Line, Story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StuckEvent
from game.engine.state import GameState, StateError
from game.exhaustive import assert_never
from game.migrate import fit_state, stamp

MAX_STEPS = 3000  # rollback depth; snapshots share their history, so this costs little

Shown = LineEvent | ChoiceEvent | EndEvent | StuckEvent


@dataclass
class Step:
    before: GameState  # the state just before the advance that showed `event`
    event: Shown
    was_read: bool = False  # the line had been read before (in any playthrough)
    chosen: int | None = None  # the option taken here, if the step is a choice


class Session:
    def __init__(self, story: Story, state: GameState | None = None, *,
                 was_read: Callable[[str], bool] = lambda uid: False,
                 mark_read: Callable[[str], object] = lambda uid: None,
                 on_enter: Callable[[EnterEvent, GameState], None] = lambda event, before: None,
                 on_choice: Callable[[ChoiceEvent, GameState], None] = lambda event, state: None,
                 on_chose: Callable[[str, str], None] = lambda node, option_key: None):
        self.story = story
        self.runtime = Runtime(story, state)
        self.steps: list[Step] = []
        self.redo: list[Step] = []
        self._was_read, self._mark_read, self._on_enter = was_read, mark_read, on_enter
        self._on_choice, self._on_chose = on_choice, on_chose  # the route record's (see Game)

    # --- moving on ---------------------------------------------------------------------
    def start(self) -> Step:
        return self._show_next()

    @property
    def current(self) -> Step:
        return self.steps[-1]

    def advance(self) -> Step:
        """Leave the current line for whatever comes next (a roll forward when there is one)."""
        if not isinstance(self.current.event, LineEvent):
            raise ValueError("only a line can be advanced past")
        return self._show_next_keeping_redo()

    def choose(self, index: int) -> Step:
        """Take an option (node-level index) at the current choice step."""
        cur = self.current
        if not isinstance(cur.event, ChoiceEvent):
            raise ValueError("there is no choice to make now")
        if cur.chosen != index:
            self.redo.clear()
        self.runtime.choose(index)
        self._on_chose(cur.event.node, next(o.key for o in cur.event.options if o.index == index))
        cur.chosen = index
        return self._show_next_keeping_redo()

    def _show_next_keeping_redo(self) -> Step:
        """Show what comes next; when it is what was rolled back over, keep rolling forward
        through it (with the choice made then), otherwise the old future is gone."""
        carried = self.redo.pop() if self.redo else None
        step = self._show_next()
        if carried is not None and _same(carried.event, step.event):
            step.chosen = carried.chosen
        else:
            self.redo.clear()
        return step

    # --- rollback ------------------------------------------------------------------------
    def can_rollback(self) -> bool:
        return len(self.steps) > 1

    def rollback(self) -> Step | None:
        """Step back to the previous line or choice, restoring its variables; None at the start."""
        if len(self.steps) < 2:
            return None
        self.redo.append(self.steps.pop())
        prev = self.steps[-1]
        try:
            self.runtime.restore(prev.before)
        except StateError:  # an older state the (reloaded) story no longer fits
            self.steps = [self.redo.pop()]
            self.redo.clear()
            return None
        prev.event = self.runtime.advance()  # the same line again (recorded in history anew)
        return prev

    def can_rollforward(self) -> bool:
        cur = self.current
        return bool(self.redo) and (not isinstance(cur.event, ChoiceEvent) or cur.chosen is not None)

    def rollforward(self) -> Step | None:
        if not self.can_rollforward():
            return None
        cur = self.current
        match cur.event:
            case ChoiceEvent():
                return self.choose(cur.chosen)  # type: ignore[arg-type]
            case LineEvent():
                return self.advance()
            case EndEvent() | StuckEvent():
                return None
            case _:
                assert_never(cur.event)

    # --- what the screens ask -------------------------------------------------------------
    def save_state(self) -> GameState:
        """The state a save keeps: loading it shows the current line again (found by its
        identity, so even in an edited story)."""
        return stamp(self.story, self.current.before, settle=True)

    def line_of(self, node: str, key: str) -> Line | None:
        return self.runtime.line_at(node, key)

    def previous_line(self) -> tuple[str, Line] | None:
        """The last line shown before the current step (what a choice answers)."""
        cell = self.runtime.state.history
        while cell is not None:
            entry = cell[0]
            if entry.kind == "line":
                line = self.runtime.line_at(entry.node, entry.key)
                if line is not None:
                    return entry.node, line
            elif entry.kind == "choice":
                return None
            cell = cell[1]
        return None

    def letter_run(self, limit: int = 40) -> list[tuple[str, Line]]:
        """The current line and the lines of a gathering style (a letter) by the same hand right
        before it, oldest first: what shares its page."""
        out: list[tuple[str, Line]] = []
        cell = self.runtime.state.history
        speaker = None
        while cell is not None and len(out) < limit:
            entry = cell[0]
            if entry.kind != "line":
                break
            line = self.runtime.line_at(entry.node, entry.key)
            if line is None or not styles.style(line.style).gathers or (speaker is not None and line.speaker != speaker):
                break
            speaker = line.speaker
            out.append((entry.node, line))
            cell = cell[1]
        out.reverse()
        return out

    # --- hot reload ----------------------------------------------------------------------
    def reload(self, story: Story) -> list[str]:
        """Play on in a new version of the story at the same node and variables; notes on what moved.

        Raises StateError when the state cannot be carried over (the caller keeps the old story).
        """
        fitted, notes = fit_state(self.current.before, story, self._chapter_id(self.current.before.node), old=self.story)
        runtime = Runtime(story, fitted)  # the same line found by its identity, however the node was edited
        self.story, self.runtime = story, runtime
        self.steps, self.redo = [], []
        self._show_next()
        return notes

    def _chapter_id(self, node: str) -> str:
        chapter = self.story.chapter_of(node)
        return chapter.id if chapter else ""

    # --- internals -------------------------------------------------------------------------
    def _show_next(self) -> Step:
        """Advance to the next thing a player sees; arrivals go to `on_enter` on the way.

        The runtime ends a run of arrivals that never shows anything (StoryRuntimeError).
        """
        rt = self.runtime
        while True:
            before = rt.snapshot()
            event = rt.advance()
            match event:
                case EnterEvent():
                    self._on_enter(event, before)
                    continue
                case LineEvent():
                    was_read = self._was_read(event.uid)
                    self._mark_read(event.uid)
                case ChoiceEvent():
                    was_read = False
                    self._on_choice(event, rt.snapshot())
                case EndEvent() | StuckEvent():
                    was_read = False
                case _:
                    assert_never(event)
            step = Step(before, event, was_read)
            self.steps.append(step)
            if len(self.steps) > MAX_STEPS:
                del self.steps[: len(self.steps) - MAX_STEPS]
            return step


def _same(a: Shown, b: Shown) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, LineEvent):
        return a.uid == b.uid  # type: ignore[union-attr]
    return a.node == b.node
