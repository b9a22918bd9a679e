"""Liveness: variables nothing on any way on can read are given a fixed value at each arrival.

It must change no result the explorer proves (endings, shortest walkthrough lengths, soft-locks,
dead parts, what is reached), only how many states it has to tell apart; and the values it
reports must be values a player can really have."""

from __future__ import annotations

import pytest
from authoringkit import random_story
from test_explore_engines import walk

from game.authoring.explore import explore
from game.authoring.liveness import live_variables
from game.engine import EndEvent, load_story
from game.engine.loader import load_story_files


def proven(result) -> tuple:
    """Everything the explorer proves, without the state counts and values liveness may change."""
    return (
        result.complete,
        {e: (r.reachable, len(r.choices)) for e, r in result.endings.items()},
        sorted((lock.kind, tuple(lock.nodes), len(lock.choices), lock.no_return is None) for lock in result.soft_locks),
        [(d.severity, d.code, d.loc) for d in result.diagnostics()],
        result.nodes_reached, result.options_offered, result.arms_taken, result.exit_code,
    )


@pytest.mark.parametrize("format2", [False, True], ids=["v1", "format2"])
@pytest.mark.parametrize("seed", range(0, 250, 3))
def test_liveness_changes_no_result_on_random_stories(tmp_path, seed, format2):
    story, diagnostics = load_story_files(random_story(tmp_path / "s", seed, format2), warnings=False)
    assert story is not None, [d.format() for d in diagnostics]
    for method in ("symbolic", "states"):
        live = explore(story, method=method)
        literal = explore(story, method=method, liveness=False)
        assert proven(live) == proven(literal)
        assert live.states <= literal.states and live.choice_states <= literal.choice_states
        for name, info in live.variables.items():  # only values a player can really have
            assert set(info["values"]) <= set(literal.variables[name]["values"])
        for eid, rep in live.endings.items():
            for name, values in rep.vars.items():
                assert set(values) <= set(literal.endings[eid].vars[name])
            if rep.reachable:
                event, _ = walk(story, rep.choices)
                assert isinstance(event, EndEvent) and event.ending == eid


def write_story(folder, nodes: str) -> None:
    folder.mkdir()
    (folder / "story.yaml").write_text(
        "title: T\nstart: a\ncharacters:\n  n: {name: N}\n"
        "variables:\n  noise: {start: 0, min: 0, max: 9}\n  trust: {start: 0, min: 0, max: 3}\n"
        "endings:\n  good: {title: G, summary: S}\n  bad: {title: B, summary: S}\nchapters: [one.yaml]\n",
        encoding="utf-8")
    (folder / "one.yaml").write_text("chapter: one\ntitle: One\nnodes:\n" + nodes, encoding="utf-8")


# `noise` is counted up in the hub and read once, at `check`; after that it is dead. The hub's
# once-only flags are dead once the hub is left for good.
DEAD_AFTER_CHECK = """\
  a:
    lines:
      - n: Start.
    choices:
      - text: Make noise.
        once: true
        set: noise += 3
        goto: a
      - text: Listen.
        once: true
        set: trust += 1
        goto: a
      - text: Go on.
        goto: check
  check:
    lines:
      - n: Loud.
        if: noise >= 3
    next: hub
  hub:
    lines:
      - n: A room.
    choices:
      - text: Knock.
        set: noise += 1
        goto: hub
      - text: Wait.
        set: trust += 1
        goto: hub
      - text: Leave.
        goto: door
  door:
    branch:
      - if: trust >= 2
        goto: end_good
      - goto: end_bad
  end_good:
    ending: good
  end_bad:
    ending: bad
"""


def test_a_dead_variable_no_longer_multiplies_states(tmp_path):
    write_story(tmp_path / "s", DEAD_AFTER_CHECK)
    story = load_story(tmp_path / "s")
    live = live_variables(story)
    assert "noise" in live["a"] and "noise" in live["check"]
    assert "noise" not in live["hub"] and "trust" in live["hub"]  # knocking is a write nothing reads
    assert live["end_good"] == frozenset() and live["door"] == {"trust"}
    assert not any(name.startswith("once(") for name in live["check"])  # the flags die with the hub
    for method in ("symbolic", "states"):
        fast = explore(story, method=method)
        literal = explore(story, method=method, liveness=False)
        assert proven(fast) == proven(literal)
        # literally: every noise 0..9 (knocking) times trust 0..3 in the hub; up to liveness only trust
        assert fast.states < literal.states
        hub_states = literal.variables["noise"]["values"]
        assert len(hub_states) == 10 and fast.variables["noise"]["values"] == [0, 3]
        assert fast.endings["good"].reachable and len(fast.endings["good"].choices) == len(literal.endings["good"].choices)
    assert explore(story, method="symbolic").states == explore(story, method="states").states


def test_a_write_to_a_live_variable_keeps_what_it_reads_live(tmp_path):
    write_story(tmp_path / "s", """\
  a:
    lines:
      - set: trust = noise
      - set: noise = 0
    branch:
      - if: trust >= 1
        goto: end_good
      - goto: end_bad
  end_good:
    ending: good
  end_bad:
    ending: bad
""")
    story = load_story(tmp_path / "s")
    assert live_variables(story)["a"] == {"noise"}  # `trust = noise` kills trust and reads noise


def test_a_variable_nothing_reads_is_reported_as_never_read(tmp_path):
    from game.authoring.explore import format_text

    write_story(tmp_path / "s", """\
  a:
    choices:
      - text: Knock.
        set: noise += 1
        goto: a
      - text: Go.
        goto: b
  b:
    branch:
      - if: trust >= 1
        goto: end_good
      - goto: end_bad
  end_good:
    ending: good
  end_bad:
    ending: bad
""")
    story = load_story(tmp_path / "s")
    lines = format_text(explore(story)).splitlines()
    assert any(line.split()[:2] == ["noise", "(never"] for line in lines)
    assert explore(story).states == 3  # a, b and end_bad: all the knocks are one state
    assert explore(story, liveness=False).variables["noise"]["values"] == list(range(10))
