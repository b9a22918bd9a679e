"""Golden transcripts: `her play --text` on small stories must print exactly the expected text.

Each tests/stories/golden_*/ folder is a story plus cases: the folder itself and every
cases/<name>/ hold `choices.txt` (the --choices value) and `expected.txt` (the exact stdout),
and optionally `args.txt` (more arguments, one per line), `stdin.txt`, `stderr.txt` (the exact
stderr) and `exit.txt` (the exit code, 0 when absent). Cases run from the story folder with
`--story .`, each with its own empty data folder, so paths and saves are the same everywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"
CHAINED = ("resume_first", "resume_second")  # run in order by test_continue_resumes_from_the_autosave


def cases():
    out = []
    for story in sorted(STORIES.glob("golden_*")):
        if (story / "expected.txt").exists():
            out.append(pytest.param(story, story, id=story.name))
        for case in sorted((story / "cases").glob("*")) if (story / "cases").is_dir() else []:
            if case.name not in CHAINED:
                out.append(pytest.param(story, case, id=f"{story.name}/{case.name}"))
    return out


def run_case(story: Path, case: Path, data_dir: Path) -> subprocess.CompletedProcess:
    def read(name: str, default: str = "") -> str:
        path = case / name
        return path.read_text(encoding="utf-8") if path.exists() else default

    args = [sys.executable, "-m", "game", "play", "--text", "--story", "."]
    choices = read("choices.txt").strip()
    if choices:
        args += ["--choices", choices]
    args += [a for a in read("args.txt").splitlines() if a]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(args, cwd=story, input=read("stdin.txt").encode(), capture_output=True, env=env, timeout=30)


def check(result: subprocess.CompletedProcess, case: Path) -> None:
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert "Traceback" not in stderr, stderr
    assert stdout == (case / "expected.txt").read_text(encoding="utf-8"), stderr
    if (case / "stderr.txt").exists():
        assert stderr == (case / "stderr.txt").read_text(encoding="utf-8")
    exit_file = case / "exit.txt"
    assert result.returncode == (int(exit_file.read_text()) if exit_file.exists() else 0), stderr


def test_there_are_golden_cases():
    found = cases()
    assert len(found) >= 15
    names = " ".join(p.id for p in found)
    for needed in ("reprompt", "eof", "from", "set_word", "outofrange", "golden_broken"):
        assert needed in names


@pytest.mark.parametrize(("story", "case"), cases())
def test_golden_transcript(story, case, tmp_path):
    check(run_case(story, case, tmp_path / "data"), case)


def test_continue_resumes_from_the_autosave(tmp_path):
    story = STORIES / "golden_walk"
    data = tmp_path / "data"
    first = story / "cases" / "resume_first"
    check(run_case(story, first, data), first)
    assert (data / "saves" / "auto.json").exists()  # written on exit (end of input)
    second = story / "cases" / "resume_second"
    check(run_case(story, second, data), second)


def test_continue_without_a_save_starts_a_new_game(tmp_path):
    story = STORIES / "golden_walk"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", ".", "--continue", "--choices", "1,1"],
                            cwd=story, capture_output=True, env=env, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 0
    assert result.stdout.decode() == (story / "expected.txt").read_text()
    assert result.stderr.decode() == "her: no save to continue; starting a new game\n"


def test_story_errors_match_lint(tmp_path):
    """The player's error lines are lint's error lines: one loader."""
    story = STORIES / "golden_broken"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(tmp_path)}
    lint = subprocess.run([sys.executable, "-m", "game", "lint", "--story", "."], cwd=story, capture_output=True, env=env, timeout=30)
    assert lint.returncode == 1
    errors = [line for line in lint.stdout.decode().splitlines() if ": error: " in line]
    stderr = (story / "stderr.txt").read_text().splitlines()
    assert errors == stderr[:-1]
