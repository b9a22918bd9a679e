"""The game state as plain data: where the player is, the variables, and what was seen.

History is an immutable linked list so that snapshots (taken at every line for rollback)
share it instead of copying it. `to_json`/`from_json` are the only save format.

Version 2 (format 2's stable identities) keeps where the player is by identity: `line`, the
key of the line at `pos` ("~end" after the last one; null when unknown, and then `pos` is
taken as it is) and `choice_key`; `pos` and `choice` are only hints. History is stored
compactly as runs per node: `[node, key, ">choice key", ...]`. Version 1 states (positions
only) still load: `legacy` tells game.migrate to map their positions to identities once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STATE_VERSION = 2
END_KEY = "~end"  # `line` of a position after the last line of its steps
CHOICE_MARK = ">"  # history runs: a choice key, not a line key


class StateError(ValueError):
    """A saved state that cannot be used, with a one-line reason."""


@dataclass(frozen=True)
class HistoryEntry:
    """A line shown ("line", key) or an option taken ("choice", choice index) in a node."""

    kind: str
    node: str
    key: str

    def to_json(self) -> list[str]:
        return [self.kind, self.node, self.key]


_walked: dict[str, tuple[tuple | None, list]] = {}  # what: (newest cell, its list, oldest first)


def _since(head: tuple | None, what: str) -> tuple[list, list[HistoryEntry]]:
    """The list last built for `what` (if `head` continues it: else empty) and the entries added
    since, oldest first. Saves happen all through a playthrough (every chapter start): walking
    the whole history each time would make a playthrough cost the square of its length."""
    last_head, last = _walked.get(what, (None, []))
    fresh = []
    cell = head
    while cell is not None and cell is not last_head:
        fresh.append(cell[0])
        cell = cell[1]
    fresh.reverse()
    return (last if cell is not None else []), fresh  # cell None: all walked (another line of play)


def history_entries(head: tuple | None) -> list[HistoryEntry]:
    """Every entry, oldest first (a new list)."""
    base, fresh = _since(head, "entries")
    out = base + fresh
    _walked["entries"] = (head, out)
    return list(out)


def _run_item(entry: HistoryEntry) -> str:
    return entry.key if entry.kind == "line" else CHOICE_MARK + entry.key


def history_runs(head: tuple | None) -> list[list[str]]:
    """The history as saved, runs per node (`[node, key, ">choice key", ...]`), converting only
    the entries added since the last call. Read it, never change it: its lists are shared."""
    base, fresh = _since(head, "runs")
    runs = list(base)
    own_last = False  # the last run is a copy of ours (the shared one is never changed)
    for entry in fresh:
        if runs and runs[-1][0] == entry.node:
            if not own_last:
                runs[-1], own_last = list(runs[-1]), True
            runs[-1].append(_run_item(entry))
        else:
            runs.append([entry.node, _run_item(entry)])
            own_last = True
    _walked["runs"] = (head, runs)
    return runs


@dataclass
class GameState:
    node: str
    vars: dict[str, int | bool]
    pos: int = 0  # next step to play in the node's lines (or in the chosen option's reply)
    choice: int | None = None  # index of the option whose reply lines are playing
    ended: str | None = None
    entered: bool = False  # the arrival at `node` has been announced (EnterEvent)
    scene: str | None = None  # the scene and music in effect, for restoring the presentation
    music: str | None = None
    history: tuple | None = None  # (HistoryEntry, parent) cons cells, newest first
    history_len: int = 0
    # Read from a save, for game.migrate only (never copied, never kept up to date by play):
    line_key: str | None = None  # identity of the line at `pos` (END_KEY after the last)
    choice_key: str | None = None  # identity of the choice whose reply is playing
    legacy: bool = False  # a version-1 state: positions and history keys are list indexes

    def copy(self) -> GameState:
        return GameState(self.node, dict(self.vars), self.pos, self.choice, self.ended,
                         self.entered, self.scene, self.music, self.history, self.history_len)

    def record(self, entry: HistoryEntry) -> None:
        self.history = (entry, self.history)
        self.history_len += 1

    def history_list(self) -> list[HistoryEntry]:
        return history_entries(self.history)

    def key(self) -> tuple:
        """What makes two states play the same from here on (history aside)."""
        return (self.node, self.pos, self.choice, self.ended, self.entered, tuple(sorted(self.vars.items())))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data. With `line_key`/`choice_key` filled in (game.migrate.stamp) it
        survives story edits; without them the position is only good for this story version."""
        return {
            "version": STATE_VERSION,
            "node": self.node,
            "line": self.line_key,
            "pos": self.pos,
            "choice_key": self.choice_key,
            "choice": self.choice,
            "ended": self.ended,
            "entered": self.entered,
            "scene": self.scene,
            "music": self.music,
            "vars": dict(self.vars),
            "history": history_runs(self.history),
        }

    @classmethod
    def from_json(cls, data: Any) -> GameState:
        """Rebuild a state from JSON data, checking types (not the story; see game.migrate)."""
        if not isinstance(data, dict):
            raise StateError("state is not an object")
        version = data.get("version")
        if version not in (1, STATE_VERSION):
            raise StateError(f"state version {version!r} is not supported (expected {STATE_VERSION})")
        if version == STATE_VERSION and "line" not in data:
            raise StateError("state has no line identity")
        node, pos, choice, ended, variables = (data.get(k) for k in ("node", "pos", "choice", "ended", "vars"))
        if not isinstance(node, str):
            raise StateError("state has no node")
        if not isinstance(pos, int) or isinstance(pos, bool) or pos < 0:
            raise StateError("state position is not a whole number")
        if choice is not None and (not isinstance(choice, int) or isinstance(choice, bool) or choice < 0):
            raise StateError("state choice is not a whole number")
        if ended is not None and not isinstance(ended, str):
            raise StateError("state ending is not text")
        if not isinstance(variables, dict) or not all(
            isinstance(k, str) and isinstance(v, (int, bool)) for k, v in variables.items()
        ):
            raise StateError("state variables are not names with numbers or true/false")
        entered = data.get("entered", True)
        scene, music = data.get("scene"), data.get("music")
        if not isinstance(entered, bool):
            raise StateError("state 'entered' is not true/false")
        if not all(x is None or isinstance(x, str) for x in (scene, music)):
            raise StateError("state scene or music is not text")
        line_key, choice_key = data.get("line"), data.get("choice_key")
        if not all(x is None or isinstance(x, str) for x in (line_key, choice_key)):
            raise StateError("state line identity is not text")
        state = cls(node, dict(variables), pos, choice, ended, entered, scene, music,
                    line_key=line_key, choice_key=choice_key, legacy=version == 1)
        raw = data.get("history", [])
        if not isinstance(raw, list):
            raise StateError("state history is not a list")
        for entry in (_legacy_entries(raw) if version == 1 else _run_entries(raw)):
            state.record(entry)
        return state


def _legacy_entries(raw: list):
    for item in raw:
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
            raise StateError("state history has a malformed entry")
        yield HistoryEntry(*item)


def _run_entries(raw: list):
    for run in raw:
        if not (isinstance(run, list) and len(run) >= 2 and all(isinstance(x, str) for x in run)):
            raise StateError("state history has a malformed entry")
        node = run[0]
        for key in run[1:]:
            if key.startswith(CHOICE_MARK):
                yield HistoryEntry("choice", node, key[len(CHOICE_MARK):])
            else:
                yield HistoryEntry("line", node, key)
