"""The validated, immutable story that every part of the game reads.

Built only by the loader. Expressions are stored in their checked, callable form; every
piece carries the Loc it came from so tools can point writers at the exact line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    """One step of a node: a spoken line (speaker + text) or an effect (`set`)."""

    key: str  # identity inside its node: "3" for lines[3], "c1.0" for choice 1's first reply
    speaker: str | None
    text: str | None
    style: str
    note: str | None
    cond: Expr | None
    effects: Effects | None
    loc: Loc


@dataclass(frozen=True)
class Choice:
    index: int
    text: str
    cond: Expr | None
    effects: Effects | None
    lines: tuple[Line, ...]
    goto: str | None
    loc: Loc
    goto_loc: Loc | None = None


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

    def targets(self) -> list[tuple[str, Loc]]:
        """Every node this one can lead to, with where the link is written."""
        out: list[tuple[str, Loc]] = []
        for c in self.choices:
            if c.goto:
                out.append((c.goto, c.goto_loc or c.loc))
        if self.next:  # also the fallback when no choice is available
            out.append((self.next, self.next_loc or self.loc))
        out.extend((arm.goto, arm.loc) for arm in self.branch)
        return out


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
