"""The record of routes across playthroughs: scenes entered, options taken, and for every
choice point the state each recent playthrough had when it arrived there.

The route map draws from it (what was seen, what stays a silhouette) and "Play from here"
restarts from one of its states. It lives in its own file beside the persistent record,
written like it (atomic, a backup, damage never fatal). Bounded: at most STATES_PER_POINT
playthroughs are remembered per choice point, and a remembered state carries no history.
Entries refer to node ids and option identities, so after a story edit the vanished ones
are simply not shown (see `fit`), and new scenes start as silhouettes.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from game.debounced import Debounced
from game.engine.model import Story
from game.engine.state import GameState, StateError
from game.notice import later
from game.paths import user_data_dir
from game.storage import DamagedFile, envelope, read_recovering

KIND = "her-routes"
VERSION = 1
STATES_PER_POINT = 4

log = logging.getLogger("her.routes")


def routes_path() -> Path:
    return user_data_dir() / "routes.json"


def _bare(state: GameState) -> dict[str, Any]:
    """The state without its history: "Play from here" starts a new playthrough."""
    data = state.to_json()
    data["history"] = []
    return data


class RouteRecord(Debounced):
    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(clock)
        self.seen: set[str] = set()  # node ids entered in any playthrough
        self.taken: set[str] = set()  # "node:option key" of every option taken
        self.states: dict[str, list[dict[str, Any]]] = {}  # choice node -> [{"run", "state"}], newest first
        self.note: str | None = None  # one line on what was wrong with the file, if anything
        self.run = uuid.uuid4().hex[:12]  # this playthrough
        self.path: Path | None = path
        if self.path is None:
            try:
                self.path = routes_path()
            except OSError:  # no usable data folder (the persistent record says so): kept in memory
                return
        self._load()

    # --- reading -----------------------------------------------------------------
    def _load(self) -> None:
        """Read the record like the persistent one (game.storage.read_recovering)."""
        found = read_recovering(self.path, KIND, VERSION, _parse)
        if found.value is not None:
            self.seen, self.taken, self.states = found.value
        self._kept = found.newer
        if found.restored:
            self.note = later.ui("{reason}; the route map was restored from its backup", reason=found.damage)
        elif found.damage:
            self.note = later.ui("{reason}; the route map starts afresh", reason=found.damage)
            log.warning("%s", found.damage)

    # --- recording -----------------------------------------------------------------
    def new_playthrough(self) -> None:
        self.run = uuid.uuid4().hex[:12]

    def enter(self, node: str) -> None:
        if node not in self.seen:
            self.seen.add(node)
            self._dirty = True

    def arrive(self, node: str, state: GameState) -> None:
        """Remember the state this playthrough had on reaching a choice point (once per run)."""
        kept = self.states.setdefault(node, [])
        if any(k["run"] == self.run for k in kept):
            return
        kept.insert(0, {"run": self.run, "state": _bare(state)})
        del kept[STATES_PER_POINT:]
        self._dirty = True

    def take(self, node: str, option_key: str) -> None:
        key = f"{node}:{option_key}"
        if key not in self.taken:
            self.taken.add(key)
            self._dirty = True

    # --- using -------------------------------------------------------------------------
    def was_taken(self, node: str, option_key: str) -> bool:
        return f"{node}:{option_key}" in self.taken

    def state_at(self, node: str, story: Story) -> GameState | None:
        """The newest remembered state at this choice point that this story can still play."""
        from game.engine.runtime import Runtime

        for kept in self.states.get(node, ()):
            try:
                state = GameState.from_json(kept["state"])
                Runtime(story, state)  # refuses a state the story can no longer play
                return state
            except (StateError, KeyError, TypeError, ValueError):
                continue
        return None

    def seen_in(self, node_ids: Iterable[str]) -> int:
        return sum(1 for n in node_ids if n in self.seen)

    # --- writing -------------------------------------------------------------------------
    def contents(self) -> dict[str, Any]:
        return envelope(KIND, VERSION, VERSION, seen=sorted(self.seen), taken=sorted(self.taken),
                        states={k: v for k, v in sorted(self.states.items())})

    def check(self, data: dict[str, Any], name: str):
        return _parse(data, name)


def _parse(data: dict, name: str) -> tuple[set[str], set[str], dict[str, list[dict[str, Any]]]]:
    seen, taken, states = data.get("seen", []), data.get("taken", []), data.get("states", {})
    if not isinstance(seen, list) or not all(isinstance(x, str) for x in seen):
        raise DamagedFile(later.ui("{file}: 'seen' is not a list of scene ids", file=name))
    if not isinstance(taken, list) or not all(isinstance(x, str) for x in taken):
        raise DamagedFile(later.ui("{file}: 'taken' is not a list of options", file=name))
    if not isinstance(states, dict):
        raise DamagedFile(later.ui("{file}: 'states' is not a table", file=name))
    clean: dict[str, list[dict[str, Any]]] = {}
    for node, kept in states.items():
        if not isinstance(node, str) or not isinstance(kept, list):
            raise DamagedFile(later.ui("{file}: 'states' has a malformed entry", file=name))
        good = [k for k in kept if isinstance(k, dict) and isinstance(k.get("run"), str) and isinstance(k.get("state"), dict)]
        clean[node] = good[:STATES_PER_POINT]
    return set(seen), set(taken), clean
