"""Bounds wherever data enters: numbers, nesting, size, file kinds, path length, expressions.

Every JSON file goes through one bounded reader (`game.storage.read_bounded`), every story
file through `game.engine.source`; both refuse with one line naming the file. Expressions
obey one rule: lint-clean means playable (play, explore and the terminal player never fail
on an expression lint accepted; what play could not run, lint reports at its line).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import EndEvent, Runtime, StuckEvent
from game.engine.loader import load_story_files
from game.engine.source import MAX_INT_DIGITS, SourceError, parse_yaml, read_text
from game.persistent import Persistent, persistent_path
from game.settings import load_settings, settings_path
from game.storage import MAX_DEPTH, DamagedFile, parse_bounded, read_bounded

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


# --- numbers and nesting in JSON --------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(digits=st.integers(1, 6000), negative=st.booleans())
def test_json_integers_are_bounded(digits, negative):
    raw = b'{"n": ' + (b"-" if negative else b"") + b"9" * digits + b"}"
    if digits <= MAX_INT_DIGITS:
        assert abs(parse_bounded(raw, "x.json")["n"]) == int("9" * digits)
    else:
        with pytest.raises(DamagedFile) as refused:
            parse_bounded(raw, "x.json")
        assert "x.json" in str(refused.value) and "too large" in str(refused.value)


@settings(max_examples=40, deadline=None)
@given(depth=st.integers(1, 200_000), kind=st.sampled_from(["[", '{"a":']))
def test_json_nesting_is_bounded(depth, kind):
    close = "]" if kind == "[" else "}"
    raw = (kind * depth + "1" + close * depth).encode()
    if depth <= MAX_DEPTH:
        parse_bounded(raw, "x.json")
    else:
        with pytest.raises(DamagedFile) as refused:
            parse_bounded(raw, "x.json")
        assert "nested too deeply" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999999", "1" + "0" * 50 + ".5"])
def test_json_numbers_that_are_not_numbers_are_refused(constant):
    with pytest.raises(DamagedFile):
        parse_bounded(f'{{"n": {constant}}}'.encode(), "x.json")


HOSTILE = {
    "deep": lambda: b'{"format": "her-settings", "version": 1, "settings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge int": lambda: b'{"format": "her-settings", "version": 1' + b"1" * 5000 + b', "settings": {}}',
    "huge value": lambda: b'{"format": "her-settings", "version": 1, "settings": {"text_speed": ' + b"7" * 5000 + b"}}",
}


@pytest.mark.parametrize("hostile", list(HOSTILE), ids=list(HOSTILE))
def test_settings_record_and_saves_survive_hostile_numbers_and_nesting(hostile):
    from game import saves

    data = HOSTILE[hostile]()
    settings_path().write_bytes(data)
    loaded, notes = load_settings()
    assert len(notes) == 1 and "settings.json" in notes[0] and "\n" not in notes[0]
    persistent_path().write_bytes(data.replace(b"her-settings", b"her-persistent"))
    record = Persistent()
    assert record.note and "persistent.json" in record.note
    saves.slot_path("4").write_bytes(data.replace(b"her-settings", b"her-save"))
    info = saves.read_save("4")
    assert info.damaged and "4.json" in info.damaged and "\n" not in info.damaged


# --- numbers in YAML -----------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(digits=st.integers(1, 5000), form=st.sampled_from(["{}", "-{}", "+{}", "!!int {}", "0x{}", "0o{}"]))
def test_yaml_integers_are_bounded(digits, form):
    number = form.format("7" * digits)
    try:
        value = parse_yaml(f"n: {number}\n", "s.yaml")["n"]
    except SourceError as exc:
        assert exc.diagnostic.loc.line == 1 and "too large" in exc.diagnostic.message
        return
    assert isinstance(value, str) or abs(value) < 10 ** MAX_INT_DIGITS  # YAML 1.1 reads `0o7` as text


def test_a_huge_number_in_a_story_is_one_line(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    for f in BASIC.iterdir():
        (story / f.name).write_text(f.read_text())
    manifest = story / "story.yaml"
    manifest.write_text(manifest.read_text().replace("{start: 0, min: 0, max: 3}", "{start: 0, min: 0, max: " + "9" * 4000 + "}"))
    _, diagnostics = load_story_files(story)
    errors = [d for d in diagnostics if d.is_error]
    assert len(errors) == 1 and "too large" in errors[0].message and errors[0].loc.line > 1


# --- files that are not regular files ----------------------------------------------------------
@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "one.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_story_file_is_refused_not_waited_on(fifo):
    with pytest.raises(SourceError) as refused:
        read_text(fifo)  # would hang forever if opened for reading
    assert "not a regular file" in str(refused.value)


def test_a_fifo_chapter_in_lint_is_one_line(fifo):
    story = fifo.parent
    for f in BASIC.iterdir():
        if f.name != "one.yaml":
            (story / f.name).write_text(f.read_text())
    run = subprocess.run([sys.executable, "-m", "game", "lint", "--story", str(story)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout
    assert "one.yaml:1:1: error: is not a regular file" in run.stdout


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_json_files_that_are_not_regular_files(tmp_path, kind):
    path = tmp_path / "x.json"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path(os.devnull)
    with pytest.raises(DamagedFile) as refused:
        read_bounded(path)
    assert refused.value.code in ("folder", "not-a-file") and "\n" not in str(refused.value)


def test_a_settings_fifo_does_not_hang_the_game():
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(settings_path())
    loaded, notes = load_settings()
    assert notes and "not a regular file" in notes[0]


# --- long paths and arguments -------------------------------------------------------------
@pytest.mark.parametrize("args", [["lint"], ["explore"], ["stats"], ["test"], ["play", "--text"], ["graph", "--format", "dot"]])
def test_a_5000_character_story_argument_is_one_line(args):
    run = subprocess.run([sys.executable, "-m", "game", *args, "--story", "x" * 5000], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    out = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in out
    assert max(len(line) for line in out.splitlines()) < 800


# --- expressions: lint-clean means playable -------------------------------------------------------
MANIFEST = """\
title: Sums
start: a
characters:
  n: {name: ""}
variables:
  x: {start: 1, min: -1000000000, max: 1000000000}
  flag: false
endings:
  done: {title: Done, summary: Done.}
chapters:
  - one.yaml
"""


def _story(folder: Path, condition: str, effect: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(MANIFEST)
    chapter = textwrap.dedent("""\
        chapter: one
        title: One
        nodes:
          a:
            lines:
              - n: Start.
              - set: {effect}
              - n: Only sometimes.
                if: {condition}
            choices:
              - text: On.
                if: {condition}
                goto: b
              - text: Also on.
                goto: b
          b:
            lines:
              - n: The end.
            ending: done
        """).format(condition=json.dumps(condition), effect=json.dumps(effect))
    (folder / "one.yaml").write_text(chapter)
    return folder


def _plays(story) -> None:
    rt = Runtime(story)
    for _ in range(50):
        event = rt.advance()
        if isinstance(event, (EndEvent, StuckEvent)):
            return
        if rt.options():
            rt.choose(rt.options()[0].index)
    raise AssertionError("the story did not end")


def _check_both_sides(folder: Path, condition: str, effect: str) -> None:
    from game.authoring.explore import explore

    story, diagnostics = load_story_files(_story(folder, condition, effect))
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        assert story is None
        for d in errors:  # at the expression's own line, in one line
            assert d.loc.path.endswith("one.yaml") and d.loc.line in (7, 9, 12) and "\n" not in d.format()
        return
    _plays(story)
    result = explore(story)
    assert result.endings["done"].reachable


def _chain(op: str, terms: int) -> str:
    return f" {op} ".join(["x"] * terms)


@settings(max_examples=25, deadline=None, suppress_health_check=HEALTH)
@given(terms=st.integers(1, 1200), op=st.sampled_from(["+", "-"]), depth=st.integers(0, 60),
       wrap=st.sampled_from(["(", "not (", "-("]))
def test_expressions_lint_clean_means_playable(tmp_path_factory, terms, op, depth, wrap):
    inner = _chain(op, terms)
    value = wrap * depth + inner + ")" * depth
    condition = f"{value} > 0" if wrap != "not (" else f"not ({value} > 0)" if depth == 0 else f"{wrap * depth}x > 0{')' * depth}"
    effect = f"x = {value}" if wrap != "not (" else f"x += {inner}"
    _check_both_sides(tmp_path_factory.mktemp("s"), condition, effect)


def test_the_longest_legal_chain_of_plus_plays_explores_and_runs_in_the_terminal(tmp_path):
    condition = "+".join(["x"] * 999) + ">0"  # 1,999 characters: just inside the length limit
    effect = "x+=" + "+".join(["x"] * 998)
    folder = _story(tmp_path / "story", condition, effect)
    story, diagnostics = load_story_files(folder)
    assert story is not None, [d.format() for d in diagnostics]
    _check_both_sides(tmp_path / "again", condition, effect)
    run = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(folder), "--choices", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.endswith("ending: done\n"), run.stderr


def test_a_thousand_chained_plus_with_spaces_is_a_lint_error_at_its_line(tmp_path):
    condition = " + ".join(["x"] * 1001) + " > 0"
    _, diagnostics = load_story_files(_story(tmp_path, condition, "x += 1"))
    errors = [d for d in diagnostics if d.is_error]
    assert [d.loc.line for d in errors] == [9, 12]  # the line's condition and the option's
    assert all("too long" in d.message and d.loc.col > 0 for d in errors)


def test_extreme_legal_expressions_lint_clean_story_plays_and_explores(tmp_path):
    from game.engine.expr import MAX_DEPTH as EXPR_DEPTH

    deepest = "(" * (EXPR_DEPTH - 1) + "x" + ")" * (EXPR_DEPTH - 1)
    nots = "not " * (EXPR_DEPTH - 1) + "flag"
    for condition, effect in [(f"{deepest} > 0", f"x = {deepest}"), (nots, "flag = " + nots),
                              (" and ".join(["x > 0"] * 190), "x += " + "999999999 + " * 150 + "1")]:
        _check_both_sides(tmp_path / str(len(condition)), condition, effect)
        assert load_story_files(tmp_path / str(len(condition)))[0] is not None, condition
