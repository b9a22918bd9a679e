"""Everything `her lint` (and the language server) reports: the loader's findings about the
story, then those about its playtests file (checked only once the story itself loads)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.loader import load_story_files
from game.engine.source import SourceError, StoryFiles

PLAYTESTS = "playtests.yaml"


def lint_story(story_dir: Path, overlay: Mapping[Path, str] | None = None, **options) -> list[Diagnostic]:
    """Every finding, sorted by file and position; `overlay` and `options` go to `load_story_files`."""
    story, diagnostics = load_story_files(story_dir, overlay=overlay, **options)
    if story is None:
        return diagnostics
    path = story.root / PLAYTESTS
    files = StoryFiles(overlay)
    if not files.is_file(path):
        return diagnostics
    from game.authoring.playtest import lint_playtests

    try:
        found = lint_playtests(path, story, files.read(path))
    except SourceError as exc:
        found = [exc.diagnostic]
    return diagnostics + sorted(found, key=lambda d: (d.loc.line, d.loc.col, d.message))
