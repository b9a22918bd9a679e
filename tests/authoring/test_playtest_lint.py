"""`her lint` checks playtests.yaml too: unknown nodes and endings, and walkthrough choices
that are not offered where they are played, each at the line and column of the item."""

from __future__ import annotations

import shutil

from authoringkit import STORIES, her

from game.authoring.lint import lint_story

COMBO = STORIES / "explore_combo"


def _copy(tmp_path, old: str, new: str):
    story = tmp_path / "combo"
    shutil.copytree(COMBO, story)
    path = story / "playtests.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return story, path.read_text(encoding="utf-8")


def _at(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_shipped_playtests_lint_clean():
    assert [d for d in lint_story(COMBO) if d.loc.path.endswith("playtests.yaml")] == []


def test_an_unknown_node_in_visits_is_reported_at_the_item(tmp_path):
    story, text = _copy(tmp_path, "visits: [cellar, landing, door]", "visits: [cellar, landin, door]")
    (finding,) = [d for d in lint_story(story) if d.loc.path.endswith("playtests.yaml")]
    assert (finding.loc.line, finding.loc.col) == _at(text, "landin,")
    assert "'landin' is not a node" in finding.message and "did you mean 'landing'" in finding.message


def test_a_choice_not_offered_is_reported_at_that_number(tmp_path):
    story, text = _copy(tmp_path, "choices: [1, 2, 2, 1]", "choices: [1, 2, 7, 1]")
    (finding,) = [d for d in lint_story(story) if d.loc.path.endswith("playtests.yaml")]
    assert (finding.loc.line, finding.loc.col) == _at(text, "7, 1]")
    assert "step 3" in finding.message and "choice 7 is not available" in finding.message
    result = her("lint", "--story", str(story), cwd=tmp_path)
    assert result.returncode == 1
    assert f"combo/playtests.yaml:{finding.loc.line}:{finding.loc.col}: error: playtest 'vault'" in result.stdout
