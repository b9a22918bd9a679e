"""`her i18n extract`: the templates carry what translators need, and nothing churns."""

from __future__ import annotations

import polib

from game.engine import ChoiceEvent, EndEvent, LineEvent, Runtime, load_story
from game.i18n.catalog import load_catalog


def _entries(path):
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))}


def test_story_template_contexts_comments_and_references(project):
    assert project.her("extract") == 0
    pot = project.locales / "story.pot"
    entries = _entries(pot)

    # contexts: node id for lines and options; own contexts for title, names, chapters, endings
    assert ("story", "Basic") in entries
    assert ("character:theodore", "Theodore") in entries
    assert ("character:samantha", "Samantha") in entries
    assert not any(ctx == "character:narrator" for ctx, _ in entries), "an empty name is not a message"
    assert ("chapter:one", "Chapter One") in entries and ("chapter:two", "Chapter Two") in entries
    assert ("ending:together", "Together") in entries and ("ending:together", "They stay.") in entries
    assert ("office", "The office hums.") in entries
    assert ("office", "Tell her.") in entries  # an option
    assert ("office", "Thank you for telling me.") in entries  # a reply inside a choice
    assert ("evening", "You told me.") in entries

    letter = entries[("office", "Dear Chris,")]
    assert "speaker: theodore" in letter.comment
    assert "style: letter" in letter.comment
    assert "note: A letter." in letter.comment
    # the reference is path:line relative to the story folder's parent, at the line's own row
    story_line = (project.story / "one.yaml").read_text().splitlines().index("      - theodore: Dear Chris,") + 1
    assert letter.occurrences == [("story/one.yaml", str(story_line))]
    assert entries[("story", "Basic")].occurrences == [("story/story.yaml", "1")]
    summary_row = [i for i, t in enumerate((project.story / "story.yaml").read_text().splitlines(), 1) if "They stay." in t]
    assert entries[("ending:together", "They stay.")].occurrences == [("story/story.yaml", str(summary_row[0]))]
    assert "style:" not in entries[("office", "The office hums.")].comment  # normal style is not noise

    po = polib.pofile(str(pot))
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Project-Id-Version"].startswith("Her ")
    assert "Language" in po.metadata and "POT-Creation-Date" in po.metadata
    assert "Plural-Forms" not in po.metadata  # the story has no plurals


def test_ui_template_from_ast(project, capsys):
    assert project.her("extract") == 0
    err = capsys.readouterr().err
    entries = _entries(project.locales / "ui.pot")
    assert (None, "New Game") in entries and (None, "Continue") in entries
    assert ("menu", "Back") in entries  # context= becomes msgctxt
    assert ("toast", "Saved %s") in entries
    assert "python-format" in entries[("toast", "Saved %s")].flags
    plural = entries[(None, "{n} ending seen")]
    assert plural.msgid_plural == "{n} endings seen"
    assert "python-brace-format" in plural.flags
    assert plural.occurrences == [("game/ui/menu.py", "")]  # the file, not the line
    assert "the first button on the title screen" in entries[(None, "New Game")].comment
    # a computed text cannot be extracted: the writer of that code hears about it, with the place
    assert "game/ui/menu.py:11:" in err and "only string literals" in err
    meta = polib.pofile(str(project.locales / "ui.pot")).metadata
    assert meta["Plural-Forms"] == "nplurals=INTEGER; plural=EXPRESSION;"


def test_extractor_picks_up_new_ui_files(project, write_file):
    write_file(project.root / "game" / "ui" / "screens" / "settings.py", """\
        def build(cat):
            return [cat.ui("Text size"), cat.ui("Lang" + "uage"), cat.ui(msgid="Volume")]
        """)
    assert project.her("extract") == 0
    entries = _entries(project.locales / "ui.pot")
    assert {(None, "Text size"), (None, "Language"), (None, "Volume")} <= set(entries)


def test_unparsable_ui_file_keeps_the_old_template(project, write_file, capsys):
    assert project.her("extract") == 0
    before = (project.locales / "ui.pot").read_bytes()
    write_file(project.root / "game" / "ui" / "broken.py", "def f(:\n    pass\n")
    assert project.her("extract") == 1
    err = capsys.readouterr().err
    assert "game/ui/broken.py:1:" in err and "error" in err
    assert (project.locales / "ui.pot").read_bytes() == before


def test_same_input_gives_byte_identical_templates(project, monkeypatch, tmp_path):
    assert project.her("extract") == 0
    first = {p.name: p.read_bytes() for p in project.locales.glob("*.pot")}
    stamp = {p.name: p.stat().st_mtime_ns for p in project.locales.glob("*.pot")}
    assert project.her("extract") == 0
    assert {p.name: p.read_bytes() for p in project.locales.glob("*.pot")} == first
    assert {p.name: p.stat().st_mtime_ns for p in project.locales.glob("*.pot")} == stamp, "unchanged files are not rewritten"

    # a change moves the file (and its date); with SOURCE_DATE_EPOCH two fresh runs agree exactly
    project.edit_story("one.yaml", "The office hums.", "The office hums softly.")
    assert project.her("extract") == 0
    assert (project.locales / "story.pot").read_bytes() != first["story.pot"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = tmp_path / "a", tmp_path / "b"
    from game.cli import main

    for out in (a, b):
        assert main(["i18n", "--locales", str(out), "extract", "--story", str(project.story), "--source", str(project.root)]) == 0
    assert (a / "story.pot").read_bytes() == (b / "story.pot").read_bytes()
    assert (a / "ui.pot").read_bytes() == (b / "ui.pot").read_bytes()
    assert b"POT-Creation-Date: 2023-11-14 22:13+0000" in (a / "story.pot").read_bytes()


def test_broken_story_is_reported_and_not_extracted(project, capsys):
    project.edit_story("one.yaml", "choices:", "chioces:")
    assert project.her("extract") == 1
    err = capsys.readouterr().err
    assert "one.yaml" in err and "chioces" in err
    assert not (project.locales / "story.pot").exists()


def test_every_catalog_lookup_matches_an_extracted_entry(project):
    """Extraction and the catalog agree on contexts: translate everything, play, read no English."""
    assert project.her("extract") == 0
    assert project.her("update", "ko") == 0
    project.translate("ko", "story", fn=lambda e: f"KO[{e.msgid}]")
    catalog = load_catalog("ko", locales=project.locales, report=lambda m: None)
    story = load_story(project.story)
    assert catalog.text("story", story.title) == "KO[Basic]"
    for character in story.characters.values():
        assert catalog.character_name(character) == (f"KO[{character.name}]" if character.name else "")
    for chapter in story.chapters:
        assert catalog.chapter_title(chapter) == f"KO[{chapter.title}]"
    for ending in story.endings.values():
        assert catalog.ending_title(ending).startswith("KO[") and catalog.ending_summary(ending).startswith("KO[")
    for answers in ([0], [1]):
        runtime, seen = Runtime(story), 0
        queue = list(answers)
        while True:
            event = runtime.advance()
            if isinstance(event, LineEvent):
                assert catalog.line(event) == f"KO[{event.text}]"
                seen += 1
            elif isinstance(event, ChoiceEvent):
                for option in event.options:
                    assert catalog.option(event.node, option) == f"KO[{option.text}]"
                runtime.choose(event.options[queue.pop(0) if queue else 0].index)
            elif isinstance(event, EndEvent):
                break
        assert seen >= 3
