"""The replay layer without a window: letters gathered whole, the map's layout, the route record."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from game.engine import Runtime, load_story
from game.engine.runtime import ChoiceEvent, EnterEvent, LineEvent
from game.paths import story_dir
from game.replay.layout import CHOICE, ENDING, SCENE, build_map
from game.replay.letters import collect_letters
from game.replay.record import STATES_PER_POINT, RouteRecord

MANIFEST = """\
title: T
start: desk
characters:
  n: {name: ""}
  t: {name: T}
variables:
  warm: {start: 0, min: 0, max: 3}
endings:
  one: {title: One, summary: The first end.}
  two: {title: Two, summary: The second end.}
chapters:
  - a.yaml
  - b.yaml
"""

CHAPTER_A = """\
chapter: a
title: A
nodes:
  desk:
    lines:
      - n: He sits down to write.
    choices:
      - text: Begin with the kitchen.
        set: warm += 1
        goto: kitchen
      - text: Begin with the road.
        goto: road
  kitchen:
    lines:
      - t: Dear Ann, the kitchen was green.
        style: letter
      - t: We painted it twice.
        style: letter
    next: close
  road:
    lines:
      - t: Dear Ann, the road told us nothing.
        style: letter
    next: close
  close:
    lines:
      - n: He reads it back.
      - t: Yours, always. Ben.
        style: letter
      - n: He sends it.
      - t: Dear nobody, this one stays in the drawer.
        style: letter
    next: hall
"""

CHAPTER_B = """\
chapter: b
title: B
nodes:
  hall:
    lines:
      - n: The hall.
    choices:
      - text: Knock.
        goto: end_one
      - text: Walk away.
        goto: end_two
  end_one:
    lines:
      - n: She opens.
    ending: one
  end_two:
    lines:
      - n: He goes.
    ending: two
"""


@pytest.fixture
def story(tmp_path: Path):
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in {"story.yaml": MANIFEST, "a.yaml": CHAPTER_A, "b.yaml": CHAPTER_B}.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_story(folder)


def _play(story, picks: list[int], record: RouteRecord | None = None, read: set[str] | None = None) -> Runtime:
    rt = Runtime(story)
    picks = list(picks)
    while True:
        ev = rt.advance()
        if isinstance(ev, EnterEvent) and record is not None:
            record.enter(ev.node)
        elif isinstance(ev, LineEvent) and read is not None:
            read.add(ev.uid)
        elif isinstance(ev, ChoiceEvent):
            if record is not None:
                record.arrive(ev.node, rt.snapshot())
            option = ev.options[picks.pop(0)]
            if record is not None:
                record.take(ev.node, option.key)
            rt.choose(option.index)
        elif not isinstance(ev, (EnterEvent, LineEvent)):
            return rt


# --- letters -----------------------------------------------------------------------------------
def test_a_letter_composed_over_nodes_is_one_letter_with_its_variants(story):
    letters = collect_letters(story)
    assert [letter.node for letter in letters] == ["close", "close"]
    ben, drawer = letters
    assert [[run.node for run in slot] for slot in ben.slots] == [["kitchen", "road"], ["close"]]
    assert [[run.node for run in slot] for slot in drawer.slots] == [["close"]]
    assert drawer.slots[0][0].lines[0].text.startswith("Dear nobody")


def test_a_letter_reads_as_the_playthrough_wrote_it(story):
    ben = collect_letters(story)[0]
    read: set[str] = set()
    _play(story, [1, 0], read=read)  # the road
    assert [(node, line.text) for node, line in ben.text(read.__contains__)] == [
        ("road", "Dear Ann, the road told us nothing."), ("close", "Yours, always. Ben.")]
    assert ben.uid in read  # its identity is its last run's first line, read on every route


def test_a_greeting_starts_a_new_letter_even_after_another(story, tmp_path):
    # the road's letter and the closing letter are separate when the closing one greets someone
    text = textwrap.dedent(CHAPTER_A).replace("Yours, always. Ben.", "Dear Ben, a new letter.")
    (story.root / "a.yaml").write_text(text, encoding="utf-8")
    letters = collect_letters(load_story(story.root))
    assert len(letters) == 4
    assert all(len(letter.slots) == 1 for letter in letters)


def test_the_shipped_story_has_letters_and_each_has_text():
    letters = collect_letters(load_story(story_dir()))
    assert len(letters) >= 10
    assert len({letter.uid for letter in letters}) == len(letters)
    for letter in letters:
        assert all(run.lines and all(line.style == "letter" for line in run.lines) for slot in letter.slots for run in slot)


# --- layout ------------------------------------------------------------------------------------------
def test_forks_read_as_forks_and_chapters_as_bands(story):
    m = build_map(story)
    assert [band.id for band in m.chapters] == ["a", "b"]
    n = m.nodes
    assert n["desk"].kind == CHOICE and n["close"].kind == SCENE and n["end_one"].kind == ENDING
    assert n["kitchen"].col == n["road"].col == n["desk"].col + 1  # the fork's two sides side by side
    assert n["kitchen"].row != n["road"].row
    assert n["close"].col == n["kitchen"].col + 1  # where they rejoin
    assert n["hall"].band == 1 and n["hall"].col == 0
    assert {(e.source, e.target) for e in m.edges} >= {("desk", "kitchen"), ("desk", "road"), ("close", "hall")}
    choices = {e.target: e.choice for e in m.edges if e.source == "desk"}
    assert choices == {"kitchen": 0, "road": 1}


def test_loops_do_not_stretch_the_map(tmp_path):
    chapter = """\
    chapter: a
    title: A
    nodes:
      desk:
        lines:
          - n: Ask.
        choices:
          - text: Again.
            goto: desk
          - text: On.
            goto: hall
      hall:
        lines:
          - n: On.
        next: desk2
      desk2:
        lines:
          - n: Back.
        choices:
          - text: Back to the start.
            goto: desk
          - text: End.
            goto: end_one
      end_one:
        lines:
          - n: End.
        ending: one
    """
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "story.yaml").write_text(textwrap.dedent(MANIFEST).replace("  - b.yaml\n", ""), encoding="utf-8")
    (folder / "a.yaml").write_text(textwrap.dedent(chapter), encoding="utf-8")
    manifest = (folder / "story.yaml").read_text().replace("  two: {title: Two, summary: The second end.}\n", "")
    (folder / "story.yaml").write_text(manifest)
    m = build_map(load_story(folder))
    assert [m.nodes[k].col for k in ("desk", "hall", "desk2", "end_one")] == [0, 1, 2, 3]
    assert {(e.source, e.target) for e in m.edges if e.back} == {("desk", "desk"), ("desk2", "desk")}


def test_the_shipped_map_places_every_node_once():
    story = load_story(story_dir())
    m = build_map(story)
    assert set(m.nodes) == set(story.nodes)
    places = {(n.band, n.col, n.row) for n in m.nodes.values()}
    assert len(places) == len(m.nodes)


# --- the route record ------------------------------------------------------------------------------
def test_the_record_keeps_what_two_playthroughs_saw_and_survives_a_restart(story, tmp_path):
    path = tmp_path / "routes.json"
    rec = RouteRecord(path)
    _play(story, [0, 0], rec)
    rec.new_playthrough()
    _play(story, [1, 1], rec)
    rec.flush()
    again = RouteRecord(path)
    assert again.seen == set(story.nodes)
    key = {n: [c.key for c in story.nodes[n].choices] for n in ("desk", "hall")}
    assert again.was_taken("desk", key["desk"][0]) and again.was_taken("desk", key["desk"][1])
    assert again.was_taken("hall", key["hall"][0]) and again.was_taken("hall", key["hall"][1])
    assert len(again.states["desk"]) == 2


def test_play_from_here_gets_the_state_the_playthrough_had_on_arrival(story, tmp_path):
    rec = RouteRecord(tmp_path / "routes.json")
    _play(story, [0, 0], rec)  # the kitchen: warm becomes 1 before the hall
    state = rec.state_at("hall", story)
    assert state is not None and state.node == "hall" and state.vars["warm"] == 1
    assert state.history_len == 0  # a new playthrough: no history carried along
    rt = Runtime(story, state)
    ev = rt.advance()
    assert isinstance(ev, ChoiceEvent) and [o.text for o in ev.options] == ["Knock.", "Walk away."]


def test_the_record_is_bounded_per_choice_point(story, tmp_path):
    rec = RouteRecord(tmp_path / "routes.json")
    for _ in range(STATES_PER_POINT + 3):
        rec.new_playthrough()
        _play(story, [0, 0], rec)
    assert len(rec.states["desk"]) == STATES_PER_POINT


def test_a_damaged_record_starts_afresh_with_a_note_and_the_backup_is_used(story, tmp_path):
    path = tmp_path / "routes.json"
    rec = RouteRecord(path)
    _play(story, [0, 0], rec)
    rec.flush()
    rec.enter("road")
    rec._last_write = -100
    rec.flush()  # the second write keeps the first as the backup
    path.write_text("{ not json", encoding="utf-8")
    again = RouteRecord(path)
    assert "desk" in again.seen and again.note
    path.with_name("routes.json.bak").write_text(json.dumps({"kind": "her-routes"}), encoding="utf-8")
    fresh = RouteRecord(path)
    assert fresh.seen == set() and fresh.note


def test_states_the_story_can_no_longer_play_are_skipped(story, tmp_path):
    rec = RouteRecord(tmp_path / "routes.json")
    _play(story, [0, 0], rec)
    rec.states["hall"][0]["state"]["node"] = "gone"
    assert rec.state_at("hall", story) is None
