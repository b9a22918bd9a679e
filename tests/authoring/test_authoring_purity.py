"""explore, graph and test run with pygame made impossible to import (a sys.meta_path blocker)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from authoringkit import ROOT, STORIES

SCRIPT = textwrap.dedent("""
    import contextlib, io, json, sys

    class NoPygame:
        def find_spec(self, name, path=None, target=None):
            if name == "pygame" or name.startswith(("pygame.", "pygame_")):
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, NoPygame())
    try:
        import pygame  # noqa: F401
        raise SystemExit("pygame could be imported")
    except ImportError:
        pass

    import game.authoring.explore, game.authoring.graph, game.authoring.playtest  # noqa: E401,F401
    import game.authoring.symbolic, game.authoring.statesearch, game.authoring.mdd  # noqa: E401,F401
    from game.cli import main

    story = sys.argv[1]
    results = {}
    for command in (["explore", "--story", story], ["explore", "--states", "--json", "--story", story],
                    ["graph", "--story", story], ["graph", "--format", "mermaid", "--story", story],
                    ["test", "--story", story]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(command)
        results[" ".join(command)] = [code, out.getvalue()[-200:]]
    print(json.dumps({"results": results, "pygame": sorted(m for m in sys.modules if m.split(".")[0] == "pygame")}))
""")


def test_explore_graph_and_test_never_import_pygame(tmp_path):
    story = STORIES / "explore_combo"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(story)], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["pygame"] == []
    codes = {command.split(" --story")[0]: code for command, (code, _) in report["results"].items()}
    assert codes == {"explore": 0, "explore --states --json": 0, "graph": 0, "graph --format mermaid": 0, "test": 0}
    assert "explore ok" in report["results"][f"explore --story {story}"][1]
