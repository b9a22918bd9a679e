"""Every construct of the story format, played through the runtime exactly as docs/authoring.md says."""

from __future__ import annotations

import json

import pytest

from game.engine import ChoiceEvent, EndEvent, EnterEvent, GameState, LineEvent, Runtime, StuckEvent
from game.engine.identity import derived_key
from game.engine.runtime import StoryRuntimeError
from game.engine.state import StateError

MANIFEST = """\
title: Constructs
start: intro
characters:
  n: {name: ""}
  sam: {name: Sam}
  theo: {name: Theo}
variables:
  x: {start: 0, min: 0, max: 5}
  y: {start: 2, min: -3}
  z: 7
  open: false
  told: false
endings:
  high: {title: High, summary: x is high.}
  low: {title: Low, summary: x is low.}
  quiet: {title: Quiet, summary: Nothing was said.}
chapters:
  - one.yaml
  - two.yaml
"""

ONE = """\
chapter: one
title: One
nodes:
  intro:
    scene: office
    music: morning
    lines:
      - n: Plain line.
      - theo: Dear Chris,
        style: letter
        note: He dictates.
      - sam: Hidden while closed.
        if: open
      - set: x += 10; x -= 1
      - sam: Seen when x is four.
        if: x == 4
        style: whisper
      - set: y -= 100
        if: x == 4
      - set: z = z + 1000
        if: open
      - theo: Thinking.
        style: thought
    choices:
      - text: Open up.
        set: open = true; x -= 10; x += 2
        lines:
          - sam: Thank you.
          - set: told = true
          - sam: Told line.
            if: told
          - sam: Never.
            if: not told
        goto: middle
      - text: Only when open.
        if: open
        goto: middle
      - text: Stay quiet.
    next: middle
  middle:
    lines:
      - n: Middle.
    choices:
      - text: Hidden high.
        if: x >= 5
        goto: ending_high
      - text: Raise.
        set: x = 99
      - text: Lower.
        set: x = 0 - 99
        lines:
          - sam: Low now.
    next: route
"""

TWO = """\
chapter: two
title: Two
nodes:
  route:
    scene: apartment
    music: none
    lines:
      - n: Routing.
    branch:
      - if: x >= 3
        goto: ending_high
      - if: x >= 0
        goto: ending_low
      - goto: ending_quiet
  ending_high:
    lines:
      - n: High.
    ending: high
  ending_low:
    ending: low
  ending_quiet:
    lines:
      - n: Quiet.
    ending: quiet
"""


@pytest.fixture
def story(kit):
    return kit.load(MANIFEST, one=ONE, two=TWO)


def play(runtime: Runtime, picks: list[int], shown: bool = True) -> list:
    """Every event to the end; `picks` answer choices by shown position from 1 (or node index)."""
    picks = list(picks)
    events = []
    for _ in range(1000):
        event = runtime.advance()
        events.append(event)
        if isinstance(event, ChoiceEvent):
            pick = picks.pop(0)
            runtime.choose(event.options[pick - 1].index if shown else pick)
        elif isinstance(event, (EndEvent, StuckEvent)):
            return events
    raise AssertionError("did not end")


def texts(events) -> list[str]:
    return [e.text for e in events if isinstance(e, LineEvent)]


def test_lines_if_set_and_clamping_after_every_effect(story):
    rt = Runtime(story)
    events = play(rt, [2, 1])  # "Stay quiet", then "Raise"
    # x: 0 -> +10 clamps to 5 -> -1 gives 4 (clamping after the whole effect would give 5)
    assert texts(events)[:4] == ["Plain line.", "Dear Chris,", "Seen when x is four.", "Thinking."]
    # y has only a minimum: -100 from 2 clamps to -3; z (no range) is untouched because `open` was false
    assert rt.state.vars["y"] == -3
    assert rt.state.vars["z"] == 7
    # "Raise" sets x = 99, clamped to 5, so the branch takes the first arm
    assert rt.state.vars["x"] == 5
    assert isinstance(events[-1], EndEvent) and events[-1].ending == "high"


def test_choice_with_if_set_reply_lines_and_goto(story):
    rt = Runtime(story)
    events = play(rt, [1, 2])  # "Open up" then "Lower"
    lines = texts(events)
    # open up: x 4 -> -10 clamps to 0 -> +2 gives 2; reply lines with a set step and conditions
    assert lines[4:7] == ["Thank you.", "Told line.", "Middle."]
    assert "Never." not in lines and "Hidden while closed." not in lines
    assert rt.state.vars["open"] is True and rt.state.vars["told"] is True
    # x = 0 - 99 clamps to 0: the branch's second arm (x >= 0) wins, not the fallback
    assert lines[-2:] == ["Low now.", "Routing."]
    assert events[-1] == EndEvent("ending_low", "low")


def test_hidden_options_are_not_offered_and_indices_stay_stable(story):
    rt = Runtime(story)
    first = next(e for e in iter(rt.advance, None) if isinstance(e, ChoiceEvent))
    assert [(o.index, o.text) for o in first.options] == [(0, "Open up."), (2, "Stay quiet.")]
    with pytest.raises(ValueError):
        rt.choose(1)  # hidden: `open` is false
    rt.choose(0)
    assert rt.options() == ()  # reply lines are playing: nothing to choose
    with pytest.raises(ValueError):
        rt.choose(2)
    second = next(e for e in iter(rt.advance, None) if isinstance(e, ChoiceEvent))
    assert [o.index for o in second.options] == [1, 2]  # x is 2: "Hidden high" stays hidden


def test_choice_without_goto_takes_the_node_next(story):
    rt = Runtime(story)
    events = play(rt, [2, 1])  # "Stay quiet" has no goto
    enters = [e.node for e in events if isinstance(e, EnterEvent)]
    assert enters == ["intro", "middle", "route", "ending_high"]


def test_branch_first_match_wins(kit):
    chapter = """\
    chapter: c
    title: C
    nodes:
      a:
        branch:
          - if: x >= 0
            goto: first
          - if: x >= 0
            goto: second
          - goto: third
      first: {ending: done}
      second: {ending: done}
      third: {ending: done}
    """
    events = play(Runtime(kit.load(c=chapter)), [])
    assert [e.node for e in events if isinstance(e, EnterEvent)] == ["a", "first"]


def test_branch_fallback_taken(kit):
    chapter = """\
    chapter: c
    title: C
    nodes:
      a:
        branch:
          - if: x > 3
            goto: first
          - if: f
            goto: second
          - goto: third
      first: {ending: done}
      second: {ending: done}
      third: {ending: done}
    """
    story = kit.load(c=chapter)
    assert [e.node for e in play(Runtime(story), []) if isinstance(e, EnterEvent)] == ["a", "third"]
    both = GameState("a", {"x": 5, "f": True})
    assert [e.node for e in play(Runtime(story, both), []) if isinstance(e, EnterEvent)] == ["a", "first"]
    only_f = GameState("a", {"x": 1, "f": True})
    assert [e.node for e in play(Runtime(story, only_f), []) if isinstance(e, EnterEvent)] == ["a", "second"]


def test_next_ending_and_end_event_repeats(story):
    rt = Runtime(story)
    events = play(rt, [2, 1])
    assert isinstance(events[-1], EndEvent)
    assert rt.advance() == events[-1]
    assert rt.state.ended == "high"
    assert rt.options() == ()


def test_ending_node_without_lines(story):
    state = GameState("ending_low", story.initial_vars())
    assert play(Runtime(story, state), []) == [EnterEvent("ending_low", "two", None, None, True), EndEvent("ending_low", "low")]


def test_enter_events_scene_music_and_chapters(story):
    events = play(Runtime(story), [2, 1])
    enters = [e for e in events if isinstance(e, EnterEvent)]
    assert enters == [
        EnterEvent("intro", "one", "office", "morning", True),
        EnterEvent("middle", "one", "office", "morning", False),  # scene and music carry on
        EnterEvent("route", "two", "apartment", None, True),  # `music: none` stops the music
        EnterEvent("ending_high", "two", "apartment", None, False),
    ]


def test_styles_notes_and_line_identity(story):
    events = play(Runtime(story), [1, 2])
    lines = [e for e in events if isinstance(e, LineEvent)]
    # format 2: a line without `id:` is known by its speaker and text, not by its place in the list
    assert lines[0] == LineEvent("intro", derived_key("n", "Plain line."), "n", "Plain line.", "normal", None)
    assert lines[1] == LineEvent("intro", derived_key("theo", "Dear Chris,"), "theo", "Dear Chris,", "letter", "He dictates.")
    assert (lines[2].key, lines[2].text, lines[2].style) == (derived_key("sam", "Seen when x is four."), "Seen when x is four.", "whisper")
    assert (lines[3].key, lines[3].text, lines[3].style) == (derived_key("theo", "Thinking."), "Thinking.", "thought")
    reply = [e for e in lines if e.text in ("Thank you.", "Told line.")]
    keys = [line.key for line in story.nodes["intro"].choices[0].lines if line.text in ("Thank you.", "Told line.")]
    assert [(e.node, e.key, e.uid) for e in reply] == [("intro", k, f"intro:{k}") for k in keys]


def test_history_records_lines_and_choices(story):
    rt = Runtime(story)
    play(rt, [1, 2])
    history = [(h.kind, h.node, h.key) for h in rt.state.history_list()]
    intro, middle = story.nodes["intro"], story.nodes["middle"]
    assert history[:6] == [("line", "intro", intro.lines[i].key) for i in (0, 1, 4, 7)] + [
        ("choice", "intro", intro.choices[0].key), ("line", "intro", intro.choices[0].lines[0].key)]
    assert ("choice", "middle", middle.choices[2].key) in history
    assert rt.state.history_len == len(history)


def _steps(story, picks):
    """Play once, snapshotting before every advance; returns [(snapshot, event)] and the picks used."""
    rt = Runtime(story)
    picks = list(picks)
    out = []
    for _ in range(1000):
        snap = rt.snapshot()
        event = rt.advance()
        out.append((snap, event))
        if isinstance(event, ChoiceEvent):
            index = event.options[picks.pop(0) - 1].index
            rt.choose(index)
            out.append((rt.snapshot(), ("chose", index)))
        if isinstance(event, EndEvent):
            return out
    raise AssertionError("did not end")


def _rest(story, state, node_picks):
    rt = Runtime(story, GameState.from_json(json.loads(json.dumps(state.to_json()))))
    picks = list(node_picks)
    out = []
    for _ in range(1000):
        event = rt.advance()
        out.append(event)
        if isinstance(event, ChoiceEvent):
            rt.choose(picks.pop(0))
        if isinstance(event, EndEvent):
            return out, rt.snapshot()
    raise AssertionError("did not end")


@pytest.mark.parametrize("picks", [[1, 2], [2, 1], [1, 1], [2, 2]])
def test_snapshot_restore_at_every_step_replays_the_same_rest(story, picks):
    steps = _steps(story, picks)
    events = [e for _, e in steps]
    final_vars = Runtime(story, steps[-1][0]).snapshot().vars  # state just before the end event
    replies = {r.key for node in story.nodes.values() for c in node.choices for r in c.lines}
    assert any(isinstance(e, LineEvent) and e.key in replies for e in events) or picks[0] == 2
    for k, (snap, _) in enumerate(steps):
        done = isinstance(events[k], tuple)  # this snapshot was taken just after choosing
        later_choices = [e[1] for e in events[k + done:] if isinstance(e, tuple)]
        rest, end_state = _rest(story, snap, later_choices)
        expected = [e for e in events[k:] if not isinstance(e, tuple)]
        assert rest == expected, f"restored at step {k}"
        assert end_state.vars == final_vars


def test_snapshot_in_the_middle_of_reply_lines(story):
    rt = Runtime(story)
    while not isinstance(rt.advance(), ChoiceEvent):
        pass
    rt.choose(0)
    assert rt.advance().text == "Thank you."
    snap = rt.snapshot()
    assert (snap.choice, snap.pos) == (0, 1)
    first = [rt.advance() for _ in range(3)]
    rt.restore(snap)
    again = [rt.advance() for _ in range(3)]
    assert first == again
    assert [getattr(e, "text", None) for e in first] == ["Told line.", None, "Middle."]


def test_snapshot_is_independent_of_later_play(story):
    rt = Runtime(story)
    rt.advance()
    snap = rt.snapshot()
    before = snap.to_json()
    play(rt, [1, 2])
    assert snap.to_json() == before


def test_game_state_json_round_trip(story):
    rt = Runtime(story)
    steps = _steps(story, [1, 2])
    for snap, _ in steps:
        data = json.loads(json.dumps(snap.to_json()))
        back = GameState.from_json(data)
        assert back.to_json() == snap.to_json()
        assert back.key() == snap.key()
        assert back.history_list() == snap.history_list()
    rt.restore(GameState.from_json(steps[-1][0].to_json()))
    assert isinstance(rt.advance(), EndEvent)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: setattr(s, "node", "nowhere"), "nowhere"),
        (lambda s: setattr(s, "choice", 7), "option 7"),
        (lambda s: setattr(s, "pos", 99), "step 99"),
        (lambda s: setattr(s, "ended", "unknown_ending"), "unknown_ending"),
        (lambda s: s.vars.pop("x"), "'x'"),
        (lambda s: s.vars.update(x=True), "'x'"),
        (lambda s: s.vars.update(open=1), "'open'"),
        (lambda s: s.vars.update(extra=1), "extra"),
    ],
)
def test_restore_rejects_states_that_do_not_fit(story, change, reason):
    rt = Runtime(story)
    rt.advance()
    good = rt.snapshot()
    bad = good.copy()
    change(bad)
    with pytest.raises(StateError, match=reason):
        rt.restore(bad)
    assert rt.state.to_json() == good.to_json()  # a refused state changes nothing
    with pytest.raises(StateError):
        Runtime(story, bad)


def test_restore_clamps_variables_into_their_range(story):
    # decision: a state from before a range was narrowed is clamped, like any effect, not refused
    state = GameState("middle", {**story.initial_vars(), "x": 50, "y": -50}, entered=True)
    rt = Runtime(story, state)
    assert rt.state.vars["x"] == 5 and rt.state.vars["y"] == -3


@pytest.mark.parametrize(
    "data",
    [
        None, [], "state", {},
        {"version": 2, "node": "a", "pos": 0, "vars": {}},
        {"version": 1, "node": 3, "pos": 0, "vars": {}},
        {"version": 1, "node": "a", "pos": -1, "vars": {}},
        {"version": 1, "node": "a", "pos": True, "vars": {}},
        {"version": 1, "node": "a", "pos": 0, "choice": "1", "vars": {}},
        {"version": 1, "node": "a", "pos": 0, "ended": 3, "vars": {}},
        {"version": 1, "node": "a", "pos": 0, "vars": {"x": 1.5}},
        {"version": 1, "node": "a", "pos": 0, "vars": {"x": "1"}},
        {"version": 1, "node": "a", "pos": 0, "vars": []},
        {"version": 1, "node": "a", "pos": 0, "vars": {}, "entered": "yes"},
        {"version": 1, "node": "a", "pos": 0, "vars": {}, "scene": 4},
        {"version": 1, "node": "a", "pos": 0, "vars": {}, "history": {}},
        {"version": 1, "node": "a", "pos": 0, "vars": {}, "history": [["line", "a"]]},
        {"version": 1, "node": "a", "pos": 0, "vars": {}, "history": [["line", "a", 0]]},
    ],
)
def test_from_json_rejects_malformed_data(data):
    with pytest.raises(StateError):
        GameState.from_json(data)


def test_all_options_hidden_goes_to_next_or_is_stuck(kit):
    chapter = """\
    chapter: c
    title: C
    nodes:
      a:
        choices:
          - text: Only with f.
            if: f
            goto: b
        next: b
      b:
        choices:
          - text: Only with f.
            if: f
            goto: a
      end: {ending: done}
    """
    # decision (the format: `next` is "where the node goes without a choice"): no open option -> `next`
    rt = kit.runtime(c=chapter)
    assert rt.advance() == EnterEvent("a", "c", None, None, True)
    assert rt.advance() == EnterEvent("b", "c", None, None, False)
    assert rt.advance() == StuckEvent("b")


def test_a_story_that_loops_without_showing_anything_is_reported(kit):
    chapter = """\
    chapter: c
    title: C
    nodes:
      a:
        lines:
          - sam: Once.
            if: x == 0
          - set: x += 1
        next: b
      b:
        next: a
      unused: {ending: done}
    """
    rt = kit.runtime(c=chapter)
    assert rt.advance().node == "a"
    assert rt.advance().text == "Once."
    # decision: a loop of arrivals with no line, option or ending is an error, not a hang
    with pytest.raises(StoryRuntimeError, match="circles"):
        for _ in range(100_000):
            rt.advance()
