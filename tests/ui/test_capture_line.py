"""`her capture --line NODE[:ID]`: the play screen showing exactly that line or option, at a text size."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from tests_ui_support import BASIC

from game.engine import load_story
from game.ui.capture import capture
from game.ui.captureline import CaptureError


def _key(story, node, speaker=None, option=False):
    n = story.nodes[node]
    if option:
        return n.choices[1].key
    return next(line.key for line in n.lines if line.text and (speaker is None or line.speaker == speaker))


def _pixels(path):
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(int)


def test_a_line_at_two_text_sizes_and_an_option(tmp_path):
    story = load_story(BASIC)
    letter = _key(story, "office", "theodore")  # "Dear Chris," in letter style
    small = capture(tmp_path / "a", story_dir=BASIC, line=f"office:{letter}", log=lambda m: None)
    large = capture(tmp_path / "b", story_dir=BASIC, line=f"office:{letter}", text_size=150, log=lambda m: None)
    assert len(small) == len(large) == 1 and small[0].name.endswith("-en-100.png") and large[0].name.endswith("-en-150.png")
    a, b = _pixels(small[0]), _pixels(large[0])
    assert a.shape == b.shape == (1280, 720, 3)
    assert np.abs(a - b).sum() > 0  # the larger text draws differently
    option = capture(tmp_path / "c", story_dir=BASIC, line=f"office:{_key(story, 'office', option=True)}", lang="ko", log=lambda m: None)
    assert option[0].name.endswith("-ko-100.png")
    assert np.abs(_pixels(option[0]) - a).sum() > 0


@pytest.mark.parametrize("where", ["nowhere", "office:no_such_line"])
def test_a_line_that_is_not_there_is_one_message(tmp_path, where):
    with pytest.raises(CaptureError) as err:
        capture(tmp_path, story_dir=BASIC, line=where, log=lambda m: None)
    assert "--line" in str(err.value) and "\n" not in str(err.value)
