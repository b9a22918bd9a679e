"""Rename over stdio: the WorkspaceEdit, applied to a copy of the story, leaves it linting
exactly as clean as before, and no file mentions the old name where it was that name."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException

from game.authoring.lint import lint_story
from game.engine.loader import load_story_files

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _apply(edit: t.WorkspaceEdit, source: Path, target: Path) -> set[str]:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    for doc_uri, edits in edit.changes.items():
        name = Path(unquote(urlparse(doc_uri).path)).name
        lines = (target / name).read_text(encoding="utf-8").split("\n")
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            assert e.range.start.line == e.range.end.line
            row = lines[e.range.start.line]
            lines[e.range.start.line] = row[:e.range.start.character] + e.new_text + row[e.range.end.character:]
        (target / name).write_text("\n".join(lines), encoding="utf-8")
    return {Path(unquote(urlparse(u).path)).name for u in edit.changes}


@pytest.mark.parametrize("kind", ["node", "variable", "character", "ending"])
async def test_rename_across_every_file_keeps_the_story_whole(lsp, tmp_path, kind):
    story, _ = load_story_files(lsp.story)
    loc, old = {
        "node": (story.nodes["wake_install"].loc, "wake_install"),
        "variable": (story.variables["trust"].loc, "trust"),
        "character": (story.characters["samantha"].loc, "samantha"),
        "ending": (story.endings["own_hand"].loc, "own_hand"),
    }[kind]
    name = Path(loc.path).name
    edit = await lsp.client.text_document_rename_async(t.RenameParams(
        new_name="renamed_x", **lsp.doc(name, t.Position(loc.line - 1, loc.col))))
    files = _apply(edit, lsp.story, tmp_path / "story")
    assert len(files) >= 2
    before = [d.format(str(lsp.story)) for d in lint_story(lsp.story)]
    assert [d.format(str(tmp_path / "story")) for d in lint_story(tmp_path / "story")] == before
    renamed, _ = load_story_files(tmp_path / "story")
    pool = {"node": renamed.nodes, "variable": renamed.variables, "character": renamed.characters, "ending": renamed.endings}[kind]
    assert "renamed_x" in pool and old not in pool


async def test_rename_to_a_bad_or_taken_id_is_refused(lsp):
    story, _ = load_story_files(lsp.story)
    loc = story.nodes["wake_install"].loc
    with pytest.raises(JsonRpcException):
        await lsp.client.text_document_rename_async(t.RenameParams(
            new_name="two words", **lsp.doc(Path(loc.path).name, t.Position(loc.line - 1, loc.col))))
    with pytest.raises(JsonRpcException):  # two nodes with one name would be a broken story
        await lsp.client.text_document_rename_async(t.RenameParams(
            new_name="wake_hello", **lsp.doc(Path(loc.path).name, t.Position(loc.line - 1, loc.col))))
