"""The explorer's plain engine: one game state at a time, memoised on GameState.key().

Breadth-first over the states where something can happen (an arrival at a node, a choice
point, an ending), driving the real runtime: restore a state, advance, choose. Arrivals and
lines cost nothing, an option costs one; states reached for free are played at once, so the
queue only holds states one choice further on and the first time an ending is seen its
walkthrough is a shortest one. Simple and obviously right, but it visits every state: use it
to check the fast engine (`game.authoring.symbolic`) and on small stories (`--states`).
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from game.engine.model import Story
from game.engine.runtime import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime, StoryRuntimeError, StuckEvent
from game.engine.state import GameState


class StateKey(NamedTuple):
    """GameState.key() with the variables in declaration order: what makes two states one vertex."""

    node: str
    pos: int
    choice: int | None
    ended: str | None
    entered: bool
    values: tuple


class Outcome(NamedTuple):
    """How playing on from a vertex ends: kind "end" (target: the ending), "stuck" or "error" (target: the node)."""

    kind: str
    target: str
    detail: str


class _Bound(Exception):
    """The search reached `max_states`."""


class StateSearch:
    """Vertices are numbered in the order they are found; `keys[v]` is GameState.key()."""

    def __init__(self, story: Story, start: GameState | None, max_states: int):
        self.story = story
        self.max_states = max_states
        self.rt = Runtime(story, start)
        self.names = tuple(story.variables)
        self.keys: list[StateKey] = []
        self.index: dict[StateKey, int] = {}
        self.dist: list[int] = []
        self.parent: list[tuple[int, int]] = []  # (previous vertex, 1-based option or 0)
        self.succ: list[list[int]] = []
        self.done: list[bool] = []
        self.outcome: dict[int, Outcome] = {}
        self.queue: deque[int] = deque()
        self.complete = True
        self.arrivals = 0
        self.choice_states = 0
        self.entered: set[str] = set()
        self.offered: set[tuple[str, int]] = set()
        self.shown: set[tuple[str, str]] = set()
        self.arms: set[tuple[str, int]] = set()

    def key(self, st: GameState) -> StateKey:
        return StateKey(st.node, st.pos, st.choice, st.ended, st.entered, tuple(map(st.vars.__getitem__, self.names)))

    def state(self, vid: int) -> GameState:
        k = self.keys[vid]
        return GameState(k.node, dict(zip(self.names, k.values)), k.pos, k.choice, k.ended, k.entered)

    @staticmethod
    def is_arrival(k: StateKey) -> bool:
        return k.pos == 0 and k.choice is None and k.ended is None

    def reach(self, k: StateKey, d: int, via: int, option: int) -> tuple[int, bool]:
        """`via` leads to state `k`: its vertex, and whether to play it on now (found for free)."""
        vid = self.index.get(k)
        if vid is None:
            if self.is_arrival(k):
                if self.arrivals >= self.max_states:
                    raise _Bound
                self.arrivals += 1
            vid = len(self.keys)
            self.keys.append(k)
            self.index[k] = vid
            self.dist.append(d)
            self.parent.append((via, option))
            self.succ.append([])
            self.done.append(option == 0)
            if via >= 0:
                self.succ[via].append(vid)
            if option:
                self.queue.append(vid)
            return vid, option == 0
        if via >= 0:
            self.succ[via].append(vid)
        if self.done[vid] or self.dist[vid] <= d or option:
            return vid, False
        # found for free while it waited one choice further on: play it now, from here
        self.dist[vid] = d
        self.parent[vid] = (via, option)
        self.done[vid] = True
        return vid, True

    def run(self) -> None:
        rt = self.rt
        try:
            if not rt.state.entered:
                event = rt.advance()
                if isinstance(event, EnterEvent):
                    self.entered.add(event.node)
            root, _ = self.reach(self.key(rt.state), 0, -1, 0)
            self.play(root)
            while self.queue:
                vid = self.queue.popleft()
                if self.done[vid]:
                    continue
                self.done[vid] = True
                rt.restore(self.state(vid))
                self.play(vid)
        except _Bound:
            self.complete = False

    def play(self, cur: int) -> None:
        """Play on from vertex `cur` (the runtime is in its state) to a choice, an end or a known state."""
        rt = self.rt
        st = rt.state
        d = self.dist[cur]
        while True:
            try:
                event = rt.advance()
            except StoryRuntimeError as exc:
                self.outcome[cur] = Outcome("error", st.node, str(exc))
                return
            kind = type(event)
            if kind is LineEvent:
                self.shown.add((event.node, event.key))
                continue
            if kind is EnterEvent:
                self.entered.add(event.node)
                if event.via is not None and event.via.kind == "branch":
                    self.arms.add((event.via.source, event.via.index))
                cur, go_on = self.reach(self.key(st), d, cur, 0)
                if not go_on:
                    return
                continue
            if kind is ChoiceEvent or kind is EndEvent:
                k = self.key(st)
                if k != self.keys[cur]:
                    cur, go_on = self.reach(k, d, cur, 0)
                    if not go_on:
                        return
                if kind is EndEvent:
                    self.outcome[cur] = Outcome("end", event.ending, "")
                else:
                    self.choose_all(cur, event, d)
                return
            if kind is StuckEvent:
                self.outcome[cur] = Outcome("stuck", event.node, "")
                return

    def choose_all(self, cur: int, event: ChoiceEvent, d: int) -> None:
        rt = self.rt
        self.choice_states += 1
        snap = rt.snapshot()
        for position, option in enumerate(event.options, 1):
            self.offered.add((event.node, option.index))
            if position > 1:
                rt.restore(snap)
            rt.choose(option.index)
            st = rt.state
            while True:
                try:
                    reply = rt.advance()
                except StoryRuntimeError as exc:
                    self.outcome[cur] = Outcome("error", st.node, str(exc))
                    break
                if type(reply) is LineEvent:
                    self.shown.add((reply.node, reply.key))
                    continue
                if type(reply) is EnterEvent:
                    self.entered.add(reply.node)
                self.reach(self.key(st), d + 1, cur, position)
                break

    def path(self, vid: int) -> tuple[list[int], list[str], list[int]]:
        """The choices (1-based shown positions), the nodes arrived at, and the vertices to `vid`."""
        choices: list[int] = []
        nodes: list[str] = []
        chain: list[int] = []
        while vid >= 0:
            chain.append(vid)
            if self.is_arrival(self.keys[vid]):
                nodes.append(self.keys[vid].node)
            via, option = self.parent[vid]
            if option:
                choices.append(option)
            vid = via
        choices.reverse()
        nodes.reverse()
        chain.reverse()
        return choices, nodes, chain

    def can_reach(self, goal: list[int]) -> list[bool]:
        """For every vertex: can it reach one of `goal`?"""
        pred: list[list[int]] = [[] for _ in self.keys]
        for v, outs in enumerate(self.succ):
            for w in outs:
                pred[w].append(v)
        ok = [False] * len(self.keys)
        todo = list(goal)
        for v in todo:
            ok[v] = True
        while todo:
            for u in pred[todo.pop()]:
                if not ok[u]:
                    ok[u] = True
                    todo.append(u)
        return ok
