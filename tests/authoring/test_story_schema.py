"""The JSON Schemas for story files (editor completion and checks) accept what lint accepts and
reject what it rejects: every shipped file validates, malformed files fail both."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from authoringkit import ROOT, SHIPPED, STORIES, random_story
from jsonschema import Draft202012Validator

from game.engine.loader import load_story_files
from game.engine.source import load_yaml_file

SCHEMAS = ROOT / "game" / "schema"


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")))


def errors(kind: str, path: Path) -> list[str]:
    """Schema errors for a file, read by the game's own YAML reader (what the loader sees)."""
    return [e.message for e in validator(kind).iter_errors(load_yaml_file(path))]


def story_files(folder: Path) -> list[tuple[str, Path]]:
    manifest = load_yaml_file(folder / "story.yaml")
    return [("story", folder / "story.yaml")] + [("chapter", folder / name) for name in manifest["chapters"]]


@pytest.mark.parametrize("kind", ["story", "chapter", "playtests"])
def test_schemas_are_valid_json_schema(kind):
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_shipped_story_file_validates():
    files = story_files(SHIPPED)
    assert len(files) == 7
    for kind, path in files:
        assert errors(kind, path) == [], path.name
    assert errors("playtests", SHIPPED / "playtests.yaml") == []


def test_every_lint_clean_test_story_validates():
    checked = 0
    for folder in sorted(p for p in STORIES.iterdir() if (p / "story.yaml").is_file()):
        story, _ = load_story_files(folder, warnings=False)
        if story is None:
            continue
        for kind, path in story_files(folder):
            assert errors(kind, path) == [], f"{path}: {errors(kind, path)}"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("seed", range(40))
def test_random_lint_clean_stories_validate(tmp_path, seed):
    folder = random_story(tmp_path / "s", seed)
    assert load_story_files(folder, warnings=False)[0] is not None
    for kind, path in story_files(folder):
        assert errors(kind, path) == []


def test_schema_lines_point_at_the_shipped_schemas():
    """The `# yaml-language-server: $schema=...` first lines resolve to the files in game/schema."""
    pattern = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
    manifest_line = (SHIPPED / "story.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert (SHIPPED / pattern.match(manifest_line).group(1)).resolve() == SCHEMAS / "story.schema.json"
    playtests_line = (SHIPPED / "playtests.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert (SHIPPED / pattern.match(playtests_line).group(1)).resolve() == SCHEMAS / "playtests.schema.json"
    for _kind, path in story_files(SHIPPED)[1:]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = pattern.match(first)
        assert match, f"{path.name} does not start with the schema line"
        assert (SHIPPED / match.group(1)).resolve() == SCHEMAS / "chapter.schema.json", path.name


# --- malformed files: rejected by the schema and by lint ---------------------------------------------------
MANIFEST = """\
title: T
start: a
characters:
  n: {name: ""}
  sam: {name: Sam, color: "#112233"}
variables:
  x: {start: 0, min: 0, max: 3}
  f: false
endings:
  done: {title: Done, summary: The end.}
chapters:
  - c.yaml
"""
CHAPTER = """\
chapter: c
title: C
nodes:
  a:
    lines:
      - n: Hello.
      - sam: Hi.
        if: x >= 1
        style: whisper
      - set: x += 1
    choices:
      - text: Go.
        goto: b
    next: b
  b:
    branch:
      - if: f
        goto: b2
      - goto: b2
  b2:
    lines:
      - n: Bye.
    ending: done
"""

BAD_CHAPTERS = {
    "typo in a node key": ("    choices:", "    chioces:"),
    "two speakers on a line": ("      - n: Hello.", "      - n: Hello.\n        sam: Hello too."),
    "a line without a speaker": ("      - n: Hello.", "      - style: letter"),
    "set beside text": ("      - set: x += 1", "      - set: x += 1\n        style: letter"),
    "unknown style": ("        style: whisper", "        style: shout"),
    "node ends two ways": ("    ending: done", "    ending: done\n    next: a"),
    "node with no way out": ("    ending: done", ""),
    "empty choices": ("    choices:\n      - text: Go.\n        goto: b\n", "    choices: []\n"),
    "choice without text": ("      - text: Go.\n", "      - if: f\n"),
    "choice without goto and no next": ("        goto: b\n    next: b\n", "\n"),
    "branch with two fallbacks": ("      - if: f\n        goto: b2", "      - goto: b2"),
    "bad node id": ("  b2:", "  2b:"),
    "bad goto id": ("        goto: b\n", "        goto: not-an-id\n"),
    "condition outside the grammar": ("        if: x >= 1", "        if: x >= 1 && f"),
    "condition that is a number": ("        if: x >= 1", "        if: 3"),
    "unknown chapter key": ("title: C", "title: C\nauthor: me"),
    "missing title": ("title: C\n", ""),
    "lines not a list": ("    lines:\n      - n: Bye.", "    lines: Bye."),
}

BAD_MANIFESTS = {
    "unknown top-level key": ("title: T", "title: T\nversion: 2"),
    "colour not a hex colour": ('color: "#112233"', "color: red"),
    "variable without start": ("x: {start: 0, min: 0, max: 3}", "x: {min: 0, max: 3}"),
    "variable of a wrong type": ("f: false", "f: maybe"),
    "variable named like a keyword": ("f: false", "not: false"),
    "ending without summary": ("done: {title: Done, summary: The end.}", "done: {title: Done}"),
    "no chapters": ("chapters:\n  - c.yaml", "chapters: []"),
    "missing start": ("start: a\n", ""),
    "character named set": ("  n: {name: \"\"}", "  set: {name: S}\n  n: {name: \"\"}"),
}


def make_story(tmp_path: Path, manifest: str = MANIFEST, chapter: str = CHAPTER) -> Path:
    (tmp_path / "story.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(chapter), encoding="utf-8")
    return tmp_path


def test_the_base_story_is_valid_for_both(tmp_path):
    folder = make_story(tmp_path)
    story, diagnostics = load_story_files(folder)
    assert story is not None and not [d for d in diagnostics if d.is_error]
    assert errors("story", folder / "story.yaml") == [] and errors("chapter", folder / "c.yaml") == []


@pytest.mark.parametrize("case", sorted(BAD_CHAPTERS))
def test_malformed_chapter_is_rejected_by_schema_and_lint(tmp_path, case):
    old, new = BAD_CHAPTERS[case]
    assert old in CHAPTER
    folder = make_story(tmp_path, chapter=CHAPTER.replace(old, new, 1))
    story, diagnostics = load_story_files(folder)
    assert story is None and any(d.is_error for d in diagnostics), case
    assert errors("chapter", folder / "c.yaml"), case


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_malformed_manifest_is_rejected_by_schema_and_lint(tmp_path, case):
    old, new = BAD_MANIFESTS[case]
    assert old in MANIFEST
    folder = make_story(tmp_path, manifest=MANIFEST.replace(old, new, 1))
    story, diagnostics = load_story_files(folder)
    assert story is None and any(d.is_error for d in diagnostics), case
    assert errors("story", folder / "story.yaml"), case


def test_malformed_playtests_are_rejected_by_the_schema(tmp_path):
    path = tmp_path / "playtests.yaml"
    for text in ("t:\n  choises: [1]\n", "t:\n  choices: [0]\n", "t:\n  choices: 'a,b'\n", "t: [1, 2]\n", "t:\n  vars: {x: one}\n"):
        path.write_text(text, encoding="utf-8")
        assert errors("playtests", path), text
