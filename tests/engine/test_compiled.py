"""The compiled story: the same model and findings as a fresh load, or no artifact trusted at all."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from storykit import write

from game.engine import Runtime, compiled, loader, modelcodec, parsecache, source
from game.engine.runtime import ChoiceEvent, EndEvent, StuckEvent
from game.paths import assets_dir

ROOT = Path(__file__).resolve().parents[2]
STORIES = sorted(p.parent for p in (ROOT / "tests" / "stories").glob("*/story.yaml")) + [ROOT / "story"]

EVERY_FIELD = {  # a story with what the test stories leave out: an option's written id, a minimum above 0
    "story.yaml": """\
        title: Every field
        start: a
        characters:
          n: {name: "", color: "#102030"}
        variables:
          x: {start: 2, min: 1, max: 5}
        endings:
          done: {title: Done, summary: The end.}
        chapters:
          - c.yaml
        """,
    "c.yaml": """\
        chapter: c
        title: C
        nodes:
          a:
            scene: office
            music: letters
            lines:
              - n: Hello.
                id: hello
                style: letter
                note: a note for translators
              - set: x += 1
            choices:
              - text: Go.
                id: go
                once: true
                if: x >= 1 and visits(b) < 2
                set: x -= 1
                lines:
                  - n: Going.
                goto: b
            next: b
          b:
            lines:
              - n: There.
                if: seen(a)
            branch:
              - if: x > 3
                goto: a
              - goto: end
          end:
            lines:
              - n: Bye.
            ending: done
        """,
}


def _plain(value):
    """A model value as nested tuples: expressions by everything but their compiled functions."""
    if isinstance(value, (modelcodec.Expr, modelcodec.Effects)):
        return modelcodec._shape(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_plain(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if hasattr(value, "items") and not isinstance(value, tuple):
        return ("map", *((k, _plain(v)) for k, v in value.items()))
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_plain(v) for v in value)
    return (type(value).__name__, value)


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def builds(monkeypatch) -> list:
    """Every time the story is built from its files (not answered from the artifact)."""
    calls: list = []
    build = loader._load

    def counting(*args, **kwargs):
        calls.append(args[0])
        return build(*args, **kwargs)

    monkeypatch.setattr(loader, "_load", counting)
    return calls


def _load(folder: Path, cache: Path | None, warnings: bool = True):
    return loader.load_story_files(folder, warnings, cache=cache, assets=assets_dir())


@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_round_trip_equals_a_fresh_load(folder, cache, builds):
    fresh = _load(folder, None)
    first = _load(folder, cache)  # built, and compiled
    second = _load(folder, cache)  # from the compiled story
    assert len(builds) == 2, "the second load with nothing changed built the story again"
    assert _plain(second[0]) == _plain(fresh[0]) == _plain(first[0])
    assert second[1] == fresh[1]  # the same findings, at the same places
    assert _load(folder, cache, warnings=False)[1] == [d for d in fresh[1] if d.is_error] or fresh[0] is None


def test_every_model_field_round_trips(tmp_path, cache, builds):
    """Every public field of every class the codec keeps holds a real value somewhere, and reads back equal."""
    folders = [*STORIES, write(tmp_path / "every", EVERY_FIELD)]
    seen: set[tuple[str, str]] = set()

    def note(value):
        if dataclasses.is_dataclass(value) and not isinstance(value, (type, modelcodec.Expr, modelcodec.Effects)):
            for f in dataclasses.fields(value):
                v = getattr(value, f.name)
                if v not in (None, False, (), "") and v != {}:
                    seen.add((type(value).__name__, f.name))
                note(v)
        elif isinstance(value, tuple) and hasattr(value, "_fields"):
            seen.update((type(value).__name__, n) for n, v in zip(value._fields, value) if v not in (None, 0, ""))
        elif isinstance(value, (tuple, list)):
            for v in value:
                note(v)
        elif hasattr(value, "values"):
            for v in value.values():
                note(v)

    for folder in folders:
        story, findings = _load(folder, cache)
        again = _load(folder, cache)
        assert _plain(again[0]) == _plain(story) and again[1] == findings
        note(story)
        note(findings)
    assert len(builds) == len(folders)
    planned = {(cls.__name__, name) for cls in modelcodec._order(modelcodec.ROOTS) for name in modelcodec._tables[cls][0]}
    assert planned - seen == set()


def _play(story, limit: int = 400) -> list:
    rt, events = Runtime(story), []
    for _ in range(limit):
        event = rt.advance()
        events.append(event)
        if isinstance(event, ChoiceEvent):
            rt.choose(event.options[0].index)
        if isinstance(event, (EndEvent, StuckEvent)):
            break
    return events


@pytest.mark.parametrize("name", ["golden_hub", "basic", "explore_combo"])
def test_the_compiled_story_plays_as_the_fresh_one(name, tmp_path, cache):
    """Once-only choices, visit counters and conditions made again from their recipes behave the same."""
    folder = ROOT / "tests" / "stories" / name
    fresh = _load(folder, None)[0]
    _load(folder, cache)
    assert _play(_load(folder, cache)[0]) == _play(fresh)


def _artifact(folder: Path, cache: Path) -> Path:
    return compiled.artifact_path(cache, folder, {"warnings": True, "assets": compiled.asset_listing(assets_dir())})


def _damage_cut(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _damage_garble(raw: bytes) -> bytes:
    return raw[:100] + b"\x00\xff garbage \x00" + raw[120:]


def _damage_foreign(raw: bytes) -> bytes:
    return json.dumps({"format": "something-else", "version": 1}).encode()


def _damage_engine(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["engine"] = "0" * 64
    return json.dumps(data).encode()


def _tamper(edit):
    def damage(raw: bytes) -> bytes:
        data = json.loads(raw)
        edit(data["model"])
        return json.dumps(data).encode()

    return damage


def _node_table(model) -> list:
    return model["tables"]["game.engine.model.Node"]


def _first_recipe(model) -> list:
    lines = model["tables"]["game.engine.model.Line"]
    names = model["schema"]["game.engine.model.Line"]
    return next(r for r in lines[names.index("cond")] if r is not None)


DAMAGE = {
    "truncated": _damage_cut,
    "garbled": _damage_garble,
    "empty": lambda raw: b"",
    "foreign": _damage_foreign,
    "other engine": _damage_engine,
    "row out of range": _tamper(lambda m: _node_table(m)[0].__setitem__(0, [10**6] * len(_node_table(m)[0]))),
    "wrong kind in a column": _tamper(lambda m: m["strings"].__setitem__(0, 7)),
    "column cut short": _tamper(lambda m: _node_table(m)[1].pop()),
    "expression that does not compile": _tamper(lambda m: _first_recipe(m).__setitem__(1, "x >= (")),
    "assignment to an unknown variable": _tamper(
        lambda m: m["tables"]["game.engine.model.Line"][m["schema"]["game.engine.model.Line"].index("effects")].__setitem__(
            2, ["set", "nope = 1", [["nope", "=", "1", "int"]], False])),
    "another model layout": _tamper(lambda m: m["schema"]["game.engine.model.Node"].append("extra")),
    "a link to a node that is not there": _tamper(lambda m: _node_table(m)[m["schema"]["game.engine.model.Node"].index(
        "next")].__setitem__(0, m["strings"].index("Hub"))),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_artifacts_are_ignored_and_rebuilt(kind, tmp_path, cache, builds):
    folder = shutil.copytree(ROOT / "tests" / "stories" / "golden_hub", tmp_path / "story")
    fresh = _load(folder, None)
    _load(folder, cache)
    path = _artifact(folder, cache)
    path.write_bytes(DAMAGE[kind](path.read_bytes()))
    builds.clear()
    story, findings = _load(folder, cache)
    assert builds, f"a {kind} artifact was trusted"
    assert _plain(story) == _plain(fresh[0]) and findings == fresh[1]
    builds.clear()
    _load(folder, cache)
    assert not builds, "the rebuilt artifact was not written back"


def test_another_storys_artifact_is_not_taken(tmp_path, cache, builds):
    one = shutil.copytree(ROOT / "tests" / "stories" / "basic", tmp_path / "one")
    two = shutil.copytree(ROOT / "tests" / "stories" / "golden_hub", tmp_path / "two")
    _load(one, cache)
    _load(two, cache)
    shutil.copyfile(_artifact(one, cache), _artifact(two, cache))
    builds.clear()
    story, _ = _load(two, cache)
    assert builds and story.title == "Golden Hub"


def test_an_edited_chapter_invalidates_it_and_only_that_chapter_is_parsed_again(tmp_path, cache, builds, monkeypatch):
    folder = shutil.copytree(ROOT / "tests" / "stories" / "basic", tmp_path / "story")
    _load(folder, cache)
    parsed: list[str] = []
    parse = source.parse_yaml
    monkeypatch.setattr(parsecache, "parse_yaml", lambda text, path: parsed.append(Path(path).name) or parse(text, path))
    chapter = folder / "two.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    builds.clear()
    story, _ = _load(folder, cache)
    assert builds and parsed == ["two.yaml"]
    assert any(c.title.startswith("Edited") for c in story.chapters)
    builds.clear()
    assert _load(folder, cache)[0].chapters == story.chapters and not builds


def test_a_chapter_file_appearing_or_the_assets_changing_invalidates_it(tmp_path, cache, builds, monkeypatch):
    folder = write(tmp_path / "story", {**EVERY_FIELD, "story.yaml": EVERY_FIELD["story.yaml"] + "  - later.yaml\n"})
    findings = _load(folder, cache)[1]
    assert any(d.code == "missing-file" for d in findings)
    (folder / "later.yaml").write_text("chapter: later\ntitle: Later\nnodes:\n  z:\n    lines:\n      - n: Late.\n    ending: done\n")
    builds.clear()
    assert not any(d.code == "missing-file" for d in _load(folder, cache)[1]) and builds
    monkeypatch.setattr(compiled, "asset_listing", lambda assets: ["music/other.ogg"])
    builds.clear()
    _load(folder, cache)
    assert builds, "findings about asset ids were answered for another set of assets"


def test_lint_on_unchanged_files_answers_from_it(tmp_path, builds, capsys, monkeypatch):
    from game.cli import main

    monkeypatch.setenv("HER_DATA_DIR", str(tmp_path / "data"))
    folder = ROOT / "tests" / "stories" / "lint_many"
    code = main(["lint", "--story", str(folder)])
    first = capsys.readouterr().out
    builds.clear()
    assert main(["lint", "--story", str(folder)]) == code
    assert capsys.readouterr().out == first and not builds


def test_a_model_field_of_an_unknown_kind_is_refused_when_planned():
    @dataclasses.dataclass(frozen=True)
    class Odd:
        value: set[int]

    with pytest.raises(TypeError):
        modelcodec.planned(Odd)
