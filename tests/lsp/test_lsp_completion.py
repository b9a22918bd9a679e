"""Completion over stdio: what may be typed where, taken from the story's own names, the
assets folder and the loader's keys (so the format's new keys appear as soon as it has them)."""

from __future__ import annotations

import pytest
from lsprotocol import types as t

from game.engine import loader
from game.engine.loader import load_story_files
from game.paths import assets_dir

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _labels(lsp, name: str, position: t.Position) -> list[str]:
    result = await lsp.client.text_document_completion_async(t.CompletionParams(**lsp.doc(name, position)))
    return [item.label for item in result.items]


def _after(lsp, name: str, needle: str, nth: int = 0, text: str | None = None) -> t.Position:
    return lsp.find(name, needle, nth, text, after=True)


async def test_node_ids_after_goto_and_next(lsp):
    story, _ = load_story_files(lsp.story)
    assert sorted(await _labels(lsp, "01_letters.yaml", _after(lsp, "01_letters.yaml", "goto: "))) == sorted(story.nodes)
    assert sorted(await _labels(lsp, "01_letters.yaml", _after(lsp, "01_letters.yaml", "next: "))) == sorted(story.nodes)
    assert sorted(await _labels(lsp, "story.yaml", _after(lsp, "story.yaml", "start: "))) == sorted(story.nodes)


async def test_variables_in_conditions_and_nodes_inside_visits(lsp):
    story, _ = load_story_files(lsp.story)
    assert sorted(await _labels(lsp, "02_awakening.yaml", _after(lsp, "02_awakening.yaml", "if: "))) == sorted(story.variables)
    text = lsp.text("02_awakening.yaml").replace("if: kept_drafts", "if: visits(wa", 1)
    lsp.open("02_awakening.yaml", text)
    labels = await _labels(lsp, "02_awakening.yaml", _after(lsp, "02_awakening.yaml", "if: visits(wa", text=text))
    assert sorted(labels) == sorted(story.nodes)
    lsp.close("02_awakening.yaml")


async def test_endings_scenes_and_music(lsp):
    story, _ = load_story_files(lsp.story)
    assert sorted(await _labels(lsp, "06_departure.yaml", _after(lsp, "06_departure.yaml", "ending: "))) == sorted(story.endings)
    scenes = sorted({p.stem for p in (assets_dir() / "scenes").glob("*.png")})
    assert sorted(await _labels(lsp, "01_letters.yaml", _after(lsp, "01_letters.yaml", "scene: "))) == scenes
    music = sorted({p.stem for p in (assets_dir() / "music").glob("*.ogg")} | {"none"})
    assert sorted(await _labels(lsp, "01_letters.yaml", _after(lsp, "01_letters.yaml", "music: "))) == music


async def test_speakers_and_keys_where_a_key_may_go(lsp):
    story, _ = load_story_files(lsp.story)
    line_start = _after(lsp, "01_letters.yaml", "      - ")  # a line of the first node
    labels = await _labels(lsp, "01_letters.yaml", line_start)
    assert set(story.characters) | loader.LINE_OPTION_KEYS | {"set"} == set(labels)
    goto = lsp.find("01_letters.yaml", "goto: ")  # a key of a choice
    assert set(await _labels(lsp, "01_letters.yaml", goto)) == set(loader.CHOICE_KEYS)
    scene = lsp.find("01_letters.yaml", "scene: ")  # a key of a node
    assert set(await _labels(lsp, "01_letters.yaml", scene)) == set(loader.NODE_KEYS)
    branch = _after(lsp, "02_awakening.yaml", "      - if: withdrawals >= 1\n        ")  # a key of a branch entry
    assert set(await _labels(lsp, "02_awakening.yaml", branch)) == {"if", "goto"}
    top = t.Position(lsp.find("story.yaml", "title:").line, 0)
    assert set(await _labels(lsp, "story.yaml", top)) == set(loader.MANIFEST_KEYS)
    test_key = lsp.find("playtests.yaml", "  ending: ")
    assert set(await _labels(lsp, "playtests.yaml", t.Position(test_key.line, 2))) == {
        "choices", "ending", "visits", "vars", "from", "set"}
