"""Stable identities for lines and choices, so saves and read marks survive edits to a node.

A line's or choice's identity (its `key`) is its written `id:` when it has one, otherwise one
derived from its speaker and text: `speaker~hash` (`choice~hash` for an option, `set~hash`
for an effect step), with `.2`, `.3`... for repeats of the same text in the node. Written ids
are `[a-z0-9_]+`, derived ones always hold a `~`, so the two never collide. Inserting,
deleting or reordering other lines keeps a key; editing its own text makes it a new line.

A position in the story is kept as (node, choice key, line key) with list indexes only as
hints: `anchor` turns a state into that, `place` finds it again in (another version of) the
story.
"""

from __future__ import annotations

import hashlib
import re

from game.engine.model import Node, Story
from game.engine.state import END_KEY, GameState

ID = re.compile(r"^[a-z0-9_]+$")
ENTER_KEY = "~enter"  # the hidden step the loader puts first in a node whose visits are counted


def derived_key(kind: str, text: str) -> str:
    """`kind~hash` of the text: kind is the speaker, `choice` or `set`."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()
    return f"{kind}~{digest}"


class KeyMaker:
    """Hands out keys for one node in file order, numbering repeated texts."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def key(self, written: str | None, kind: str, text: str) -> str:
        if written is not None:
            return written
        base = derived_key(kind, text)
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}.{n}"


def steps_of(node: Node, choice: int | None):
    """The steps the state's position counts in: the node's lines or a choice's reply lines."""
    return node.lines if choice is None else node.choices[choice].lines


def anchor(story: Story, state: GameState) -> tuple[str | None, str | None]:
    """(choice key, line key) of the state's position: END_KEY after the last step, and
    (None, None) for a position this story does not have (then only the indexes are kept)."""
    node = story.nodes.get(state.node)
    if node is None or (state.choice is not None and state.choice >= len(node.choices)):
        return None, None
    choice_key = None if state.choice is None else node.choices[state.choice].key
    steps = steps_of(node, state.choice)
    if state.pos > len(steps):
        return None, None
    return choice_key, steps[state.pos].key if state.pos < len(steps) else END_KEY


def place(node: Node, choice_key: str | None, at: str | None, pos_hint: int, choice_hint: int | None) -> tuple[int | None, int, bool]:
    """(choice index, position, found exactly) for an anchor in this version of the node."""
    choice = None
    if choice_key is not None:
        choice = next((c.index for c in node.choices if c.key == choice_key), None)
        if choice is None:
            return None, 0, False
    steps = steps_of(node, choice)
    if at == END_KEY:
        return choice, len(steps), True
    if at == ENTER_KEY and choice is None:  # at the arrival, before the visit was counted
        return choice, 0, True
    for i, line in enumerate(steps):
        if line.key == at:
            if all(s.hidden for s in steps[:i]):
                i = 0  # nothing written before it: the arrival, so a counting step added since runs too
            return choice, i, True
    return choice, min(pos_hint, len(steps)), False


def authored_position(node: Node, choice: int | None, legacy_pos: int) -> int:
    """A version-1 save's position (counted over written steps only) in today's steps; at 0 the
    hidden counting step, if the node has one now, is still to run."""
    if legacy_pos == 0:
        return 0
    steps = steps_of(node, choice)
    written = [i for i, line in enumerate(steps) if not line.hidden]
    return written[legacy_pos] if legacy_pos < len(written) else len(steps)


def legacy_key(node: Node, kind: str, key: str) -> str | None:
    """A version-1 key (line "3", reply line "c1.0", choice "1": list positions over what was
    written) as today's identity in this node, or None when the position is gone."""
    try:
        if kind == "choice":
            return node.choices[int(key)].key
        if key.startswith("c"):
            c, _, i = key[1:].partition(".")
            return [x for x in node.choices[int(c)].lines if not x.hidden][int(i)].key
        return [x for x in node.lines if not x.hidden][int(key)].key
    except (ValueError, IndexError):
        return None
