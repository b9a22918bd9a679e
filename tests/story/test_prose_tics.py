"""tools/prose_tics.py: the line edit's habits, counted through the loader."""


import pytest

from game.engine import load_story
from tests.engine.storykit import MANIFEST, write
from tests.scripts import load_script

MANIFEST_SAM = MANIFEST.replace("sam: {name: Sam}", "samantha: {name: Samantha}")
CHAPTER = """\
chapter: c
title: C
nodes:
  a:
    lines:
      - n: The rain comes down like a curtain. A door. Two doors.
      - samantha: Okay. I'm here.
      - n: Okay. Not Samantha, not counted.
      - samantha: That's a real answer.
        if: f
    choices:
      - text: Open the door like an old friend.
        goto: b
  b:
    ending: done
"""


@pytest.fixture(scope="module")
def tics():
    return load_script("tools/prose_tics.py")


def test_habits_are_counted_in_lines_and_options_and_samanthas_tics_only_in_her_lines(tics, tmp_path):
    story = load_story(write(tmp_path, {"story.yaml": MANIFEST_SAM, "c.yaml": CHAPTER}))
    found = tics.count(story)
    assert len(found["simile 'like a'"]) == 2  # the curtain and the option's old friend
    assert len(found["doors"]) == 2  # a line with two doors counts once; the option's door once
    assert [w[1] for w in found["Samantha's 'Okay.'"]] == ["samantha"]
    assert len(found["grading replies"]) == 1  # conditioned lines can be shown, so they count
    assert tics.main(["--story", str(tmp_path)]) == 1  # a grading reply is over its ceiling of 0


def test_a_story_that_does_not_load_is_one_line_and_exit_1(tics, tmp_path, capsys):
    write(tmp_path, {"story.yaml": MANIFEST_SAM, "c.yaml": "chapter: [\n"})
    assert tics.main(["--story", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("prose_tics: ") and "\n" not in err
