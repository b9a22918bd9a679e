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
def make_app():
    """make_app(story_dir=BASIC, **App options) -> (app, driver); every app is shut down afterwards."""
    from game.ui.app import App
    from game.ui.driver import Driver, FakeClock
    from game.ui.screens.saveload import SaveLoadScreen

    SaveLoadScreen.last_page = {"save": "1", "load": "1"}
    apps = []

    def make(story_dir: Path = BASIC, **options):
        clock = FakeClock()
        app = App(Path(story_dir), clock=clock, **options)
        apps.append(app)
        driver = Driver(app, clock)
        driver.step(2)
        return app, driver

    yield make
    for app in apps:
        app.shutdown()


@pytest.fixture
def story_copy(tmp_path):
    """A private copy of a story folder (for tests that edit it)."""

    def copy(src: Path = BASIC) -> Path:
        dst = tmp_path / f"story-{src.name}"
        shutil.copytree(src, dst)
        return dst

    return copy
