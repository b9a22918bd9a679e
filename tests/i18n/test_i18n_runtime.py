"""Run-time catalogs: compiled once and cached, English for whatever cannot be used, never a crash."""

from __future__ import annotations

import polib
import pytest

from game.i18n import compiled
from game.i18n.catalog import Catalog, load_catalog
from game.i18n.languages import available_languages


def _catalog(project, lang="ko"):
    messages: list[str] = []
    return load_catalog(lang, locales=project.locales, report=messages.append), messages


@pytest.fixture
def ko(project):
    assert project.her("extract") == 0 and project.her("update", "ko") == 0
    project.translate("ko", "story", {"The office hums.": "사무실이 웅웅거렸다.", "Tell her.": "그녀에게 말한다.",
                                      "Theodore": "테오도르", "Chapter One": "1장"})
    project.translate("ko", "ui", {"New Game": "새 게임", "Back": "뒤로", "{n} ending seen": "엔딩 {n}개를 봤어요"})
    po = polib.pofile(str(project.po("ko", "story")))
    for e in po:
        if e.msgid == "Say nothing.":
            e.msgstr, e.flags = "아무 말 않는다.", ["fuzzy"]
    po.save(str(project.po("ko", "story")))
    return project


def test_translated_untranslated_and_fuzzy(ko):
    cat, messages = _catalog(ko)
    assert cat.lang == "ko" and cat.name == "한국어" and messages == []
    assert cat.text("office", "The office hums.") == "사무실이 웅웅거렸다."
    assert cat.text("office", "Tell her.") == "그녀에게 말한다."
    assert cat.text("office", "Hello.") == "Hello.", "untranslated: English"
    assert cat.text("office", "Say nothing.") == "Say nothing.", "fuzzy: English"
    assert cat.text("evening", "The office hums.") == "The office hums.", "another context is another string"
    assert cat.text("character:theodore", "Theodore") == "테오도르"
    assert cat.text("chapter:one", "Chapter One") == "1장"
    assert cat.ui("New Game") == "새 게임"
    assert cat.ui("Continue") == "Continue"
    assert cat.ui("Back", context="menu") == "뒤로"
    assert cat.ui("Back") == "Back", "the menu context is its own entry"
    assert cat.ui_n("{n} ending seen", "{n} endings seen", 1) == "엔딩 {n}개를 봤어요"
    assert cat.ui_n("{n} ending seen", "{n} endings seen", 5) == "엔딩 {n}개를 봤어요"
    assert cat.ui_n("{n} file", "{n} files", 5) == "{n} files", "unknown plural: English rule"


def test_english_and_default():
    assert type(load_catalog(None)) is Catalog
    assert load_catalog("en").ui_n("a", "b", 2) == "b"


def test_compiled_once_then_read_from_the_cache(ko, monkeypatch):
    cat, _ = _catalog(ko)
    cache = sorted(p.name for p in compiled.cache_dir().glob("ko-*.mo"))
    assert len(cache) == 2 and all(name.startswith(("ko-story-", "ko-ui-")) for name in cache)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the .po was parsed again although its compiled form is cached")

    monkeypatch.setattr(compiled, "compile_po", no_parsing)
    monkeypatch.setattr(polib, "pofile", no_parsing)
    again, messages = _catalog(ko)
    assert again.text("office", "The office hums.") == "사무실이 웅웅거렸다." and messages == []
    monkeypatch.undo()

    # editing the .po invalidates its cache entry by itself
    ko.translate("ko", "story", {"The office hums.": "사무실은 조용히 웅웅거렸다."})
    fresh, _ = _catalog(ko)
    assert fresh.text("office", "The office hums.") == "사무실은 조용히 웅웅거렸다."
    story_cache = list(compiled.cache_dir().glob("ko-story-*.mo"))
    assert len(story_cache) == 1 and story_cache[0].name not in cache, "the stale compiled file is gone"


def test_a_damaged_cache_file_is_rebuilt(ko):
    _catalog(ko)
    for mo in compiled.cache_dir().glob("ko-story-*.mo"):
        mo.write_bytes(b"garbage")
    cat, messages = _catalog(ko)
    assert cat.text("office", "Tell her.") == "그녀에게 말한다." and messages == []


def test_malformed_po_gives_one_line_and_english(ko, capsys):
    path = ko.po("ko", "story")
    text = path.read_text()
    broken = text.replace('msgid "Tell her."', 'msgid "Tell her.\nmsgstr ""', 1)
    path.write_text(broken)
    line = broken[: broken.index('msgid "Tell her.')].count("\n") + 1
    cat = load_catalog("ko", locales=ko.locales)  # default report: stderr
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"story.po:{line}: error:" in err[0] and "entries before it" in err[0] and "English for the rest" in err[0]
    assert cat.text("office", "The office hums.") != "The office hums.", "the good entries before the damage are used"
    assert cat.text("office", "Tell her.") == "Tell her."
    assert cat.ui("New Game") == "새 게임", "the interface catalog is fine and still used"
    assert cat.problems and "story.po" in cat.problems[0]


def test_not_utf8_names_the_line(ko):
    path = ko.po("ko", "story")
    data = path.read_bytes()
    at = data.index("사무실".encode())
    path.write_bytes(data[:at] + b"\xff\xfe" + data[at:])
    cat, messages = _catalog(ko)
    line = data[:at].count(b"\n") + 1
    assert len(messages) == 1 and f"story.po:{line}: error: not valid UTF-8" in messages[0]
    assert cat.text("office", "The office hums.") == "The office hums."


def test_broken_placeholders_fall_back_to_english(ko):
    ko.translate("ko", "ui", {"{n} ending seen": "엔딩 {count}개", "Saved %s": "저장했어요"})
    cat, messages = _catalog(ko)
    assert cat.ui_n("{n} ending seen", "{n} endings seen", 3).format(n=3) == "3 endings seen"
    assert cat.ui("Saved %s", context="toast") == "Saved %s"
    assert any("placeholders" in m for m in messages)
    assert cat.ui("New Game") == "새 게임"


def test_bad_plural_header_keeps_singular_texts(ko):
    po = polib.pofile(str(ko.po("ko", "ui")))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=(n !!= 1"
    po.save(str(ko.po("ko", "ui")))
    cat, messages = _catalog(ko)
    assert any("Plural-Forms" in m for m in messages)
    assert cat.ui("New Game") == "새 게임"
    assert cat.ui_n("{n} ending seen", "{n} endings seen", 2) == "{n} endings seen"


def test_unknown_and_invalid_languages(project):
    cat, messages = _catalog(project, "xx")
    assert type(cat) is Catalog and "no translation for 'xx'" in messages[0]
    cat, messages = _catalog(project, "../../etc/passwd")
    assert type(cat) is Catalog and "not a language code" in messages[0]


def test_region_falls_back_to_the_language(ko):
    cat, _ = _catalog(ko, "ko-KR")
    assert cat.lang == "ko" and cat.ui("New Game") == "새 게임"


def test_available_languages_with_native_names(ko):
    langs = available_languages(ko.locales)
    assert [lang.code for lang in langs] == ["en", "ko"]
    assert [lang.name for lang in langs] == ["English", "한국어"]
    # the pseudo-locale is a translators' tool: offered only while it is in use
    assert [lang.code for lang in available_languages(ko.locales, current="qps")] == ["en", "ko", "qps"]


def test_pseudo_locale_selectable_without_generating_files(project):
    assert project.her("extract") == 0
    assert not (project.locales / "qps").exists()
    cat, messages = _catalog(project, "qps")
    assert messages == [] and cat.lang == "qps"
    shown = cat.text("office", "The office hums.")
    assert shown.startswith("[") and shown.endswith("]") and shown != "The office hums."
    assert cat.ui("New Game").startswith("[")
    assert cat.ui_n("{n} ending seen", "{n} endings seen", 2).count("{n}") == 1
