"""`her explore`: every reachable game state, played through the real runtime, and what it proves.

For every declared ending: reachable or not, and a shortest walkthrough (fewest choices) in
the terminal player's `--choices` form (1-based positions in the options shown at each choice
point). Nodes, options, branch arms and conditional lines that no playthrough ever reaches.
Soft-locks: a state where no option is open and nothing leads on (the runtime's StuckEvent),
a StoryRuntimeError, and loops the story can never leave for an ending (states that can reach
neither an ending nor a stuck state: every continuation goes round forever). The values each
variable takes, and how many distinct states there are.

Two engines drive the same runtime (`game.engine.Runtime`: restore, advance, choose):
- `symbolic` (default, `game.authoring.symbolic`): runs the runtime once per node and class
  of states and carries sets of states as decision diagrams; the shipped story's millions of
  states take about a second.
- `states` (`game.authoring.statesearch`): one state at a time, memoised on GameState.key();
  the plain reference the tests hold the fast engine to.
Both answer the same questions with the same numbers (states are counted at node arrivals).
Both count states up to liveness (`game.authoring.liveness`): variables that nothing on any
way on can read are given a fixed value at each arrival, which changes no ending, walkthrough
length, soft-lock or dead part; `liveness=False` (`--literal`) counts the literal states.
A search that passes `max_states` stops and says its result is incomplete.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from game.authoring.explorefindings import coverage, regions, why_unreached
from game.authoring.explorereport import format_text, playtests_yaml
from game.authoring.liveness import reported_levels
from game.authoring.randomplayers import format_random, random_players
from game.engine.diagnostics import Diagnostic, Loc, error
from game.engine.model import Story
from game.engine.state import GameState

# The report's texts and the random players live in their own modules; these names stay here too.
__all__ = ["DEFAULT_MAX_STATES", "Exploration", "explore", "format_random", "format_text", "playtests_yaml", "random_players"]

# The fast engine counts states without visiting them one by one, so its bound can be large.
DEFAULT_MAX_STATES = {"symbolic": 1_000_000_000, "states": 200_000}
METHODS = ("symbolic", "states")


@dataclass
class EndingReport:
    id: str
    reachable: bool
    choices: list[int] = field(default_factory=list)  # a shortest walkthrough: 1-based shown positions
    nodes: list[str] = field(default_factory=list)  # the nodes that walkthrough arrives at, in order
    states: int = 0  # distinct states at this ending (combinations of variables)
    vars: dict[str, list] = field(default_factory=dict)  # the values each variable has at this ending
    blocked: list[Diagnostic] = field(default_factory=list)  # why it is never reached, if it is not

    @property
    def walkthrough(self) -> str:
        return ",".join(map(str, self.choices))


@dataclass
class SoftLock:
    kind: str  # "stuck": no option open, nothing leads on; "loop": never leaves for an ending; "error"
    nodes: list[str]  # the nodes involved, in story order
    states: int  # how many distinct (arrival) states are caught
    choices: list[int]  # a shortest walkthrough into it
    vars: dict[str, int | bool]  # the variables in that state
    no_return: int | None  # after how many of those choices no ending can be reached any more
    loc: Loc
    message: str

    @property
    def walkthrough(self) -> str:
        return ",".join(map(str, self.choices))


class EndingFacts(NamedTuple):
    """An ending an engine reached: a shortest walkthrough, the nodes on it, how many states end there, the values."""

    choices: list[int]
    nodes: list[str]
    states: int
    values: list[list]  # per variable, sorted


class LockFacts(NamedTuple):
    """A soft-lock an engine found (see SoftLock, which the report makes of it)."""

    kind: str
    nodes: list[str]
    states: int
    choices: list[int]
    values: tuple  # the variables in the first state caught, in declaration order
    no_return: int | None
    detail: str


@dataclass
class Facts:
    """What an engine found, in the form the report is built from."""

    complete: bool
    states: int
    choice_states: int
    entered: set[str]
    offered: set[tuple[str, int]]
    shown: set[tuple[str, str]]
    arms: set[tuple[str, int]]
    endings: dict[str, EndingFacts]
    locks: list[LockFacts]
    doomed: int
    values: list[list]  # per variable, sorted
    node_values: Callable[[str], list[set] | None]  # per node: the values of each variable there
    start: GameState


@dataclass
class Exploration:
    story: Story
    method: str
    complete: bool
    states: int  # distinct states at node arrivals (node and variables)
    choice_states: int  # distinct states at choice points
    seconds: float
    max_states: int
    nodes_reached: set[str]
    endings: dict[str, EndingReport]
    soft_locks: list[SoftLock]
    doomed_states: int  # arrival states from which no ending can be reached any more
    variables: dict[str, dict]
    findings: list[Diagnostic]  # never-reached nodes, options, branch arms, lines (warnings)
    start: GameState
    options_offered: set[tuple[str, int]] = field(default_factory=set)  # (node, choice index) ever available
    arms_taken: set[tuple[str, int]] = field(default_factory=set)  # (node, branch arm index) ever taken

    @property
    def unreachable_endings(self) -> list[str]:
        return [e.id for e in self.endings.values() if not e.reachable]

    @property
    def exit_code(self) -> int:
        """0 all good; 1 an ending unreachable or a soft-lock; 2 stopped at the bound, nothing proven wrong."""
        if self.soft_locks or (self.complete and self.unreachable_endings):
            return 1
        return 0 if self.complete else 2

    def diagnostics(self) -> list[Diagnostic]:
        """Errors (each unreachable ending followed by its notes, then soft-locks), then warnings in file order."""
        out: list[Diagnostic] = []
        if self.complete:
            for rep in self.endings.values():
                if not rep.reachable:
                    ending = self.story.endings[rep.id]
                    out.append(error(ending.loc, f"ending '{rep.id}' can never be reached", "unreachable-ending"))
                    out.extend(rep.blocked)
        out.extend(error(lock.loc, lock.message, "soft-lock") for lock in self.soft_locks)
        if self.complete:
            explained = {d.loc for d in out}
            out.extend(sorted((d for d in self.findings if d.loc not in explained),
                              key=lambda d: (d.loc.path, d.loc.line, d.loc.col)))
        return out

    def to_json(self) -> dict:
        def where(loc: Loc) -> dict:
            try:
                path = os.path.relpath(loc.path)
            except ValueError:  # pragma: no cover - another drive on Windows
                path = loc.path
            return {"path": path, "line": loc.line, "col": loc.col}

        return {
            "story": self.story.title,
            "method": self.method,
            "complete": self.complete,
            "max_states": self.max_states,
            "states": self.states,
            "choice_states": self.choice_states,
            "doomed_states": self.doomed_states,
            "seconds": round(self.seconds, 4),
            "start": {"node": self.start.node, "vars": dict(self.start.vars)},
            "nodes": {"total": len(self.story.nodes), "reached": len(self.nodes_reached)},
            "endings": {
                e.id: {
                    "reachable": e.reachable,
                    "choices": e.choices if e.reachable else None,
                    "walkthrough": e.walkthrough if e.reachable else None,
                    "nodes": e.nodes,
                    "states": e.states,
                    "vars": e.vars,
                }
                for e in self.endings.values()
            },
            "soft_locks": [
                {
                    "kind": s.kind, "nodes": s.nodes, "states": s.states, "choices": s.choices,
                    "walkthrough": s.walkthrough, "no_return": s.no_return, "vars": s.vars, "message": s.message,
                    **where(s.loc),
                }
                for s in self.soft_locks
            ],
            "variables": self.variables,
            "findings": [
                {"severity": d.severity, "code": d.code, "message": d.message, "text": d.format(), **where(d.loc)}
                for d in self.diagnostics()
            ],
            "exit": self.exit_code,
        }


# --- running an engine ------------------------------------------------------------------------
def choose_method(story: Story) -> str:
    """The fast engine needs every variable to have a finite set of values: true/false, or an int
    with both `min` and `max`. Otherwise (a counter without a range) the plain engine is used."""
    from game.authoring.nodeclasses import MAX_VARIABLES

    finite = all(v.type == "bool" or (v.min is not None and v.max is not None) for v in story.variables.values())
    return "symbolic" if finite and len(story.variables) <= MAX_VARIABLES else "states"


def explore(story: Story, start: GameState | None = None, max_states: int | None = None,
            method: str = "auto", liveness: bool = True) -> Exploration:
    """Explore every state reachable from the start (or from `start`) and report.

    `max_states` bounds the distinct states (node arrivals) before the search stops with an
    incomplete result; by default DEFAULT_MAX_STATES[method].
    """
    if method == "auto":
        method = choose_method(story)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    bound = DEFAULT_MAX_STATES[method] if max_states is None else max_states
    t0 = time.perf_counter()
    if method == "symbolic":
        from game.authoring.nodeclasses import ProbeMismatch

        try:
            facts = _facts_symbolic(story, start, bound, liveness)
        except ProbeMismatch:  # pragma: no cover - a safety net: the plain engine needs no analysis
            method, bound = "states", DEFAULT_MAX_STATES["states"] if max_states is None else max_states
            facts = _facts_states(story, start, bound, liveness)
    else:
        facts = _facts_states(story, start, bound, liveness)
    seconds = time.perf_counter() - t0
    return _report(story, facts, method, seconds, bound)


def _facts_states(story: Story, start: GameState | None, max_states: int, liveness: bool) -> Facts:
    from game.authoring.statesearch import StateSearch

    s = StateSearch(story, start, max_states, liveness)
    s.run()
    names = s.names
    arrival, inside = reported_levels(story, names, liveness)
    endings: dict[str, EndingFacts] = {}
    for eid in story.endings:
        vids = [v for v, out in s.outcome.items() if out.kind == "end" and out.target == eid]
        if vids:
            best = min(vids, key=lambda v: (s.dist[v], v))
            choices, nodes, _ = s.path(best)
            values = _masked([s.keys[v] for v in vids], len(names), arrival, inside)
            endings[eid] = EndingFacts(choices, nodes, len({s.keys[v].values for v in vids}), values)
    arrivals = [v for v, k in enumerate(s.keys) if s.is_arrival(k)]
    locks = []
    doomed = 0
    terminal = [v for v, out in s.outcome.items() if out.kind in ("stuck", "error")]
    good = s.can_reach([v for v, out in s.outcome.items() if out.kind == "end"]) if s.complete else None

    def lock(kind: str, nodes: list[str], vids: list[int], detail: str) -> LockFacts:
        first = min(vids, key=lambda v: (s.dist[v], v))
        choices, _, chain = s.path(first)
        no_return = None
        if good is not None:
            no_return = next((s.dist[v] for v in chain if not good[v]), None)
        return LockFacts(kind, nodes, len(vids), choices, s.keys[first].values, no_return, detail)

    groups: dict[tuple, list[int]] = {}
    for v in terminal:
        out = s.outcome[v]
        groups.setdefault(tuple(out), []).append(v)
    for (kind, node, detail), vids in sorted(groups.items()):
        locks.append(lock(kind, [node], vids, detail))
    if good is not None:
        stuckish = s.can_reach(terminal)
        trap = [v for v in arrivals if not good[v] and not stuckish[v]]
        doomed = sum(1 for v in arrivals if not good[v])
        by_node: dict[str, list[int]] = {}
        for v in trap:
            by_node.setdefault(s.keys[v].node, []).append(v)
        for region in regions(story, set(by_node)):
            locks.append(lock("loop", region, [v for n in region for v in by_node[n]], ""))
    values = _masked(s.keys, len(names), arrival, inside)
    node_values: dict[str, list[set]] = {}
    for k in s.keys:
        if k.ended is None:
            per = node_values.setdefault(k.node, [set() for _ in names])
            for i, v in enumerate(k.values):
                per[i].add(v)
    return Facts(s.complete, s.arrivals, s.choice_states, set(s.entered), s.offered, s.shown, s.arms, endings, locks,
                 doomed, values, node_values.get, s.state(0) if s.keys else (start or GameState(story.start, story.initial_vars())))


def _masked(keys, width: int, arrival: dict, inside: dict) -> list[list]:
    """Per variable, the values it has in these states where the report may show it (see
    game.authoring.liveness.reported_levels: not where it is dead)."""
    from game.authoring.statesearch import StateSearch

    out: list[set] = [set() for _ in range(width)]
    for k in keys:
        for i in (arrival if StateSearch.is_arrival(k) else inside)[k.node]:
            out[i].add(k.values[i])
    return [sorted(v) for v in out]


def _facts_symbolic(story: Story, start: GameState | None, max_states: int, liveness: bool) -> Facts:
    from game.authoring.mdd import EMPTY
    from game.authoring.symbolic import SymbolicSearch

    s = SymbolicSearch(story, start, max_states, liveness)
    s.run()
    mdd = s.mdd
    arrival, inside = reported_levels(story, s.names, liveness)
    endings: dict[str, EndingFacts] = {}
    good: dict[str, int] | None = {}  # arrival states that can still reach some ending
    for eid, ends in s.end_sets.items():
        targets = s.terminal_sets(("end",), eid)
        can_reach = s.backward(targets)
        for n, sub in can_reach.items():
            good[n] = mdd.union(good.get(n, EMPTY), sub)
        steps = s.shortest(targets, can_reach)
        if steps is None:  # pragma: no cover - an ending state was seen, so a way there exists
            continue
        per_node: dict[str, list[int]] = {}
        for n, sub, nc in s.edges():
            per_node.setdefault(n, []).extend(mdd.image(sub, oc.fid) for oc in nc.outcomes if oc.kind == "end" and oc.target == eid)
        endings[eid] = EndingFacts([o for _, _, o in steps if o], [n for n, _, _ in steps], mdd.count(ends),
                                   _level_values(mdd, per_node, inside))
    if not s.complete:
        good = None

    def lock(kind: str, nodes: list[str], sets: dict[str, int], detail: str) -> LockFacts:
        steps = s.shortest(sets)
        choices = [o for _, _, o in steps if o]
        no_return = None
        if good is not None:
            taken = 0
            for n, values, o in steps:
                taken += 1 if o else 0
                if not mdd.contains(good.get(n, EMPTY), values):
                    no_return = taken
                    break
        count = sum(mdd.count(v) for v in sets.values())
        return LockFacts(kind, nodes, count, choices, steps[-1][1], no_return, detail)

    locks = []
    details: dict[tuple[str, str], str] = {}
    for (n, _cls), nc in s.classes.items():
        for oc in nc.outcomes:
            if oc.kind in ("stuck", "error"):
                details.setdefault((oc.kind, n), oc.detail)
    for kind in ("error", "stuck"):
        for n, sub in sorted(s.terminal_sets((kind,)).items()):
            locks.append(lock(kind, [n], {n: sub}, details.get((kind, n), "")))
    doomed = 0
    if good is not None:
        stuckish = s.backward(s.terminal_sets(("stuck", "error")))
        traps: dict[str, int] = {}
        for n, seen in s.seen.items():
            bad = mdd.diff(seen, good.get(n, EMPTY))
            doomed += mdd.count(bad)
            trap = mdd.diff(bad, stuckish.get(n, EMPTY))
            if trap != EMPTY:
                traps[n] = trap
        for region in regions(story, set(traps)):
            locks.append(lock("loop", region, {n: traps[n] for n in region}, ""))
    entered = set(s.seen)
    offered, shown, arms = set(), set(), set()
    for (n, _cls), nc in s.classes.items():
        offered |= {(n, i) for i in nc.offered}
        shown |= {(n, k) for k in nc.shown}
        if nc.arm is not None:
            arms.add((n, nc.arm))
    ends: dict[str, list[int]] = {}
    for n, sub, nc in s.edges():
        ends.setdefault(n, []).extend(mdd.image(sub, oc.fid) for oc in nc.outcomes if oc.kind == "end")
    at_arrival = _level_values(mdd, {n: [x] for n, x in s.seen.items()}, arrival)
    within = _level_values(mdd, {n: [s.choice_sets.get(n, EMPTY), *ends.get(n, ())] for n in s.seen}, inside)
    values = [sorted(set(a) | set(b)) for a, b in zip(at_arrival, within)]

    def node_values(n: str) -> list[set] | None:
        if n not in s.seen:
            return None
        return mdd.level_values([s.seen[n], s.choice_sets.get(n, EMPTY)])

    states = sum(mdd.count(x) for x in s.seen.values())
    choice_states = sum(mdd.count(x) for x in s.choice_sets.values())
    return Facts(s.complete, states, choice_states, entered, offered, shown, arms, endings, locks, doomed,
                 values, node_values, s.start_state)


def _level_values(mdd, sets: dict[str, list[int]], shown: dict[str, frozenset[int]]) -> list[list]:
    """Per variable, the values it has in the nodes' sets, where `shown[node]` lets the report show it."""
    out: list[set] = [set() for _ in range(mdd.levels)]
    for n, roots in sets.items():
        for i, vals in enumerate(mdd.level_values(roots)):
            if i in shown[n]:
                out[i] |= vals
    return [sorted(v) for v in out]


# --- the report ---------------------------------------------------------------------------------
def _report(story: Story, f: Facts, method: str, seconds: float, max_states: int) -> Exploration:
    names = tuple(story.variables)
    endings = {}
    for eid in story.endings:
        if eid in f.endings:
            got = f.endings[eid]
            endings[eid] = EndingReport(eid, True, got.choices, got.nodes, got.states, dict(zip(names, got.values)))
        else:
            endings[eid] = EndingReport(eid, False)
    locks = []
    for kind, nodes, count, choices, values, no_return, detail in f.locks:  # LockFacts, field by field
        node = story.nodes[nodes[0]]
        how = f" (reached by --choices {','.join(map(str, choices))})" if choices else " (reached without a choice)"
        if no_return is not None and no_return < len(choices):
            taken = ",".join(map(str, choices[:no_return])) or "(none)"
            how += f"; no ending can be reached any more once the player has taken --choices {taken}"
        if kind == "stuck":
            message = f"soft-lock: at node '{node.id}' no option is open and nothing leads on{how}"
        elif kind == "error":
            message = f"soft-lock: {detail}{how}"
        else:
            around = ", ".join(f"'{n}'" for n in nodes)
            silent = all(not story.nodes[n].choices and not any(line.text for line in story.nodes[n].lines) for n in nodes)
            if silent:  # the runtime stops such a loop with StoryRuntimeError; the game shows an error
                message = f"soft-lock: the story goes round {around} forever without showing anything (the game stops with an error){how}"
            else:
                message = f"soft-lock: the story goes round {around} forever and can never reach an ending{how}"
        locks.append(SoftLock(kind, nodes, count, choices, dict(zip(names, values)), no_return, node.loc, message))
    locks.sort(key=lambda s: (s.loc.path, s.loc.line, s.loc.col, s.kind))
    variables = {}
    for name, values in zip(names, f.values):
        var = story.variables[name]
        variables[name] = {
            "type": var.type, "start": var.start,
            "min": min(values) if values else None, "max": max(values) if values else None,
            "values": values, "declared_min": var.min, "declared_max": var.max,
        }
    findings = coverage(story, f) if f.complete else []
    if f.complete:
        for rep in endings.values():
            if not rep.reachable:
                rep.blocked = why_unreached(story, f, rep.id)
    return Exploration(
        story=story, method=method, complete=f.complete, states=f.states, choice_states=f.choice_states,
        seconds=seconds, max_states=max_states, nodes_reached=set(f.entered), endings=endings,
        soft_locks=locks, doomed_states=f.doomed, variables=variables, findings=findings, start=f.start,
        options_offered=set(f.offered), arms_taken=set(f.arms),
    )
