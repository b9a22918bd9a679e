"""Translation text checked as the runtime uses it: placeholders, damaged and huge `.po` files.

Every `{...}` form `str.format` would interpret is either flagged by the check (against the
English) or rendered as written; a `.po` cut short or broken part way is reported with its
line and the entries before the damage are used; a very large `.po` compiles in linear time.
"""

from __future__ import annotations

import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.i18n.catalog import Catalog, load_catalog
from game.i18n.markup import breaks_at_run_time, fill, mismatches
from game.i18n.poparse import parse

FORMS = ["{name", "{name.attr}", "{name[0]}", "{name!x}", "{name!r}", "{0}", "{}", "{{", "}}", "}", "{name:>99999}",
         "{name.__class__.__mro__}", "{other}", "{ name }", "{{name}}"]
pieces = st.lists(st.sampled_from(FORMS) | st.text(alphabet="가나다 ab{}.!:[]0", max_size=6), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(template=pieces)
def test_fill_never_raises_and_never_reaches_into_values(template):
    class Spy:
        def __getattr__(self, name):
            raise AssertionError("attribute access from translation text")

        def __getitem__(self, key):
            raise AssertionError("index access from translation text")

        def __str__(self):
            return "NAME"

    out = fill(template, {"name": Spy()})
    assert isinstance(out, str)
    try:  # where str.format itself would see only plain {name} fields, the result is the same
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return
    if all(f in (None, "name") and not spec and not conv for _, f, spec, conv in parsed):
        assert out == template.format(name="NAME")


@settings(max_examples=300, deadline=None)
@given(translation=pieces)
def test_every_interpreted_form_is_flagged_or_harmless(translation):
    source = "Saved in {name}"
    problems = mismatches(source, translation)
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(translation) if f is not None]
        plain = all(f == "name" for f in fields)
        balanced = True
    except ValueError:
        balanced, plain = False, False
    if not balanced or not plain:
        assert problems, f"{translation!r} would not format as the source does, yet the check is silent"
        assert breaks_at_run_time(source, translation)


@pytest.mark.parametrize("form", FORMS)
def test_the_window_shows_a_bad_form_as_written(tmp_path, form):
    locales = tmp_path / "locales"
    po = locales / "ko" / "LC_MESSAGES" / "ui.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'
                  f'msgid "Page {{number}}"\nmsgstr "{form} 쪽"\n', encoding="utf-8")
    catalog = load_catalog("ko", locales=locales, report=lambda m: None)
    shown = catalog.ui("Page {number}").format(number=3)
    assert isinstance(shown, str) and "\n" not in shown
    if shown != "Page 3":  # kept: then it was harmless, shown as written
        assert form in ("{{", "}}") or form.replace("{{", "{") in shown or shown.endswith(" 쪽")


def test_english_text_formats_the_same_way():
    assert Catalog().ui("Slot {number}").format(number=4) == "Slot 4"
    assert Catalog().ui("{a} {{b}} {c.d}").format(a=1) == "1 {b} {c.d}"


# --- damaged .po files --------------------------------------------------------------------------
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'


def _po(n: int) -> str:
    body = "".join(f'msgctxt "n{i}"\nmsgid "Line {i}."\nmsgstr ""\n"줄 {i}번"\n"입니다."\n\n' for i in range(n))
    return HEADER + body


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(len(HEADER) + 1, len(_po(12)) - 2))
def test_a_po_cut_anywhere_keeps_the_whole_entries_before_the_cut(cut):
    text = _po(12)[:cut]
    parsed = parse(text)
    whole = text.count("\n\n") - 1  # entries complete before the cut (blank line written after them)
    kept = [e.msgctxt for e in parsed]
    assert kept[: max(whole, 0)] == [f"n{i}" for i in range(max(whole, 0))]
    entries = list(parsed)
    if text.endswith("\n") and entries:
        entries.pop()  # a cut exactly at a line end cannot be told from a file that ends there (a known limit)
    for entry in entries:  # never a half translation
        assert entry.msgstr == f"줄 {entry.msgctxt[1:]}번입니다."
    if not text.endswith("\n"):  # cut inside a line: always reported, with a line number
        assert parsed.problem is not None and parsed.problem[0] >= 1


def test_a_truncated_po_in_the_game_is_reported_with_its_line_and_the_good_part_used(tmp_path):
    locales = tmp_path / "locales"
    po = locales / "ko" / "LC_MESSAGES" / "story.po"
    po.parent.mkdir(parents=True)
    full = _po(5)
    po.write_text(full[: full.index('msgid "Line 3."') + 12], encoding="utf-8")
    problems: list[str] = []
    catalog = load_catalog("ko", locales=locales, report=problems.append)
    assert len(problems) == 1 and "story.po:" in problems[0] and "\n" not in problems[0]
    line = int(problems[0].split("story.po:")[1].split(":")[0])
    assert line == po.read_text().count("\n") + 1
    assert catalog.text("n0", "Line 0.") == "줄 0번입니다." and catalog.text("n3", "Line 3.") == "Line 3."


@pytest.mark.parametrize("broken", ['msgstr "no msgid"\n', 'msgid "x\n', 'garbage line\n', '"continues nothing"\n'])
def test_a_broken_line_keeps_what_came_before(broken):
    text = _po(3) + broken + 'msgctxt "late"\nmsgid "Late."\nmsgstr "늦게"\n'
    parsed = parse(text)
    assert [e.msgctxt for e in parsed] == ["n0", "n1", "n2"] and parsed.problem[0] == _po(3).count("\n") + 1


def test_a_200000_entry_po_compiles_in_linear_time(tmp_path):
    from game.i18n.compiled import compile_po

    def seconds(n: int) -> float:
        path = tmp_path / f"{n}.po"
        path.write_text(HEADER + "".join(f'msgctxt "n{i}"\nmsgid "Line {i}."\nmsgstr "줄 {i}"\n\n' for i in range(n)),
                        encoding="utf-8")
        start = time.perf_counter()
        assert compile_po(path, "ko", "story", lambda m: None)
        return time.perf_counter() - start

    small, large = seconds(20_000), seconds(200_000)
    # ten times the entries: about ten times the time (quadratic would be a hundred); loose, as
    # the machine may be busy with other work while either half runs
    assert large < 30 * small + 2.0, (small, large)
    assert large < 60.0
