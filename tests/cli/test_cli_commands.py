"""`her lint`, `her stats`, `her --help` and `python -m game` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"
FINDING = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")
SUMMARY = re.compile(r"^lint (ok|failed): (\d+) error\(s\), (\d+) warning\(s\)$")


def her(*args: str, cwd: Path = ROOT, data: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    if data is not None:
        env["HER_DATA_DIR"] = str(data)
    result = subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def lint_lines(result):
    lines = result.stdout.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    findings = [FINDING.match(line) for line in lines[:-1]]
    assert all(findings), lines
    return findings, SUMMARY.match(lines[-1])


def test_lint_output_format_paths_relative_to_the_current_directory():
    result = her("lint", "--story", "golden_broken", cwd=STORIES)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "golden_broken/broken.yaml:7:9: error: 'iff' is not a declared character or a line key (did you mean 'if'?)",
        "golden_broken/broken.yaml:8:11: error: 'b_typo' is not a node",
        "golden_broken/broken.yaml:9:3: warning: node 'b' can never be reached",
        # no "character 'n' never speaks": its only line was dropped for an error
        "lint failed: 2 error(s), 1 warning(s)",
    ]


def test_lint_paths_from_another_directory(tmp_path):
    result = her("lint", "--story", str(STORIES / "golden_broken"), cwd=tmp_path)
    findings, _ = lint_lines(result)
    assert {m["path"] for m in findings} == {os.path.relpath(STORIES / "golden_broken" / "broken.yaml", tmp_path)}


def test_lint_clean_story_exits_0():
    result = her("lint", "--story", "tests/stories/golden_walk")
    assert (result.returncode, result.stdout) == (0, "lint ok: 0 error(s), 0 warning(s)\n")
    assert her("lint", "--strict", "--story", "tests/stories/golden_walk").returncode == 0


def test_lint_warnings_pass_unless_strict(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    walk = STORIES / "golden_walk"
    for name in ("01_morning.yaml", "02_night.yaml"):
        (folder / name).write_text((walk / name).read_text())
    (folder / "story.yaml").write_text((walk / "story.yaml").read_text().replace("  told: false\n", "  told: false\n  spare: 1\n"))
    relaxed = her("lint", "--story", "story", cwd=tmp_path)
    assert relaxed.returncode == 0
    assert relaxed.stdout.splitlines() == ["story/story.yaml:10:3: warning: variable 'spare' is never used",
                                           "lint ok: 0 error(s), 1 warning(s)"]
    strict = her("lint", "--story", "story", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1] == "lint failed: 0 error(s), 1 warning(s)"


def test_lint_missing_story_folder(tmp_path):
    result = her("lint", "--story", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["nowhere:1:1: error: story folder not found", "lint failed: 1 error(s), 0 warning(s)"]


def test_lint_default_story_is_the_checkout_story(tmp_path):
    result = her("lint", cwd=tmp_path)
    findings, summary = lint_lines(result)
    assert result.returncode == (1 if int(summary.group(2)) else 0)
    for m in findings:
        path = (tmp_path / m["path"]).resolve()
        assert path.parent == (ROOT / "story").resolve() and path.is_file()


def test_stats_text_figures():
    result = her("stats", "--story", "tests/stories/golden_walk")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # counted by hand from the fixture: 6 nodes, 2 with choices, 3 + 2 choices, 43 + 16 words
    assert lines[0] == "Golden Walk: 2 chapters, 6 nodes, 2 choice points, 5 choices, 2 endings, 59 words"
    table = {line.split()[0]: line.split()[1:] for line in lines[1:] if line.startswith("  ")}
    assert table["morning"][:3] == ["43", "(2", "nodes,"]
    assert table["night"][:3] == ["16", "(4", "nodes,"]
    assert table["sam"] == ["17"] and table["narrator"] == ["15"] and table["theo"] == ["7"]


def test_stats_json_figures():
    result = her("stats", "--json", "--story", "tests/stories/golden_walk")
    assert result.returncode == 0
    stats = json.loads(result.stdout)
    assert stats["title"] == "Golden Walk"
    assert stats["totals"] == {"chapters": 2, "nodes": 6, "choice_points": 2, "choices": 5, "endings": 2, "words": 59}
    assert [(c["id"], c["title"], c["nodes"], c["choice_points"], c["choices"], c["words"]) for c in stats["chapters"]] == [
        ("morning", "Morning", 2, 2, 5, 43), ("night", "Night", 4, 0, 0, 16)]
    # choices are the player's words; every word is counted once
    assert stats["characters"] == {"(choices)": 20, "sam": 17, "narrator": 15, "theo": 7}
    assert sum(stats["characters"].values()) == stats["totals"]["words"]


def test_stats_on_a_broken_story(tmp_path):
    result = her("stats", "--story", str(STORIES / "golden_broken"), cwd=STORIES / "golden_broken")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == "broken.yaml:7:9: error: 'iff' is not a declared character or a line key (did you mean 'if'?)"


def test_help_lists_every_command():
    from game.cli import COMMANDS

    result = her("--help")
    assert result.returncode == 0
    assert "play" in COMMANDS and "lint" in COMMANDS and "stats" in COMMANDS
    for name, help_text in COMMANDS.items():
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), name
        assert help_text.split()[0] in result.stdout


def test_no_arguments_means_play(monkeypatch):
    """`her` alone opens the window: the parser turns it into `her play` (not run here)."""
    from game import cli

    seen = []
    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    for action in parser._subparsers._group_actions[0].choices.values():  # every command
        action.set_defaults(run=lambda args: seen.append(args.command) or 0)
    assert cli.main([]) == 0
    assert cli.main(["--text", "--choices", "1"]) == 0
    assert seen == ["play", "play"]


@pytest.mark.parametrize("args", [["lint", "--nope"], ["nope"], ["play", "--set"]])
def test_bad_arguments_are_usage_errors(args):
    result = her(*args)
    assert result.returncode == 2
    assert "usage: her" in result.stderr


def test_python_dash_m_game_and_the_console_script_agree():
    module = her("lint", "--story", "tests/stories/golden_walk")
    assert module.returncode == 0
    script = Path(sys.executable).with_name("her")
    if script.exists():  # installed with pip; otherwise `python -m game` is the way
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        direct = subprocess.run([str(script), "lint", "--story", "tests/stories/golden_walk"], cwd=ROOT, capture_output=True,
                                text=True, env=env, timeout=60)
        assert (direct.returncode, direct.stdout) == (module.returncode, module.stdout)


@pytest.mark.parametrize("story", sorted(p.name for p in STORIES.glob("lint_*")))
def test_lint_transcripts(story):
    """tests/stories/lint_*/expected.txt: the exact `her lint --story .` output, run from that folder."""
    folder = STORIES / story
    result = her("lint", "--story", ".", cwd=folder)
    assert result.stdout == (folder / "expected.txt").read_text()
    assert result.returncode == (1 if ": error: " in result.stdout else 0)


def test_version_prints_the_games_version():
    from game import __version__

    result = her("--version")
    assert (result.returncode, result.stdout) == (0, f"her {__version__}\n")
