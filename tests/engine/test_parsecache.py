"""The parsed-file cache: the same values and positions as a fresh parse, or no cache at all."""

from pathlib import Path

import pytest

from game.engine import parsecache
from game.engine.loader import load_story_files
from game.engine.source import SourceError, parse_yaml

STORIES = Path(__file__).resolve().parents[1] / "stories"
SAMPLES = sorted(p for p in STORIES.rglob("*.yaml") if p.stat().st_size < 200_000)


def _same(a, b) -> bool:
    """Equal values, and equal positions all the way down."""
    if a != b or type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.loc == b.loc and a.key_locs == b.key_locs and a.value_locs == b.value_locs and all(
            _same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return a.loc == b.loc and a.item_locs == b.item_locs and all(_same(x, y) for x, y in zip(a, b))
    return True


def _parses(path: Path) -> bool:
    try:
        parse_yaml(path.read_text(encoding="utf-8"), str(path))
        return True
    except (SourceError, UnicodeDecodeError):
        return False


@pytest.mark.parametrize("path", [p for p in SAMPLES if _parses(p)], ids=lambda p: str(p.relative_to(STORIES)))
def test_cached_values_and_positions_equal_a_fresh_parse(tmp_path, path):
    text = path.read_text(encoding="utf-8")
    fresh = parse_yaml(text, str(path))
    first = parsecache.parse_cached(text, str(path), tmp_path)
    second = parsecache.parse_cached(text, str(path), tmp_path)  # from the cache file
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert _same(fresh, first) and _same(fresh, second)


def test_the_second_read_does_not_parse(tmp_path, monkeypatch):
    text = "a: [1, 'two', {b: true}]\n"
    parsecache.parse_cached(text, "x.yaml", tmp_path)
    monkeypatch.setattr(parsecache, "parse_yaml", lambda *a: pytest.fail("parsed again"))
    value = parsecache.parse_cached(text, "y.yaml", tmp_path)
    assert value == {"a": [1, "two", {"b": True}]}
    assert value.loc.path == "y.yaml" and value["a"].item_locs[1].col == 9


def test_a_damaged_cache_file_is_parsed_again_and_replaced(tmp_path):
    text = "k: v\n"
    parsecache.parse_cached(text, "x.yaml", tmp_path)
    (cached,) = tmp_path.glob("*.json")
    for junk in (b"", b"{not json", b'["M", 1]', b'["Q", 1, 1, []]', b"[[[[]]]]"):
        cached.write_bytes(junk)
        assert parsecache.parse_cached(text, "x.yaml", tmp_path) == {"k": "v"}
    assert parsecache._decode(__import__("json").loads(cached.read_bytes()), "x.yaml") == {"k": "v"}


def test_changed_text_is_a_new_entry_and_broken_files_are_not_cached(tmp_path):
    parsecache.parse_cached("k: 1\n", "x.yaml", tmp_path)
    assert parsecache.parse_cached("k: 2\n", "x.yaml", tmp_path) == {"k": 2}
    assert len(list(tmp_path.glob("*.json"))) == 2
    with pytest.raises(SourceError):
        parsecache.parse_cached("k: [\n", "x.yaml", tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_the_cache_keeps_a_bounded_number_of_files(tmp_path, monkeypatch):
    monkeypatch.setattr(parsecache, "KEEP", 5)
    for i in range(12):
        parsecache.parse_cached(f"k: {i}\n", "x.yaml", tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 5


def test_lint_findings_are_the_same_with_a_warm_cache(tmp_path):
    for folder in sorted(p.parent for p in STORIES.glob("*/story.yaml")):
        cold = load_story_files(folder, cache=tmp_path)[1]
        assert any(tmp_path.glob("*.json"))
        warm = load_story_files(folder, cache=tmp_path)[1]
        assert [d.format() for d in cold] == [d.format() for d in warm], folder


# --- the loader has no hidden I/O (issue 13) ---------------------------------------------------------
def test_the_loader_writes_nothing_unless_given_a_cache(tmp_path, monkeypatch):
    from game.paths import user_data_dir

    data = user_data_dir()
    before = sorted(data.rglob("*"))
    assert load_story_files(STORIES / "basic")[0] is not None
    assert sorted(data.rglob("*")) == before  # no cache folder made behind the caller's back
    load_story_files(STORIES / "basic", cache=tmp_path / "c")
    assert list((tmp_path / "c").glob("*.json"))


def test_lint_works_without_platformdirs(monkeypatch, capsys):
    import argparse
    import sys

    from game.commands import lint

    monkeypatch.delenv("HER_DATA_DIR", raising=False)
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # `import platformdirs` now fails
    assert lint.run(argparse.Namespace(story=STORIES / "basic", strict=False)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("lint ok")


def test_the_collector_is_paused_for_the_load_only(monkeypatch):
    import gc

    from game.engine import loader

    seen = []

    def broken(*args):
        seen.append(gc.isenabled())
        raise RuntimeError("a bug in the loader")

    assert gc.isenabled()
    monkeypatch.setattr(loader, "_load", broken)
    with pytest.raises(RuntimeError):
        loader.load_story_files(STORIES / "basic")
    assert seen == [False] and gc.isenabled()


def test_the_asset_check_reads_the_folder_it_is_given(tmp_path):
    (tmp_path / "scenes").mkdir()
    (tmp_path / "music").mkdir()
    _, diags = load_story_files(STORIES / "basic", assets=tmp_path)
    assert any(d.code == "unknown-asset" and "in assets/scenes" in d.message for d in diags)
    assert not any(d.code == "unknown-asset" for d in load_story_files(STORIES / "basic")[1])  # not given: not checked
