"""Caches are never trusted, and a data folder that cannot be used costs only saving.

The parse cache and the compiled catalogs are checked on read (types, shapes) and rebuilt
when damaged, replaced or unreadable; the results are exactly those of a fresh parse or
compile. `HER_DATA_DIR` pointing at a file, or `saves/` being a file, gives one clear line
and the game still plays.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.engine import load_story
from game.engine.loader import load_story_files
from game.i18n.catalog import load_catalog
from game.i18n.compiled import cache_dir
from game.paths import user_data_dir

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=30,
)


def default_folder():
    from game.paths import parse_cache_dir

    return parse_cache_dir()


def _facts(story_dir: Path):
    """A load through the parse cache (the compiled story, which would answer first, is
    tested in tests/engine/test_compiled.py: it is removed here)."""
    folder = default_folder()
    if folder is not None:
        shutil.rmtree(folder / "compiled", ignore_errors=True)
    story, diagnostics = load_story_files(story_dir, cache=folder)
    return (sorted(story.nodes) if story else None, sorted(d.format() for d in diagnostics))


def _cache_files() -> list[Path]:
    return sorted(default_folder().glob("*.json"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(poison=json_values, where=st.integers(0, 2))
def test_a_poisoned_parse_cache_changes_nothing(poison, where):
    shutil.rmtree(default_folder(), ignore_errors=True)
    fresh = _facts(BASIC)
    files = _cache_files()
    assert files, "the first load should have filled the cache"
    target = files[where % len(files)]
    target.write_text(json.dumps(poison))
    assert _facts(BASIC) == fresh
    assert json.loads(target.read_text()) != poison or poison is None  # rewritten with the good parse


@pytest.mark.parametrize("damage", ["truncated", "folder", "binary", "deep", "wrong positions"])
def test_a_damaged_parse_cache_entry_is_parsed_again(damage):
    shutil.rmtree(default_folder(), ignore_errors=True)
    fresh = _facts(BASIC)
    for target in _cache_files():
        text = target.read_text()
        if damage == "truncated":
            target.write_text(text[: len(text) // 2])
        elif damage == "folder":
            target.unlink()
            target.mkdir()
        elif damage == "binary":
            target.write_bytes(b"\xff\x00" * 100)
        elif damage == "deep":
            target.write_text("[" * 100_000 + "]" * 100_000)
        else:
            target.write_text(text.replace(",1,", ',"1",', 1).replace("true", '"yes"', 1))
    assert _facts(BASIC) == fresh


def _mo_files() -> list[Path]:
    return sorted(cache_dir().glob("ko-*.mo"))


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "folder", "other language"])
def test_a_damaged_compiled_catalog_is_compiled_again(damage):
    shutil.rmtree(cache_dir(), ignore_errors=True)
    first = load_catalog("ko", report=lambda m: None)
    expected = (first.ui("New game"), first.text("story", load_story(ROOT / "story").title))
    files = _mo_files()
    assert files
    for mo in files:
        if damage == "garbage":
            mo.write_bytes(b"\xde\x12\x04\x95" + b"\x00" * 7 + b"\xff" * 40)
        elif damage == "empty":
            mo.write_bytes(b"")
        elif damage == "truncated":
            mo.write_bytes(mo.read_bytes()[:100])
        elif damage == "folder":
            mo.unlink()
            mo.mkdir()
        else:  # a well-formed catalog, but not the one we compiled for Korean
            from game.i18n.poparse import write_mo

            mo.write_bytes(write_mo({"": "Language: fr\nContent-Type: text/plain; charset=UTF-8\n", "New game": "Nouveau jeu"}))
    problems: list[str] = []
    again = load_catalog("ko", report=problems.append)
    assert (again.ui("New game"), again.text("story", load_story(ROOT / "story").title)) == expected
    assert expected[0] != "New game" and problems == []


def _unusable_data_folder(tmp_path, monkeypatch) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("HER_DATA_DIR", str(blocker))
    return blocker


def test_a_data_folder_that_is_a_file_still_lints_and_loads_translations(tmp_path, monkeypatch):
    _unusable_data_folder(tmp_path, monkeypatch)
    with pytest.raises(OSError) as refused:
        user_data_dir()
    assert "is a file, not a folder" in refused.value.strerror
    assert default_folder() is None
    assert _facts(BASIC)[0] is not None
    problems: list[str] = []
    assert load_catalog("ko", report=problems.append).ui("New game") != "New game" and problems == []


def test_a_data_folder_that_is_a_file_in_the_window(tmp_path, monkeypatch, make_app):
    from game.ui.screens.play import PlayScreen

    blocker = _unusable_data_folder(tmp_path, monkeypatch)
    app, d = make_app(lang="ko")
    shown = [text for text, _ in app.toasts]
    assert any(str(blocker) in text and "기본 설정" in text for text in shown), shown
    app.start_game()
    d.step(3)
    app.autosave()
    d.step()
    assert isinstance(app.top, PlayScreen) and blocker.read_text().startswith("a file")


def test_saves_being_a_file(tmp_path):
    story = load_story(BASIC)
    folder = user_data_dir() / "saves"
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder")
    from game.engine import Runtime

    with pytest.raises(OSError) as refused:
        saves.write_save("auto", story, Runtime(story).snapshot())
    assert "saves" in refused.value.strerror and "\n" not in refused.value.strerror
    found = saves.resume(story)
    assert found.state is None and "cannot be read" in found.notice
    run = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(BASIC), "--continue", "--choices", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "Traceback" not in run.stderr and "ending: " in run.stdout
    folder.unlink()
