"""Every consumer of the story's events handles every kind: `match` ending in `assert_never`.

The test reads the source: each `match` over events whose last arm is `assert_never` must
name every event the runtime can give (an arrival may be left to the session, which turns
arrivals into chapter starts), and the consumers below must switch that way. A new event
type in `game.engine.runtime.Event` fails here until every consumer handles it.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from game.controller.session import Shown
from game.engine.runtime import Event
from game.exhaustive import assert_never

ROOT = Path(__file__).resolve().parents[1]
EVENTS = {t.__name__ for t in typing.get_args(Event)}
SHOWN = {t.__name__ for t in typing.get_args(Shown)}
CONSUMERS = {  # file -> functions that must switch over events exhaustively
    "game/controller/session.py": {"_show_next", "rollforward"},
    "game/ui/screens/play.py": {"_show"},
    "game/textplayer.py": {"_play"},
}


def _class_names(pattern: ast.pattern) -> set[str]:
    if isinstance(pattern, ast.MatchClass):
        return {pattern.cls.id if isinstance(pattern.cls, ast.Name) else pattern.cls.attr}
    if isinstance(pattern, ast.MatchOr):
        return set().union(*(_class_names(p) for p in pattern.patterns))
    return set()


def _exhaustive_matches(tree: ast.AST) -> list[tuple[str, set[str]]]:
    """(enclosing function, the classes its arms name) for every match ending in assert_never."""
    out = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if not isinstance(node, ast.Match):
                continue
            last = node.cases[-1].body[-1]
            call = last.value if isinstance(last, ast.Expr) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "assert_never":
                out.append((func.name, set().union(*(_class_names(c.pattern) for c in node.cases))))
    return out


def test_the_shown_events_are_the_runtimes_events_but_arrivals():
    assert SHOWN == EVENTS - {"EnterEvent"}


@pytest.mark.parametrize("path", sorted(CONSUMERS))
def test_each_consumer_switches_over_every_event(path):
    found = _exhaustive_matches(ast.parse((ROOT / path).read_text(encoding="utf-8")))
    assert CONSUMERS[path] <= {name for name, _ in found}, f"{path} lacks an exhaustive match in {CONSUMERS[path]}"
    for name, classes in found:
        events = classes & EVENTS
        assert events in (SHOWN, EVENTS), f"{path}:{name} handles {sorted(events)}, not every event"


def test_every_exhaustive_match_in_the_game_covers_all_events():
    for path in sorted((ROOT / "game").rglob("*.py")):
        for name, classes in _exhaustive_matches(ast.parse(path.read_text(encoding="utf-8"))):
            events = classes & EVENTS
            if events:
                assert events in (SHOWN, EVENTS), f"{path.relative_to(ROOT)}:{name} leaves out {sorted(SHOWN - events)}"


def test_assert_never_fails_loudly_at_run_time():
    with pytest.raises(AssertionError, match="unhandled object"):
        assert_never(object())  # type: ignore[arg-type]
