"""The benchmark suite: `python benchmarks/run.py [--json] [--quick] [--peer | --peer-only]`.

Measures what a player and a writer feel (start-up, frame cost, idle CPU, story tools,
catalogs, saves, memory) against the targets in the README's Performance section; with
`--peer`, also the same generated story checked and played by ink (benchmarks/peer.py). Each
figure is the median of several runs in fresh processes where start-up cost matters; CPU
time (not wall time) is used for work that other processes on the machine could disturb.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import peer  # noqa: E402  (needs ROOT on the path)

TARGETS = {  # name: (target, unit, lower is better)
    "startup_s": (0.6, "s"),
    "startup_cpu_s": (None, "s"),
    "frame_median_ms_en": (2.0, "ms"),
    "frame_p99_ms_en": (6.0, "ms"),
    "frame_median_ms_ko": (2.0, "ms"),
    "frame_p99_ms_ko": (6.0, "ms"),
    "idle_cpu_percent": (2.0, "%"),
    "idle_cpu_percent_line": (None, "%"),
    "story_load_s": (None, "s"),
    "big_story_lint_s": (1.0, "s"),
    "big_story_lint_cold_s": (None, "s"),
    "explore_s": (2.0, "s"),
    "catalog_load_ms": (30.0, "ms"),
    "save_ms": (None, "ms"),
    "load_ms": (None, "ms"),
    "peak_memory_mb": (150.0, "MB"),
}
PEER_TARGETS = peer.TARGETS


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as in an installed game
    return env


def _python(code: str, env: dict | None = None) -> str:
    full_env = _env(env)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env, cwd=ROOT, check=True)
    lines = out.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def _median_of(runs: int, code: str, env: dict | None = None) -> float:
    return statistics.median(float(_python(code, env)) for _ in range(runs))


def bench_story_load(runs: int) -> float:
    return _median_of(runs, (
        "import time; from game.paths import story_dir, parse_cache_dir; from game.engine.loader import load_story_files\n"
        "t = time.process_time(); load_story_files(story_dir(), cache=parse_cache_dir()); print(time.process_time() - t)"))


def bench_big_story(runs: int, tmp: Path) -> tuple[float, float]:
    """What `her lint` does, cold (nothing cached: every file parsed, the parse cache and the
    compiled story written) and warm (the files unchanged since the last run: answered from
    the compiled story, as when a writer lints again or the game starts again)."""
    from benchmarks.generate_story import generate

    folder = generate(tmp / "big")
    code = (
        "import time; from game.engine.loader import load_story_files; from game.commands import loader_options\n"
        f"t = time.process_time(); s, d = load_story_files({str(folder)!r}, **loader_options(checks_assets=True))\n"
        "assert s is not None\n"
        "print(time.process_time() - t)")
    cold = statistics.median(
        float(_python(code, {"HER_DATA_DIR": str(tmp / f"cold{i}")})) for i in range(runs))
    warm_env = {"HER_DATA_DIR": str(tmp / "warm")}
    _python(code, warm_env)  # fills the cache
    return cold, _median_of(runs, code, warm_env)


def bench_explore(runs: int) -> float | None:
    try:
        import game.authoring.explore  # noqa: F401
    except ImportError:
        return None
    return _median_of(runs, (
        "import time; from game.paths import story_dir; from game.engine import load_story\n"
        "from game.authoring.explore import explore\n"
        "story = load_story(story_dir()); t = time.process_time(); explore(story); print(time.process_time() - t)"))


def bench_catalog(runs: int) -> float | None:
    from game.paths import locales_dir

    if not (locales_dir() / "ko").is_dir():
        return None
    _python("from game.i18n.catalog import load_catalog; load_catalog('ko')")  # warm the compiled cache
    return 1000 * _median_of(runs, (
        "import time; t = time.perf_counter(); from game.i18n.catalog import load_catalog; load_catalog('ko')\n"
        "print(time.perf_counter() - t)"))


def bench_saves(runs: int) -> tuple[float, float]:
    code = (
        "import time, os, tempfile; os.environ['HER_DATA_DIR'] = tempfile.mkdtemp()\n"
        "from game import saves; from game.paths import story_dir; from game.engine import load_story, Runtime\n"
        "from game.engine.state import HistoryEntry\n"
        "story = load_story(story_dir()); rt = Runtime(story); rt.advance(); st = rt.snapshot()\n"
        "for i in range(5000): st.record(HistoryEntry('line', st.node, str(i % 3)))\n"
        "t = time.perf_counter(); saves.write_save('1', story, st, 'x'); a = time.perf_counter() - t\n"
        "t = time.perf_counter(); saves.load_state(saves.read_save('1'), story); b = time.perf_counter() - t\n"
        "print(f'{a},{b}')")
    pairs = [tuple(map(float, _python(code).split(","))) for _ in range(runs)]
    return 1000 * statistics.median(p[0] for p in pairs), 1000 * statistics.median(p[1] for p in pairs)


def bench_ui(runs: int) -> dict[str, float]:
    """Start-up, frame cost, idle CPU and peak memory, from benchmarks/ui_probe.py (needs the window)."""
    probe = ROOT / "benchmarks" / "ui_probe.py"
    if not probe.exists():
        return {}
    env = _env()
    out: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            result = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, cwd=ROOT,
                                    env={**env, "HER_DATA_DIR": data}, check=True)
        for key, value in json.loads(result.stdout.strip().splitlines()[-1]).items():
            out.setdefault(key, []).append(value)
    return {k: statistics.median(v) for k, v in out.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--peer", action="store_true", help="also the side-by-side run against inkjs")
    parser.add_argument("--peer-only", action="store_true", help="only the big story and the run against inkjs")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    results: dict[str, float | None] = {}
    targets = {} if args.peer_only else dict(TARGETS)
    note = ""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HER_DATA_DIR"] = str(Path(tmp) / "data")  # caches and saves never touch the real user folder
        started = time.perf_counter()
        if not args.peer_only:
            results.update(bench_ui(runs))
            results["story_load_s"] = bench_story_load(runs)
        results["big_story_lint_cold_s"], results["big_story_lint_s"] = bench_big_story(runs, Path(tmp))
        if not args.peer_only:
            results["explore_s"] = bench_explore(runs)
            results["catalog_load_ms"] = bench_catalog(runs)
            results["save_ms"], results["load_ms"] = bench_saves(runs)
        if args.peer or args.peer_only:
            targets.update({k: TARGETS[k] for k in ("big_story_lint_cold_s", "big_story_lint_s")} if args.peer_only else {})
            targets.update(PEER_TARGETS)
            lint = results["big_story_lint_cold_s"], results["big_story_lint_s"]
            figures, note = peer.bench_peer(runs, Path(tmp), lint)
            results.update(figures)
        elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({"machine": machine(), "results": results, "targets": {k: v[0] for k, v in targets.items()},
                          "note": note}, indent=2))
        return 0
    print(f"machine: {machine()}  (suite took {elapsed:.0f} s; medians of {runs} runs, CPU time where others could disturb)")
    if note:
        print(note)
    print(f"{'measure':<22} {'value':>10} {'target':>10}  ok")
    for name, (target, unit) in targets.items():
        value = results.get(name)
        shown = "n/a" if value is None else f"{value:.3g} {unit}"
        goal = "" if target is None else f"<= {target:g} {unit}"
        ok = "" if value is None or target is None else ("yes" if value <= target else "NO")
        print(f"{name:<22} {shown:>10} {goal:>10}  {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
