"""The game controller without a window: starting, saving, the autosave policy, Continue, the record."""

from __future__ import annotations

from pathlib import Path

from game import saves
from game.controller import Game, SaveNote
from game.engine import load_story
from game.engine.runtime import ChoiceEvent, EndEvent, LineEvent
from game.persistent import Persistent

WALK = Path(__file__).resolve().parents[1] / "stories" / "golden_walk"


class Writer:
    """Records what the controller asks to write, then writes it as the terminal does."""

    def __init__(self):
        self.calls: list[tuple[str, str, int, bool, str, object]] = []

    def __call__(self, slot, story, state, line, picture):
        self.calls.append((slot, state.node, state.pos, state.entered, line, picture))
        return saves.write_save(slot, story, state, line)


def play_to_end(session, answers=(0, 0)):
    answers = list(answers)
    step = session.start()
    while not isinstance(step.event, EndEvent):
        step = session.choose(answers.pop(0)) if isinstance(step.event, ChoiceEvent) else session.advance()
    return step


def test_every_chapter_start_autosaves_at_the_chapters_door_and_names_it():
    writer = Writer()
    chapters = []
    game = Game(load_story(WALK), write=writer)

    def began(event, chapter):
        chapters.append(chapter.id)
        return SaveNote(f"start of {chapter.id}", picture="picture")

    session = game.play(on_chapter=began)
    play_to_end(session)
    assert chapters == ["morning", "night"]
    assert [(c[0], c[1], c[2], c[3], c[4], c[5]) for c in writer.calls] == [
        ("auto", "morning", 0, False, "start of morning", "picture"), ("auto", "night", 0, False, "start of night", "picture")]
    assert saves.read_save("auto").chapter == "night"
    # loading the chapter save arrives at the chapter again: the hook hears of it once more
    found = game.open_slot("auto")
    state, notes = found.state, found.notes
    chapters.clear()
    first = game.play(state, on_chapter=began).start()
    assert chapters == ["night"] and notes == [] and first.event.text == "I liked today."


def test_leaving_autosaves_the_current_step_but_an_ended_game_keeps_its_chapter_save():
    writer = Writer()
    game = Game(load_story(WALK), write=writer)
    assert not game.may_autosave() and not game.autosave(SaveNote)  # nothing played yet
    session = game.play()
    step = session.start()
    step = session.advance()
    assert game.autosave(lambda: SaveNote("Theo: Dear Chris,"))
    assert writer.calls[-1][0] == "auto" and writer.calls[-1][4] == "Theo: Dear Chris,"
    resumed = Game(load_story(WALK)).play(game.open_slot("auto").state).start()
    assert resumed.event.uid == step.event.uid  # the save shows the same line again
    play_to_end(session)
    count = len(writer.calls)
    asked = []
    assert not game.autosave(lambda: asked.append(1) or SaveNote())
    assert len(writer.calls) == count and asked == []  # not even asked for a picture


def test_continue_resumes_the_newest_usable_save_and_a_damaged_one_is_not_loaded():
    game = Game(load_story(WALK))
    empty = game.open_slot("3")
    assert game.continue_save() is None and empty.state is None and empty.notice is None
    session = game.play()
    session.start()
    game.save("1", SaveNote("first"))
    session.advance()
    game.save("2", SaveNote("second"))
    saves.slot_path("2").write_text("{ not json")
    newest = game.continue_save()
    assert newest is not None and newest.slot in ("1", "auto")  # slot 2 is damaged: never resumed
    damaged = game.open_slot("2")
    assert damaged.state is None and damaged.notice  # one line on why, nothing played
    assert game.slot("2").damaged
    assert game.resume().state is not None  # Continue plays the newest good copy instead


def test_a_failed_autosave_is_reported_in_one_line_and_play_goes_on():
    reasons = []

    def broken(slot, story, state, line, picture):
        raise OSError(28, "No space left on device")

    game = Game(load_story(WALK), write=broken)
    session = game.play(report=reasons.append)
    assert isinstance(session.start().event, LineEvent)
    assert reasons == ["No space left on device"]


def test_the_record_remembers_read_lines_and_endings_across_playthroughs(tmp_path):
    record = Persistent(tmp_path / "persistent.json")
    game = Game(load_story(WALK), record)
    end = play_to_end(game.play())
    assert game.reach_ending(end.event.ending) and not game.reach_ending(end.event.ending)
    assert game.endings_reached() == {"close"}
    again = game.play().start()
    assert again.was_read
    assert Game(load_story(WALK)).reach_ending("close")  # no record: every ending is new
