"""The explorer's fast engine: the real runtime, run once per node and per class of states.

What a node does (which lines play, which options open, which branch, where it goes) depends
only on the variables that node reads: its conditions and the right-hand sides of its effects.
Every other variable is either untouched or changed by an effect that reads nothing but
itself (`x += 1`, `x = 3`, clamped). So the explorer keeps, per node, the whole SET of
variable vectors that reach it (as a decision diagram, see `game.authoring.mdd`), cuts it into
the classes of values the node can tell apart, and for each class drives the real runtime
(restore, advance, choose) on a few probe states: probe k gives every variable the node reads
or writes the k-th value of its class (or of its range), so the probes together cover every
value. The runtime's answers give, for every way on, the exact per-variable map from arrival
to result; the diagram applies it to every vector at once. The probes of a class must agree on
everything the player sees (lines, options, branch, destination), which the code checks.

Which classes: a backward pass over the node's own steps finds which values of each variable
its conditions can tell apart (`trust <= 2` splits trust into two classes; an effect before a
condition shifts the cut), so a node is run on a handful of classes however many states reach
it. The search is a fixpoint over sets (each new state handled once); backward fixpoints give
the states that can still reach an ending (or a stuck state); shortest walkthroughs come from
an A* search over single states that steps with the runtime-observed maps, guided by
node-graph distances (a lower bound) and kept to the states that can reach its target. The
shipped story's hundred million states take under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from game.authoring.mdd import EMPTY, MDD
from game.engine.model import Node, Story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StoryRuntimeError, StuckEvent
from game.engine.state import GameState


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


def _reads_writes(node: Node) -> tuple[set[str], set[str]]:
    reads: set[str] = set()
    writes: set[str] = set()
    for cond in _conditions(node):
        reads |= cond.names
    for eff in _effects(node):
        for a in eff.assignments:
            reads |= a.value.names
            writes.add(a.target)
    return reads, writes


def _conditions(node: Node):
    for line in node.lines:
        if line.cond is not None:
            yield line.cond
    for c in node.choices:
        if c.cond is not None:
            yield c.cond
        for line in c.lines:
            if line.cond is not None:
                yield line.cond
    for arm in node.branch:
        if arm.cond is not None:
            yield arm.cond


def _effects(node: Node):
    for line in list(node.lines) + [line for c in node.choices for line in c.lines]:
        if line.effects is not None:
            yield line.effects
    for c in node.choices:
        if c.effects is not None:
            yield c.effects


def _canonical(classes) -> tuple[int, ...]:
    seen: dict = {}
    return tuple(seen.setdefault(c, len(seen)) for c in classes)


MAX_SIGNATURE = 4096  # combinations of the other variables a condition is tried on
MAX_DOMAIN = 256  # an int with a wider range is handled value by value, like one without a range
MAX_VARIABLES = 400  # the diagrams recurse once per variable


class _LocalPartition:
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
        return [x if x == y else _canonical(zip(x, y)) for x, y in zip(a, b)]

    def cond(self, p: list, cond) -> list:
        if cond is None:
            return p
        out = list(p)
        for i, cls in self._cond(cond).items():
            if out[i] != cls:
                out[i] = _canonical(zip(out[i], cls))
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
            if any(d is None for d in doms) or _product_size(doms) > MAX_SIGNATURE:
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
            parts[i] = _canonical(sigs)
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
            out[i] = _canonical(mapped)
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


def _product_size(doms) -> int:
    n = 1
    for d in doms:
        n *= len(d)
    return n


def _cross_variable(story: Story) -> set[str]:
    """Variables written from, or into, an expression that reads variables: kept exact."""
    out: set[str] = set()
    for node in story.nodes.values():
        for eff in _effects(node):
            for a in eff.assignments:
                if a.value.names:
                    out.add(a.target)
                    out |= set(a.value.names)
    return out


@dataclass
class _Plan:
    """How a node's arrival states are cut into classes and probed."""

    touched: tuple[int, ...]  # levels the node reads or writes
    cuts: tuple[int, ...]  # levels whose values fall in more than one class
    groups: dict[int, dict | None]  # level -> value -> class id (None: each value its own class)
    members: dict[int, list[list]]  # level -> class id -> the values in it (bounded levels)


class SymbolicSearch:
    def __init__(self, story: Story, start: GameState | None, max_states: int):
        self.story = story
        self.max_states = max_states
        self.names = tuple(story.variables)
        self.level_of = {n: i for i, n in enumerate(self.names)}
        self.rt = Runtime(story, start)
        self.start_state = self.rt.snapshot()
        self.mdd = MDD(len(self.names))
        self.domains: list[list | None] = []
        for name in self.names:
            var = story.variables[name]
            if var.type == "bool":
                self.domains.append([False, True])
            elif var.min is not None and var.max is not None and var.max - var.min < MAX_DOMAIN:
                self.domains.append(list(range(var.min, var.max + 1)))
            else:
                self.domains.append(None)
        self.exact = _cross_variable(story)
        local = _LocalPartition(self)
        self.plans: dict[str, _Plan] = {}
        for node in story.nodes.values():
            reads, writes = _reads_writes(node)
            touched = tuple(sorted(self.level_of[n] for n in reads | writes))
            part = local.of(node)
            groups: dict[int, dict | None] = {}
            members: dict[int, list[list]] = {}
            cuts = []
            for i in touched:
                dom = self.domains[i]
                if dom is None:
                    groups[i] = None
                    cuts.append(i)
                    continue
                groups[i] = dict(zip(dom, part[i]))
                members[i] = [[v for v, c in zip(dom, part[i]) if c == k] for k in range(max(part[i]) + 1)]
                if len(members[i]) > 1:
                    cuts.append(i)
            self.plans[node.id] = _Plan(touched, tuple(cuts), groups, members)
        self.classes: dict[tuple[str, tuple], NodeClass] = {}
        self.seen: dict[str, int] = {}
        self.choice_sets: dict[str, int] = {}
        self.end_sets: dict[str, int] = {}
        self.complete = True
        self.total = 0

    # --- running the runtime on one class ----------------------------------------------------
    def split(self, s: int, node_id: str) -> list[tuple[tuple, int]]:
        """The set `s` of arrival states at a node, cut into the node's classes: [(class, subset)]."""
        plan = self.plans[node_id]
        parts = [((), s)]
        mdd = self.mdd
        for level in plan.cuts:
            groups = plan.groups[level]
            nxt = []
            for key, sub in parts:
                present = mdd.values(sub, level)
                if groups is None:
                    for v in sorted(present):
                        nxt.append((key + (v,), mdd.restrict(sub, level, frozenset((v,)))))
                    continue
                by_class: dict[int, list] = {}
                for v in present:
                    by_class.setdefault(groups[v], []).append(v)
                if len(by_class) == 1:
                    nxt.append((key + (next(iter(by_class)),), sub))
                    continue
                for k in sorted(by_class):
                    nxt.append((key + (k,), mdd.restrict(sub, level, frozenset(by_class[k]))))
            parts = nxt
        return parts

    def classify(self, node_id: str, cls: tuple) -> NodeClass:
        key = (node_id, cls)
        got = self.classes.get(key)
        if got is not None:
            return got
        plan = self.plans[node_id]
        base = [self.start_state.vars[n] for n in self.names]
        choices: dict[int, list] = {}
        picked = dict(zip(plan.cuts, cls))
        for level in plan.touched:
            if plan.groups[level] is None:
                choices[level] = [picked[level]]
            else:
                choices[level] = plan.members[level][picked.get(level, 0)]
        width = max((len(v) for v in choices.values()), default=1)
        probes = []
        for k in range(width):
            values = list(base)
            for level, vals in choices.items():
                values[level] = vals[min(k, len(vals) - 1)]
            probes.append((tuple(values), self._probe(node_id, values)))
        signature = probes[0][1][0]
        for _, (sig, _, _) in probes[1:]:
            if sig != signature:
                raise ProbeMismatch(f"node '{node_id}' played differently within one class of states")
        outcomes = []
        for j, (kind, option, target, detail) in enumerate(signature[2]):
            maps = self._maps(plan, [(inp, res[1][j]) for inp, res in probes])
            outcomes.append(Outcome(kind, option, target, self.mdd.register(maps), detail))
        stop_fid = None
        if probes[0][1][2] is not None:
            stop_fid = self.mdd.register(self._maps(plan, [(inp, res[2]) for inp, res in probes]))
        shown, offered, _, arm = signature
        nc = NodeClass(outcomes, stop_fid, set(shown), list(offered), arm)
        self.classes[key] = nc
        return nc

    def _maps(self, plan: _Plan, pairs) -> list:
        maps: list = [None] * len(self.names)
        for level in plan.touched:
            m = {inp[level]: out[level] for inp, out in pairs}
            if any(k != v for k, v in m.items()):
                maps[level] = m
        for level in range(len(self.names)):
            if level not in plan.groups and any(inp[level] != out[level] for inp, out in pairs):
                raise ProbeMismatch(f"variable '{self.names[level]}' changed where nothing writes it")
        return maps

    def _probe(self, node_id: str, values: list):
        """Play one node from its arrival with these values; what the player sees, and the results."""
        rt = self.rt
        names = self.names
        rt.restore(GameState(node_id, dict(zip(names, values)), 0, None, None, True))
        st = rt.state
        shown: list[str] = []
        outs: list[tuple] = []  # (kind, option, target, detail)
        results: list[tuple] = []
        stop = None
        offered: tuple = ()
        arm = None
        while True:
            try:
                event = rt.advance()
            except StoryRuntimeError as exc:
                outs.append(("error", 0, node_id, str(exc)))
                results.append(tuple(st.vars[n] for n in names))
                break
            kind = type(event)
            if kind is LineEvent:
                shown.append(event.key)
                continue
            if kind is EnterEvent:
                if event.via is not None and event.via.kind == "branch":
                    arm = event.via.index
                outs.append(("goto", 0, event.node, ""))
                results.append(tuple(st.vars[n] for n in names))
                break
            if kind is ChoiceEvent:
                stop = tuple(st.vars[n] for n in names)
                offered = tuple(o.index for o in event.options)
                snap = rt.snapshot()
                for position, option in enumerate(event.options, 1):
                    if position > 1:
                        rt.restore(snap)
                    rt.choose(option.index)
                    st = rt.state
                    while True:
                        try:
                            reply = rt.advance()
                        except StoryRuntimeError as exc:
                            outs.append(("error", position, node_id, str(exc)))
                            break
                        if type(reply) is LineEvent:
                            shown.append(reply.key)
                            continue
                        if type(reply) is EnterEvent:
                            outs.append(("goto", position, reply.node, ""))
                        elif type(reply) is EndEvent:
                            outs.append(("end", position, reply.ending, ""))
                        else:
                            outs.append(("stuck", position, node_id, ""))
                        break
                    results.append(tuple(st.vars[n] for n in names))
                break
            if kind is EndEvent:
                outs.append(("end", 0, event.ending, ""))
                results.append(tuple(st.vars[n] for n in names))
                break
            if kind is StuckEvent:
                outs.append(("stuck", 0, node_id, ""))
                results.append(tuple(st.vars[n] for n in names))
                break
        return (tuple(shown), offered, tuple(outs), arm), results, stop

    # --- the search: a fixpoint over sets of states -----------------------------------------
    def run(self) -> None:
        """Every state reachable from the start, per node, as a set (each new state handled once)."""
        import heapq

        mdd = self.mdd
        start = self.start_state
        if not start.entered:
            self.rt.restore(start)
            self.rt.advance()
            start = self.rt.snapshot()
        if start.pos != 0 or start.choice is not None or start.ended is not None:
            raise ValueError("the explorer starts at the arrival at a node")
        self.start_node = start.node
        self.start_values = tuple(start.vars[n] for n in self.names)
        # Rounds, each in story order: a node is handled once per round with all that reached it,
        # and a search stopped at the bound has gone about as far along every way as the others.
        order = {n: i for i, n in enumerate(self.story.nodes)}
        root = mdd.vector(self.start_values)
        self.seen = {start.node: root}
        self.total = 1
        pending: dict[str, int] = {start.node: root}
        heap = [(0, order[start.node], start.node)]
        while heap:
            rnd, _, n = heapq.heappop(heap)
            delta = pending.pop(n, EMPTY)
            if delta == EMPTY:
                continue
            for cls, sub in self.split(delta, n):
                nc = self.classify(n, cls)
                if nc.stop_fid is not None:
                    self.choice_sets[n] = mdd.union(self.choice_sets.get(n, EMPTY), mdd.image(sub, nc.stop_fid))
                for oc in nc.outcomes:
                    img = mdd.image(sub, oc.fid)
                    if oc.kind == "goto":
                        t = oc.target
                        fresh = mdd.diff(img, self.seen.get(t, EMPTY))
                        if fresh == EMPTY:
                            continue
                        self.seen[t] = mdd.union(self.seen.get(t, EMPTY), fresh)
                        self.total += mdd.count(fresh)
                        if t not in pending:
                            heapq.heappush(heap, (rnd + (order[t] <= order[n]), order[t], t))
                        pending[t] = mdd.union(pending.get(t, EMPTY), fresh)
                    elif oc.kind == "end":
                        self.end_sets[oc.target] = mdd.union(self.end_sets.get(oc.target, EMPTY), img)
            if self.total > self.max_states:
                self.complete = False
                return

    # --- after the search: who can reach what -------------------------------------------------
    def edges(self) -> list[tuple[str, int, NodeClass]]:
        """Every (node, class subset of its arrival states, what the class does), once computed."""
        if getattr(self, "_edges", None) is None:
            self._edges = [(n, sub, self.classify(n, cls)) for n, seen in self.seen.items() for cls, sub in self.split(seen, n)]
        return self._edges

    def backward(self, goal: dict[str, int]) -> dict[str, int]:
        """Per node: the arrival states that can reach a state of `goal` (goal included)."""
        import heapq

        mdd = self.mdd
        into: dict[str, list[tuple[str, int, Outcome]]] = {}
        for n, sub, nc in self.edges():
            for oc in nc.outcomes:
                if oc.kind == "goto":
                    into.setdefault(oc.target, []).append((n, sub, oc))
        order = {n: -i for i, n in enumerate(self.story.nodes)}
        good = {n: v for n, v in goal.items() if v != EMPTY}
        pending = dict(good)
        heap = [(order[n], n) for n in pending]
        heapq.heapify(heap)
        while heap:
            _, t = heapq.heappop(heap)
            delta = pending.pop(t, EMPTY)
            if delta == EMPTY:
                continue
            for src, sub, oc in into.get(t, ()):
                add = mdd.diff(mdd.preimage_in(sub, delta, oc.fid), good.get(src, EMPTY))
                if add == EMPTY:
                    continue
                good[src] = mdd.union(good.get(src, EMPTY), add)
                if src not in pending:
                    heapq.heappush(heap, (order[src], src))
                pending[src] = mdd.union(pending.get(src, EMPTY), add)
        return good

    def terminal_sets(self, kinds: tuple[str, ...], target: str | None = None) -> dict[str, int]:
        """Per node: the arrival states whose class ends in one of these kinds (and at this ending)."""
        mdd = self.mdd
        out: dict[str, int] = {}
        for n, sub, nc in self.edges():
            if any(oc.kind in kinds and (target is None or oc.target == target) for oc in nc.outcomes):
                out[n] = mdd.union(out.get(n, EMPTY), sub)
        return out

    # --- shortest walkthroughs ------------------------------------------------------------------
    def class_of(self, node_id: str, values: tuple) -> NodeClass:
        plan = self.plans[node_id]
        key = tuple(values[i] if plan.groups[i] is None else plan.groups[i][values[i]] for i in plan.cuts)
        return self.classify(node_id, key)

    def _distances(self, targets: set[str]) -> dict[str, int]:
        """Fewest choices from each node to one of `targets` in the node graph (variables ignored)."""
        from collections import deque

        into: dict[str, list[tuple[str, int]]] = {}
        for node in self.story.nodes.values():
            for way in node.exits():
                if way.to_node and way.possible:
                    into.setdefault(way.target, []).append((node.id, 1 if way.costs_choice else 0))
        dist = {t: 0 for t in targets}
        todo = deque(targets)
        while todo:
            t = todo.popleft()
            for src, cost in into.get(t, ()):
                d = dist[t] + cost
                if d < dist.get(src, 1 << 30):
                    dist[src] = d
                    if cost:
                        todo.append(src)
                    else:
                        todo.appendleft(src)
        return dist

    def shortest(self, targets: dict[str, int], prune: dict[str, int] | None = None) -> list[tuple[str, tuple, int]] | None:
        """A shortest walkthrough (fewest choices) from the start to an arrival state in `targets`.

        A* over single states, stepping with each class's runtime-observed maps; the node graph's
        distances are a consistent lower bound, and `prune` (the states that can reach the
        targets, from `backward`) keeps it on ways that lead there. Returns the steps
        [(node, values, option taken to get there)], or None.
        """
        import heapq

        mdd = self.mdd
        targets = {n: v for n, v in targets.items() if v != EMPTY}
        if not targets:
            return None
        prune = self.backward(targets) if prune is None else prune
        h = self._distances(set(targets))
        start = (self.start_node, self.start_values)
        if start[0] not in h or not mdd.contains(prune.get(start[0], EMPTY), start[1]):
            return None
        best = {start: 0}
        parent: dict[tuple, tuple] = {}
        heap = [(h[start[0]], 0, 0, start)]
        counter = 0
        maps = self.mdd.maps
        while heap:
            _, neg_g, _, here = heapq.heappop(heap)
            g = -neg_g
            if best.get(here) != g:
                continue
            node, values = here
            if mdd.contains(targets.get(node, EMPTY), values):
                steps = [(node, values, 0)]
                while here in parent:
                    here, option = parent[here]
                    steps[-1] = (steps[-1][0], steps[-1][1], option)
                    steps.append((here[0], here[1], 0))
                steps.reverse()
                return steps
            for oc in self.class_of(node, values).outcomes:
                if oc.kind != "goto" or oc.target not in h:
                    continue
                fmaps = maps(oc.fid)
                nxt = tuple(v if m is None else m[v] for m, v in zip(fmaps, values))
                if not mdd.contains(prune.get(oc.target, EMPTY), nxt):
                    continue
                ng = g + (1 if oc.option else 0)
                there = (oc.target, nxt)
                if ng < best.get(there, 1 << 30):
                    best[there] = ng
                    parent[there] = (here, oc.option)
                    counter += 1
                    heapq.heappush(heap, (ng + h[oc.target], -ng, counter, there))
        return None
