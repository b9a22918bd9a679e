"""Debug starts shared by the window and the terminal: `--from NODE`, `--set VAR=VALUE`."""

from __future__ import annotations

from game.engine.model import Story
from game.engine.state import GameState


def parse_value(story: Story, assignment: str) -> tuple[str, int | bool]:
    """`name=value` checked against the declared variable; ValueError with a clear message."""
    name, sep, raw = assignment.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not name:
        raise ValueError(f"--set takes VAR=VALUE, not '{assignment}'")
    var = story.variables.get(name)
    if var is None or var.hidden:  # visits(), seen() and once are the story's own memory, not settable
        raise ValueError(f"--set: '{name}' is not a declared variable")
    if var.type == "bool":
        if raw.lower() not in ("true", "false"):
            raise ValueError(f"--set: '{name}' is true/false, not '{raw}'")
        return name, raw.lower() == "true"
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"--set: '{name}' is a whole number, not '{raw}'") from None
    return name, var.clamp(value)  # decision: out of range is clamped, as after any effect


def debug_state(story: Story, from_node: str | None, sets: list[str]) -> GameState | None:
    """A fresh state at `from_node` with `sets` applied, or None when neither is given."""
    if not from_node and not sets:
        return None
    node = from_node or story.start
    if node not in story.nodes:
        raise ValueError(f"--from: '{node}' is not a node of this story")
    state = GameState(node, story.initial_vars())
    for assignment in sets:
        name, value = parse_value(story, assignment)
        state.vars[name] = value
    return state
