"""Carry a saved state across story edits instead of refusing it.

ink and Ren'Py saves break when the story is edited; ours land at the nearest safe point:
the same line if it still exists, else the start of the node, else the start of its chapter,
else the start of the story. New variables take their defaults, removed ones are dropped,
and every adjustment is reported in one line for the player.
"""

from __future__ import annotations

from game.engine.model import Story
from game.engine.state import GameState


def fit_state(state: GameState, story: Story, chapter_hint: str = "") -> tuple[GameState, list[str]]:
    """A copy of `state` that this story can play, and what had to change (empty if nothing)."""
    state = state.copy()
    notes: list[str] = []
    node = story.nodes.get(state.node)
    if node is None:
        chapter = next((c for c in story.chapters if c.id == chapter_hint and c.node_ids), None)
        target = chapter.node_ids[0] if chapter else story.start
        where = f"the start of chapter '{chapter.title}'" if chapter else "the start of the story"
        notes.append(f"the scene you saved in was removed from the story; resuming at {where}")
        state.node, state.pos, state.choice, state.entered, state.ended = target, 0, None, False, None
        node = story.nodes[target]
    else:
        steps = None
        if state.choice is not None:
            steps = node.choices[state.choice].lines if state.choice < len(node.choices) else None
        else:
            steps = node.lines
        if steps is None or state.pos > len(steps):
            notes.append("the story changed here; resuming at the start of this scene")
            state.pos, state.choice = 0, None
    if state.ended is not None and state.ended not in story.endings:
        notes.append("that ending no longer exists; resuming at the start of the scene")
        state.ended, state.pos, state.choice = None, 0, None
    new_vars: dict[str, int | bool] = {}
    added, changed = [], []
    for name, var in story.variables.items():
        value = state.vars.get(name)
        if value is None:
            added.append(name)
            new_vars[name] = var.start
        elif (var.type == "bool") != isinstance(value, bool):
            changed.append(name)
            new_vars[name] = var.start
        else:
            new_vars[name] = var.clamp(value)
    dropped = sorted(set(state.vars) - set(story.variables))
    if added or changed or dropped:
        notes.append("the story's variables changed (" + "; ".join(
            part for part in (
                f"new: {', '.join(sorted(added))}" if added else "",
                f"reset: {', '.join(changed)}" if changed else "",
                f"dropped: {', '.join(dropped)}" if dropped else "",
            ) if part) + ")")
    state.vars = new_vars
    return state, notes
