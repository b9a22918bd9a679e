"""Which variables can still matter at each node: the explorer's liveness analysis.

A variable is live at the arrival at a node when some way on from there can read it (a
condition, or the right-hand side of an effect whose own target is live) before an effect
`x = e` overwrites it. A dead variable cannot change anything a player sees, where the story
goes, which ending it reaches or whether it gets stuck, so two states that differ only in
dead variables have the same future: the explorer gives dead variables a fixed value at every
arrival and counts such states as one. That keeps its answers exact and its state space the
size of what the story can tell apart (a hub's once-only flags stop counting once it is left).

The analysis is a backward fixpoint over `Node.exits()` in the runtime's order of steps:
node lines, then an option's condition, its effects and reply lines, then the way on.
Writes to a dead variable are dead themselves (`x += 1` with x never read again keeps x dead).
"""

from __future__ import annotations

from game.engine.expr import Effects
from game.engine.model import Line, Node, Story


def _before_effects(live: set[str], effects: Effects | None) -> set[str]:
    if effects is None:
        return live
    live = set(live)
    for a in reversed(effects.assignments):
        if a.target not in live:
            continue  # nothing reads what it writes
        if a.op == "=":
            live.discard(a.target)
        live |= a.value.names
    return live


def _before_lines(live: set[str], lines: tuple[Line, ...]) -> set[str]:
    for line in reversed(lines):
        if line.effects is not None:
            done = _before_effects(live, line.effects)
            live = done | live if line.cond is not None else done  # a false `if` skips the effect
        if line.cond is not None:
            live = live | line.cond.names
    return live


def _arrival(node: Node, live_in: dict[str, set[str]]) -> set[str]:
    """What is live at the arrival at `node`, given what is live at the arrival at each target."""
    return _before_lines(_after_lines(node, live_in), node.lines)


def _after_lines(node: Node, live_in: dict[str, set[str]]) -> set[str]:
    """What is live once the node's lines have played (at its choice point, or its ending)."""
    out: set[str] = set()
    for way in node.exits():
        after = live_in.get(way.target, set()) if way.to_node else set()
        if way.kind == "choice":
            choice = node.choices[way.index]
            after = _before_effects(_before_lines(after, choice.lines), choice.effects)
        if way.cond is not None:
            after = after | way.cond.names
        out |= after
    for choice in node.choices:  # which options are open decides a soft-lock, with or without a target
        if choice.cond is not None:
            out |= choice.cond.names
    return out


def live_variables(story: Story) -> dict[str, frozenset[str]]:
    """Per node: the variables that can still be read after arriving there."""
    return _live_in(story)


def _live_in(story: Story) -> dict[str, frozenset[str]]:
    into: dict[str, set[str]] = {n: set() for n in story.nodes}
    for node in story.nodes.values():
        for target, _ in node.targets():
            if target in into:
                into[target].add(node.id)
    live_in: dict[str, set[str]] = {n: set() for n in story.nodes}
    todo = list(story.nodes)
    queued = set(todo)
    while todo:
        n = todo.pop()
        queued.discard(n)
        got = _arrival(story.nodes[n], live_in)
        if got != live_in[n]:
            live_in[n] = got
            for src in into[n]:
                if src not in queued:
                    queued.add(src)
                    todo.append(src)
    return {n: frozenset(v) for n, v in live_in.items()}


def dead_levels(story: Story, names: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Per node: the positions in `names` of the variables dead at its arrival."""
    live = live_variables(story)
    return {n: tuple(i for i, name in enumerate(names) if name not in live[n]) for n in story.nodes}


def reported_levels(story: Story, names: tuple[str, ...], liveness: bool) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """Per node: the positions of the variables whose values the report may show, at the arrival
    and once its lines have played (its choice point or ending). A dead variable's value is the
    fixed one the explorer gave it, not one a player can have, so it is left out; a live one
    holds what a player can really have (it was live all the way from where it was last set)."""
    every = frozenset(range(len(names)))
    if not liveness:
        return {n: every for n in story.nodes}, {n: every for n in story.nodes}
    live = _live_in(story)
    arrival = {n: frozenset(i for i, name in enumerate(names) if name in live[n]) for n in story.nodes}
    inside = {}
    for node in story.nodes.values():
        after = _after_lines(node, {n: set(v) for n, v in live.items()})
        inside[node.id] = frozenset(i for i, name in enumerate(names) if name in after)
    return arrival, inside
