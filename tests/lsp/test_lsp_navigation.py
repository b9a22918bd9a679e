"""Definition, references, hover and symbols over stdio, checked against the loader's own view
of the same story (the model says where each name is defined and how often it is linked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as t

from game.engine.loader import load_story_files

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _where(loc: t.Location) -> tuple[str, int, int]:
    return Path(loc.uri).name, loc.range.start.line, loc.range.start.character


async def test_definition_of_a_goto_is_the_node_key(lsp):
    story, _ = load_story_files(lsp.story)
    node = story.nodes["letters_wen_kitchen"]
    at = lsp.find("01_letters.yaml", "goto: letters_wen_kitchen")
    result = await lsp.client.text_document_definition_async(t.DefinitionParams(
        **lsp.doc("01_letters.yaml", t.Position(at.line, at.character + 8))))
    assert [_where(r) for r in result] == [(Path(node.loc.path).name, node.loc.line - 1, node.loc.col - 1)]


async def test_definition_across_files_for_start_speaker_and_ending(lsp):
    story, _ = load_story_files(lsp.story)
    start = lsp.find("story.yaml", f"start: {story.start}")
    found = await lsp.client.text_document_definition_async(t.DefinitionParams(
        **lsp.doc("story.yaml", t.Position(start.line, start.character + 9))))
    first = story.nodes[story.start].loc
    assert [_where(r) for r in found] == [(Path(first.path).name, first.line - 1, first.col - 1)]

    speaker = lsp.find("01_letters.yaml", "- theodore:")
    found = await lsp.client.text_document_definition_async(t.DefinitionParams(
        **lsp.doc("01_letters.yaml", t.Position(speaker.line, speaker.character + 3))))
    loc = story.characters["theodore"].loc
    assert [_where(r) for r in found] == [("story.yaml", loc.line - 1, loc.col - 1)]

    node = next(n for n in story.nodes.values() if n.ending)
    chapter = Path(node.ending_loc.path).name
    found = await lsp.client.text_document_definition_async(t.DefinitionParams(
        **lsp.doc(chapter, t.Position(node.ending_loc.line - 1, node.ending_loc.col))))
    loc = story.endings[node.ending].loc
    assert [_where(r) for r in found] == [("story.yaml", loc.line - 1, loc.col - 1)]


async def test_definition_of_a_chapter_entry_is_the_file(lsp):
    at = lsp.find("story.yaml", "- 03_closer.yaml")
    found = await lsp.client.text_document_definition_async(t.DefinitionParams(
        **lsp.doc("story.yaml", t.Position(at.line, at.character + 4))))
    assert [_where(r) for r in found] == [("03_closer.yaml", 0, 0)]


async def test_references_of_a_variable_span_manifest_chapters_and_playtests(lsp):
    story, _ = load_story_files(lsp.story)
    decl = story.variables["trust"].loc
    found = await lsp.client.text_document_references_async(t.ReferenceParams(
        context=t.ReferenceContext(include_declaration=True), **lsp.doc("story.yaml", t.Position(decl.line - 1, decl.col))))
    files = {Path(r.uri).name for r in found}
    assert {"story.yaml", "playtests.yaml"} <= files and len(files - {"story.yaml", "playtests.yaml"}) >= 2
    for r in found:  # every reference really is the word, in the file on disk
        line = (lsp.story / Path(r.uri).name).read_text(encoding="utf-8").splitlines()[r.range.start.line]
        assert line[r.range.start.character:r.range.end.character] == "trust"
    # as many as the conditions and effects of the model mention it, plus the declaration and playtests
    uses = sum(line.count("trust") for p in lsp.story.glob("0*.yaml") for line in p.read_text(encoding="utf-8").splitlines()
               if line.strip().startswith(("if:", "set:", "- if:", "- set:")))
    assert sum(Path(r.uri).name.startswith("0") for r in found) == uses


async def test_references_of_a_node_are_every_link_to_it(lsp):
    story, _ = load_story_files(lsp.story)
    target = "letters_wen_kitchen"
    links = [(Path(loc.path).name, loc.line - 1, loc.col - 1) for n in story.nodes.values() for name, loc in n.targets()
             if name == target]
    at = story.nodes[target].loc
    found = await lsp.client.text_document_references_async(t.ReferenceParams(
        context=t.ReferenceContext(include_declaration=False), **lsp.doc("01_letters.yaml", t.Position(at.line - 1, at.col))))
    assert sorted(_where(r) for r in found) == sorted(links)


async def test_hover_on_a_node_gives_chapter_first_lines_and_ways_in(lsp):
    story, _ = load_story_files(lsp.story)
    node = story.nodes["letters_wen_kitchen"]
    ways = sum(name == node.id for n in story.nodes.values() for name, _ in n.targets()) + (story.start == node.id)
    result = await lsp.client.text_document_hover_async(t.HoverParams(
        **lsp.doc("01_letters.yaml", t.Position(node.loc.line - 1, node.loc.col))))
    text = result.contents.value
    chapter = story.chapter_of(node.id)
    assert f"chapter `{chapter.id}` ({chapter.title})" in text
    assert f"reached from {ways} place" in text
    assert node.lines[0].text.split()[0] in text and f"**{node.lines[0].speaker}**" in text


async def test_hover_on_a_variable_and_an_ending(lsp):
    story, _ = load_story_files(lsp.story)
    var = story.variables["trust"]
    at = lsp.find("02_awakening.yaml", "trust")
    result = await lsp.client.text_document_hover_async(t.HoverParams(**lsp.doc("02_awakening.yaml", at)))
    assert f"starts at {var.start}, from {var.min} to {var.max}" in result.contents.value
    assert f"story.yaml:{var.loc.line}" in result.contents.value
    ending = next(iter(story.endings.values()))
    at = lsp.find("playtests.yaml", f"ending: {ending.id}")
    result = await lsp.client.text_document_hover_async(t.HoverParams(
        **lsp.doc("playtests.yaml", t.Position(at.line, at.character + 9))))
    assert ending.title in result.contents.value


async def test_symbols_of_a_chapter_are_its_nodes_in_order(lsp):
    story, _ = load_story_files(lsp.story)
    chapter = next(c for c in story.chapters if c.path.name == "02_awakening.yaml")
    result = await lsp.client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(lsp.uri("02_awakening.yaml"))))
    assert [s.name for s in result] == [chapter.id]
    assert [c.name for c in result[0].children] == list(chapter.node_ids)
    starts = [c.selection_range.start.line for c in result[0].children]
    assert starts == [story.nodes[n].loc.line - 1 for n in chapter.node_ids]


async def test_positions_count_utf16_units_as_the_client_does(lsp):
    """An emoji before a name is two UTF-16 units: positions in and out count it so."""
    text = lsp.text("01_letters.yaml")
    first = "      - theodore: Make it us. Okay, Wen.\n"
    assert first in text
    line = '      - {theodore: "Okay 🙂 Wen", if: trust >= 1}\n'
    edited = text.replace(first, line + first, 1)
    lsp.open("01_letters.yaml", edited)
    row = lsp.find("01_letters.yaml", line, text=edited).line
    prefix = line[:line.index("trust")]
    col16 = len(prefix.encode("utf-16-le")) // 2
    assert col16 == len(prefix) + 1
    found = await lsp.client.text_document_references_async(t.ReferenceParams(
        context=t.ReferenceContext(include_declaration=False), **lsp.doc("01_letters.yaml", t.Position(row, col16 + 1))))
    mine = [r for r in found if r.uri == lsp.uri("01_letters.yaml") and r.range.start.line == row]
    assert [(r.range.start.character, r.range.end.character) for r in mine] == [(col16, col16 + len("trust"))]
    lsp.close("01_letters.yaml")
