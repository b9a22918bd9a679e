"""The engine, the game controller and the pygame-free commands run with pygame made impossible to import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import importlib, io, json, pkgutil, sys, contextlib

    class NoPygame:
        def find_spec(self, name, path=None, target=None):
            if name == "pygame" or name.startswith("pygame.") or name.startswith("pygame_"):
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, NoPygame())

    try:  # the block works
        import pygame  # noqa: F401
        raise SystemExit("pygame could be imported")
    except ImportError:
        pass

    import game.engine
    for info in pkgutil.iter_modules(game.engine.__path__):
        importlib.import_module(f"game.engine.{info.name}")
    import game.authoring.stats, game.saves, game.paths  # noqa: E401,F401
    import game.controller, game.styles, game.textplayer, game.ui.pacing, game.ui.layoutspec  # noqa: E401,F401

    from game.cli import main
    story = sys.argv[1]
    results = {}
    for command in (["lint", "--story", story], ["lint", "--strict", "--story", story],
                    ["stats", "--story", story], ["stats", "--json", "--story", story],
                    ["play", "--text", "--story", story, "--choices", "1,1"]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(command)
        results[" ".join(command[:2])] = [code, out.getvalue()]
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "pygame")
    print(json.dumps({"results": results, "pygame": loaded}))
""")


def test_engine_lint_and_stats_never_import_pygame(tmp_path):
    story = ROOT / "tests" / "stories" / "golden_walk"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(story)], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["pygame"] == []
    results = report["results"]
    assert results["lint --story"] == [0, "lint ok: 0 error(s), 0 warning(s)\n"]
    assert results["lint --strict"][0] == 0
    assert results["stats --story"][0] == 0 and results["stats --story"][1].startswith("Golden Walk: 2 chapters")
    assert json.loads(results["stats --json"][1])["totals"]["words"] == 59
    # the terminal player plays through the game controller, without pygame
    assert results["play --text"] == [0, (ROOT / "tests" / "stories" / "golden_walk" / "expected.txt").read_text()]
