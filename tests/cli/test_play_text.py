"""The terminal player in-process: autosaves, soft-locks and loops end with one line, never a hang."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game import saves
from game.cli import main
from game.engine import Runtime, load_story

ROOT = Path(__file__).resolve().parents[2]
WALK = ROOT / "tests" / "stories" / "golden_walk"
BASIC = ROOT / "tests" / "stories" / "basic"


@pytest.fixture
def no_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def test_autosave_at_each_chapter_start_names_that_chapter(monkeypatch, capsys, no_stdin):
    written = []
    real = saves.write_save

    def spy(slot, story, state, line=""):
        written.append((slot, state.copy(), line))
        return real(slot, story, state, line)

    monkeypatch.setattr(saves, "write_save", spy)
    assert main(["play", "--text", "--story", str(WALK), "--choices", "1,1"]) == 0
    out = capsys.readouterr().out
    assert out == (WALK / "expected.txt").read_text()
    # one autosave per chapter start, none at the end: an ended game keeps its chapter autosave
    assert [(slot, state.node, state.pos) for slot, state, _ in written] == [("auto", "morning", 0), ("auto", "night", 0)]
    chapter_save = written[1]
    assert chapter_save[2] == "The street is loud."
    info = saves.read_save("auto")
    assert (info.chapter, info.damaged) == ("night", None)
    # resuming from the chapter-start save plays the rest of the story exactly
    story = load_story(WALK)
    rt = Runtime(story, chapter_save[1])
    texts = []
    while True:
        event = rt.advance()
        if hasattr(event, "text"):
            texts.append(event.text)
        if hasattr(event, "ending"):
            break
    assert texts == ["I liked today.", "Thank you for telling me."]


def test_soft_lock_is_one_line_and_exit_1(tmp_path, capsys, no_stdin):
    (tmp_path / "story.yaml").write_text("title: T\nstart: a\ncharacters: {n: {}}\nvariables: {f: false}\n"
                                         "endings: {e: {title: E, summary: S}}\nchapters: [c.yaml]\n")
    (tmp_path / "c.yaml").write_text("chapter: c\ntitle: C\nnodes:\n  a:\n    lines: [{n: Hi.}]\n    choices:\n"
                                     "      - text: Only if f.\n        if: f\n        goto: b\n  b:\n    ending: e\n")
    assert main(["play", "--text", "--story", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "# C\nN: Hi.\n"  # a character with no name takes its id, capitalised
    assert captured.err == "her: the story is stuck at node 'a': no option is open\n"


def test_silent_loop_is_one_line_and_exit_1(tmp_path, capsys, no_stdin):
    (tmp_path / "story.yaml").write_text("title: T\nstart: a\ncharacters: {n: {name: ''}}\n"
                                         "endings: {e: {title: E, summary: S}}\nchapters: [c.yaml]\n")
    (tmp_path / "c.yaml").write_text("chapter: c\ntitle: C\nnodes:\n  a:\n    next: b\n  b:\n    next: a\n  z:\n    lines: [{n: x}]\n    ending: e\n")
    assert main(["play", "--text", "--story", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "# C\n"  # the chapter began; nothing else was shown
    assert captured.err.count("\n") == 1 and captured.err.startswith("her: the story runs in circles")


def test_end_of_input_at_the_first_choice_saves_and_exits_0(capsys, no_stdin):
    assert main(["play", "--text", "--story", str(WALK)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["1) Tell her about Catherine.", "2) Say nothing."]
    info = saves.read_save("auto")
    state, _ = saves.load_state(info, load_story(WALK))
    assert (state.node, state.choice, state.pos) == ("morning", None, 5)


def test_unusable_data_folder(tmp_path, monkeypatch, capsys, no_stdin):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("HER_DATA_DIR", str(blocker / "data"))
    # playing still works; each autosave says in one line that it could not be written
    assert main(["play", "--text", "--story", str(WALK), "--choices", "1,1"]) == 0
    captured = capsys.readouterr()
    assert captured.out == (WALK / "expected.txt").read_text()
    assert captured.err.count("\n") == 1 and captured.err.startswith("her: could not autosave: ")
    assert "is a file, not a folder" in captured.err
    # continuing needs the saves: one line saying why, then a new game that plays all the same
    assert main(["play", "--text", "--story", str(WALK), "--continue", "--choices", "1,1"]) == 0
    captured = capsys.readouterr()
    assert captured.out == (WALK / "expected.txt").read_text()
    first = captured.err.splitlines()[0]
    assert first.startswith("her: The saves cannot be read: ") and first.endswith("; starting a new game")


@pytest.mark.parametrize("bad", ["1,x", "2,-1", "0", "1,²", "1, 2 ,three"])
def test_choices_that_are_not_numbers_are_refused_up_front(bad, capsys):
    assert main(["play", "--text", "--choices", bad]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing played
    assert captured.err.count("\n") == 1 and captured.err.startswith("her: --choices: '")


def test_the_end_of_the_answers_is_said_and_the_game_saved(capsys, no_stdin):
    assert main(["play", "--text", "--story", str(BASIC)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Chapter One\n") and captured.out.endswith("2) Say nothing.\n")
    assert captured.err.strip().endswith("the game is saved (her play --text --continue goes on)")
    assert saves.read_save("auto").chapter == "one"
