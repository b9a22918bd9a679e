"""Save slots: damaged slots listed with reasons, story edits migrated, other stories refused."""

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.engine import LineEvent, Runtime, load_story
from game.engine.state import StateError

BASIC = Path(__file__).resolve().parents[1] / "stories" / "basic"


def _play_to_second_line(story):
    rt = Runtime(story)
    seen = 0
    while seen < 2:
        if isinstance(rt.advance(), LineEvent):
            seen += 1
    return rt


def test_save_and_load_round_trip():
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    saves.write_save("1", story, rt.snapshot(), "Theodore: Dear Chris,")
    info = saves.read_save("1")
    assert info.damaged is None and info.chapter == "one" and info.line.startswith("Theodore")
    state, notes = saves.load_state(info, story)
    assert notes == []
    assert state.to_json() == rt.snapshot().to_json()


def test_damaged_slot_is_listed_and_others_still_work():
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    saves.write_save("1", story, rt.snapshot())
    saves.write_save("2", story, rt.snapshot())
    saves.slot_path("2").write_text('{"format": "her-save", "version": 1, "sta')
    by_slot = {s.slot: s for s in saves.list_saves()}
    assert by_slot["2"].damaged and "damaged" in by_slot["2"].damaged
    assert by_slot["1"].damaged is None
    assert saves.newest_save().slot == "1"


def _edited_story(tmp_path, edit):
    copy = tmp_path / "story"
    shutil.copytree(BASIC, copy)
    edit(copy)
    return load_story(copy)


def test_removed_node_resumes_at_chapter_start(tmp_path):
    story = load_story(BASIC)
    rt = Runtime(story)
    while not (isinstance(ev := rt.advance(), LineEvent) and ev.node == "evening"):
        if rt.options():
            rt.choose(rt.options()[0].index)
    saves.write_save("3", story, rt.snapshot())

    def rename_evening(folder):
        for name in ("one.yaml", "two.yaml"):
            p = folder / name
            p.write_text(p.read_text().replace("evening", "dusk"))

    edited = _edited_story(tmp_path, rename_evening)
    state, notes = saves.load_state(saves.read_save("3"), edited)
    assert state.node == "dusk" and state.pos == 0
    assert any("chapter" in n for n in notes)
    Runtime(edited, state).advance()  # playable


def test_variables_added_and_removed(tmp_path):
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    saves.write_save("4", story, rt.snapshot())

    def change_vars(folder):
        p = folder / "story.yaml"
        p.write_text(p.read_text().replace("  open: false\n", "  open: false\n  trust: 5\n").replace(
            "closeness: {start: 0, min: 0, max: 3}", "warmth: {start: 1, min: 0, max: 3}").replace("closeness", "warmth"))
        for name in ("one.yaml", "two.yaml"):
            q = folder / name
            q.write_text(q.read_text().replace("closeness", "warmth"))

    edited = _edited_story(tmp_path, change_vars)
    state, notes = saves.load_state(saves.read_save("4"), edited)
    assert state.vars == {"open": False, "trust": 5, "warmth": 1}
    assert len(notes) == 1 and "new: trust, warmth" in notes[0] and "dropped: closeness" in notes[0]


def test_line_index_past_end_resumes_at_node_start(tmp_path):
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    state = rt.snapshot()
    state.pos = 99
    saves.write_save("5", story, state)
    fitted, notes = saves.load_state(saves.read_save("5"), story)
    assert fitted.pos == 0 and notes


def test_save_from_another_story_is_refused():
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    saves.write_save("6", story, rt.snapshot())
    path = saves.slot_path("6")
    data = json.loads(path.read_text())
    data["story"]["title"] = "Some Other Game"
    path.write_text(json.dumps(data))
    with pytest.raises(StateError, match="another story"):
        saves.load_state(saves.read_save("6"), story)


def _mutations():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=8))
    return st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["state", "story", "meta", "version", "min_version", "format", "node", "pos", "vars", "choice", "history", "ended", "entered"]),
       value=_mutations())
def test_mutated_saves_only_give_our_errors(key, value):
    story = load_story(BASIC)
    rt = _play_to_second_line(story)
    saves.delete_save("7")  # the last example may have left a newer game's file, which is never written over
    saves.write_save("7", story, rt.snapshot())
    path = saves.slot_path("7")
    data = json.loads(path.read_text())
    target = data["state"] if key in ("node", "pos", "vars", "choice", "history", "ended", "entered") else data
    target[key] = value
    path.write_text(json.dumps(data))
    info = saves.read_save("7")
    if info.damaged:
        assert "\n" not in info.damaged
        return
    try:
        state, _ = saves.load_state(info, story)
    except StateError as exc:
        assert "\n" not in str(exc)
        return
    rt2 = Runtime(story, state)
    for _ in range(5):
        rt2.advance()
        if rt2.options():
            rt2.choose(rt2.options()[0].index)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_garbage_bytes_are_damaged_not_crashes(data):
    path = saves.slot_path("8")
    path.write_bytes(data)
    info = saves.read_save("8")
    assert info.damaged or info.data is not None
