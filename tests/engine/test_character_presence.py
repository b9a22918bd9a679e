"""`presence: true` on a character: the manifest, not the code, says whose presence the window shows."""

from __future__ import annotations

from storykit import CHAPTER, MANIFEST, write

from game.engine import load_story
from game.engine.loader import load_story_files


def test_presence_is_read_from_the_manifest_and_defaults_to_false(tmp_path):
    manifest = MANIFEST.replace("sam: {name: Sam}", "sam: {name: Sam, presence: true}")
    story = load_story(write(tmp_path, {"story.yaml": manifest, "c.yaml": CHAPTER}))
    assert story.characters["sam"].presence is True
    assert story.characters["n"].presence is False


def test_presence_that_is_not_true_or_false_is_one_finding(tmp_path):
    manifest = MANIFEST.replace("sam: {name: Sam}", "sam: {name: Sam, presence: often}")
    story, diagnostics = load_story_files(write(tmp_path, {"story.yaml": manifest, "c.yaml": CHAPTER}))
    errors = [d for d in diagnostics if d.is_error]
    assert len(errors) == 1 and "presence" in errors[0].message and errors[0].loc.line == 5
