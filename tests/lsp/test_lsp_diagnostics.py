"""Findings as you type, over stdio: an unsaved edit in one chapter updates the findings of
another, they clear when it is fixed, playtests are checked too, and "did you mean" has a fix."""

from __future__ import annotations

import asyncio
import shutil

import pytest
from lspkit import ROOT, start, stop
from lsprotocol import types as t

from game.authoring.lint import lint_story
from game.lsp.server import DEBOUNCE

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _lines_of(findings, code):
    return sorted((d.range.start.line, d.range.start.character) for d in findings if d.code == code)


async def test_an_edit_in_one_chapter_updates_the_findings_of_another(lsp):
    links = [lsp.find("01_letters.yaml", "next: wake_install", n) for n in range(2)]
    text = lsp.text("02_awakening.yaml")
    lsp.open("02_awakening.yaml")
    broken = text.replace("\n  wake_install:\n", "\n  wake_instal:\n", 1)
    loop = asyncio.get_running_loop()
    sent = loop.time()
    lsp.change("02_awakening.yaml", broken, 2)
    found = await lsp.findings("01_letters.yaml", lambda f: len(f) == 2)
    assert loop.time() - sent >= DEBOUNCE * 0.8  # it waited for typing to pause
    assert _lines_of(found, "missing-node") == [(p.line, p.character + 6) for p in links]
    first = min(found, key=lambda d: d.range.start.line)
    assert first.severity == t.DiagnosticSeverity.Error and first.source == "her"
    assert "'wake_install' is not a node (did you mean 'wake_instal'?)" in first.message
    assert (first.range.end.character - first.range.start.character) == len("wake_install")

    # the quick fix writes the suggestion over the broken name
    actions = await lsp.client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(lsp.uri("01_letters.yaml")), range=first.range,
        context=t.CodeActionContext(diagnostics=[first])))
    (action,) = actions
    (edit,) = action.edit.changes[lsp.uri("01_letters.yaml")]
    assert edit.new_text == "wake_instal" and edit.range == first.range

    lsp.change("02_awakening.yaml", text, 3)  # fixed again: the other file's findings clear
    assert await lsp.findings("01_letters.yaml", lambda f: f == []) == []
    lsp.close("02_awakening.yaml")


async def test_only_the_last_of_quick_edits_counts(lsp):
    text = lsp.text("03_closer.yaml")
    lsp.open("03_closer.yaml")
    for version, word in enumerate(("narratr", "narrato", "narrator_x"), 2):
        lsp.change("03_closer.yaml", text.replace("- narrator:", f"- {word}:", 1), version)
    found = await lsp.findings("03_closer.yaml", lambda f: any("narrator_x" in d.message for d in f))
    assert not any("'narratr'" in d.message or "'narrato'" in d.message for d in found)
    assert {d.code for d in found} == {"unknown-speaker"}
    lsp.change("03_closer.yaml", text, 10)
    assert await lsp.findings("03_closer.yaml", lambda f: f == []) == []
    lsp.close("03_closer.yaml")


async def test_playtests_are_linted_at_the_item(lsp):
    text = lsp.text("playtests.yaml")
    at = lsp.find("playtests.yaml", "closer_strangers")
    lsp.open("playtests.yaml", text.replace("closer_strangers", "closer_strangerz", 1))
    found = await lsp.findings("playtests.yaml", lambda f: len(f) >= 1)
    assert [(d.range.start.line, d.range.start.character, d.code) for d in found] == [(at.line, at.character, "playtest")]
    assert "did you mean 'closer_strangers'" in found[0].message
    lsp.close("playtests.yaml")  # closed unsaved: the file on disk is clean
    assert await lsp.findings("playtests.yaml", lambda f: f == []) == []


async def test_a_broken_story_is_reported_on_start_in_files_never_opened(tmp_path):
    shutil.copytree(ROOT / "story", tmp_path / "story")
    chapter = tmp_path / "story" / "05_growth.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("    choices:\n", "    chioces:\n", 1), encoding="utf-8")
    expected = [(d.loc.line - 1, d.loc.col - 1, d.code) for d in lint_story(tmp_path / "story") if d.loc.path == str(chapter)]
    assert any(code == "unknown-key" for *_, code in expected)
    session = await start(tmp_path)
    try:
        found = await session.findings("05_growth.yaml", lambda f: len(f) == len(expected))
        assert sorted((d.range.start.line, d.range.start.character, d.code) for d in found) == sorted(expected)
        typo = next(d for d in found if d.code == "unknown-key")
        actions = await session.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(session.uri("05_growth.yaml")), range=typo.range,
            context=t.CodeActionContext(diagnostics=[typo])))
        assert [a.edit.changes[session.uri("05_growth.yaml")][0].new_text for a in actions] == ["choices"]
    finally:
        await stop(session)
