"""Saving costs what is written, not the history again: counted in bytes and calls, never timed.

A playthrough autosaves at every chapter start; if each save re-walked, re-encoded in Python
or re-read the whole history, a playthrough would cost the square of its length.
"""

import json
import json.encoder
from pathlib import Path

import pytest

from game import saves, storage
from game.engine import Runtime, load_story
from game.engine import state as state_module
from game.engine.state import GameState, HistoryEntry

BASIC = Path(__file__).resolve().parents[1] / "stories" / "basic"


@pytest.fixture
def story():
    return load_story(BASIC)


def _state(story, entries: int) -> GameState:
    rt = Runtime(story)
    rt.advance()
    state = rt.snapshot()
    for i in range(entries):
        state.record(HistoryEntry("line", state.node, str(i % 3)))
    return state


@pytest.fixture
def counters(monkeypatch):
    """Bytes read back from disk, calls into the pure-Python JSON encoder, history entries converted."""
    counts = {"read": 0, "python_encoder": 0, "converted": 0}
    read_regular, make_iterencode, run_item = storage.read_regular, json.encoder._make_iterencode, state_module._run_item

    def counting_read(path, *args, **kwargs):
        data = read_regular(path, *args, **kwargs)
        counts["read"] += len(data)
        return data

    def counting_encoder(*args, **kwargs):
        counts["python_encoder"] += 1
        return make_iterencode(*args, **kwargs)

    def counting_run_item(entry):
        counts["converted"] += 1
        return run_item(entry)

    monkeypatch.setattr(storage, "read_regular", counting_read)  # every file the game reads goes through it
    monkeypatch.setattr(json.encoder, "_make_iterencode", counting_encoder)
    monkeypatch.setattr(state_module, "_run_item", counting_run_item)
    return counts


def _written(slot: str) -> int:
    return saves.slot_path(slot).stat().st_size


def test_rewriting_a_slot_reads_nothing_back_and_never_uses_the_python_encoder(story, counters):
    state = _state(story, 4000)
    saves.write_save("auto", story, state)
    counters.update(read=0, python_encoder=0)
    saves.write_save("auto", story, state)
    assert counters["read"] == 0, "the slot this process just wrote was read back to judge it"
    assert counters["python_encoder"] == 0, "a save went through the pure-Python JSON encoder (indent?)"
    assert saves.slot_path("auto").with_name("auto.json.bak").exists()  # still kept as the backup


def test_a_slot_changed_by_someone_else_is_still_judged_by_reading_it(story, counters):
    state = _state(story, 10)
    saves.write_save("1", story, state)
    saves.slot_path("1").write_text('{"format": "her-save", "version": 1, "sta')  # damaged behind our back
    counters.update(read=0)
    saves.write_save("1", story, state)
    assert counters["read"] > 0
    assert saves.slot_path("1").with_name("1.json.damaged").exists()


def test_each_save_converts_only_the_history_added_since_the_last(story, counters):
    state = _state(story, 3000)
    saves.write_save("auto", story, state)
    for extra in (1, 50, 500):
        for i in range(extra):
            state.record(HistoryEntry("line", state.node, str(i % 3)))
        counters.update(converted=0)
        saves.write_save("auto", story, state)
        assert counters["converted"] == extra
    restored = GameState.from_json(saves.read_save("auto").data["state"])
    assert restored.history_list() == state.history_list() and restored.history_len == 3551  # nothing lost


def test_bytes_written_grow_with_the_history_by_a_small_constant_per_entry(story):
    saves.write_save("1", story, _state(story, 1000))
    saves.write_save("2", story, _state(story, 4000))
    per_entry = (_written("2") - _written("1")) / 3000
    assert per_entry <= len('"0",')  # compact: runs per node, no indentation, no spaces


def test_a_state_on_another_line_of_play_is_converted_whole_and_right(story):
    """After rollback the history branches off: the remembered walk must not leak into it."""
    base = _state(story, 20)
    saves.write_save("1", story, base)
    branch = base.copy()
    branch.history, branch.history_len = base.history[1][1], 18  # two entries rolled back
    branch.record(HistoryEntry("choice", base.node, "0"))
    assert branch.to_json()["history"][-1][-1] == ">0"
    assert GameState.from_json(branch.to_json()).history_list() == branch.history_list()
    assert len(branch.history_list()) == 19 and len(base.history_list()) == 20
    assert GameState.from_json(base.to_json()).history_list() == base.history_list()
    branch.record(HistoryEntry("line", "elsewhere", "0"))  # a run for a new node, after a shared one
    assert branch.to_json()["history"][-1] == ["elsewhere", "0"]
    assert base.to_json()["history"][-1][-1] != ">0"  # the shared run was never changed
