"""The runtime: plays a Story step by step and hands out events; front ends only react.

A small facade in the spirit of Yarn Spinner's Dialogue: `advance()` returns the next
event, `choose()` takes an option, `snapshot()`/`restore()` give plain-data states for
rollback, saves and the explorer. Events carry each line's identity (node, key) and its
source text; which language the player reads is the catalog's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.model import Choice, Exit, Line, Node, Story
from game.engine.state import GameState, HistoryEntry, StateError

MAX_SILENT_STEPS = 10_000  # arrivals in a row without a line, option or ending


class StoryRuntimeError(RuntimeError):
    """The story went somewhere it cannot continue from (e.g. loops forever without text)."""


@dataclass(frozen=True)
class EnterEvent:
    """The player arrives at a node: front ends change scene and music, autosave at chapters."""

    node: str
    chapter: str
    scene: str | None
    music: str | None
    new_chapter: bool
    via: Exit | None = field(default=None, compare=False)  # the way out of the previous node that led here (None: a start or a resume)


@dataclass(frozen=True)
class LineEvent:
    node: str
    key: str
    speaker: str
    text: str
    style: str
    note: str | None

    @property
    def uid(self) -> str:
        """Stable identity across sessions, used for read-line tracking."""
        return f"{self.node}:{self.key}"


@dataclass(frozen=True)
class Option:
    index: int  # the choice's index in its node, not its place in the shown list
    text: str
    key: str = ""  # the choice's identity in its node (game.engine.identity)


@dataclass(frozen=True)
class ChoiceEvent:
    node: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class EndEvent:
    node: str
    ending: str


@dataclass(frozen=True)
class StuckEvent:
    """No option can be taken and nothing else leads on: a soft-lock in the story."""

    node: str


Event = EnterEvent | LineEvent | ChoiceEvent | EndEvent | StuckEvent


class Runtime:
    def __init__(self, story: Story, state: GameState | None = None):
        self.story = story
        self.state = GameState(story.start, story.initial_vars())
        self._silent = 0  # arrivals in a row with nothing shown; see _goto
        if state is not None:
            self.restore(state)

    # --- the facade -----------------------------------------------------------
    def advance(self) -> Event:
        """Play on until something a player sees: an arrival, a line, options, or the end."""
        st = self.state
        if not st.entered:
            return self._arrive(None)
        if st.ended is not None:
            return EndEvent(st.node, st.ended)
        node = self.story.nodes[st.node]
        steps = self._settle()
        if st.pos < len(steps):
            line = steps[st.pos]
            st.pos += 1
            st.record(HistoryEntry("line", node.id, line.key))
            self._silent = 0
            return LineEvent(node.id, line.key, line.speaker, line.text, line.style, line.note)
        if st.choice is not None:
            return self._goto(node.choice_exits[st.choice], node)
        if node.choices:
            options = self.options()
            if options:
                self._silent = 0
                return ChoiceEvent(node.id, options)
        for way in node.exits():  # no option is open (or there are none): the first other way whose condition holds
            if way.kind == "choice" or (way.cond is not None and not way.cond(st.vars)):
                continue
            if way.kind == "ending":
                st.ended = way.target
                return EndEvent(node.id, way.target)
            return self._goto(way, node)
        return StuckEvent(node.id)

    def _settle(self):
        """Play the steps the player does not see (skipped lines, effects) up to the next line
        to show; the steps the position counts in. A state settled here shows that line next."""
        st = self.state
        node = self.story.nodes[st.node]
        steps = node.lines if st.choice is None else node.choices[st.choice].lines
        while st.pos < len(steps):
            line = steps[st.pos]
            if line.cond is not None and not line.cond(st.vars):
                st.pos += 1
            elif line.effects is not None:
                line.effects.apply(st.vars, self._clamp)
                st.pos += 1
            else:
                break
        return steps

    def settled(self) -> GameState:
        """The current moment as a state positioned at the line it shows next (what saves keep:
        that line's identity is where a resumed game, even in an edited story, goes on)."""
        keep = self.state
        self.state = keep.copy()
        try:
            if self.state.entered and self.state.ended is None:
                self._settle()
            return self.state
        finally:
            self.state = keep

    def options(self) -> tuple[Option, ...]:
        """The options open right now (empty unless the node is waiting for a choice)."""
        st = self.state
        node = self.story.nodes[st.node]
        if st.choice is not None or st.ended is not None or st.pos < len(node.lines):
            return ()
        return tuple(Option(c.index, c.text, c.key) for c in node.choices if c.cond is None or c.cond(st.vars))

    def choose(self, index: int) -> None:
        """Take the option with this node-level index; it must be one that is open now."""
        if index not in {o.index for o in self.options()}:
            raise ValueError(f"option {index} is not open at node '{self.state.node}'")
        st = self.state
        choice: Choice = self.story.nodes[st.node].choices[index]
        if choice.effects is not None:
            choice.effects.apply(st.vars, self._clamp)
        st.record(HistoryEntry("choice", st.node, choice.key))
        st.choice = index
        st.pos = 0

    def snapshot(self) -> GameState:
        return self.state.copy()

    def restore(self, state: GameState) -> None:
        """Continue from a state; StateError if it does not fit this story."""
        node = self.story.nodes.get(state.node)
        if node is None:
            raise StateError(f"node '{state.node}' is not in this story")
        state = state.copy()
        if state.choice is not None:
            if state.choice >= len(node.choices):
                raise StateError(f"node '{state.node}' has no option {state.choice}")
            steps = node.choices[state.choice].lines
        else:
            steps = node.lines
        if state.pos > len(steps):
            raise StateError(f"node '{state.node}' has no step {state.pos}")
        if state.ended is not None and state.ended not in self.story.endings:
            raise StateError(f"ending '{state.ended}' is not in this story")
        for name, var in self.story.variables.items():
            value = state.vars.get(name)
            if value is None or (var.type == "bool") != isinstance(value, bool):
                raise StateError(f"variable '{name}' is missing or has the wrong type")
            # Decision (the format leaves it open): a value outside the range (a save from before the
            # range was narrowed) is clamped like after any effect rather than refused.
            state.vars[name] = var.clamp(value)
        unknown = set(state.vars) - set(self.story.variables)
        if unknown:
            raise StateError(f"variables {', '.join(sorted(unknown))} are not in this story")
        self.state = state
        self._silent = 0

    # --- helpers --------------------------------------------------------------
    def line_at(self, node_id: str, key: str) -> Line | None:
        """The line (or choice reply line) with this identity, for history and catalogs."""
        node = self.story.nodes.get(node_id)
        return None if node is None else node.line_by_key.get(key)

    def choice_at(self, node_id: str, key: str) -> Choice | None:
        """The choice with this identity (history's "choice" entries)."""
        node = self.story.nodes.get(node_id)
        return None if node is None else node.choice_by_key.get(key)

    def _clamp(self, name: str, value: int | bool) -> int | bool:
        return self.story.variables[name].clamp(value)

    def _goto(self, way: Exit, came_from: Node) -> EnterEvent:
        # Decision (the format leaves it open): nodes that lead to each other without ever showing a
        # line, an option or an ending would make a front end spin forever; that is an error.
        self._silent += 1
        if self._silent > MAX_SILENT_STEPS:
            raise StoryRuntimeError(f"the story runs in circles without showing anything near node '{way.target}'")
        st = self.state
        st.node, st.pos, st.choice = way.target, 0, None
        return self._arrive(came_from, way)

    def _arrive(self, came_from: Node | None, via: Exit | None = None) -> EnterEvent:
        st = self.state
        st.entered = True
        node = self.story.nodes[st.node]
        if node.scene is not None:
            st.scene = node.scene
        if node.music is not None:
            st.music = None if node.music == "none" else node.music
        new_chapter = came_from is None or came_from.chapter != node.chapter
        return EnterEvent(node.id, node.chapter, st.scene, st.music, new_chapter, via)
