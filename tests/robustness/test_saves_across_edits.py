"""Format 2 identity through real save files: a save made before a story edit resumes at exactly
the same line when other lines of its node were inserted, deleted or reordered; editing the line's
own text makes it a new, unread line; version-1 saves and read records still load.

Every test writes and reads real files in the test's private data folder (HER_DATA_DIR)."""

from __future__ import annotations

import json

import pytest

from game import saves
from game.engine import ChoiceEvent, LineEvent, Runtime, load_story
from game.engine.identity import derived_key
from game.migrate import stamp
from game.paths import user_data_dir
from game.persistent import Persistent

MANIFEST = """\
title: Edits
start: a
characters:
  n: {name: ""}
  sam: {name: Sam}
variables:
  x: {start: 0, min: 0, max: 5}
endings:
  done: {title: Done, summary: Done.}
chapters: [c.yaml]
"""

CHAPTER = """\
chapter: c
title: C
nodes:
  a:
    lines:
      - n: One.
      - sam: Two.
      - set: x += 1
      - n: Hidden.
        if: x > 3
      - sam: Three.
      - n: Four.
    choices:
      - text: Go.
        lines:
          - sam: Reply one.
          - sam: Reply two.
        goto: b
      - text: Stay.
        goto: b
  b:
    lines:
      - n: End.
    ending: done
"""

EDITS = {
    "insert": lambda t: t.replace("      - n: One.\n", "      - n: New first.\n      - n: One.\n")
                         .replace("      - n: Four.\n", "      - n: Inserted.\n      - n: Four.\n"),
    "delete": lambda t: t.replace("      - n: One.\n", "").replace("      - n: Hidden.\n        if: x > 3\n", ""),
    "reorder": lambda t: t.replace("      - n: One.\n      - sam: Two.\n", "      - sam: Two.\n      - n: One.\n")
                          .replace("      - n: Hidden.\n        if: x > 3\n", "")
                          .replace("      - n: Four.\n", "      - n: Hidden.\n        if: x > 3\n      - n: Four.\n"),
}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CHAPTER, encoding="utf-8")
    return tmp_path


def edit(folder, change) -> None:
    path = folder / "c.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def save_at(folder, text: str, picks: tuple[int, ...] = (), slot: str = "1"):
    """Play to the line `text` (choosing `picks` on the way) and save there as a player's save does."""
    story = load_story(folder)
    rt = Runtime(story)
    picks_left = list(picks)
    for _ in range(100):
        before = rt.snapshot()
        event = rt.advance()
        if isinstance(event, LineEvent) and event.text == text:
            saves.write_save(slot, story, stamp(story, before, settle=True), f"{event.speaker}: {text}")
            return story, before
        if isinstance(event, ChoiceEvent):
            rt.choose(event.options[picks_left.pop(0) - 1].index)
    raise AssertionError(f"never showed {text!r}")


def resume(folder, slot: str = "1"):
    """Load the slot into the story as it is on disk now; the first line shown, the state, the notes."""
    story = load_story(folder)
    state, notes = saves.load_state(saves.read_save(slot), story)
    rt = Runtime(story, state)
    event = rt.advance()
    while not isinstance(event, LineEvent):
        event = rt.advance()
    return event, rt, notes


@pytest.mark.parametrize("change", list(EDITS), ids=list(EDITS))
@pytest.mark.parametrize("line", ["Three.", "Four.", "Two."])
def test_a_save_resumes_at_the_same_line_when_other_lines_change(folder, change, line):
    _, before = save_at(folder, line)
    data = json.loads((user_data_dir() / "saves" / "1.json").read_text(encoding="utf-8"))
    assert data["version"] == saves.VERSION and data["state"]["version"] == 2
    assert data["state"]["line"] == derived_key("sam" if line != "Four." else "n", line)
    edit(folder, EDITS[change])
    event, rt, notes = resume(folder)
    assert event.text == line and notes == []
    assert rt.state.vars["x"] == before.vars["x"] + (line == "Three.")  # the effect just before it: applied exactly once
    rest = []
    while not isinstance(event, ChoiceEvent):
        event = rt.advance()
        rest.append(getattr(event, "text", None))
    assert "Four." in rest or line == "Four."


@pytest.mark.parametrize("change", list(EDITS), ids=list(EDITS))
def test_a_save_inside_a_choice_reply_resumes_at_the_same_reply_line(folder, change):
    save_at(folder, "Reply two.", picks=(1,))
    edit(folder, lambda t: EDITS[change](t).replace("          - sam: Reply one.\n", "          - n: Before.\n          - sam: Reply one.\n")
         .replace("      - text: Stay.\n        goto: b\n", "      - text: First now.\n        goto: b\n      - text: Stay.\n        goto: b\n"))
    event, rt, notes = resume(folder)
    assert event.text == "Reply two." and notes == []
    assert rt.state.choice == 0


def test_editing_the_line_itself_makes_it_a_new_unread_line_at_the_same_place(folder):
    save_at(folder, "Three.")
    record = Persistent()
    story = load_story(folder)
    old_uid = f"a:{derived_key('sam', 'Three.')}"
    record.mark_read(old_uid)
    record.flush()
    edit(folder, lambda t: t.replace("sam: Three.", "sam: Three, rewritten."))
    event, _, notes = resume(folder)
    assert event.text == "Three, rewritten." and notes == []
    assert event.uid != old_uid and not Persistent().was_read(event.uid) and Persistent().was_read(old_uid)
    assert story.nodes["a"].lines[4].key != event.key


def test_a_removed_node_resumes_at_its_chapter_start(folder):
    save_at(folder, "End.", picks=(2,))
    edit(folder, lambda t: t.replace("      - text: Stay.\n        goto: b\n", "      - text: Stay.\n        goto: c\n")
         .replace("  b:\n    lines:\n      - n: End.\n", "  c:\n    lines:\n      - n: End.\n")
         .replace("        goto: b\n", "        goto: c\n"))
    event, _, notes = resume(folder)
    assert event.text == "One." and notes and "removed" in notes[0]


def test_history_is_stored_by_identity_in_runs_per_node(folder):
    save_at(folder, "End.", picks=(1,))
    state = json.loads((user_data_dir() / "saves" / "1.json").read_text(encoding="utf-8"))["state"]
    story = load_story(folder)
    a = story.nodes["a"]
    keys = [line.key for line in a.lines if line.text and line.text != "Hidden."]
    assert state["history"] == [["a", *keys, ">" + a.choices[0].key, *(r.key for r in a.choices[0].lines)]]
    raw = (user_data_dir() / "saves" / "1.json").read_text(encoding="utf-8")
    assert "Reply one." not in raw  # identities, never the text again


# --- version 1 ---------------------------------------------------------------------------------------
def write_v1_save(folder, state: dict) -> None:
    path = user_data_dir() / "saves" / "2.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "format": "her-save", "version": 1, "min_version": 1,
        "story": {"title": "Edits", "start": "a", "fingerprint": "old"}, "saved_at": "2026-01-01T00:00:00+00:00",
        "meta": {"chapter": "c", "chapter_title": "C", "line": "Sam: Three."}, "state": state,
    }), encoding="utf-8")


def test_a_version_1_save_loads_with_its_positions_mapped_to_identities(folder):
    # written by the version-1 game: at lines[4] ("Three."), history by list positions
    write_v1_save(folder, {
        "version": 1, "node": "a", "pos": 4, "choice": None, "ended": None, "entered": True, "scene": None, "music": None,
        "vars": {"x": 1}, "history": [["line", "a", "0"], ["line", "a", "1"]],
    })
    story = load_story(folder)
    info = saves.read_save("2")
    state, notes = saves.load_state(info, story)
    assert notes == []
    assert [e.key for e in state.history_list()] == [derived_key("n", "One."), derived_key("sam", "Two.")]
    event = Runtime(story, state).advance()
    assert isinstance(event, LineEvent) and event.text == "Three."
    saves.write_save("2", story, state)  # written again: version 2 from now on
    assert json.loads((user_data_dir() / "saves" / "2.json").read_text(encoding="utf-8"))["state"]["version"] == 2


def test_a_version_1_save_in_a_node_that_now_counts_visits_counts_them_from_its_history(folder):
    edit(folder, lambda t: t.replace("      - n: End.\n", "      - n: End.\n      - n: Been at a.\n        if: seen(a)\n"))
    write_v1_save(folder, {
        "version": 1, "node": "b", "pos": 0, "choice": None, "ended": None, "entered": True, "scene": None, "music": None,
        "vars": {"x": 1}, "history": [["line", "a", "0"], ["choice", "a", "1"]],
    })
    story = load_story(folder)
    state, notes = saves.load_state(saves.read_save("2"), story)
    assert notes == [] and state.vars["seen(a)"] is True  # hidden variables never show up in the player's notes
    rt = Runtime(story, state)
    shown = [e.text for e in (rt.advance() for _ in range(3)) if isinstance(e, LineEvent)]
    assert shown == ["End.", "Been at a."]


def test_a_version_1_read_record_is_adopted_by_identity(folder):
    path = user_data_dir() / "persistent.json"
    path.write_text(json.dumps({"format": "her-persistent", "version": 1, "min_version": 1,
                                "endings": {}, "read": ["a:0", "a:4", "a:c0.1", "gone:3"]}), encoding="utf-8")
    record = Persistent()
    record.adopt(load_story(folder))
    a = load_story(folder).nodes["a"]
    assert record.read == {f"a:{a.lines[0].key}", f"a:{a.lines[4].key}", f"a:{a.choices[0].lines[1].key}"}
    record.mark_read("a:x")
    record.flush()
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 2 and f"a:{a.lines[4].key}" in written["read"]


def test_the_game_controller_adopts_a_version_1_record_for_both_front_ends(folder):
    from game.controller.game import Game

    path = user_data_dir() / "persistent.json"
    path.write_text(json.dumps({"format": "her-persistent", "version": 1, "min_version": 1,
                                "endings": {}, "read": ["a:1"]}), encoding="utf-8")
    story = load_story(folder)
    game = Game(story, Persistent())
    assert game.record.read == {f"a:{derived_key('sam', 'Two.')}"}
