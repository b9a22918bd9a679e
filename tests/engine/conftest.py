"""The `kit` fixture: a StoryKit writing stories into the test's own folder."""

import pytest
from storykit import StoryKit


@pytest.fixture
def kit(tmp_path) -> StoryKit:
    return StoryKit(tmp_path)
