"""Story format 2: once-only choices, visits()/seen(), id:, stable identity, Node.exits(), and
the lint findings for them at their exact line and column."""

from __future__ import annotations

import textwrap

import pytest
from storykit import MANIFEST, where

from game.engine import ChoiceEvent, EndEvent, EnterEvent, LineEvent, Runtime
from game.engine.debug import parse_value
from game.engine.identity import derived_key

HEAD = "chapter: c\ntitle: C\nnodes:\n"

HUB = HEAD + """\
  a:
    lines:
      - n: Ask me anything.
      - sam: Back again.
        if: visits(a) >= 3
      - sam: Like the fair.
        if: seen(fair)
        id: fair_echo
    choices:
      - text: City.
        once: true
        goto: a
      - text: Day.
        once: true
        if: x < 5
        set: x += 1
        goto: a
      - text: Fair.
        if: not seen(fair)
        goto: fair
    next: walk
  fair:
    lines:
      - n: Lights.
    next: a
  walk:
    lines:
      - n: Walk on.
    ending: done
"""


def run(rt: Runtime, picks: list[int]) -> list:
    """Play, answering choices with 1-based shown positions; the events up to the end."""
    out, picks = [], list(picks)
    for _ in range(500):
        event = rt.advance()
        out.append(event)
        if isinstance(event, ChoiceEvent):
            rt.choose(event.options[picks.pop(0) - 1].index)
        elif isinstance(event, EndEvent):
            return out
    raise AssertionError("did not end")


def texts(events) -> list[str]:
    return [e.text for e in events if isinstance(e, LineEvent)]


def shown(events) -> list[list[str]]:
    return [[o.text for o in e.options] for e in events if isinstance(e, ChoiceEvent)]


# --- once ---------------------------------------------------------------------------------------
def test_once_choices_go_away_when_taken_and_next_follows_when_all_are_used_up(kit):
    events = run(kit.runtime(c=HUB), [1, 1, 1])
    assert shown(events) == [["City.", "Day.", "Fair."], ["Day.", "Fair."], ["Fair."]]
    assert texts(events)[-3:] == ["Back again.", "Like the fair.", "Walk on."]  # all used up or closed: `next`
    assert isinstance(events[-1], EndEvent)


def test_once_is_per_playthrough_and_lowered_into_hidden_variables(kit):
    story = kit.load(c=HUB)
    hidden = {n: v for n, v in story.variables.items() if v.hidden}
    city, day = story.nodes["a"].choices[:2]
    assert set(hidden) == {"visits(a)", "seen(fair)", f"once(a.{city.key})", f"once(a.{day.key})"}
    assert (hidden["visits(a)"].min, hidden["visits(a)"].max) == (0, 4)  # compared with 3: counts to 4
    assert story.nodes["a"].lines[0].hidden and story.nodes["fair"].lines[0].hidden
    assert not any(line.hidden for line in story.nodes["walk"].lines)  # nothing asks about it
    assert shown(run(Runtime(story), [2, 1, 1, 1]))[0] == ["City.", "Day.", "Fair."]  # a new game starts afresh


def test_hidden_variables_cannot_be_set_from_the_command_line(kit):
    story = kit.load(c=HUB)
    with pytest.raises(ValueError, match="not a declared variable"):
        parse_value(story, "visits(a)=2")
    assert parse_value(story, "x=2") == ("x", 2)


# --- visits and seen ----------------------------------------------------------------------------
def test_visits_counts_every_arrival_including_this_one(kit):
    chapter = HEAD + """\
  a:
    lines:
      - n: First.
        if: visits(a) == 1
      - n: Second.
        if: visits(a) == 2
      - n: Many.
        if: visits(a) > 2
    choices:
      - text: Again.
        goto: a
      - text: Stop.
        goto: b
  b:
    lines:
      - n: Had been twice.
        if: visits(a) >= 2 and not seen(c)
    ending: done
  c:
    lines:
      - n: Never.
    ending: done
"""
    events = run(kit.runtime(c=chapter), [1, 1, 1, 2])
    assert texts(events) == ["First.", "Second.", "Many.", "Many.", "Had been twice."]
    story = kit.load(c=chapter)
    assert story.variables["visits(a)"].max == 3  # the largest number compared with is 2


def test_a_version_1_variable_called_seen_or_visits_still_works(kit):
    manifest = MANIFEST.replace("  f: false\n", "  f: false\n  seen: true\n  visits: {start: 2, min: 0, max: 3}\n")
    chapter = HEAD + """\
  a:
    lines:
      - n: Plain.
        if: seen and visits == 2 and not f and x >= 0
      - set: visits += 1
    ending: done
"""
    events = run(kit.runtime(manifest, c=chapter), [])
    assert texts(events) == ["Plain."]


# --- identity -----------------------------------------------------------------------------------
def test_identity_is_the_id_or_speaker_and_text_with_repeats_numbered(kit):
    chapter = HEAD + """\
  a:
    lines:
      - n: Same.
      - n: Same.
      - sam: Same.
      - n: Named.
        id: named_1
      - set: x += 1
    choices:
      - text: Go.
        lines:
          - n: Same.
    next: b
  b:
    lines:
      - n: Same.
    ending: done
"""
    story = kit.load(c=chapter)
    a = story.nodes["a"]
    base = derived_key("n", "Same.")
    assert [line.key for line in a.lines] == [base, base + ".2", derived_key("sam", "Same."), "named_1", derived_key("set", "x += 1")]
    assert a.choices[0].key == derived_key("choice", "Go.") and a.choices[0].lines[0].key == base + ".3"
    assert story.nodes["b"].lines[0].key == base  # unique within its node, not across the story


def test_identity_survives_edits_to_other_lines(kit):
    before = HEAD + "  a:\n    lines:\n      - n: One.\n      - n: Two.\n      - sam: Three.\n    ending: done\n"
    edits = {
        "insert": before.replace("      - n: One.\n", "      - n: New.\n      - n: One.\n"),
        "delete": before.replace("      - n: One.\n", ""),
        "reorder": before.replace("      - n: One.\n      - n: Two.\n", "      - n: Two.\n      - n: One.\n"),
    }
    keys = {line.text: line.key for line in kit.load(c=before).nodes["a"].lines}
    for name, text in edits.items():
        now = {line.text: line.key for line in kit.load(c=text).nodes["a"].lines}
        assert all(now[t] == keys[t] for t in now if t in keys), name
    edited = kit.load(c=before.replace("sam: Three.", "sam: Three!")).nodes["a"].lines[2].key
    assert edited != keys["Three."]  # its own text changed: a new line


# --- Node.exits and EnterEvent.via ----------------------------------------------------------------
def test_exits_are_the_one_answer_to_how_a_node_is_left(kit):
    story = kit.load(c=HUB)
    a = story.nodes["a"]
    ways = a.exits()
    assert [(w.kind, w.target, w.costs_choice, w.index) for w in ways] == [
        ("choice", "a", True, 0), ("choice", "a", True, 1), ("choice", "fair", True, 2), ("fallback", "walk", False, -1)]
    assert ways[-1].possible  # every option has a condition (once counts), so `next` can be taken
    assert ways[2].cond is not None and ways[2].cond.source == "not seen(fair)"
    assert ways[3].loc.line == where(HUB, "next: walk")[0]
    assert [(w.kind, w.target) for w in story.nodes["walk"].exits()] == [("ending", "done")]
    assert a.targets() == [("a", ways[0].loc), ("a", ways[1].loc), ("fair", ways[2].loc), ("walk", ways[3].loc)]


def test_enter_events_say_which_exit_led_in(kit):
    rt = kit.runtime(c=HUB)
    events = run(rt, [3, 1, 1])
    arrivals = [e for e in events if isinstance(e, EnterEvent)]
    assert arrivals[0].via is None  # the start
    assert [(e.node, e.via.kind, e.via.source) for e in arrivals[1:]] == [
        ("fair", "choice", "a"), ("a", "next", "fair"), ("a", "choice", "a"), ("a", "choice", "a"), ("walk", "fallback", "a")]


# --- lint, at line and column --------------------------------------------------------------------
def findings(kit, chapter: str):
    _, diags = kit.lint(c=chapter)
    return [d for d in diags if "reached" not in d[4]]


def test_visits_of_an_unknown_node_is_an_error_with_a_suggestion(kit):
    text = HUB.replace("if: visits(a) >= 3", "if: visits(fiar) >= 3").replace("if: not seen(fair)", "if: not seen(wlak)")
    got = findings(kit, text)
    assert ("c.yaml", *where(textwrap.dedent(text), "fiar"), "error", "visits(): 'fiar' is not a node (did you mean 'fair'?)") in got
    assert ("c.yaml", *where(text, "wlak"), "error", "seen(): 'wlak' is not a node (did you mean 'walk'?)") in got


def test_visits_compared_with_anything_but_a_number_is_an_error(kit):
    text = HUB.replace("if: visits(a) >= 3", "if: visits(a) + 1 >= x")
    assert findings(kit, text) == [("c.yaml", *where(text, "a) + 1"), "error",
                                    "in condition: visits(a) can only be compared with a whole number, like visits(a) >= 2")]


def test_duplicate_and_malformed_ids(kit):
    text = HUB.replace("        id: fair_echo\n", "        id: echo\n").replace(
        "      - n: Ask me anything.\n", "      - n: Ask me anything.\n        id: echo\n").replace(
        "      - text: Day.\n", "      - text: Day.\n        id: Bad-Id\n")
    got = findings(kit, text)
    first = where(text, "echo")[0]
    assert ("c.yaml", *where(text, "echo", nth=1), "error", f"id 'echo' is used twice in node 'a' (first at line {first})") in got
    assert ("c.yaml", *where(text, "Bad-Id"), "error",
            "'id' must be lower-case letters, digits and _ (like fair_echo), not 'Bad-Id'") in got


def test_once_must_be_true_or_false(kit):
    text = HUB.replace("        once: true\n        goto: a\n", "        once: yes\n        goto: a\n", 1)
    assert findings(kit, text) == [("c.yaml", *where(text, "yes"), "error", "'once' of a choice of 'a' must be true or false, not text")]


def test_a_node_of_only_once_choices_without_next_is_a_soft_lock_warning(kit):
    text = HEAD + """\
  a:
    lines:
      - n: Hub.
    choices:
      - text: One.
        once: true
        goto: a
      - text: Two.
        once: true
        goto: b
  b:
    lines:
      - n: B.
    ending: done
"""
    (finding,) = [d for d in findings(kit, text) if "'once'" in d[4]]
    assert finding == ("c.yaml", *where(text, "a:"), "warning",
                       "every choice of node 'a' is 'once' and it has no 'next': once all are taken, the player is stuck "
                       "here (add a choice without 'once', or a 'next')")
