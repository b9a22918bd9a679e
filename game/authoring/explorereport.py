"""The texts `her explore` prints: the report a writer reads and a playtests file to start from.

Made from an Exploration (game.authoring.explore), which knows nothing of how it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.model import Story

if TYPE_CHECKING:
    from game.authoring.explore import Exploration


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _range_text(values) -> str:
    values = sorted(values)
    if values and all(isinstance(v, bool) for v in values):
        return " or ".join("true" if v else "false" for v in values)
    if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}..{values[-1]}"
    return "in {" + ", ".join(map(str, values)) + "}"


def _value_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def format_text(result: Exploration, relative_to: str | None = None) -> str:
    """The report a writer reads: endings with walkthroughs, variables, findings, a verdict."""
    story = result.story
    lines = []
    status = "complete" if result.complete else f"INCOMPLETE: stopped at --max-states {result.max_states}"
    lines.append(f"{story.title}: {result.states:,} distinct states ({result.choice_states:,} at choice points), "
                 f"{len(result.nodes_reached)}/{len(story.nodes)} nodes reached, {result.seconds:.2f} s, {status}")
    start = result.start
    initial = story.initial_vars()
    if start.node != story.start or dict(start.vars) != initial:
        changed = " ".join(f"--set {k}={_value_text(v)}" for k, v in start.vars.items() if initial.get(k) != v)
        lines.append(f"from: --from {start.node} {changed}".rstrip())
    lines.append("")
    lines.append("endings:")
    width = max((len(e) for e in result.endings), default=0)
    for rep in result.endings.values():
        if rep.reachable:
            n = len(rep.choices)
            lines.append(f"  {rep.id:<{width}}  reachable, {n} choice{'' if n == 1 else 's'}: --choices {rep.walkthrough or '(none)'}")
        elif result.complete:
            lines.append(f"  {rep.id:<{width}}  NEVER REACHED")
        else:
            lines.append(f"  {rep.id:<{width}}  not found before the bound (unknown)")
    lines.append("")
    lines.append("variables (values reached; declared range):" if result.variables else "variables: none")
    labels = _variable_labels(story)
    width = max((len(labels.get(v, v)) for v in result.variables), default=0)
    for name, info in result.variables.items():
        declared = ""
        if info["type"] == "int" and (info["declared_min"] is not None or info["declared_max"] is not None):
            lo = "" if info["declared_min"] is None else info["declared_min"]
            hi = "" if info["declared_max"] is None else info["declared_max"]
            declared = f"  ({lo}..{hi})"
        lines.append(f"  {labels.get(name, name):<{width}}  {_range_text(info['values']) if info['values'] else '(never read)'}{declared}")
    if result.doomed_states:
        lines.append("")
        lines.append(f"{result.doomed_states:,} state(s) can no longer reach any ending")
    diagnostics = result.diagnostics()
    if diagnostics:
        lines.append("")
        lines.extend(d.format(relative_to) for d in diagnostics)
    lines.append("")
    reachable = sum(e.reachable for e in result.endings.values())
    warnings_count = sum(d.severity == "warning" for d in diagnostics)
    verdict = {0: "ok", 1: "failed", 2: "incomplete"}[result.exit_code]
    tail = "" if result.complete else f"; stopped after {result.states:,} states, so unreachable parts are unknown (raise --max-states)"
    lines.append(f"explore {verdict}: {reachable}/{len(result.endings)} endings reachable, "
                 f"{len(result.soft_locks)} soft-lock(s), {warnings_count} warning(s){tail}")
    return "\n".join(lines)


def _variable_labels(story: Story) -> dict[str, str]:
    """A once-only choice's hidden flag named by its text (its key is a hash unless it has an id)."""
    from game.engine.lowering import once_name

    return {once_name(node.id, c.key): f'once({node.id}: "{_short(c.text, 30)}")'
            for node in story.nodes.values() for c in node.choices if c.once and c.id is None}


def playtests_yaml(result: Exploration) -> str:
    """A playtests file with the shortest walkthrough to every reachable ending."""
    out = ["# Made by `her explore --playtests`: the shortest way to each ending. Run with `her test`.", ""]
    start = result.start
    story = result.story
    initial = story.initial_vars()
    changed = {k: v for k, v in start.vars.items() if initial.get(k) != v}
    for rep in result.endings.values():
        if not rep.reachable:
            continue
        out.append(f"{rep.id}:")
        if start.node != story.start:
            out.append(f"  from: {start.node}")
        if changed:
            out.append("  set: {" + ", ".join(f"{k}: {_value_text(v)}" for k, v in changed.items()) + "}")
        out.append(f"  choices: [{', '.join(map(str, rep.choices))}]")
        out.append(f"  ending: {rep.id}")
        out.append("")
    return "\n".join(out)
