"""Window tests: a real App on the dummy video driver, driven by real pygame events."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

STORIES = Path(__file__).resolve().parent.parent / "stories"
BASIC = STORIES / "basic"


@pytest.fixture
def story_copy(tmp_path):
    """A private copy of a story folder (for tests that edit it)."""

    def copy(src: Path = BASIC) -> Path:
        dst = tmp_path / f"story-{src.name}"
        shutil.copytree(src, dst)
        return dst

    return copy
