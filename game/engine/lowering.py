"""Format 2's memory constructs turned into plain variables and effects, once, at load time.

`once: true`, `visits(NODE)` and `seen(NODE)` become hidden, bounded variables (names like
`visits(hub)`, which no declared variable can have) and ordinary effects, so the runtime,
saves and both explorer engines play them with no special case:

- `visits(N)`: an int from 0 that a hidden first step of N (`+= 1`) counts up on every
  arrival, clamped just above the largest number it is compared with anywhere (comparing
  with 3 needs 0..4: "more than 3" is all that matters beyond), so the state space stays finite.
- `seen(N)`: a bool the same hidden step sets to true.
- `once: true`: a bool per choice, set by the choice's effects and tested in its condition.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine.diagnostics import Diagnostic, Loc, error
from game.engine.expr import BOOL, INT, Assignment, Effects, Expr, hidden_name
from game.engine.identity import ENTER_KEY
from game.engine.model import Line, Node, Variable


def once_name(node_id: str, key: str) -> str:
    return f"once({node_id}.{key})"


def _const(value: int | bool) -> Expr:
    return Expr("true" if value is True else str(value), BOOL if isinstance(value, bool) else INT, frozenset(), lambda env: value)


ONCE_SUFFIX = " (once)"


def once_test(flag: str, cond: Expr | None) -> Expr:
    """A once-only choice's condition: open while its flag is unset (and its own `if` holds)."""
    if cond is None:
        return Expr("once", BOOL, frozenset((flag,)), lambda env: not env[flag])
    run = cond.run
    return Expr(cond.source + ONCE_SUFFIX, BOOL, cond.names | {flag}, lambda env: not env[flag] and run(env),
                cond.calls, cond.limits)


def once_parts(test: Expr) -> tuple[str, str | None] | None:
    """(flag, the choice's own condition's source or None) of a `once_test`, else None; what the
    compiled story keeps to make the same test again (game.engine.modelcodec)."""
    flags = [n for n in test.names if n.startswith("once(")]
    if len(flags) != 1:
        return None
    if test.source == "once":
        return flags[0], None
    if test.source.endswith(ONCE_SUFFIX):
        return flags[0], test.source[: -len(ONCE_SUFFIX)]
    return None


def lower_once(node_id: str, key: str, cond: Expr | None, effects: Effects | None) -> tuple[Expr, Effects]:
    """A once-only choice: open while its flag is unset (and its own `if` holds); taking it sets the flag."""
    flag = once_name(node_id, key)
    test = once_test(flag, cond)
    mark = Assignment(flag, "=", _const(True))
    if effects is None:
        return test, Effects(f"{flag} = true", (mark,))
    return test, Effects(effects.source, (mark, *effects.assignments))


def once_variables(nodes: dict[str, Node]) -> dict[str, Variable]:
    return {
        once_name(node.id, c.key): Variable(once_name(node.id, c.key), BOOL, False, None, None, c.loc, hidden=True)
        for node in nodes.values() for c in node.choices if c.once
    }


def lower_calls(nodes: dict[str, Node], calls: list[tuple[object, Loc]], suggest) -> tuple[dict[str, Variable], list[Diagnostic]]:
    """Hidden variables for every visits()/seen() of an existing node, and each node's counting step.

    Replaces the counted nodes in `nodes` (a hidden step first in their lines); a call of a
    node that does not exist is an error at the node name, with a suggestion.
    """
    findings: list[Diagnostic] = []
    counted: dict[str, set[str]] = {}
    limits: dict[str, int] = {}
    for expr, loc in calls:
        for func, node_id, offset in expr.calls:
            if node_id not in nodes:
                findings.append(error(loc.shifted(offset), f"{func}(): '{node_id}' is not a node{suggest(node_id)}", "missing-node"))
                continue
            counted.setdefault(node_id, set()).add(func)
        for node_id, k in expr.limits:
            limits[node_id] = max(limits.get(node_id, 0), k)
    hidden: dict[str, Variable] = {}
    for node_id, node in list(nodes.items()):
        funcs = counted.get(node_id)
        if not funcs:
            continue
        assignments = []
        for func in ("visits", "seen"):
            if func not in funcs:
                continue
            name = hidden_name(func, node_id)
            if func == "visits":
                hidden[name] = Variable(name, INT, 0, 0, max(limits.get(node_id, 0), 0) + 1, node.loc, hidden=True)
                assignments.append(Assignment(name, "+=", _const(1)))
            else:
                hidden[name] = Variable(name, BOOL, False, None, None, node.loc, hidden=True)
                assignments.append(Assignment(name, "=", _const(True)))
        source = "; ".join(f"{a.target} {a.op} {a.value.source}" for a in assignments)
        step = Line(ENTER_KEY, None, None, "normal", None, None, Effects(source, tuple(assignments)), node.loc, hidden=True)
        nodes[node_id] = replace(node, lines=(step, *node.lines))
    return hidden, findings
