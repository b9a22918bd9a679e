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
