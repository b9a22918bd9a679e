"""Carry a saved state across story edits instead of refusing it.

ink and Ren'Py saves break when the story is edited; ours land at the same line, found by
its identity (game.engine.identity), however the other lines of its node were inserted,
deleted or reordered. When that line itself is gone (its text was edited, which makes it a
new line), the game resumes at its old place in the node; when the node is gone, at the start
of its chapter, else of the story. New variables take their defaults (hidden ones, which count
visits and once-only choices, are rebuilt from the history), removed ones are dropped, and
every adjustment the player would notice is reported in one line. Version-1 saves, which only
knew list positions, have their positions and history mapped to identities here, once.
"""

from __future__ import annotations

from game.engine.identity import anchor, authored_position, legacy_key, place
from game.engine.model import Node, Story
from game.engine.runtime import Runtime
from game.engine.state import GameState, HistoryEntry, StateError


def stamp(story: Story, state: GameState, settle: bool = False) -> GameState:
    """A copy of `state` with the identity of its position filled in; with `settle`, first
    moved on to the line it shows next (past skipped lines and effects), so that the identity
    is that line's own: what a player's save keeps."""
    out = Runtime(story, state).settled() if settle else state.copy()
    out.choice_key, out.line_key = anchor(story, out)
    return out


def fit_state(state: GameState, story: Story, chapter_hint: str = "", old: Story | None = None) -> tuple[GameState, list[str]]:
    """A copy of `state` that this story can play, and what had to change (empty if nothing).

    `old`: the story version the state was played in (a hot reload), to read its identity from.
    """
    if old is not None and state.line_key is None and not state.legacy:
        try:
            state = stamp(old, state)
        except StateError:
            pass
    notes: list[str] = []
    fitted = state.copy()
    node = story.nodes.get(state.node)
    if state.legacy:
        fitted.history, fitted.history_len = None, 0
        for entry in _legacy_history(story, state):
            fitted.record(entry)
    if node is None:
        chapter = next((c for c in story.chapters if c.id == chapter_hint and c.node_ids), None)
        target = chapter.node_ids[0] if chapter else story.start
        where = f"the start of chapter '{chapter.title}'" if chapter else "the start of the story"
        notes.append(f"the scene you saved in was removed from the story; resuming at {where}")
        fitted.node, fitted.pos, fitted.choice, fitted.entered, fitted.ended = target, 0, None, False, None
    else:
        note = _position(fitted, state, node)
        if note:
            notes.append(note)
    if fitted.ended is not None and fitted.ended not in story.endings:
        notes.append("that ending no longer exists; resuming at the start of the scene")
        fitted.ended, fitted.pos, fitted.choice = None, 0, None
    note = _variables(fitted, state, story)
    if note:
        notes.append(note)
    return fitted, notes


def _position(fitted: GameState, state: GameState, node: Node) -> str | None:
    """Put `fitted` at the saved line in this version of the node; a note if it moved."""
    if state.legacy:
        choice = state.choice if state.choice is None or state.choice < len(node.choices) else None
        if choice != state.choice:
            fitted.pos, fitted.choice = 0, None
            return "the story changed here; resuming at the start of this scene"
        fitted.choice, fitted.pos = choice, authored_position(node, choice, state.pos)
        return None
    if state.line_key is None:  # no identity: the position is taken as it is, if it still fits
        steps = None
        if state.choice is None:
            steps = node.lines
        elif state.choice < len(node.choices):
            steps = node.choices[state.choice].lines
        if steps is None or state.pos > len(steps):
            fitted.pos, fitted.choice = 0, None
            return "the story changed here; resuming at the start of this scene"
        return None
    choice, pos, _exact = place(node, state.choice_key, state.line_key, state.pos, state.choice)
    if state.choice_key is not None and choice is None:
        fitted.pos, fitted.choice = 0, None
        return "the story changed here; resuming at the start of this scene"  # the option is gone
    # Decision: a line whose own text was edited is a new line; the game resumes at its old place
    # (`exact` false) without a note, as nothing the player did is lost.
    fitted.choice, fitted.pos = choice, pos
    return None


def _legacy_history(story: Story, state: GameState):
    """Version-1 history entries (line "3", reply line "c1.0", choice "1") as identities."""
    for entry in state.history_list():
        node = story.nodes.get(entry.node)
        key = None if node is None else legacy_key(node, entry.kind, entry.key)
        if key is not None:
            yield HistoryEntry(entry.kind, entry.node, key)


def _variables(fitted: GameState, state: GameState, story: Story) -> str | None:
    new_vars: dict[str, int | bool] = {}
    added, changed = [], []
    rebuilt = _from_history(fitted, story)
    for name, var in story.variables.items():
        value = state.vars.get(name)
        if value is None:
            if var.hidden:
                new_vars[name] = var.clamp(rebuilt.get(name, var.start))
                continue
            added.append(name)
            new_vars[name] = var.start
        elif (var.type == "bool") != isinstance(value, bool):
            changed.append(name)
            new_vars[name] = var.start
        else:
            new_vars[name] = var.clamp(value)
    dropped = sorted(n for n in set(state.vars) - set(story.variables) if "(" not in n)  # hidden names hold "("
    fitted.vars = new_vars
    if not (added or changed or dropped):
        return None
    return "the story's variables changed (" + "; ".join(
        part for part in (
            f"new: {', '.join(sorted(added))}" if added else "",
            f"reset: {', '.join(changed)}" if changed else "",
            f"dropped: {', '.join(dropped)}" if dropped else "",
        ) if part) + ")"


def _from_history(state: GameState, story: Story) -> dict[str, int | bool]:
    """What the hidden variables would be, judged from the history (for saves made before they existed)."""
    from game.engine.expr import hidden_name
    from game.engine.lowering import once_name

    out: dict[str, int | bool] = {}
    last = None
    for entry in state.history_list():
        if entry.node != last:
            out[hidden_name("visits", entry.node)] = int(out.get(hidden_name("visits", entry.node), 0)) + 1
            out[hidden_name("seen", entry.node)] = True
            last = entry.node
        if entry.kind == "choice":
            out[once_name(entry.node, entry.key)] = True
    here = hidden_name("visits", state.node)
    if last == state.node and state.choice is None and state.pos == 0 and here in out:
        out[here] = int(out[here]) - 1  # its counting step has not run yet: it will count this visit
        out[hidden_name("seen", state.node)] = out[here] > 0
    return out
