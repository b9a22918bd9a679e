"""The style table is the one definition of line styles: the engine, the schema and the window agree with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import styles
from game.engine.model import STYLES as ENGINE_STYLES
from game.ui import fontset, layoutspec

ROOT = Path(__file__).resolve().parents[1]


def test_the_engine_knows_exactly_the_styles_of_the_table():
    assert ENGINE_STYLES == tuple(styles.STYLES)


def test_the_chapter_schema_offers_exactly_the_styles_of_the_table():
    schema = json.loads((ROOT / "game" / "schema" / "chapter.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["spoken"]["properties"]["style"]["enum"] == list(styles.STYLES)


@pytest.mark.parametrize("row", styles.ROWS, ids=lambda row: row.name)
def test_each_row_names_things_that_exist(row):
    from game.ui.dialogue import FRAMES, TONES

    assert row.box in layoutspec.KINDS and layoutspec.box(row.box).kind == row.box
    assert row.frame in FRAMES and row.tone in TONES
    assert fontset.current().for_role(row.font).is_file()
    assert layoutspec.LABELS[row.box] == row.label


def test_an_unknown_style_is_a_normal_line_and_every_box_is_listed_once():
    assert styles.style("no-such-style") is styles.STYLES["normal"] and styles.style(None) is styles.STYLES["normal"]
    kinds = styles.box_kinds()
    assert len(kinds) == len(set(kinds)) == len({row.box for row in styles.ROWS})


def test_fonts_are_looked_up_per_language(monkeypatch):
    other = fontset.FontFiles(*(Path(f"/fonts/{n}.ttf") for n in ("ui", "bold", "text", "hand")))
    monkeypatch.setitem(fontset.SCRIPTS, "kana+han", other)
    monkeypatch.setitem(fontset.LANGUAGES, "ja", "kana+han")
    assert fontset.for_language("ja_JP") is other and fontset.for_language("ko") is fontset.SCRIPTS[fontset.DEFAULT_SCRIPT]
    boxes = {b.kind: b for b in layoutspec.text_boxes(1.0, lang="ja")}
    assert boxes["letter"].font_file == other.hand and boxes["line"].font_file == other.text
    assert boxes["menu"].font_file == other.ui and boxes["name"].font_file == other.ui_bold
    assert {b.font_file for b in layoutspec.text_boxes(1.0, lang="ko")}.isdisjoint(
        {other.ui, other.ui_bold, other.text, other.hand})


def test_the_reading_font_composes_with_the_language_font_table(monkeypatch):
    other = fontset.FontFiles(*(Path(f"/fonts/{n}.ttf") for n in ("ui", "bold", "text", "hand")))
    monkeypatch.setitem(fontset.SCRIPTS, "kana+han", other)
    monkeypatch.setitem(fontset.LANGUAGES, "ja", "kana+han")
    try:
        fontset.read_with("sans")
        fontset.use("ja")
        assert fontset.current().text == other.ui and fontset.current().hand == other.hand
        fontset.use("ko")
        assert fontset.current().text == fontset.SCRIPTS[fontset.DEFAULT_SCRIPT].ui
        fontset.read_with("serif")
        assert fontset.current() == fontset.SCRIPTS[fontset.DEFAULT_SCRIPT]
        fontset.read_with("no such font")  # a hand-edited settings file: the default
        assert fontset.current().text == fontset.SCRIPTS[fontset.DEFAULT_SCRIPT].text
    finally:
        fontset.read_with("serif")
        fontset.use(None)
