"""The game state as plain data: where the player is, the variables, and what was seen.

History is an immutable linked list so that snapshots (taken at every line for rollback)
share it instead of copying it. `to_json`/`from_json` are the only save format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

STATE_VERSION = 1


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


def _same(entry: HistoryEntry) -> HistoryEntry:
    return entry


_walked: dict[Callable, tuple[tuple | None, list]] = {}  # conversion: (newest cell, converted list, oldest first)


def converted_history(head: tuple | None, convert: Callable[[HistoryEntry], Any]) -> list:
    """`convert` of every entry, oldest first, walking only the cells added since the last call.

    Saves happen all through a playthrough (every chapter start): walking and converting the
    whole history each time would make a playthrough cost the square of its length. The list
    returned is shared with the next call: read it, never change it.
    """
    last_head, last = _walked.get(convert, (None, []))
    fresh = []
    cell = head
    while cell is not None and cell is not last_head:
        fresh.append(convert(cell[0]))
        cell = cell[1]
    fresh.reverse()
    out = last + fresh if cell is not None or last_head is None else fresh  # else: another line of play
    _walked[convert] = (head, out)
    return out


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

    def copy(self) -> GameState:
        return GameState(self.node, dict(self.vars), self.pos, self.choice, self.ended,
                         self.entered, self.scene, self.music, self.history, self.history_len)

    def record(self, entry: HistoryEntry) -> None:
        self.history = (entry, self.history)
        self.history_len += 1

    def history_list(self) -> list[HistoryEntry]:
        return list(converted_history(self.history, _same))

    def key(self) -> tuple:
        """What makes two states play the same from here on (history aside)."""
        return (self.node, self.pos, self.choice, self.ended, self.entered, tuple(sorted(self.vars.items())))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "node": self.node,
            "pos": self.pos,
            "choice": self.choice,
            "ended": self.ended,
            "entered": self.entered,
            "scene": self.scene,
            "music": self.music,
            "vars": dict(self.vars),
            "history": converted_history(self.history, HistoryEntry.to_json),
        }

    @classmethod
    def from_json(cls, data: Any) -> GameState:
        """Rebuild a state from JSON data, checking types (not the story; see Runtime.restore)."""
        if not isinstance(data, dict):
            raise StateError("state is not an object")
        version = data.get("version")
        if version != STATE_VERSION:
            raise StateError(f"state version {version!r} is not supported (expected {STATE_VERSION})")
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
        state = cls(node, dict(variables), pos, choice, ended, entered, scene, music)
        raw = data.get("history", [])
        if not isinstance(raw, list):
            raise StateError("state history is not a list")
        for item in raw:
            if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
                raise StateError("state history has a malformed entry")
            state.record(HistoryEntry(*item))
        return state
