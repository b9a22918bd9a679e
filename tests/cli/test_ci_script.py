"""`.ci/run` fails whenever a step fails, including a failing or empty test run.

The script runs for real under bash, with python3/python/ruff replaced by small shims on
PATH that report what they were asked and exit with the code the test chooses.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PYTHON3 = """#!/bin/bash
# python3 -m venv DIR: a venv whose activate puts the shims first
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && printf 'export PATH="%s:$PATH"\\n' "$SHIMS" > "$3/bin/activate"; exit 0
fi
exit 0
"""
PYTHON = """#!/bin/bash
echo "python $*" >> "$LOG"
case "$1 $2" in
  "-m pip") exit 0;;
  "-m game") exit "${FAKE_LINT:-0}";;
  "-m pytest") exit "${FAKE_PYTEST:-0}";;
esac
exit 0
"""
RUFF = """#!/bin/bash
echo "ruff $*" >> "$LOG"
exit "${FAKE_RUFF:-0}"
"""
APT_GET = """#!/bin/bash
echo "apt-get $*" >> "$LOG"
exit "${FAKE_APT:-0}"
"""


@pytest.fixture
def fake_repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    shims = tmp_path / "shims"
    shims.mkdir()
    for name, text in (("python3", PYTHON3), ("python", PYTHON), ("ruff", RUFF), ("apt-get", APT_GET)):
        path = shims / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return repo, shims, tmp_path / "log"


def run_ci(fake_repo, **codes) -> tuple[int, list[str]]:
    repo, shims, log = fake_repo
    env = {"PATH": f"{shims}:/usr/bin:/bin", "SHIMS": str(shims), "LOG": str(log), "HOME": str(repo)}
    env.update({k: str(v) for k, v in codes.items()})
    result = subprocess.run(["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    steps = log.read_text().splitlines() if log.exists() else []
    return result.returncode, steps


def test_all_green_passes_and_runs_every_step(fake_repo):
    code, steps = run_ci(fake_repo)
    assert code == 0
    assert "ruff check ." in steps
    assert "python -m game lint --strict" in steps
    pytest_runs = [s for s in steps if s.startswith("python -m pytest")]
    assert pytest_runs == ["python -m pytest"]  # the whole suite, nothing deselected


@pytest.mark.parametrize(("codes", "reached_pytest"), [
    ({"FAKE_PYTEST": 1}, True),  # a failing test
    ({"FAKE_PYTEST": 5}, True),  # no tests collected
    ({"FAKE_PYTEST": 2}, True),  # interrupted / usage error
    ({"FAKE_RUFF": 1}, False),
    ({"FAKE_LINT": 1}, False),
])
def test_any_failing_step_fails_the_run(fake_repo, codes, reached_pytest):
    code, steps = run_ci(fake_repo, **codes)
    assert code != 0
    assert any(s.startswith("python -m pytest") for s in steps) == reached_pytest


def test_espeak_ng_is_installed_only_when_missing_and_a_failed_install_is_not_fatal(fake_repo):
    code, steps = run_ci(fake_repo, FAKE_APT=100)
    assert code == 0 and "python -m pytest" in steps
    asked = [s for s in steps if s.startswith("apt-get")]
    if shutil.which("espeak-ng", path="/usr/bin:/bin"):
        assert asked == []
    else:
        assert asked == ["apt-get update -qq"]


def test_pytest_with_zero_tests_exits_5(tmp_path):
    (tmp_path / "tests").mkdir()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "tests")],
                            cwd=tmp_path, capture_output=True, env=env, timeout=60)
    assert result.returncode == 5
