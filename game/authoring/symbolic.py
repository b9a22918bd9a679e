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
node-graph distances (a lower bound) and kept to the states that can reach its target.
Variables dead at a node (`game.authoring.liveness`) are given a fixed value on every way into
it, so states that differ only in them are one; the shipped story's tens of millions of such
states (about 1.6e10 literal ones) take one to two seconds.
"""

from __future__ import annotations

from game.authoring.liveness import dead_levels
from game.authoring.mdd import EMPTY, MDD
from game.authoring.nodeclasses import (
    MAX_DOMAIN,
    Fixed,
    LocalPartition,
    NodeClass,
    Outcome,
    Plan,
    ProbeMismatch,
    cross_variable,
    reads_writes,
)
from game.engine.model import Story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StoryRuntimeError, StuckEvent
from game.engine.state import GameState


class SymbolicSearch:
    def __init__(self, story: Story, start: GameState | None, max_states: int, liveness: bool = True):
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
        self.exact = cross_variable(story)
        # Dead variables (game.authoring.liveness) get the start's value at every arrival.
        canon = [self.start_state.vars[n] for n in self.names]
        dead = dead_levels(story, self.names) if liveness else {n: () for n in story.nodes}
        self.fixed = {n: {i: Fixed(canon[i]) for i in levels} for n, levels in dead.items()}
        self.canon = canon
        local = LocalPartition(self)
        self.plans: dict[str, Plan] = {}
        for node in story.nodes.values():
            reads, writes = reads_writes(node)
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
            self.plans[node.id] = Plan(touched, tuple(cuts), groups, members)
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
            if kind == "goto":
                for level, fixed in self.fixed[target].items():
                    maps[level] = fixed
            outcomes.append(Outcome(kind, option, target, self.mdd.register(maps), detail))
        stop_fid = None
        if probes[0][1][2] is not None:
            stop_fid = self.mdd.register(self._maps(plan, [(inp, res[2]) for inp, res in probes]))
        shown, offered, _, arm = signature
        nc = NodeClass(outcomes, stop_fid, set(shown), list(offered), arm)
        self.classes[key] = nc
        return nc

    def _maps(self, plan: Plan, pairs) -> list:
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

    def project(self, node_id: str, values: tuple) -> tuple:
        """An arrival's values with the variables dead at the node set to their fixed value."""
        out = list(values)
        for level in self.fixed[node_id]:
            out[level] = self.canon[level]
        return tuple(out)

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
        self.start_values = self.project(start.node, tuple(start.vars[n] for n in self.names))
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
