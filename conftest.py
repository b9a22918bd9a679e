"""Test-wide set-up: the checkout's `game` package, a private data folder, no real screen."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Saves, settings and the persistent record never touch the real user folder."""
    monkeypatch.setenv("HER_DATA_DIR", str(tmp_path / "her-data"))
    yield


BASIC_STORY = Path(__file__).resolve().parent / "tests" / "stories" / "basic"


@pytest.fixture
def make_app():
    """make_app(story_dir=BASIC_STORY, **App options) -> (app, driver); every app is shut down afterwards."""
    from game.ui.app import App
    from game.ui.driver import Driver, FakeClock
    from game.ui.screens.saveload import SaveLoadScreen

    SaveLoadScreen.last_page = {"save": "1", "load": "1"}
    apps = []

    def make(story_dir: Path = BASIC_STORY, **options):
        clock = FakeClock()
        app = App(Path(story_dir), clock=clock, **options)
        apps.append(app)
        driver = Driver(app, clock)
        driver.step(2)
        return app, driver

    yield make
    for app in apps:
        app.shutdown()
