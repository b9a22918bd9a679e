"""Hostile YAML is refused quickly, with one line naming the file (and line): never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from storykit import MANIFEST

from game.engine.loader import load_story_files
from game.engine.source import MAX_FILE_BYTES, SourceError, parse_yaml


def refused(folder: Path, budget: float = 1.0):
    # CPU time of this process: the work done, whatever else the machine is busy with
    start = time.process_time()
    story, diags = load_story_files(folder)
    elapsed = time.process_time() - start
    assert story is None
    assert elapsed < budget, f"took {elapsed:.2f} s"
    for d in diags:
        assert "\n" not in d.format()
    return [d for d in diags if d.is_error]


def bomb(levels: int = 9) -> str:
    text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    return text


def test_billion_laughs_is_refused_quickly(kit):
    text = "chapter: c\ntitle: C\nnodes:\n  a:\n    ending: done\nextra:\n" + "\n".join("  " + line for line in bomb().splitlines()) + "\n"
    (d,) = [d for d in refused(kit.folder(c=text)) if d.loc.path.endswith("c.yaml")]
    assert "too many values" in d.message
    assert d.loc.line > 1


def test_billion_laughs_in_the_manifest(kit):
    (d,) = refused(kit.folder(manifest=MANIFEST + bomb()))
    assert d.loc.path.endswith("story.yaml") and "too many values" in d.message


def test_small_aliases_still_work(kit):
    manifest = MANIFEST.replace("  x: {start: 0, min: 0, max: 5}", "  x: &range {start: 0, min: 0, max: 5}\n  w: *range")
    story, diags = load_story_files(kit.folder(manifest=manifest))
    assert story is not None and story.variables["w"].max == 5
    assert [d.message for d in diags] == ["variable 'w' is never used"]


def test_unknown_alias(kit):
    (d,) = refused(kit.folder(manifest=MANIFEST.replace("title: Test", "title: *nothing")))
    assert (d.loc.line, d.loc.col) == (1, 8)
    assert "alias" in d.message


def test_huge_file_is_refused_before_reading(kit):
    folder = kit.folder()
    with open(folder / "c.yaml", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    (d,) = [d for d in refused(folder, budget=0.5) if d.loc.path.endswith("c.yaml")]
    assert d.message == f"file is too large ({MAX_FILE_BYTES + 1} bytes; at most {MAX_FILE_BYTES})"
    assert d.format().endswith(f"c.yaml:1:1: error: {d.message}")


@pytest.mark.parametrize(
    "body",
    [
        "a: [" + "1, " * (MAX_FILE_BYTES // 3 - 10) + "]\n",
        "a:\n" + "- x\n" * (MAX_FILE_BYTES // 4 - 10),
        "".join(f"k{i}: v\n" for i in range(MAX_FILE_BYTES // 12)),
        "[" * (MAX_FILE_BYTES - 10),
        "- " * (MAX_FILE_BYTES // 2 - 10),
        "a: {" + "b: {" * 100_000,
    ],
    ids=["flow-list", "block-list", "many-keys", "deep-flow", "deep-block", "deep-map"],
)
def test_large_files_under_the_size_limit_are_refused_quickly(kit, body):
    folder = kit.folder(c=body)
    assert (folder / "c.yaml").stat().st_size <= MAX_FILE_BYTES
    (d,) = [d for d in refused(folder) if d.loc.path.endswith("c.yaml")]
    assert "too many values" in d.message or "nested too deeply" in d.message
    assert d.loc.line >= 1 and d.loc.col >= 1


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system {x: 1}", "!!python/object:os.system"),
        ("!!python/object/apply:os.system ['echo hacked']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!python/tuple [1, 2]", "!!python/tuple"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2001-01-01", "!!timestamp"),
        ("!mine {a: 1}", "!mine"),
        ("!mine text", "!mine"),
    ],
)
def test_custom_tags_are_refused(kit, value, tag):
    manifest = MANIFEST.replace("title: Test", f"title: {value}")
    (d,) = refused(kit.folder(manifest=manifest))
    assert (d.loc.line, d.loc.col, d.message) == (1, 8, f"unsupported YAML tag {tag}")


def test_standard_tags_on_plain_data_are_fine(kit):
    manifest = MANIFEST.replace("title: Test", "title: !!str 2001").replace("  f: false", "  f: !!bool false\n  g: !!int 3")
    story, diags = load_story_files(kit.folder(manifest=manifest))
    assert story is not None and story.title == "2001" and story.variables["g"].start == 3


def test_merge_keys_are_refused(kit):
    manifest = MANIFEST.replace("  sam: {name: Sam}", "  sam: &base {name: Sam}\n  amy:\n    <<: *base\n    color: '#ffffff'")
    (d,) = refused(kit.folder(manifest=manifest))
    assert d.message == "merge keys (<<) are not supported"
    assert (d.loc.line, d.loc.col) == (7, 5)


def test_more_than_one_document(kit):
    (d,) = refused(kit.folder(manifest=MANIFEST + "---\ntitle: Again\n"))
    assert d.loc.line == MANIFEST.count("\n") + 1
    assert "one YAML document" in d.message


@pytest.mark.parametrize(("text", "pos"), [("title: a\x00b\n", (1, 9)), ("title: T\nstart: \x07\n", (2, 8))])
def test_control_characters(kit, text, pos):
    (d,) = refused(kit.folder(manifest=text))
    assert (d.loc.line, d.loc.col) == pos
    assert d.message.startswith("character U+00") and "not allowed" in d.message


def test_complex_keys_are_refused(kit):
    (d,) = refused(kit.folder(manifest="? [a, b]\n: 1\n"))
    assert d.message == "a key must be a plain value"


def test_yaml_1_1_booleans_stay_text(kit):
    # decision (from the loader): only true/false are booleans; "yes", "No" and "on" stay text
    text = "chapter: c\ntitle: C\nnodes:\n  a:\n    lines:\n      - n: No\n      - sam: yes\n    ending: done\n"
    manifest = MANIFEST.replace("  f: false\n", "")
    story, diags = load_story_files(kit.folder(manifest=manifest.replace("x += 1", ""), c=text))
    assert [line.text for line in story.nodes["a"].lines] == ["No", "yes"]


def test_parse_yaml_only_raises_source_error():
    for text in ["", "a: [", "\t- x", "a: b: c", "%YAML 2.0\n---\na: 1", "&a [*a]", "!<tag:x> 1", "a: !!int x"]:
        try:
            parse_yaml(text, "f.yaml")
        except SourceError as exc:
            assert "\n" not in exc.diagnostic.format()
