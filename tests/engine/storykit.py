"""Helpers for engine tests: write small stories from YAML strings, find where a word is written.

A module with its own name (not conftest) so test files can import from it unambiguously.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from game import paths
from game.engine import Runtime, load_story
from game.engine.loader import load_story_files

MANIFEST = """\
title: Test
start: a
characters:
  n: {name: ""}
  sam: {name: Sam}
variables:
  x: {start: 0, min: 0, max: 5}
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
        if: x >= 0 and not f
      - set: x += 1; f = true
    ending: done
"""


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def where(text: str, needle: str, nth: int = 0, shift: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of `needle` in `text` (dedented), plus `shift` columns."""
    text = textwrap.dedent(text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, col + shift


class StoryKit:
    """Writes a story into its own folder and loads or lints it."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0

    def folder(self, manifest: str = MANIFEST, **chapters: str | bytes) -> Path:
        self.count += 1
        files: dict[str, str | bytes] = {"story.yaml": manifest}
        if not chapters:
            chapters = {"c": CHAPTER}
        for name, text in chapters.items():
            files[f"{name}.yaml"] = text
        return write(self.root / f"story{self.count}", files)

    def lint(self, manifest: str = MANIFEST, **chapters: str | bytes):
        """(story or None, [(file name, line, col, severity, message)])."""
        story, diags = load_story_files(self.folder(manifest, **chapters), assets=paths.assets_dir())
        return story, [(Path(d.loc.path).name, d.loc.line, d.loc.col, d.severity, d.message) for d in diags]

    def load(self, manifest: str = MANIFEST, **chapters: str | bytes):
        return load_story(self.folder(manifest, **chapters))

    def runtime(self, manifest: str = MANIFEST, **chapters: str | bytes) -> Runtime:
        return Runtime(self.load(manifest, **chapters))
