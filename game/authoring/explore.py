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
A search that passes `max_states` stops and says its result is incomplete.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from game.engine.diagnostics import Diagnostic, Loc, error, warning
from game.engine.model import Story
from game.engine.runtime import Runtime
from game.engine.state import GameState

# The fast engine counts states without visiting them one by one, so its bound can be large.
DEFAULT_MAX_STATES = {"symbolic": 1_000_000_000, "states": 200_000}
METHODS = ("symbolic", "states")


def note(loc: Loc, message: str, code: str = "") -> Diagnostic:
    """An explanation attached to the error before it (printed as `PATH:LINE:COL: note: ...`)."""
    return Diagnostic(loc, "note", message, code)


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
    from game.authoring.symbolic import MAX_VARIABLES

    finite = all(v.type == "bool" or (v.min is not None and v.max is not None) for v in story.variables.values())
    return "symbolic" if finite and len(story.variables) <= MAX_VARIABLES else "states"


def explore(story: Story, start: GameState | None = None, max_states: int | None = None,
            method: str = "auto") -> Exploration:
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
        from game.authoring.symbolic import ProbeMismatch

        try:
            facts = _facts_symbolic(story, start, bound)
        except ProbeMismatch:  # pragma: no cover - a safety net: the plain engine needs no analysis
            method, bound = "states", DEFAULT_MAX_STATES["states"] if max_states is None else max_states
            facts = _facts_states(story, start, bound)
    else:
        facts = _facts_states(story, start, bound)
    seconds = time.perf_counter() - t0
    return _report(story, facts, method, seconds, bound)


def _facts_states(story: Story, start: GameState | None, max_states: int) -> Facts:
    from game.authoring.statesearch import StateSearch

    s = StateSearch(story, start, max_states)
    s.run()
    names = s.names
    endings: dict[str, EndingFacts] = {}
    for eid in story.endings:
        vids = [v for v, out in s.outcome.items() if out.kind == "end" and out.target == eid]
        if vids:
            best = min(vids, key=lambda v: (s.dist[v], v))
            choices, nodes, _ = s.path(best)
            values = [sorted({s.keys[v].values[i] for v in vids}) for i in range(len(names))]
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
        for region in _regions(story, set(by_node)):
            locks.append(lock("loop", region, [v for n in region for v in by_node[n]], ""))
    values = [sorted({k.values[i] for k in s.keys}) for i in range(len(names))]
    node_values: dict[str, list[set]] = {}
    for k in s.keys:
        if k.ended is None:
            per = node_values.setdefault(k.node, [set() for _ in names])
            for i, v in enumerate(k.values):
                per[i].add(v)
    return Facts(s.complete, s.arrivals, s.choice_states, set(s.entered), s.offered, s.shown, s.arms, endings, locks,
                 doomed, values, node_values.get, s.state(0) if s.keys else (start or GameState(story.start, story.initial_vars())))


def _facts_symbolic(story: Story, start: GameState | None, max_states: int) -> Facts:
    from game.authoring.mdd import EMPTY
    from game.authoring.symbolic import SymbolicSearch

    s = SymbolicSearch(story, start, max_states)
    s.run()
    mdd = s.mdd
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
        endings[eid] = EndingFacts([o for _, _, o in steps if o], [n for n, _, _ in steps], mdd.count(ends),
                                   [sorted(v) for v in mdd.level_values([ends])])
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
        for region in _regions(story, set(traps)):
            locks.append(lock("loop", region, {n: traps[n] for n in region}, ""))
    entered = set(s.seen)
    offered, shown, arms = set(), set(), set()
    for (n, _cls), nc in s.classes.items():
        offered |= {(n, i) for i in nc.offered}
        shown |= {(n, k) for k in nc.shown}
        if nc.arm is not None:
            arms.add((n, nc.arm))
    every = list(s.seen.values()) + list(s.choice_sets.values()) + list(s.end_sets.values())
    values = [sorted(v) for v in mdd.level_values(every)]

    def node_values(n: str) -> list[set] | None:
        if n not in s.seen:
            return None
        return mdd.level_values([s.seen[n], s.choice_sets.get(n, EMPTY)])

    states = sum(mdd.count(x) for x in s.seen.values())
    choice_states = sum(mdd.count(x) for x in s.choice_sets.values())
    return Facts(s.complete, states, choice_states, entered, offered, shown, arms, endings, locks, doomed,
                 values, node_values, s.start_state)


def _regions(story: Story, nodes: set[str]) -> list[list[str]]:
    """The nodes grouped by the story's links between them, each group in story order."""
    order = {n: i for i, n in enumerate(story.nodes)}
    links: dict[str, set[str]] = {n: set() for n in nodes}
    for n in nodes:
        for target, _ in story.nodes[n].targets():
            if target in nodes:
                links[n].add(target)
                links[target].add(n)
    out = []
    seen: set[str] = set()
    for n in sorted(nodes, key=order.__getitem__):
        if n in seen:
            continue
        group, todo = [], [n]
        seen.add(n)
        while todo:
            m = todo.pop()
            group.append(m)
            for k in links[m]:
                if k not in seen:
                    seen.add(k)
                    todo.append(k)
        out.append(sorted(group, key=order.__getitem__))
    return out


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
    findings = _coverage(story, f) if f.complete else []
    if f.complete:
        for rep in endings.values():
            if not rep.reachable:
                rep.blocked = _why_unreached(story, f, rep.id)
    return Exploration(
        story=story, method=method, complete=f.complete, states=f.states, choice_states=f.choice_states,
        seconds=seconds, max_states=max_states, nodes_reached=set(f.entered), endings=endings,
        soft_locks=locks, doomed_states=f.doomed, variables=variables, findings=findings, start=f.start,
        options_offered=set(f.offered), arms_taken=set(f.arms),
    )


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _coverage(story: Story, f: Facts) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for node in story.nodes.values():
        if node.id not in f.entered:
            out.append(warning(node.loc, f"node '{node.id}' is never reached in any playthrough", "never-reached"))
            continue
        for choice in node.choices:
            if (node.id, choice.index) not in f.offered:
                cond = f" (if {choice.cond.source})" if choice.cond is not None else ""
                out.append(warning(choice.loc, f"option {choice.index + 1} of '{node.id}' \"{_short(choice.text)}\"{cond} "
                                               "is never available", "never-offered"))
        for i, arm in enumerate(node.branch):
            if (node.id, i) not in f.arms:
                what = f"'if {arm.cond.source}'" if arm.cond is not None else "the fallback"
                out.append(warning(arm.loc, f"branch {i + 1} of '{node.id}' ({what} -> {arm.goto}) is never taken", "never-taken"))
        for choice_index, lines in [(None, node.lines)] + [(c.index, c.lines) for c in node.choices]:
            if choice_index is not None and (node.id, choice_index) not in f.offered:
                continue
            for line in lines:
                if line.cond is not None and line.text is not None and (node.id, line.key) not in f.shown:
                    out.append(warning(line.loc, f"this line of '{node.id}' is never shown (if {line.cond.source} never holds here)",
                                       "never-shown"))
    return out


def _why_unreached(story: Story, f: Facts, ending_id: str) -> list[Diagnostic]:
    """Point at the links into the ending's node(s) that are never followed, with the values seen there."""
    out: list[Diagnostic] = []
    targets = [n.id for n in story.nodes.values() if n.ending == ending_id]
    if not targets:
        return [note(story.endings[ending_id].loc, f"no node has 'ending: {ending_id}'", "unreachable-ending")]
    names = tuple(story.variables)
    for target in targets:
        for node in story.nodes.values():
            for loc, what, cond in _links_into(node, target):
                if node.id not in f.entered:
                    out.append(note(loc, f"'{target}' is reached from '{node.id}', which is never reached itself", "unreachable-ending"))
                    continue
                seen = f.node_values(node.id)
                shown = ""
                if seen is not None and cond is not None:
                    shown = ", ".join(f"{name} {_range_text(vals)}" for name, vals in zip(names, seen) if name in cond.names)
                because = f"; at '{node.id}' the story only ever has {shown}" if shown else ""
                cond_text = f" (if {cond.source})" if cond is not None else ""
                out.append(note(loc, f"{what} of '{node.id}' to '{target}'{cond_text} is never taken{because}", "unreachable-ending"))
    return out


def _links_into(node, target: str) -> list[tuple[Loc, str, object]]:
    """(where, what, condition) of each of the node's exits that can lead to `target`."""
    out = []
    for way in node.exits():
        if way.target != target or not way.to_node or not way.possible:
            continue
        if way.kind == "choice":
            choice = node.choices[way.index]
            out.append((choice.loc, f"option \"{_short(choice.text)}\"", way.cond))
        elif way.kind == "branch":
            out.append((way.loc, f"branch {way.index + 1}", way.cond))
        else:
            out.append((way.loc, "'next' (taken when no option is open)" if way.kind == "fallback" else "'next'", None))
    return out


def _range_text(values) -> str:
    values = sorted(values)
    if values and all(isinstance(v, bool) for v in values):
        return " or ".join("true" if v else "false" for v in values)
    if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}..{values[-1]}"
    return "in {" + ", ".join(map(str, values)) + "}"


def _value_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def format_text(result: Exploration, relative_to: str | None = None) -> str:
    """The report a writer reads: endings with walkthroughs, variables, findings, a verdict."""
    story = result.story
    lines = []
    status = "complete" if result.complete else f"INCOMPLETE: stopped at --max-states {result.max_states}"
    lines.append(f"{story.title}: {result.states:,} distinct states ({result.choice_states:,} at choice points), "
                 f"{len(result.nodes_reached)}/{len(story.nodes)} nodes reached, {result.seconds:.2f} s, {status}")
    start = result.start
    initial = story.initial_vars()
    if start.node != story.start or dict(start.vars) != initial:
        changed = " ".join(f"--set {k}={_value_text(v)}" for k, v in start.vars.items() if initial.get(k) != v)
        lines.append(f"from: --from {start.node} {changed}".rstrip())
    lines.append("")
    lines.append("endings:")
    width = max((len(e) for e in result.endings), default=0)
    for rep in result.endings.values():
        if rep.reachable:
            n = len(rep.choices)
            lines.append(f"  {rep.id:<{width}}  reachable, {n} choice{'' if n == 1 else 's'}: --choices {rep.walkthrough or '(none)'}")
        elif result.complete:
            lines.append(f"  {rep.id:<{width}}  NEVER REACHED")
        else:
            lines.append(f"  {rep.id:<{width}}  not found before the bound (unknown)")
    lines.append("")
    lines.append("variables (values reached; declared range):" if result.variables else "variables: none")
    labels = _variable_labels(story)
    width = max((len(labels.get(v, v)) for v in result.variables), default=0)
    for name, info in result.variables.items():
        declared = ""
        if info["type"] == "int" and (info["declared_min"] is not None or info["declared_max"] is not None):
            lo = "" if info["declared_min"] is None else info["declared_min"]
            hi = "" if info["declared_max"] is None else info["declared_max"]
            declared = f"  ({lo}..{hi})"
        lines.append(f"  {labels.get(name, name):<{width}}  {_range_text(info['values'])}{declared}")
    if result.doomed_states:
        lines.append("")
        lines.append(f"{result.doomed_states:,} state(s) can no longer reach any ending")
    diagnostics = result.diagnostics()
    if diagnostics:
        lines.append("")
        lines.extend(d.format(relative_to) for d in diagnostics)
    lines.append("")
    reachable = sum(e.reachable for e in result.endings.values())
    warnings_count = sum(d.severity == "warning" for d in diagnostics)
    verdict = {0: "ok", 1: "failed", 2: "incomplete"}[result.exit_code]
    tail = "" if result.complete else f"; stopped after {result.states:,} states, so unreachable parts are unknown (raise --max-states)"
    lines.append(f"explore {verdict}: {reachable}/{len(result.endings)} endings reachable, "
                 f"{len(result.soft_locks)} soft-lock(s), {warnings_count} warning(s){tail}")
    return "\n".join(lines)


def _variable_labels(story: Story) -> dict[str, str]:
    """A once-only choice's hidden flag named by its text (its key is a hash unless it has an id)."""
    from game.engine.lowering import once_name

    return {once_name(node.id, c.key): f'once({node.id}: "{_short(c.text, 30)}")'
            for node in story.nodes.values() for c in node.choices if c.once and c.id is None}


def random_players(story: Story, count: int, seed: int = 1, start: GameState | None = None,
                   max_choices: int = 2_000) -> dict[str, int]:
    """Where `count` players who pick uniformly at random end up: ending id, or "stuck", or
    "loop" (going round without a choice, or no ending after `max_choices` choices). Played
    through the runtime with a seeded generator, so the numbers repeat."""
    import random

    from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, StoryRuntimeError, StuckEvent

    rng = random.Random(seed)  # noqa: S311 - a repeatable sample of play, not security
    out: dict[str, int] = {}
    for _ in range(count):
        rt = Runtime(story, start)
        where = "loop"
        choices = 0
        since_choice: set[tuple] = set()  # arrivals since the last choice: a repeat is a loop
        try:
            while choices <= max_choices:
                event = rt.advance()
                if isinstance(event, EnterEvent):
                    key = rt.state.key()
                    if key in since_choice:
                        break
                    since_choice.add(key)
                elif isinstance(event, ChoiceEvent):
                    rt.choose(rng.choice(event.options).index)
                    choices += 1
                    since_choice.clear()
                elif isinstance(event, EndEvent):
                    where = event.ending
                    break
                elif isinstance(event, StuckEvent):
                    where = "stuck"
                    break
        except StoryRuntimeError:
            pass
        out[where] = out.get(where, 0) + 1
    return out


def format_random(story: Story, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    lines = [f"random players ({total:,}, every open option equally likely):"]
    width = max((len(k) for k in list(story.endings) + list(counts)), default=0)
    for key in list(story.endings) + sorted(k for k in counts if k not in story.endings):
        n = counts.get(key, 0)
        lines.append(f"  {key:<{width}}  {100 * n / total:5.1f}%  ({n:,})" if total else f"  {key}")
    return "\n".join(lines)


def playtests_yaml(result: Exploration) -> str:
    """A playtests file with the shortest walkthrough to every reachable ending."""
    out = ["# Made by `her explore --playtests`: the shortest way to each ending. Run with `her test`.", ""]
    start = result.start
    story = result.story
    initial = story.initial_vars()
    changed = {k: v for k, v in start.vars.items() if initial.get(k) != v}
    for rep in result.endings.values():
        if not rep.reachable:
            continue
        out.append(f"{rep.id}:")
        if start.node != story.start:
            out.append(f"  from: {start.node}")
        if changed:
            out.append("  set: {" + ", ".join(f"{k}: {_value_text(v)}" for k, v in changed.items()) + "}")
        out.append(f"  choices: [{', '.join(map(str, rep.choices))}]")
        out.append(f"  ending: {rep.id}")
        out.append("")
    return "\n".join(out)
