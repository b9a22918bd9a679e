"""What the explorer's report says about the parts of a story it did not reach: options, arms
and lines never played (coverage), why an ending is unreachable, and the unreached nodes
grouped into the regions a writer would look at together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.authoring.explorereport import _range_text, _short
from game.engine.diagnostics import Diagnostic, Loc, warning
from game.engine.model import Story

if TYPE_CHECKING:
    from game.authoring.explore import Facts


def note(loc: Loc, message: str, code: str = "") -> Diagnostic:
    """An explanation attached to the error before it (printed as `PATH:LINE:COL: note: ...`)."""
    return Diagnostic(loc, "note", message, code)


def regions(story: Story, nodes: set[str]) -> list[list[str]]:
    """The nodes grouped by the story's links between them, each group in story order."""
    order = {n: i for i, n in enumerate(story.nodes)}
    links: dict[str, set[str]] = {n: set() for n in nodes}
    for n in nodes:
        for target, _ in story.nodes[n].targets():
            if target in nodes:
                links[n].add(target)
                links[target].add(n)
    out = []
    seen: set[str] = set()
    for n in sorted(nodes, key=order.__getitem__):
        if n in seen:
            continue
        group, todo = [], [n]
        seen.add(n)
        while todo:
            m = todo.pop()
            group.append(m)
            for k in links[m]:
                if k not in seen:
                    seen.add(k)
                    todo.append(k)
        out.append(sorted(group, key=order.__getitem__))
    return out


def coverage(story: Story, f: Facts) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for node in story.nodes.values():
        if node.id not in f.entered:
            out.append(warning(node.loc, f"node '{node.id}' is never reached in any playthrough", "never-reached"))
            continue
        for choice in node.choices:
            if (node.id, choice.index) not in f.offered:
                cond = f" (if {choice.cond.source})" if choice.cond is not None else ""
                out.append(warning(choice.loc, f"option {choice.index + 1} of '{node.id}' \"{_short(choice.text)}\"{cond} "
                                               "is never available", "never-offered"))
        for i, arm in enumerate(node.branch):
            if (node.id, i) not in f.arms:
                what = f"'if {arm.cond.source}'" if arm.cond is not None else "the fallback"
                out.append(warning(arm.loc, f"branch {i + 1} of '{node.id}' ({what} -> {arm.goto}) is never taken", "never-taken"))
        for choice_index, lines in [(None, node.lines)] + [(c.index, c.lines) for c in node.choices]:
            if choice_index is not None and (node.id, choice_index) not in f.offered:
                continue
            for line in lines:
                if line.cond is not None and line.text is not None and (node.id, line.key) not in f.shown:
                    out.append(warning(line.loc, f"this line of '{node.id}' is never shown (if {line.cond.source} never holds here)",
                                       "never-shown"))
    return out


def why_unreached(story: Story, f: Facts, ending_id: str) -> list[Diagnostic]:
    """Point at the links into the ending's node(s) that are never followed, with the values seen there."""
    out: list[Diagnostic] = []
    targets = [n.id for n in story.nodes.values() if n.ending == ending_id]
    if not targets:
        return [note(story.endings[ending_id].loc, f"no node has 'ending: {ending_id}'", "unreachable-ending")]
    names = tuple(story.variables)
    for target in targets:
        for node in story.nodes.values():
            for loc, what, cond in links_into(node, target):
                if node.id not in f.entered:
                    out.append(note(loc, f"'{target}' is reached from '{node.id}', which is never reached itself", "unreachable-ending"))
                    continue
                seen = f.node_values(node.id)
                shown = ""
                if seen is not None and cond is not None:
                    shown = ", ".join(f"{name} {_range_text(vals)}" for name, vals in zip(names, seen) if name in cond.names)
                because = f"; at '{node.id}' the story only ever has {shown}" if shown else ""
                cond_text = f" (if {cond.source})" if cond is not None else ""
                out.append(note(loc, f"{what} of '{node.id}' to '{target}'{cond_text} is never taken{because}", "unreachable-ending"))
    return out


def links_into(node, target: str) -> list[tuple[Loc, str, object]]:
    """(where, what, condition) of each of the node's exits that can lead to `target`."""
    out = []
    for way in node.exits():
        if way.target != target or not way.to_node or not way.possible:
            continue
        if way.kind == "choice":
            choice = node.choices[way.index]
            out.append((choice.loc, f"option \"{_short(choice.text)}\"", way.cond))
        elif way.kind == "branch":
            out.append((way.loc, f"branch {way.index + 1}", way.cond))
        else:
            out.append((way.loc, "'next' (taken when no option is open)" if way.kind == "fallback" else "'next'", None))
    return out
