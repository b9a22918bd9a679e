"""`her i18n pseudo` and `her i18n check`: layout, glyph and placeholder problems found before players do."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from game.i18n.check import BoxSpec, Fonts, check_language
from game.i18n.pseudo import pseudo_text
from game.paths import assets_dir

FONTS = assets_dir() / "fonts"
GOTHIC, MYEONGJO, PEN = FONTS / "NanumGothic.ttf", FONTS / "NanumMyeongjo.ttf", FONTS / "NanumPen.ttf"
needs_fonts = pytest.mark.skipif(not all(f.is_file() for f in (GOTHIC, MYEONGJO, PEN)), reason="Nanum fonts not installed")


def small_boxes(scale: float) -> list[BoxSpec]:
    """Our own layout (stands in for game.ui.layoutspec): narrow enough to overflow on purpose."""
    s = lambda px: round(px * scale)
    return [
        BoxSpec("line", MYEONGJO, s(24), 600, 3),
        BoxSpec("letter", PEN, s(28), 500, 6),
        BoxSpec("thought", MYEONGJO, s(24), 600, 3),
        BoxSpec("whisper", MYEONGJO, s(20), 600, 3),
        BoxSpec("choice", MYEONGJO, s(22), 400, 2),
        BoxSpec("menu", GOTHIC, 22, 240, 1),
        BoxSpec("name", GOTHIC, s(20), 200, 1),
    ]


@pytest.fixture(scope="module")
def fonts():
    return Fonts()


def _line_of(path: Path, msgid: str) -> int:
    lines = path.read_text().splitlines()
    at = lines.index(f'msgid "{msgid}"')
    return next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr")) + 1


# --- pseudo ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Continue", "OK", "The office hums like a library that learned to type.",
                                  "{n} endings seen", "Saved %s in <i>slot</i> %(slot)d\n"])
def test_pseudo_is_longer_bracketed_and_keeps_placeholders(text):
    out = pseudo_text(text)
    body = out.strip("\n")
    assert body.startswith("[") and body.endswith("]")
    tokens = re.findall(r"\{\w*\}|%\(\w+\)d|%s|</?i>", text)
    visible = len(text.strip("\n")) - sum(map(len, tokens))  # the growth is of the words, not the placeholders
    assert len(out) - len(text) >= 0.3 * visible
    assert out != text
    for token in tokens:
        assert token in out
    assert out.endswith("\n") == text.endswith("\n")


@needs_fonts
def test_pseudo_letters_exist_in_every_game_font(fonts):
    sample = pseudo_text("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,!?'\"")
    for font in (GOTHIC, MYEONGJO, PEN):
        assert [c for c in sample if not fonts.has_glyph(font, c)] == [], font.name


def test_pseudo_command_writes_qps_from_the_templates(project):
    assert project.her("extract") == 0
    assert project.her("pseudo") == 0
    po = polib.pofile(str(project.po("qps", "story")))
    template = polib.pofile(str(project.locales / "story.pot"))
    assert len(po) == len(template) and all(e.msgstr.startswith("[") for e in po)
    assert po.metadata["Language"] == "qps"
    before = project.po("qps", "story").read_bytes()
    assert project.her("pseudo") == 0 and project.po("qps", "story").read_bytes() == before


# --- check ----------------------------------------------------------------------------
@pytest.fixture
def ko(project):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    return project


@needs_fonts
def test_clean_translation_passes(ko, fonts):
    ko.translate("ko", "story", {"The office hums.": "사무실이 웅웅거렸다.", "Dear Chris,": "크리스에게,",
                                 "Tell her.": "그녀에게 말한다.", "Theodore": "테오도르"})
    ko.translate("ko", "ui", {"New Game": "새 게임", "{n} ending seen": "엔딩 {n}개를 봤어요", "Saved %s": "%s 저장됨"})
    findings, info = check_language(ko.locales, "ko", boxes=small_boxes, fonts=fonts)
    assert [f.format() for f in findings if f.severity == "error"] == []
    assert info["layout"]


@needs_fonts
def test_overflow_is_caught_with_the_po_line(ko, fonts):
    long = "아주 긴 문장이 이어진다 " * 40
    ko.translate("ko", "story", {"Tell her.": long.strip(), "Theodore": "테오도르 " * 12})
    findings, _ = check_language(ko.locales, "ko", boxes=small_boxes, fonts=fonts)
    path = ko.po("ko", "story")
    choice = [f for f in findings if f.line == _line_of(path, "Tell her.")]
    assert choice and "choice button" in choice[0].message and "100% text size" in choice[0].message
    assert choice[0].format().startswith(f"{path}:{_line_of(path, 'Tell her.')}: error: too long")
    name = [f for f in findings if f.line == _line_of(path, "Theodore")]
    assert name and "name plate" in name[0].message


@needs_fonts
def test_overflow_only_at_the_largest_text_size(ko, fonts):
    # fits one line at 100% and 125%, not at 150% (even shrunk)
    ko.translate("ko", "story", {"Theodore": "테오도르 테오도르"})
    measure = fonts.measure(GOTHIC, 20)
    assert measure("테오도르 테오도르") < 200
    boxes = lambda scale: [BoxSpec("name", GOTHIC, round(20 * scale * 1.6) if scale == 1.5 else 20, 200, 1)]
    findings, _ = check_language(ko.locales, "ko", boxes=boxes, fonts=fonts)
    assert [f.message for f in findings if "name plate" in f.message][0].count("150% text size") == 1


@needs_fonts
def test_dialogue_may_page_like_the_english_but_not_more(ko, fonts):
    english = "The office hums."
    ko.translate("ko", "story", {english: "사무실이 웅웅거렸다."})
    tiny = lambda scale: [BoxSpec("line", MYEONGJO, 24, 130, 1)]  # even the English needs two pages here
    findings, _ = check_language(ko.locales, "ko", boxes=tiny, fonts=fonts)
    assert not [f for f in findings if "dialogue box" in f.message]
    ko.translate("ko", "story", {english: "사무실이 웅웅거렸다 " * 6})
    findings, _ = check_language(ko.locales, "ko", boxes=tiny, fonts=fonts)
    assert [f for f in findings if "dialogue box" in f.message and "where the English needs" in f.message]


@needs_fonts
def test_missing_glyph_is_caught_per_font(ko, fonts):
    # NanumPen (letters) has no 'é'; NanumMyeongjo (dialogue) has no 'ñ'; no font has an emoji
    assert fonts.has_glyph(GOTHIC, "é") and not fonts.has_glyph(PEN, "é")
    ko.translate("ko", "story", {"Dear Chris,": "크리스에게, café", "The office hums.": "사무실 😀"})
    findings, _ = check_language(ko.locales, "ko", boxes=small_boxes, fonts=fonts)
    path = ko.po("ko", "story")
    letter = [f.message for f in findings if f.line == _line_of(path, "Dear Chris,")]
    assert any("NanumPen.ttf" in m and "U+00E9" in m for m in letter)
    line = [f.message for f in findings if f.line == _line_of(path, "The office hums.")]
    assert any("NanumMyeongjo.ttf" in m and "U+1F600" in m for m in line)


def test_placeholders_markup_and_newlines(ko, fonts):
    ko.translate("ko", "ui", {"{n} ending seen": "엔딩 {count}개", "Saved %s": "저장됨"})
    ko.translate("ko", "story", {"The office hums.": "\n사무실이 <b>웅웅</b>거렸다."})
    findings, _ = check_language(ko.locales, "ko", boxes=None, fonts=fonts, use_layoutspec=False)
    text = "\n".join(f.format() for f in findings)
    assert "not in the source: {count}" in text
    assert "missing placeholder or tag: %s" in text
    assert "not in the source: </b>, <b>" in text
    assert "leading newline differs" in text
    ui = ko.po("ko", "ui")
    assert f"{ui}:{_line_of(ui, 'Saved %s')}: error: missing placeholder" in text


def test_invalid_gettext_is_reported(ko, fonts):
    po = polib.pofile(str(ko.po("ko", "ui")))
    po.metadata["Language"] = "ja"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n !!= 1;"
    for e in po:
        if e.msgid == "Saved %s":
            e.flags = []
    po.save(str(ko.po("ko", "ui")))
    findings, _ = check_language(ko.locales, "ko", boxes=None, fonts=fonts, use_layoutspec=False)
    text = "\n".join(f.message for f in findings)
    assert "Language is 'ja'" in text
    assert "Plural-Forms" in text and "not valid" in text
    assert "format flags" in text


def test_check_command_exit_codes(ko, capsys):
    assert ko.her("check", "ko") == 0
    ko.translate("ko", "ui", {"Saved %s": "저장됨"})
    assert ko.her("check", "ko") == 1
    out = capsys.readouterr().out
    assert re.search(r"ui\.po:\d+: error: missing placeholder or tag: %s", out)
    assert ko.her("check", "fr") == 1
