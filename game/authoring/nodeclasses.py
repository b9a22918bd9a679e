"""The pieces the fast explorer (game.authoring.symbolic) is built of: how a node's own
conditions and effects cut the states that reach it into classes it can tell apart, and
what a class's run through the runtime observed (Outcome, NodeClass)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from game.engine.model import Node, Story

if TYPE_CHECKING:
    from game.authoring.symbolic import SymbolicSearch


class ProbeMismatch(RuntimeError):
    """Probes of one class disagreed: the node reads a variable the analysis did not see."""


@dataclass
class Outcome:
    kind: str  # "goto", "end", "stuck", "error"
    option: int  # 1-based position in the shown options, 0 when no choice is involved
    target: str  # node (goto), ending id (end), node (stuck/error)
    fid: int  # registered map: arrival state -> resulting state
    detail: str = ""


@dataclass
class NodeClass:
    outcomes: list[Outcome]
    stop_fid: int | None  # map to the state at the choice point, when options were shown
    shown: set[str] = field(default_factory=set)
    offered: list[int] = field(default_factory=list)
    arm: int | None = None


def reads_writes(node: Node) -> tuple[set[str], set[str]]:
    reads: set[str] = set()
    writes: set[str] = set()
    for cond in node_conditions(node):
        reads |= cond.names
    for eff in node_effects(node):
        for a in eff.assignments:
            reads |= a.value.names
            writes.add(a.target)
    return reads, writes


def _steps(node: Node) -> list:
    """The lines a node can show: its own, then each choice's."""
    return list(node.lines) + [line for c in node.choices for line in c.lines]


def node_conditions(node: Node):
    conds = [x.cond for x in _steps(node)] + [c.cond for c in node.choices] + [arm.cond for arm in node.branch]
    return (cond for cond in conds if cond is not None)


def node_effects(node: Node):
    effects = [x.effects for x in _steps(node)] + [c.effects for c in node.choices]
    return (eff for eff in effects if eff is not None)


def canonical(classes) -> tuple[int, ...]:
    seen: dict = {}
    return tuple(seen.setdefault(c, len(seen)) for c in classes)


MAX_SIGNATURE = 4096  # combinations of the other variables a condition is tried on
MAX_DOMAIN = 256  # an int with a wider range is handled value by value, like one without a range
MAX_VARIABLES = 400  # the diagrams recurse once per variable


class LocalPartition:
    """Which values of each variable a node can tell apart: the classes it is run on.

    A backward pass over the node's steps: a condition separates the values of each variable
    it reads by its results over the other variables' values (the signature); an effect with
    a constant right-hand side maps the partition after it to the one before it. Variables
    written from other variables are kept exact. The probes check the result (ProbeMismatch).
    """

    def __init__(self, search: SymbolicSearch):
        self.s = search
        self.cache: dict[int, dict[int, tuple[int, ...]]] = {}

    def identity(self, i: int) -> tuple[int, ...]:
        return tuple(range(len(self.s.domains[i])))

    def meet(self, a: list, b: list) -> list:
        return [x if x == y else canonical(zip(x, y)) for x, y in zip(a, b)]

    def cond(self, p: list, cond) -> list:
        if cond is None:
            return p
        out = list(p)
        for i, cls in self._cond(cond).items():
            if out[i] != cls:
                out[i] = canonical(zip(out[i], cls))
        return out

    def _cond(self, cond) -> dict[int, tuple[int, ...]]:
        got = self.cache.get(id(cond))
        if got is not None:
            return got
        s = self.s
        names = sorted(cond.names)
        parts: dict[int, tuple[int, ...]] = {}
        for name in names:
            i = s.level_of[name]
            dom = s.domains[i]
            if dom is None:
                continue
            others = [n for n in names if n != name]
            doms = [s.domains[s.level_of[n]] for n in others]
            if any(d is None for d in doms) or product_size(doms) > MAX_SIGNATURE:
                parts[i] = self.identity(i)
                continue
            combos = list(product(*doms))
            sigs = []
            for v in dom:
                sig = []
                for combo in combos:
                    env = dict(zip(others, combo))
                    env[name] = v
                    sig.append(bool(cond.run(env)))
                sigs.append(tuple(sig))
            parts[i] = canonical(sigs)
        self.cache[id(cond)] = parts
        return parts

    def effects(self, p: list, effects) -> list:
        if effects is None:
            return p
        s = self.s
        out = list(p)
        for a in reversed(effects.assignments):
            i = s.level_of[a.target]
            dom = s.domains[i]
            if dom is None or a.target in s.exact:
                continue
            var = s.story.variables[a.target]
            c = a.value.run({})
            lo = dom[0]
            mapped = []
            for v in dom:
                w = var.clamp(v + c if a.op == "+=" else v - c if a.op == "-=" else c)
                mapped.append(out[i][int(w) - int(lo)])
            out[i] = canonical(mapped)
        return out

    def lines(self, p: list, lines) -> list:
        for line in reversed(lines):
            if line.effects is not None:
                q = self.effects(p, line.effects)
                if line.cond is not None:
                    q = self.cond(self.meet(q, p), line.cond)
                p = q
            elif line.cond is not None:
                p = self.cond(p, line.cond)
        return p

    def of(self, node: Node) -> list:
        s = self.s
        trivial = [(0,) * len(d) if d is not None else () for d in s.domains]
        p = list(trivial)
        for c in node.choices:
            q = self.effects(self.lines(list(trivial), c.lines), c.effects)
            p = self.cond(self.meet(p, q), c.cond)
        for arm in node.branch:
            p = self.cond(p, arm.cond)
        p = self.lines(p, node.lines)
        for i, name in enumerate(s.names):
            if name in s.exact and s.domains[i] is not None:
                p[i] = self.identity(i)
        return p


class Fixed(dict):
    """The map of a variable that is dead where a way leads: every value to one fixed value."""

    def __init__(self, value):
        super().__init__()
        self.value = value

    def __missing__(self, key):
        return self.value


def product_size(doms) -> int:
    n = 1
    for d in doms:
        n *= len(d)
    return n


def cross_variable(story: Story) -> set[str]:
    """Variables written from, or into, an expression that reads variables: kept exact."""
    out: set[str] = set()
    for node in story.nodes.values():
        for eff in node_effects(node):
            for a in eff.assignments:
                if a.value.names:
                    out.add(a.target)
                    out |= set(a.value.names)
    return out


@dataclass
class Plan:
    """How a node's arrival states are cut into classes and probed."""

    touched: tuple[int, ...]  # levels the node reads or writes
    cuts: tuple[int, ...]  # levels whose values fall in more than one class
    groups: dict[int, dict | None]  # level -> value -> class id (None: each value its own class)
    members: dict[int, list[list]]  # level -> class id -> the values in it (bounded levels)


