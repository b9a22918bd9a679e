"""The peer benchmark: the same generated story played and checked by us and by ink (inkjs).

`python benchmarks/peer.py` (or `python benchmarks/run.py --peer`) writes the 10,000-node story
in both formats (benchmarks/generate_story.py), installs the npm package inkjs 2.x into a
temporary folder, and measures, as ratios in one run:

  lint_warm_vs_ink   our load + check with the files unchanged (CPU) / ink's compile (CPU)
  lint_cold_vs_ink   our first-time load + check (nothing cached) / ink's compile
  play_vs_ink        every first choice played to the end, process start to exit, by
                     `python -m game play --text` (answers on stdin) / by ink_peer.js playing the
                     compiled JSON (CPU of the child process, so other load hardly moves it)
  play_doubling      our play of the story twice as long / of the story: 2 means linear

Both players print the same transcript (checked). Without `node` and `npm` the ink side is
skipped with one line saying so and only our absolute figures are given.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRIPT = ROOT / "benchmarks" / "ink_peer.js"
INKJS = "inkjs@2"

TARGETS = {  # name: (target, unit)
    "ink_compile_s": (None, "s"),
    "lint_warm_vs_ink": (0.05, "x"),
    "lint_cold_vs_ink": (0.25, "x"),
    "ink_play_s": (None, "s"),
    "play_s": (None, "s"),
    "play_vs_ink": (1.0, "x"),
    "play_doubling": (2.2, "x"),
}


def install_inkjs(folder: Path) -> tuple[Path | None, str]:
    """inkjs installed with npm under `folder`: its node_modules, or None and why not."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None, "peer benchmark skipped: node and npm are needed to install and run inkjs"
    result = subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", INKJS],
                            capture_output=True, text=True)
    modules = folder / "node_modules"
    if result.returncode != 0 or not (modules / "inkjs").is_dir():
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"peer benchmark skipped: npm could not install {INKJS} ({reason})"
    return modules, ""


def _child_cpu(cmd: list[str], env: dict, stdin: bytes | None = None, stdout=subprocess.DEVNULL) -> float:
    """CPU seconds (user + system) that the child process `cmd` used, start to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, input=stdin, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _our_env(data: Path) -> dict:
    from benchmarks.run import _env

    return _env({"HER_DATA_DIR": str(data)})


def _our_play(story: Path, data: Path, out: Path | None = None) -> float:
    answers = b"1\n" * 20_000  # far more than the story asks for; the player stops at the end
    cmd = [sys.executable, "-m", "game", "play", "--text", "--story", str(story)]
    if out is None:
        return _child_cpu(cmd, _our_env(data), answers)
    with out.open("wb") as handle:
        return _child_cpu(cmd, _our_env(data), answers, handle)


def bench_peer(runs: int, tmp: Path, lint: tuple[float, float] | None = None) -> tuple[dict[str, float], str]:
    """Every figure above, and a one-line note (why the ink side was skipped, or empty).

    `lint` is our (cold, warm) load + check of the same story when the caller measured it already.
    """
    from benchmarks.generate_story import generate, generate_ink
    from benchmarks.run import bench_big_story

    if lint is None:
        lint = bench_big_story(runs, tmp)
    cold, warm = lint
    story = tmp / "big"
    if not (story / "story.yaml").is_file():
        generate(story)
    data = tmp / "peer-data"
    _our_play(story, data)  # fills the caches, as a player's second start has them
    results: dict[str, float] = {"play_s": statistics.median(_our_play(story, data) for _ in range(runs))}
    double = generate(tmp / "big2", nodes=20_000, chapters=20)
    _our_play(double, data)
    results["play_doubling"] = statistics.median(_our_play(double, data) for _ in range(runs)) / results["play_s"]

    modules, note = install_inkjs(tmp / "inkjs")
    if modules is None:
        return results, note
    ink = generate_ink(tmp / "ink")
    compiled = tmp / "ink.json"
    env = {**os.environ, "NODE_PATH": str(modules)}
    compile_cmd = ["node", str(SCRIPT), "compile", str(ink / "main.ink"), str(compiled)]
    results["ink_compile_s"] = statistics.median(
        float(subprocess.run(compile_cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs))
    play_cmd = ["node", str(SCRIPT), "play", str(compiled)]
    results["ink_play_s"] = statistics.median(_child_cpu(play_cmd, env) for _ in range(runs))
    results["lint_warm_vs_ink"] = warm / results["ink_compile_s"]
    results["lint_cold_vs_ink"] = cold / results["ink_compile_s"]
    results["play_vs_ink"] = results["play_s"] / results["ink_play_s"]
    note = _same_transcript(story, data, play_cmd, env, tmp)
    return results, note


def _same_transcript(story: Path, data: Path, play_cmd: list[str], env: dict, tmp: Path) -> str:
    """Empty when both players printed the same lines and options; else a warning line."""
    ours, theirs = tmp / "her.txt", tmp / "ink.txt"
    _our_play(story, data, ours)
    with theirs.open("wb") as handle:
        subprocess.run(play_cmd, env=env, cwd=ROOT, stdout=handle, check=True)
    if ours.read_bytes() == theirs.read_bytes():
        return ""
    return "warning: the two players' transcripts differ, so the play figures compare unlike work"


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HER_DATA_DIR"] = str(Path(tmp) / "data")
        results, note = bench_peer(args.runs, Path(tmp))
    if note:
        print(note, file=sys.stderr)
    print(json.dumps({k: round(v, 4) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
