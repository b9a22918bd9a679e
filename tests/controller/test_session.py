"""The controller's session over the runtime: rollback snapshots and roll-forward, without a window."""

from __future__ import annotations

from pathlib import Path

from game.controller import Session
from game.engine import load_story
from game.engine.runtime import ChoiceEvent, LineEvent

BASIC = Path(__file__).resolve().parents[1] / "stories" / "basic"


def walk_to_choice(session):
    step = session.start()
    while not isinstance(step.event, ChoiceEvent):
        step = session.advance()
    return step


def test_rollback_restores_variables_exactly_and_redo_replays_the_choice():
    session = Session(load_story(BASIC))
    choice = walk_to_choice(session)
    before = dict(session.runtime.state.vars)
    session.choose(0)
    after = dict(session.runtime.state.vars)
    assert after != before
    back = session.rollback()
    assert back is choice and session.runtime.state.vars == before
    assert session.can_rollforward()
    session.rollforward()
    assert session.runtime.state.vars == after


def test_a_different_choice_forgets_the_old_future():
    session = Session(load_story(BASIC))
    walk_to_choice(session)
    session.choose(0)
    session.rollback()
    session.choose(1)
    assert not session.redo and session.runtime.state.vars["open"] is False


def test_read_lines_are_reported_and_remembered():
    read: set[str] = set()
    session = Session(load_story(BASIC), was_read=read.__contains__, mark_read=read.add)
    first = session.start()
    assert not first.was_read and first.event.uid in read
    again = Session(load_story(BASIC), was_read=read.__contains__, mark_read=read.add).start()
    assert again.was_read


def test_save_state_shows_the_same_line_again():
    story = load_story(BASIC)
    session = Session(story)
    session.start()
    step = session.advance()
    restored = Session(story, session.save_state()).start()
    assert isinstance(restored.event, LineEvent) and restored.event.uid == step.event.uid


def test_reload_keeps_the_choice_point_when_lines_before_it_are_gone(tmp_path):
    import shutil

    shutil.copytree(BASIC, tmp_path / "s")
    session = Session(load_story(tmp_path / "s"))
    walk_to_choice(session)
    assert session.current.before.pos == 5  # the choice comes after the node's five steps
    chapter = tmp_path / "s" / "one.yaml"
    text = chapter.read_text()
    for gone in ("      - samantha: Hello.\n        if: closeness >= 1\n", "      - samantha: You sound tired.\n        if: closeness >= 1\n"):
        assert gone in text
        text = text.replace(gone, "")
    chapter.write_text(text)
    vars_before = dict(session.runtime.state.vars)
    notes = session.reload(load_story(tmp_path / "s"))
    assert session.runtime.state.node == "office" and session.runtime.state.vars == vars_before
    # format 2: the position is known by identity (after the last line), not as "step 5", which is gone
    assert isinstance(session.current.event, ChoiceEvent) and session.current.event.node == "office"
    assert notes == []


def test_reload_keeps_the_exact_line_when_it_still_exists(tmp_path):
    import shutil

    shutil.copytree(BASIC, tmp_path / "s")
    session = Session(load_story(tmp_path / "s"))
    session.start()
    session.advance()
    chapter = tmp_path / "s" / "one.yaml"
    chapter.write_text(chapter.read_text().replace("Dear Chris,", "Dear Christine,"))
    assert session.reload(load_story(tmp_path / "s")) == []
    assert session.current.event.text == "Dear Christine,"
