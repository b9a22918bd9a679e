"""The validated, immutable story that every part of the game reads.

Built only by the loader. Expressions are stored in their checked, callable form; every
piece carries the Loc it came from so tools can point writers at the exact line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from game.engine.diagnostics import Loc
from game.engine.expr import INT, Effects, Expr

STYLES = ("normal", "letter", "thought", "whisper")


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    color: str | None
    loc: Loc
    presence: bool = False  # the front ends show her presence (Samantha's light) while she speaks


@dataclass(frozen=True)
class Variable:
    name: str
    type: str  # "int" or "bool"
    start: int | bool
    min: int | None
    max: int | None
    loc: Loc
    hidden: bool = False  # made by the loader (visits, seen, once): never set by hand, never shown to players

    def clamp(self, value: int | bool) -> int | bool:
        if self.type == INT:
            if self.min is not None and value < self.min:
                return self.min
            if self.max is not None and value > self.max:
                return self.max
        return value


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    summary: str
    loc: Loc


@dataclass(frozen=True)
class Line:
    """One step of a node: a spoken line (speaker + text) or an effect (`set`).

    `key` is its identity inside the node (see game.engine.identity): its `id:` when written,
    else derived from speaker and text, so it survives edits to the other lines of the node.
    """

    key: str
    speaker: str | None
    text: str | None
    style: str
    note: str | None
    cond: Expr | None
    effects: Effects | None
    loc: Loc
    id: str | None = None  # the written `id:`, if any
    hidden: bool = False  # a step the loader added (the visit counter), not written by the author


@dataclass(frozen=True)
class Choice:
    """An option. `cond` and `effects` are as lowered: a `once` choice also tests and sets its hidden flag."""

    index: int
    text: str
    cond: Expr | None
    effects: Effects | None
    lines: tuple[Line, ...]
    goto: str | None
    loc: Loc
    goto_loc: Loc | None = None
    key: str = ""  # identity inside the node, like Line.key
    once: bool = False
    id: str | None = None


EXIT_KINDS = ("choice", "fallback", "branch", "next", "ending")


@dataclass(frozen=True)
class Exit:
    """One way out of a node: the single answer to "how is this node left" for every tool.

    kind: "choice" (an option, to its `goto` or the node's `next`), "fallback" (the node's
    `next` when no option is open), "branch" (an arm; first whose `cond` holds), "next",
    "ending" (target is the ending id). `possible` is False for a fallback that can never be
    taken because some option is always open. `index` is the choice's or arm's index.
    """

    kind: str
    source: str
    target: str
    cond: Expr | None
    loc: Loc
    costs_choice: bool
    index: int = -1
    possible: bool = True

    @property
    def to_node(self) -> bool:
        return self.kind != "ending"


@dataclass(frozen=True)
class BranchArm:
    cond: Expr | None
    goto: str
    loc: Loc


@dataclass(frozen=True)
class Node:
    id: str
    chapter: str
    scene: str | None
    music: str | None
    lines: tuple[Line, ...]
    choices: tuple[Choice, ...]
    next: str | None
    branch: tuple[BranchArm, ...]
    ending: str | None
    loc: Loc
    next_loc: Loc | None = None
    ending_loc: Loc | None = None
    scene_loc: Loc | None = None
    music_loc: Loc | None = None

    @cached_property
    def _exits(self) -> tuple[Exit, ...]:
        out: list[Exit] = []
        for c in self.choices:
            target, loc = (c.goto, c.goto_loc or c.loc) if c.goto else (self.next, self.next_loc or self.loc)
            if target:
                out.append(Exit("choice", self.id, target, c.cond, loc, True, c.index))
        if self.choices and self.next:
            possible = all(c.cond is not None for c in self.choices)
            out.append(Exit("fallback", self.id, self.next, None, self.next_loc or self.loc, False, -1, possible))
        out.extend(Exit("branch", self.id, arm.goto, arm.cond, arm.loc, False, i) for i, arm in enumerate(self.branch))
        if self.next and not self.choices:
            out.append(Exit("next", self.id, self.next, None, self.next_loc or self.loc, False))
        if self.ending:
            out.append(Exit("ending", self.id, self.ending, None, self.ending_loc or self.loc, False))
        return tuple(out)

    def exits(self) -> tuple[Exit, ...]:
        """Every way out of this node, in the order the runtime tries them (see Exit)."""
        return self._exits

    @cached_property
    def choice_exits(self) -> dict[int, Exit]:
        """The exit each option leads through, by choice index."""
        return {e.index: e for e in self._exits if e.kind == "choice"}

    def targets(self) -> list[tuple[str, Loc]]:
        """Every node this one can lead to, with where the link is written (each link once)."""
        return list(dict.fromkeys((e.target, e.loc) for e in self._exits if e.to_node))

    @cached_property
    def line_by_key(self) -> dict[str, Line]:
        """Every line and reply line of the node by identity."""
        return {line.key: line for line in (*self.lines, *(r for c in self.choices for r in c.lines))}

    @cached_property
    def choice_by_key(self) -> dict[str, Choice]:
        return {c.key: c for c in self.choices}


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    path: Path
    node_ids: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class Story:
    title: str
    start: str
    root: Path
    manifest: Path
    characters: Mapping[str, Character]
    variables: Mapping[str, Variable]
    endings: Mapping[str, Ending]
    chapters: tuple[Chapter, ...]
    nodes: Mapping[str, Node]
    start_loc: Loc | None = None
    fingerprint: str = ""
    _chapter_of: Mapping[str, Chapter] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in ("characters", "variables", "endings", "nodes"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "_chapter_of", MappingProxyType({n: c for c in self.chapters for n in c.node_ids}))

    def chapter_of(self, node_id: str) -> Chapter | None:
        return self._chapter_of.get(node_id)

    def initial_vars(self) -> dict[str, int | bool]:
        return {name: var.start for name, var in self.variables.items()}

    def var_types(self) -> dict[str, str]:
        return {name: var.type for name, var in self.variables.items()}
