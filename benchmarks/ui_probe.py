"""The window's figures for the benchmark suite; prints ONE JSON line (run by benchmarks/run.py).

  startup_s            process start to the first title frame presented: `python -m game` with
                       HER_EXIT_AFTER_FIRST_FRAME=1, timed from outside (median of 3 after one
                       unmeasured run that caches the bytecode, as an installed game has it; wall
                       time, so a busy machine shows here; `startup_cpu_s` is the same runs' CPU time)
  frame_*_ms_en/ko     CPU time of the main thread per frame on the play screen while the
                       typewriter types, at 1280x720, the shipped story, motion on, in English
                       and in Korean (the real loop's step with a settable clock; input frames
                       are not counted)
  idle_cpu_percent     CPU (all threads) used by the real loop with real waiting over 5 s on the
                       title screen, as a share of one core; `idle_cpu_percent_line`: the same on
                       a fully shown line with motion on (its scene's ambient motion included)
  peak_memory_mb       peak RSS (ru_maxrss) of a process that played through many lines in both
                       languages

Run it alone: `python benchmarks/ui_probe.py` (it sets the dummy video/audio drivers and a
temporary data folder when none is given). `--part frames|idle-title|idle-line` runs one part
in this process and prints its JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FRAME = 1 / 60
IDLE_SECONDS = 5.0


# --- start-up, from outside --------------------------------------------------------------------
def startup(runs: int = 3) -> dict[str, float]:
    env = {**os.environ, "HER_EXIT_AFTER_FIRST_FRAME": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, then read from __pycache__
    subprocess.run([sys.executable, "-m", "game"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # a first run writes the bytecode
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"startup_s": statistics.median(walls), "startup_cpu_s": statistics.median(cpus)}


# --- frames while the typewriter types -------------------------------------------------------------
def _app(clock=None):
    from game.paths import story_dir
    from game.ui.app import App

    app = App(story_dir(), clock=clock) if clock is not None else App(story_dir())
    app.display.window.size = (1280, 720)  # the dummy desktop is 1024x768: draw at the real size
    return app


def _key(app, key) -> None:
    import pygame

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.step()


def _play_lines(app, clock, lines: int, max_frames: int, samples: list[float] | None) -> int:
    """Play `lines` lines from a new game, stepping at 60 fps while text types; time typing frames."""
    import pygame

    from game.ui.screens.play import PlayScreen

    app.start_game()
    app.step()
    shown = frames = 0
    while shown < lines and frames < max_frames:
        play = app.top
        if not isinstance(play, PlayScreen):  # an ending card: a new game
            app.start_game()
            app.step()
            continue
        if play.pacing.card is not None:
            _key(app, pygame.K_SPACE)
        elif play.options:
            _key(app, pygame.K_1)
        elif play.typing:
            clock.advance(FRAME)
            t = time.thread_time()
            app.step()
            if samples is not None:
                samples.append(time.thread_time() - t)
            frames += 1
        else:
            _key(app, pygame.K_SPACE)
            shown += 1
    return shown


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def frames(lines: int = 40, max_frames: int = 2400, long_session: int = 400) -> dict[str, float]:
    from game.settings import INSTANT
    from game.ui import preferences
    from game.ui.driver import FakeClock

    clock = FakeClock()
    app = _app(clock)
    out: dict[str, float] = {}
    for lang in ("en", "ko"):
        preferences.set_language(app, lang)
        samples: list[float] = []
        _play_lines(app, clock, lines, max_frames, samples)
        out[f"frame_median_ms_{lang}"] = 1000 * statistics.median(samples)
        out[f"frame_p99_ms_{lang}"] = 1000 * _percentile(samples, 0.99)
        out[f"frames_{lang}"] = len(samples)
    # then many more lines (instant text) in both languages, for the peak memory of a long session
    app.settings.text_speed = INSTANT
    for lang in ("en", "ko"):
        preferences.set_language(app, lang)
        out[f"lines_{lang}"] = _play_lines(app, clock, long_session, 10**6, None)
    app.shutdown()
    out["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return out


# --- idle: the real loop, real waiting ---------------------------------------------------------
def idle(where: str) -> dict[str, float]:
    import pygame

    from game.settings import INSTANT, Settings, save_settings
    from game.ui.screens.play import PlayScreen

    save_settings(Settings(text_speed=INSTANT))  # a line is shown whole at once
    app = _app()
    if where == "line":
        app.start_game()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # past the chapter card, on a whole line
            play = app.top
            app.step()
            if isinstance(play, PlayScreen) and play.pacing.card is None and not play.typing and not play.options:
                break
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode="", scancode=0))
        else:
            raise SystemExit("could not reach a line")
    settle = time.monotonic() + 2.5  # music decoding and its fade-in are part of start-up, not idling
    while time.monotonic() < settle:
        app.step(block=True)
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.monotonic()
    while time.monotonic() - t0 < IDLE_SECONDS:
        app.step(block=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    app.shutdown()
    key = "idle_cpu_percent" if where == "title" else "idle_cpu_percent_line"
    return {key: 100 * cpu / wall}


def _part(name: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--part", name], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("frames", "idle-title", "idle-line"))
    args = parser.parse_args()
    if "HER_DATA_DIR" not in os.environ:
        os.environ["HER_DATA_DIR"] = tempfile.mkdtemp(prefix="her-probe-")
    if args.part == "frames":
        result = frames()
    elif args.part == "idle-title":
        result = idle("title")
    elif args.part == "idle-line":
        result = idle("line")
    else:
        result = {}
        result.update(startup())
        result.update(_part("frames"))
        for part in ("idle-title", "idle-line"):
            with tempfile.TemporaryDirectory(prefix="her-probe-") as data:  # fresh settings each time
                os.environ["HER_DATA_DIR"] = data
                result.update(_part(part))
    print(json.dumps({k: round(v, 4) for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
