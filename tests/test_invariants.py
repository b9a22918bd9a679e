"""Cheap invariants that keep the game fast, checked without timing anything.

- the pygame-free commands (lint, explore, stats, graph, i18n extract/stats) never import pygame,
  even when it is installed: run through `python -m game` in a fresh process that records every
  module it imported;
- no module of the engine imports pygame (by reading their source, and by importing them all
  with pygame made impossible to import);
- the story loader reads YAML with libyaml's C loader whenever PyYAML has it;
- a catalog is compiled once: the second load reads the compiled cache, without polib.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "game" / "engine"

# Runs `her ARGS...` through the real entry point (`python -m game`) and then reports the
# top-level packages that were imported; pygame is NOT blocked, so an import would show.
RECORD = textwrap.dedent("""
    import contextlib, io, json, runpy, sys
    sys.argv = ["her", *sys.argv[1:]]
    out = io.StringIO()
    code = None
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_module("game", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            code = exc.code
    print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules}),
                      "game": sorted(m for m in sys.modules if m.startswith("game.")), "out": out.getvalue()[-300:]}))
""")


def _her(args: list[str], tmp_path: Path, **extra_env: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path / "data")}
    env.pop("SDL_VIDEODRIVER", None)  # nothing here may need a display
    env.update(extra_env)
    result = subprocess.run([sys.executable, "-c", RECORD, *args], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pygame_is_installed_so_the_checks_below_mean_something():
    import importlib.util

    assert importlib.util.find_spec("pygame") is not None


@pytest.mark.parametrize("args", [
    ["lint"],
    ["lint", "--strict"],
    ["explore"],
    ["stats"],
    ["stats", "--json"],
    ["graph"],
    ["graph", "--format", "mermaid"],
    ["i18n", "stats"],
])
def test_story_and_translation_tools_do_not_import_pygame(args, tmp_path):
    report = _her(args, tmp_path)
    assert report["code"] in (0, None), report["out"]
    assert "pygame" not in report["modules"], f"her {' '.join(args)} imported pygame"


def test_i18n_extract_does_not_import_pygame(tmp_path):
    locales = tmp_path / "locales"  # extract writes templates: a private folder, not the shipped one
    report = _her(["i18n", "--locales", str(locales), "extract"], tmp_path)
    assert report["code"] in (0, None), report["out"]
    assert (locales / "story.pot").is_file() and (locales / "ui.pot").is_file()
    assert "pygame" not in report["modules"]


def test_the_recorder_does_see_pygame_when_a_command_imports_it(tmp_path):
    """The same recorder on the game window (closed after its first frame): it must report pygame."""
    report = _her(["play"], tmp_path, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HER_EXIT_AFTER_FIRST_FRAME="1")
    assert report["code"] in (0, None) and "pygame" in report["modules"]


def test_the_game_window_starts_without_the_story_tools_or_the_po_parser(tmp_path):
    """Start-up imports only what the first frame needs: no authoring tools, no polib, no YAML
    schema checker, no language server (the window closes itself after its first frame)."""
    report = _her(["play"], tmp_path, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HER_EXIT_AFTER_FIRST_FRAME="1")
    assert report["code"] in (0, None)
    assert "game.ui.app" in report["game"]  # the window really started
    assert [m for m in report["game"] if m.startswith(("game.authoring", "game.commands.explore"))] == []
    assert "polib" not in report["modules"] and "jsonschema" not in report["modules"]
    assert "pygls" not in report["modules"] and "lsprotocol" not in report["modules"]  # only `her lsp` needs them


def test_no_engine_module_imports_pygame_in_its_source():
    offenders = []
    for path in sorted(ENGINE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}:{node.lineno}" for n in names if n.split(".")[0] == "pygame"]
    assert len(list(ENGINE.glob("*.py"))) >= 5
    assert offenders == []


def test_every_engine_module_imports_with_pygame_blocked(tmp_path):
    code = textwrap.dedent("""
        import importlib, pkgutil, sys

        class NoPygame:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "pygame":
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, NoPygame())
        import game.engine
        names = [i.name for i in pkgutil.iter_modules(game.engine.__path__)]
        for name in names:
            importlib.import_module("game.engine." + name)
        from game.engine import load_story
        from game.paths import story_dir
        load_story(story_dir())
        print(len(names))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 5


def test_the_loader_uses_the_c_yaml_loader_when_available(monkeypatch):
    import yaml

    from game.engine import source
    from game.engine.loader import load_story_files
    from game.paths import story_dir

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml here")
    assert source._Loader is yaml.CSafeLoader
    made = []

    class Counting(yaml.CSafeLoader):
        def __init__(self, stream):
            made.append(1)
            super().__init__(stream)

    monkeypatch.setattr(source, "_Loader", Counting)
    story, diagnostics = load_story_files(story_dir())
    assert story is not None
    assert len(made) == 1 + len(story.chapters)  # the manifest and every chapter went through it


def test_a_catalog_is_compiled_once_then_read_from_the_cache(monkeypatch, tmp_path):
    from game.i18n import compiled
    from game.i18n.catalog import load_catalog

    compiles = []
    real = compiled.compile_po

    def counting(*args, **kwargs):
        compiles.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(compiled, "compile_po", counting)
    first = load_catalog("ko")
    assert first.lang == "ko" and len(compiles) == 2  # story and ui
    assert sorted(p.name for p in compiled.cache_dir().glob("*.mo")) != []
    second = load_catalog("ko")
    assert len(compiles) == 2  # nothing compiled again
    sample = "New game"
    assert second.ui(sample) == first.ui(sample) != sample  # and it is the real translation


def test_the_second_load_of_a_catalog_does_not_parse_po_files(tmp_path):
    """In a fresh process with a warm cache, loading ko never imports polib (the .po parser)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    warm = "from game.i18n.catalog import load_catalog; load_catalog('ko')"
    check = warm + "; import sys; print('polib' in sys.modules)"
    for code, expected in ((check, "True"), (check, "False")):  # the first load compiles, the second does not
        result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env,
                                timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == expected


# --- drawing only what changed must not change the picture -------------------------------------
def _window_picture(app):
    return pygame_bytes(app.display.renderer.to_surface())


def pygame_bytes(surface):
    import pygame

    return pygame.image.tobytes(surface, "RGB")


def test_typewriter_frames_upload_only_the_text_and_the_window_shows_the_whole_frame(tmp_path, monkeypatch):
    import pygame

    from game.ui.app import App
    from game.ui.driver import Driver, FakeClock

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    clock = FakeClock()
    app = App(ROOT / "tests" / "stories" / "basic", clock=clock)
    try:
        if app.display.renderer is None:
            pytest.skip("no renderer here")
        app.display.window.size = (1280, 720)  # the window shows the frame pixel for pixel
        d = Driver(app, clock)
        d.step(2)
        areas = []
        real = app.display.present
        monkeypatch.setattr(app.display, "present", lambda area=None: (areas.append(area), real(area)))
        app.start_game()
        d.key(pygame.K_SPACE)  # past the chapter card
        typing = []  # the area sent for each typewriter frame
        for _ in range(3):  # three lines, typed frame by frame, with a note popping up on the way
            for frame in range(40):
                was_typing = app.play_screen().typing
                clock.advance(1 / 60)
                d.step()
                if was_typing:
                    typing.append(areas[-1])
                if frame == 10:
                    app.notify("a note over the text")
                assert _window_picture(app) == pygame_bytes(app.frame)
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
        partial = [a for a in typing if a is not None]
        assert len(typing) > 20 and len(partial) > len(typing) // 2  # most typewriter frames sent only the text ...
        assert all(a.w * a.h < 1280 * 720 // 2 for a in partial)  # ... which is a small part of it
    finally:
        app.shutdown()
