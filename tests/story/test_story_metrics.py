"""tools/story_metrics.py: the issue-16 figures, measured through the real runtime and explorer."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import EnterEvent, load_story
from game.paths import story_dir
from tests.scripts import load_script

TOOL = Path(__file__).resolve().parents[2] / "tools" / "story_metrics.py"


@pytest.fixture(scope="module")
def metrics():
    return load_script("tools/story_metrics.py")


@pytest.fixture(scope="module")
def story():
    return load_story(story_dir())


def test_the_lookup_counts_what_exploring_from_the_state_finds(metrics, story):
    from game.authoring.explore import random_players

    states = []

    def watch(player, rt, event):
        if isinstance(event, EnterEvent) and event.node == metrics.LAST_CHAPTER:
            states.append(rt.snapshot())

    random_players(story, 40, seed=7, watch=watch)
    assert states, "some random player should reach the last chapter"
    count = metrics.open_endings(story, metrics.LAST_CHAPTER)
    assert metrics.verify(story, states[:12], count) == []
    assert all(1 <= count(s) <= len(story.endings) for s in states)


def test_figures_are_repeatable_and_add_up(metrics, story):
    first = metrics.measure(story, 60, seed=3)
    assert first == {**metrics.measure(story, 60, seed=3), "seconds": first["seconds"]}
    assert sum(first["endings"].values()) + sum(first["other_outcomes"].values()) == pytest.approx(1.0)
    assert sum(first["open_endings_at_checkpoint"].values()) == first["reached_checkpoint"] <= 60
    assert 0 < first["median_node_visit_share"] <= 1
    assert first["ok"] == all(first["goals"].values())


def test_the_command_prints_json_and_exits_on_the_goals(tmp_path):
    run = subprocess.run([sys.executable, str(TOOL), "-n", "30", "--json", "--verify", "3"],
                         capture_output=True, text=True, timeout=120)
    data = json.loads(run.stdout)
    assert data["players"] == 30 and data["mismatches"] == []
    assert run.returncode == (0 if data["ok"] else 1)
    bad = subprocess.run([sys.executable, str(TOOL), "--story", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("story_metrics: ") and "Traceback" not in bad.stderr
