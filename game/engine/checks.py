"""Whole-story checks, one function per kind of finding, each returning diagnostics.

Errors make the story unplayable; warnings point at things a writer probably did not mean.
Checks that need the state space (reachable endings, soft-locks) live in the explorer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.engine.controls import check_control_characters
from game.engine.diagnostics import Diagnostic, Loc, error, warning
from game.engine.model import Story


def check_start(story: Story) -> list[Diagnostic]:
    if story.start and story.start not in story.nodes:
        return [error(story.start_loc or Loc(str(story.manifest)), f"start node '{story.start}' does not exist", "missing-node")]
    return []


def check_targets(story: Story) -> list[Diagnostic]:
    out = []
    for node in story.nodes.values():
        for target, loc in node.targets():
            if target not in story.nodes:
                out.append(error(loc, f"'{target}' is not a node{_near(target, story)}", "missing-node"))
    return out


def check_ways_out(story: Story) -> list[Diagnostic]:
    out = []
    for node in story.nodes.values():
        ways = [name for name, present in (
            ("choices", bool(node.choices)),
            ("branch", bool(node.branch)),
            ("ending", node.ending is not None),
            ("next", node.next is not None and not node.choices),
        ) if present]
        if not ways:
            out.append(error(node.loc, f"node '{node.id}' has no way out (choices, branch, next or ending)", "no-exit"))
        elif len(ways) > 1:
            out.append(error(node.loc, f"node '{node.id}' ends in more than one way ({' and '.join(ways)})", "many-exits"))
        if node.choices and node.next is None:
            for choice in node.choices:
                if choice.goto is None:
                    out.append(error(choice.loc, f"this choice has no 'goto' and node '{node.id}' has no 'next'", "no-exit"))
    return out


def check_ending_ids(story: Story) -> list[Diagnostic]:
    return [
        error(node.ending_loc or node.loc, f"'{node.ending}' is not a declared ending{_near(node.ending, story, story.endings)}", "unknown-ending")
        for node in story.nodes.values()
        if node.ending is not None and node.ending not in story.endings
    ]


def check_unreachable_nodes(story: Story) -> list[Diagnostic]:
    if story.start not in story.nodes:
        return []
    seen = {story.start}
    todo = [story.start]
    while todo:
        for target, _ in story.nodes[todo.pop()].targets():
            if target in story.nodes and target not in seen:
                seen.add(target)
                todo.append(target)
    return [warning(n.loc, f"node '{n.id}' can never be reached", "unreachable") for n in story.nodes.values() if n.id not in seen]


def _expressions(story: Story):
    for node in story.nodes.values():
        for line in _all_lines(node):
            yield line.cond, line.effects
        for choice in node.choices:
            yield choice.cond, choice.effects
        for arm in node.branch:
            yield arm.cond, None


def _all_lines(node):
    yield from node.lines
    for choice in node.choices:
        yield from choice.lines


def check_unused_variables(story: Story) -> list[Diagnostic]:
    read: set[str] = set()
    written: set[str] = set()
    for cond, effects in _expressions(story):
        if cond is not None:
            read |= cond.names
        if effects is not None:
            read |= {n for a in effects.assignments for n in a.value.names}
            written |= effects.writes
    out = []
    for var in story.variables.values():
        if var.hidden:  # made by the loader because something reads it
            continue
        if var.name not in read and var.name not in written:
            out.append(warning(var.loc, f"variable '{var.name}' is never used", "unused"))
        elif var.name not in read:
            out.append(warning(var.loc, f"variable '{var.name}' is set but never read by any condition", "unused"))
    return out


def check_unused_characters(story: Story) -> list[Diagnostic]:
    used = {line.speaker for node in story.nodes.values() for line in _all_lines(node)}
    return [warning(c.loc, f"character '{c.id}' never speaks", "unused") for c in story.characters.values() if c.id not in used]


def check_unused_endings(story: Story) -> list[Diagnostic]:
    used = {node.ending for node in story.nodes.values()}
    return [warning(e.loc, f"ending '{e.id}' has no node that reaches it", "unused") for e in story.endings.values() if e.id not in used]


def check_asset_ids(story: Story, root: Path) -> list[Diagnostic]:
    """Scene and music ids against the files in `root` (an assets folder: scenes/, music/)."""
    out = []
    for kind, attr in (("scenes", "scene"), ("music", "music")):
        folder = root / kind
        if not folder.is_dir():
            continue
        have = {p.stem for p in folder.iterdir() if p.is_file()}
        for node in story.nodes.values():
            value = getattr(node, attr)
            if value and not (attr == "music" and value == "none") and value not in have:  # only music has `none`
                out.append(warning(getattr(node, f"{attr}_loc") or node.loc, f"no {attr} '{value}' in assets/{kind}", "unknown-asset"))
    return out


def check_once_only_hubs(story: Story) -> list[Diagnostic]:
    """Every option once-only and no `next`: once all are taken, coming back here is a dead end."""
    return [
        warning(node.loc, f"every choice of node '{node.id}' is 'once' and it has no 'next': once all are taken, "
                          "the player is stuck here (add a choice without 'once', or a 'next')", "once-soft-lock")
        for node in story.nodes.values()
        if node.choices and node.next is None and all(c.once for c in node.choices)
    ]


ERROR_CHECKS: tuple[Callable[[Story], list[Diagnostic]], ...] = (check_start, check_targets, check_ways_out, check_ending_ids)
WARNING_CHECKS: tuple[Callable[[Story], list[Diagnostic]], ...] = (
    check_unreachable_nodes, check_unused_variables, check_unused_characters, check_unused_endings, check_once_only_hubs,
    check_control_characters,
)


UNUSED_CHECKS = (check_unused_variables, check_unused_characters, check_unused_endings)


def run_all(story: Story, warnings: bool = True, complete: bool = True, assets: Path | None = None) -> list[Diagnostic]:
    """Every check; `complete` is false when the loader had to drop broken pieces of the story.

    Decision: a story with broken pieces gets no "never used" warnings, since the only use of
    a name may sit in a line or condition that was dropped for an error (they return once it is fixed).
    """
    out: list[Diagnostic] = []
    for check in ERROR_CHECKS + (WARNING_CHECKS if warnings else ()):
        if complete or check not in UNUSED_CHECKS:
            out.extend(check(story))
    if warnings and assets is not None:
        out.extend(check_asset_ids(story, assets))
    return out


def _near(word: str, story: Story, pool=None) -> str:
    import difflib

    options = sorted(pool if pool is not None else story.nodes)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""
